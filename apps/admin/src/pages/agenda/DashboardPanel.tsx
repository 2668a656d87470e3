import { CalendarOutlined } from "@ant-design/icons"
import { useQuery } from "@tanstack/react-query"
import type { AgendaItemView } from "@xianfeng/api/contract/agenda"
import { Button, Collapse, Flex, List, Tag, Typography } from "antd"
import { useMemo, useState } from "react"
import { Link } from "react-router-dom"
import { useI18n } from "../../i18n/I18nProvider"
import { ErrorState, Loading } from "../../shell/states"
import { upcomingQuery } from "./api"

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

/** Items of one kind and topic (one obligation, one step), soonest first, as one line of the panel. */
interface Group {
  readonly key: string
  readonly kind: string
  readonly topic: string | null
  readonly items: AgendaItemView[]
}

/** Groups in the order of their soonest item (the items come soonest first). */
const groupsOf = (items: readonly AgendaItemView[]): Group[] => {
  const groups = new Map<string, Group>()
  for (const i of items) {
    const key = `${i.kind}|${i.topic ?? ""}`
    const g = groups.get(key) ?? { key, kind: i.kind, topic: i.topic, items: [] }
    g.items.push(i)
    groups.set(key, g)
  }
  return [...groups.values()]
}

const Item = ({ i, asOf }: { readonly i: AgendaItemView; readonly asOf: string }) => {
  const { t, td } = useI18n()
  return (
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
          <When item={i} asOf={asOf} />
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
  )
}

/**
 * 近30天到期: what falls due in the caller's scope in the next 30 days, every area's items together, grouped by
 * kind and topic (one line per obligation or step: a district's hundreds of items read as a dozen lines), the
 * soonest group open; each item links to the page that shows it; a filter per kind. Lists, so a phone reads them.
 */
const DashboardPanel = () => {
  const { t, td } = useI18n()
  const query = useQuery(upcomingQuery())
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
  const groups = groupsOf(shown)
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
      {groups.length === 0 ? (
        <List size="small" dataSource={[]} locale={{ emptyText: t("agenda.panel.empty") }} />
      ) : (
        <Collapse
          size="small"
          key={kind ?? "all"}
          defaultActiveKey={groups[0] ? [groups[0].key] : []}
          style={{ marginBottom: 8 }}
          items={groups.map((g) => {
            const overdue = g.items.filter((i) => i.state === "overdue").length
            const soonest = g.items[0]
            return {
              key: g.key,
              label: (
                <Flex wrap gap={6} align="center" data-testid="agenda-group" data-kind={g.kind}>
                  <Tag color={kindColor[g.kind] ?? "default"} style={{ marginInlineEnd: 0 }}>
                    {td(`agenda.kind.${g.kind}`, g.kind)}
                  </Tag>
                  {g.topic ? <Typography.Text strong>{g.topic}</Typography.Text> : null}
                  <Typography.Text>{t("agenda.group.count", { count: g.items.length })}</Typography.Text>
                  {overdue > 0 ? (
                    <Tag color="red" style={{ marginInlineEnd: 0 }}>
                      {t("agenda.group.overdue", { count: overdue })}
                    </Tag>
                  ) : null}
                  {soonest ? <When item={soonest} asOf={view.asOf} /> : null}
                </Flex>
              ),
              children: (
                <List
                  size="small"
                  dataSource={g.items}
                  rowKey={(i) => i.uid}
                  pagination={
                    g.items.length > 8 ? { pageSize: 8, size: "small", simple: true, align: "center" } : false
                  }
                  renderItem={(i) => <Item i={i} asOf={view.asOf} />}
                />
              ),
            }
          })}
        />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="agenda-total">
        {view.total > view.items.length
          ? t(view.totalExact ? "agenda.panel.capped" : "agenda.panel.cappedAtLeast", {
              shown: view.items.length,
              count: view.total,
            })
          : t("agenda.panel.total", { count: view.total })}
      </Typography.Text>
    </div>
  )
}

export default DashboardPanel
