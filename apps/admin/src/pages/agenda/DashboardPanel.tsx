import { CalendarOutlined } from "@ant-design/icons"
import { useQuery } from "@tanstack/react-query"
import type { AgendaItemView } from "@xianfeng/api/contract/agenda"
import { Button, Flex, List, Tag, Typography } from "antd"
import { useMemo, useState } from "react"
import { Link } from "react-router-dom"
import { useI18n } from "../../i18n/I18nProvider"
import { ErrorState, Loading } from "../../shell/states"
import { agendaApi, agendaKeys } from "./api"

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

const kindColor: Readonly<Record<string, string>> = {
  "development.step": "blue",
  "discipline.obligation": "purple",
  "discipline.order": "volcano",
  "care.visit-plan": "magenta",
  "education.session": "cyan",
  "appraisal.case-step": "gold",
}

const When = ({ item, asOf }: { readonly item: AgendaItemView; readonly asOf: string }) => {
  const { t } = useI18n()
  const days = daysBetween(asOf, item.date)
  const text =
    days === 0
      ? t("agenda.today")
      : days > 0
        ? t("agenda.inDays", { days })
        : t("agenda.daysAgo", { days: -days })
  return (
    <Typography.Text type={item.state === "overdue" ? "danger" : days <= 7 ? "warning" : "secondary"}>
      <span className="mono">{item.date}</span> {text}
    </Typography.Text>
  )
}

/**
 * 近30天到期: what falls due in the caller's scope in the next 30 days, every area's items together, soonest
 * first, each linking to the page that shows it; a filter per kind. A list, so it reads as cards on a phone.
 */
const DashboardPanel = () => {
  const { t, td } = useI18n()
  const query = useQuery({ queryKey: agendaKeys.agenda(undefined), queryFn: () => agendaApi.agenda() })
  const [kind, setKind] = useState<string | undefined>(undefined)
  const kinds = useMemo(() => {
    const counts = new Map<string, number>()
    for (const i of query.data?.items ?? []) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1)
    return [...counts.entries()]
  }, [query.data])
  if (query.error) return <ErrorState error={query.error} onRetry={() => query.refetch()} />
  if (!query.data) return <Loading />
  const view = query.data
  const shown = kind === undefined ? [...view.items] : view.items.filter((i) => i.kind === kind)
  return (
    <div data-testid="agenda-panel">
      <Flex wrap gap={8} align="center" justify="space-between" style={{ marginBottom: 8 }}>
        <Flex wrap gap={4}>
          <Tag.CheckableTag checked={kind === undefined} onChange={() => setKind(undefined)}>
            {t("agenda.kind.all")} {view.items.length}
          </Tag.CheckableTag>
          {kinds.map(([k, n]) => (
            <Tag.CheckableTag
              key={k}
              checked={kind === k}
              onChange={() => setKind(k)}
              data-testid={`agenda-kind-${k}`}
            >
              {td(`agenda.kind.${k}`, k)} {n}
            </Tag.CheckableTag>
          ))}
        </Flex>
        <Link to="/agenda/feed">
          <Button type="link" size="small" icon={<CalendarOutlined />} style={{ paddingInline: 0 }}>
            {t("agenda.panel.subscribe")}
          </Button>
        </Link>
      </Flex>
      <List
        size="small"
        dataSource={shown}
        rowKey={(i) => i.uid}
        locale={{ emptyText: t("agenda.panel.empty") }}
        pagination={shown.length > 8 ? { pageSize: 8, size: "small", simple: true, align: "center" } : false}
        renderItem={(i) => (
          <List.Item data-testid="agenda-item">
            <Flex vertical gap={2} style={{ minWidth: 0, width: "100%" }}>
              <Flex wrap gap={6} align="center">
                <Tag color={kindColor[i.kind] ?? "default"} style={{ marginInlineEnd: 0 }}>
                  {td(`agenda.kind.${i.kind}`, i.kind)}
                </Tag>
                {i.state === "overdue" ? (
                  <Tag color="red" style={{ marginInlineEnd: 0 }}>
                    {t("agenda.state.overdue")}
                  </Tag>
                ) : null}
                <When item={i} asOf={view.asOf} />
              </Flex>
              <Link to={i.link} style={{ overflowWrap: "anywhere" }}>
                {i.title}
              </Link>
              {i.citations.length > 0 ? (
                <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: "anywhere" }}>
                  {i.citations.join("；")}
                </Typography.Text>
              ) : null}
            </Flex>
          </List.Item>
        )}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="agenda-total">
        {view.total > view.items.length
          ? t("agenda.panel.capped", { shown: view.items.length, count: view.total })
          : t("agenda.panel.total", { count: view.total })}
      </Typography.Text>
    </div>
  )
}

export default DashboardPanel
