import { useQuery } from "@tanstack/react-query"
import { Col, Empty, Row, Statistic, Typography } from "antd"
import ReactEChartsCore from "echarts-for-react/esm/core"
import { useMemo } from "react"
import { useNavigate } from "react-router-dom"
import { stages } from "../../api/types"
import { echarts } from "../../charts/echarts"
import { useScreens } from "../../components/screens"
import { useI18n } from "../../i18n/I18nProvider"
import { ErrorState, Loading } from "../../shell/states"
import { scopeRootQuery, scopeStagesQuery } from "./queries"

/** 组织概况: the caller's scope root and how many people stand at each stage of development. */
const OverviewPanel = () => {
  const { t, td } = useI18n()
  const navigate = useNavigate()
  const narrow = useScreens().md === false
  // Both at once: the stage counts of the caller's whole scope need not wait for the scope's root.
  const root = useQuery(scopeRootQuery())
  const byStage = useQuery(scopeStagesQuery())

  const counts = useMemo(() => {
    const m = new Map((byStage.data?.items ?? []).map((i) => [i.stage, i.count]))
    return stages.map((s) => ({ stage: s, label: td(`stage.${s}`, s), count: m.get(s) ?? 0 }))
  }, [byStage.data, td])

  if (root.error) return <ErrorState error={root.error} onRetry={() => root.refetch()} />
  if (!root.data) return <Loading />

  // Each bar says what it counts (people at that stage) and of what: the people at all five stages together.
  const total = counts.reduce((n, c) => n + c.count, 0)
  const share = (n: number) => (total === 0 ? 0 : Math.round((n / total) * 1000) / 10)
  const valueLabel = {
    show: true,
    formatter: (p: { value: unknown }) =>
      t("overview.barLabel", { count: Number(p.value).toLocaleString(), share: share(Number(p.value)) }),
  }
  const tooltip = {
    trigger: "axis" as const,
    formatter: (ps: { dataIndex: number }[]) => {
      const c = counts[ps[0]?.dataIndex ?? -1]
      return c
        ? t("overview.barTooltip", {
            stage: c.label,
            count: c.count.toLocaleString(),
            total: total.toLocaleString(),
            share: share(c.count),
          })
        : ""
    },
  }
  const valueAxis = {
    type: "value" as const,
    minInterval: 1,
    axisLabel: { formatter: (v: number) => v.toLocaleString() },
  }
  // On a phone five stage names side by side run into each other (and English ones are long): the bars lie
  // down, one stage per row, its name in full on the left.
  const option = narrow
    ? {
        grid: { left: 8, right: 120, top: 8, bottom: 8, containLabel: true },
        tooltip,
        yAxis: {
          type: "category" as const,
          inverse: true,
          data: counts.map((c) => c.label),
          axisTick: { show: false },
          axisLabel: { interval: 0, width: 110, overflow: "break" as const },
        },
        // The bars' labels take the right margin: fewer ticks, and none drawn over another.
        xAxis: { ...valueAxis, splitNumber: 2, axisLabel: { ...valueAxis.axisLabel, hideOverlap: true } },
        series: [
          {
            type: "bar" as const,
            name: t("overview.count"),
            data: counts.map((c) => c.count),
            barMaxWidth: 24,
            itemStyle: { color: "#c8161d", borderRadius: [0, 3, 3, 0] },
            label: { ...valueLabel, position: "right" as const },
          },
        ],
      }
    : {
        grid: { left: 56, right: 16, top: 24, bottom: 48 },
        tooltip,
        xAxis: {
          type: "category" as const,
          data: counts.map((c) => c.label),
          axisTick: { alignWithLabel: true },
          axisLabel: { interval: 0, width: 96, overflow: "break" as const },
        },
        yAxis: { ...valueAxis, name: t("overview.countUnit") },
        series: [
          {
            type: "bar" as const,
            name: t("overview.count"),
            data: counts.map((c) => c.count),
            barMaxWidth: 48,
            itemStyle: { color: "#c8161d", borderRadius: [3, 3, 0, 0] },
            label: { ...valueLabel, position: "top" as const },
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
        {/* The counts and the chart each show as their own answer arrives. */}
        {byStage.error ? (
          <ErrorState error={byStage.error} onRetry={() => byStage.refetch()} />
        ) : !byStage.data ? (
          <Loading />
        ) : counts.every((c) => c.count === 0) ? (
          <Empty description={t("common.empty")} />
        ) : (
          <div data-testid="stage-chart" data-orientation={narrow ? "horizontal" : "vertical"}>
            <Typography.Text type="secondary" data-testid="stage-chart-caption">
              {t("overview.byStageCaption", { org: root.data.name, total: total.toLocaleString() })}
            </Typography.Text>
            <ReactEChartsCore
              echarts={echarts}
              option={option}
              style={{ height: narrow ? 240 : 280 }}
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
