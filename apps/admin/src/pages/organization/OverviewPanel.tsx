import { useQuery } from "@tanstack/react-query"
import { Col, Empty, Row, Statistic } from "antd"
import ReactEChartsCore from "echarts-for-react/esm/core"
import { useMemo } from "react"
import { useNavigate } from "react-router-dom"
import { endpoints } from "../../api/endpoints"
import { stages } from "../../api/types"
import { echarts } from "../../charts/echarts"
import { useI18n } from "../../i18n/I18nProvider"
import { ErrorState, Loading } from "../../shell/states"

/** 组织概况: the caller's scope root and how many people stand at each stage of development. */
const OverviewPanel = () => {
  const { t, td } = useI18n()
  const navigate = useNavigate()
  const root = useQuery({ queryKey: ["orgs", "root"], queryFn: endpoints.rootOrg })
  const rootId = root.data?.id
  const byStage = useQuery({
    queryKey: ["stats", "members-by-stage", rootId],
    queryFn: () => endpoints.membersByStage(rootId ?? ""),
    enabled: rootId !== undefined,
  })

  const counts = useMemo(() => {
    const m = new Map((byStage.data?.items ?? []).map((i) => [i.stage, i.count]))
    return stages.map((s) => ({ stage: s, label: td(`stage.${s}`, s), count: m.get(s) ?? 0 }))
  }, [byStage.data, td])

  if (root.error) return <ErrorState error={root.error} onRetry={() => root.refetch()} />
  if (byStage.error) return <ErrorState error={byStage.error} onRetry={() => byStage.refetch()} />
  if (!root.data || !byStage.data) return <Loading />

  const option = {
    grid: { left: 48, right: 16, top: 24, bottom: 40 },
    tooltip: { trigger: "axis" as const },
    xAxis: {
      type: "category" as const,
      data: counts.map((c) => c.label),
      axisTick: { alignWithLabel: true },
      // Every stage named, wrapped on a phone rather than every other one dropped.
      axisLabel: { interval: 0, width: 64, overflow: "break" as const },
    },
    yAxis: {
      type: "value" as const,
      name: t("overview.count"),
      minInterval: 1,
      axisLabel: { formatter: (v: number) => v.toLocaleString() },
    },
    series: [
      {
        type: "bar" as const,
        name: t("overview.count"),
        data: counts.map((c) => c.count),
        barMaxWidth: 48,
        itemStyle: { color: "#c8161d", borderRadius: [3, 3, 0, 0] },
        label: {
          show: true,
          position: "top" as const,
          formatter: (p: { value: unknown }) => Number(p.value).toLocaleString(),
        },
      },
    ],
  }

  return (
    <Row gutter={[24, 16]}>
      <Col xs={24} lg={7}>
        <Statistic title={t("overview.scopeRoot")} value={root.data.name} valueStyle={{ fontSize: 20 }} />
        <Row gutter={16} style={{ marginTop: 24 }}>
          <Col span={12}>
            <Statistic title={t("overview.childOrgs")} value={root.data.childCount} />
          </Col>
          <Col span={12}>
            <Statistic
              title={t("overview.members")}
              value={root.data.memberCount}
              data-testid="overview-members"
            />
          </Col>
        </Row>
      </Col>
      <Col xs={24} lg={17}>
        {counts.every((c) => c.count === 0) ? (
          <Empty description={t("common.empty")} />
        ) : (
          <div data-testid="stage-chart">
            <ReactEChartsCore
              echarts={echarts}
              option={option}
              style={{ height: 280 }}
              notMerge
              onEvents={{
                click: (e: { dataIndex: number }) => {
                  const s = counts[e.dataIndex]
                  if (s) navigate(`/members?stage=${s.stage}`)
                },
              }}
            />
          </div>
        )}
      </Col>
    </Row>
  )
}

export default OverviewPanel
