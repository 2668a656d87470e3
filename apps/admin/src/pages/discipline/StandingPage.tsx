import { useQuery } from "@tanstack/react-query"
import type { StandingView } from "@xianfeng/api/contract/discipline"
import { Alert, Empty, Space, Tag, Tooltip } from "antd"
import type { ColumnsType } from "antd/es/table"
import { useSearchParams } from "react-router-dom"
import { OrgPicker } from "../../components/OrgPicker"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import type { MessageKey } from "../../i18n/messages"
import { Page } from "../../shell/Page"
import { ErrorState } from "../../shell/states"
import { disciplineApi } from "./api"

type Row = StandingView["members"][number]

const color = { ok: "green", warning: "orange", due: "red", overdue: "red" } as Record<string, string>

/** Alerts the branch should take up (not "ok", not "cannot judge" for evidence missing): these rows come first. */
const actionable = (r: Row): number =>
  r.alerts.filter((a) => a.status !== "ok" && !a.code.endsWith("-unknown")).length

/** The members with alerts to take up first (most first), then the rest in the branch's order. */
const alertsFirst = (rows: readonly Row[]): Row[] =>
  rows
    .map((r, i) => ({ r, i, n: actionable(r) }))
    .sort((a, b) => (b.n > 0 ? 1 : 0) - (a.n > 0 ? 1 : 0) || b.n - a.n || a.i - b.i)
    .map((x) => x.r)

/**
 * 党员组织生活状态提示: for one branch, each member's alerts — self-lapse (PC 9, EM 31), lost contact (EM 24), away
 * without transfer (EM 25) — and, above them, the evidence the alerts could not read. Alerts for the branch
 * to take up, never decisions.
 */
const StandingPage = () => {
  const { t } = useI18n()
  const [params, setParams] = useSearchParams()
  const orgId = params.get("orgId") ?? undefined
  const standing = useQuery({
    queryKey: ["discipline", "standing", orgId],
    queryFn: () => disciplineApi.standing(orgId ?? ""),
    enabled: orgId !== undefined,
  })
  const columns: ColumnsType<Row> = [
    { title: t("discipline.memberName"), dataIndex: "name", width: 120 },
    {
      title: t("discipline.lastAttended"),
      dataIndex: "lastAttended",
      width: 130,
      render: (d: string | null) => d ?? t("discipline.never"),
    },
    {
      title: t("discipline.alerts"),
      dataIndex: "alerts",
      render: (alerts: Row["alerts"], row: Row) => (
        <Space wrap size={[4, 4]} data-testid={`standing-alerts-${row.memberId}`}>
          {alerts.map((a) => (
            <Tooltip key={a.code} title={a.citations.join("；")}>
              <Tag color={color[a.status] ?? "default"} style={{ whiteSpace: "normal" }}>
                {a.message}
              </Tag>
            </Tooltip>
          ))}
        </Space>
      ),
    },
  ]
  const data = standing.data
  return (
    <Page
      title={t("discipline.standing")}
      extra={
        <OrgPicker
          value={orgId}
          onChange={(v) => setParams(v ? { orgId: v } : {}, { replace: true })}
          testId="standing-org"
          preselectBranch
        />
      }
    >
      {orgId === undefined ? (
        <Empty description={t("discipline.pickBranch")} />
      ) : standing.isError ? (
        <ErrorState error={standing.error} />
      ) : (
        <>
          {data && data.missingEvidence.length > 0 && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="standing-missing"
              message={t("discipline.missingEvidence", {
                what: data.missingEvidence.map((k) => t(`discipline.evidence.${k}` as MessageKey)).join("、"),
              })}
            />
          )}
          <XfTable<Row>
            rowKey="memberId"
            size="small"
            pagination={{ pageSize: 30 }}
            loading={standing.isLoading}
            columns={columns}
            dataSource={data ? alertsFirst(data.members) : []}
            data-testid="standing-list"
          />
        </>
      )}
    </Page>
  )
}

export default StandingPage
