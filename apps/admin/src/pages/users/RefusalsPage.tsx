import { useQuery } from "@tanstack/react-query"
import { Card, Form, InputNumber, Select, Tag, Typography } from "antd"
import type { ColumnsType } from "antd/es/table"
import { useState } from "react"
import { endpoints } from "../../api/endpoints"
import type { Refusal } from "../../api/types"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import { Page } from "../../shell/Page"
import { ErrorState } from "../../shell/states"

/**
 * 安全事件: repeated refusals for the security administrator (安全管理员; GB/T 22239-2019 8.1.10.3 对安全
 * 事件进行分析) — minutes in which one user or one address was refused at least N times: cross-scope 404s,
 * a role's 403s, CSRF refusals, failed sign-ins (GET /api/security/refusals). Reading them is audited.
 */
const kindColor: Record<Refusal["kind"], string> = {
  scope: "orange",
  role: "gold",
  csrf: "magenta",
  "sign-in": "red",
}

const RefusalsPage = () => {
  const { t, locale } = useI18n()
  const [hours, setHours] = useState(24)
  const [atLeast, setAtLeast] = useState(3)
  const refusals = useQuery({
    queryKey: ["refusals", hours, atLeast],
    queryFn: () => endpoints.refusals(hours, atLeast),
  })
  if (refusals.error) return <ErrorState error={refusals.error} onRetry={() => refusals.refetch()} />
  const when = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" })

  const columns: ColumnsType<Refusal> = [
    {
      title: t("refusals.minute"),
      dataIndex: "minute",
      render: (m: string) => when.format(new Date(m)),
    },
    {
      title: t("refusals.kind"),
      dataIndex: "kind",
      render: (k: Refusal["kind"]) => <Tag color={kindColor[k]}>{t(`refusals.kind.${k}`)}</Tag>,
    },
    {
      title: t("refusals.who"),
      render: (_: unknown, r) => r.username ?? t("refusals.unknownUser"),
    },
    {
      title: t("refusals.ip"),
      dataIndex: "ip",
      render: (ip: string | null) => <span className="mono">{ip ?? "—"}</span>,
    },
    { title: t("refusals.count"), dataIndex: "count", align: "right" },
  ]

  return (
    <Page title={t("refusals.title")}>
      <Card>
        <Typography.Paragraph type="secondary">{t("refusals.subtitle")}</Typography.Paragraph>
        <Form layout="inline" className="xf-filter-form">
          <Form.Item label={t("refusals.window")}>
            <Select<number>
              value={hours}
              onChange={setHours}
              style={{ minWidth: 140 }}
              data-testid="refusals-window"
              options={([1, 24, 168, 720] as const).map((h) => ({
                value: h,
                label: t(`refusals.hours.${h}`),
              }))}
            />
          </Form.Item>
          <Form.Item label={t("refusals.atLeast")}>
            <InputNumber<number>
              min={1}
              max={1000}
              value={atLeast}
              onChange={(v) => setAtLeast(v ?? 1)}
              data-testid="refusals-at-least"
            />
          </Form.Item>
        </Form>
        <XfTable<Refusal>
          data-testid="refusals-table"
          rowKey={(r) => `${r.kind}|${r.userId ?? ""}|${r.ip ?? ""}|${r.minute}`}
          size="middle"
          columns={columns}
          dataSource={refusals.data?.items as Refusal[] | undefined}
          loading={refusals.isFetching}
          locale={{ emptyText: refusals.isPending ? " " : t("refusals.empty") }}
          pagination={{ pageSize: 50, showTotal: (total) => t("common.total", { total }) }}
          style={{ marginTop: 16 }}
        />
      </Card>
    </Page>
  )
}

export default RefusalsPage
