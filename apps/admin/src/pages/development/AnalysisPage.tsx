import { FileExcelOutlined } from "@ant-design/icons"
import { useQuery } from "@tanstack/react-query"
import { App, Button, Card, Col, Empty, Row, Select, Space } from "antd"
import ReactEChartsCore from "echarts-for-react/esm/core"
import { useState } from "react"
import { useSearchParams } from "react-router-dom"
import { OrgPicker } from "../../components/OrgPicker"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import type { MessageKey } from "../../i18n/messages"
import { useSession } from "../../shell/auth"
import { Page } from "../../shell/Page"
import { ErrorState, Loading, problemMessage } from "../../shell/states"
import { AnnualPlanEditor } from "./AnnualPlanEditor"
import { devApi, download, exportUrls } from "./api"
import { echarts } from "./charts"
import { PoolAnalysisPanel } from "./PoolAnalysisPanel"
import { devKeys } from "./queries"
import type { Composition } from "./types"

type Breakdown = Composition["byStage"]
const palette = ["#c8161d", "#fa8c16", "#1677ff", "#13a8a8", "#722ed1", "#52c41a", "#eb2f96", "#8c8c8c"]

const barOption = (data: Breakdown, name: string, horizontal = false) => {
  const category = {
    type: "category" as const,
    data: data.map((d) => d.label),
    axisTick: { alignWithLabel: true },
  }
  const value = { type: "value" as const, minInterval: 1 }
  return {
    color: palette,
    grid: { left: horizontal ? 8 : 40, right: 24, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis" as const },
    xAxis: horizontal ? value : { ...category, axisLabel: { interval: 0, rotate: data.length > 4 ? 30 : 0 } },
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: [
      {
        type: "bar" as const,
        name,
        data: data.map((d) => d.count),
        barMaxWidth: 36,
        itemStyle: { color: "#c8161d", borderRadius: horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0] },
        label: { show: true, position: horizontal ? ("right" as const) : ("top" as const) },
      },
    ],
  }
}

const pieOption = (data: Breakdown, name: string) => ({
  color: palette,
  tooltip: { trigger: "item" as const, formatter: "{b}: {c} ({d}%)" },
  legend: { type: "scroll" as const, bottom: 0 },
  series: [
    {
      type: "pie" as const,
      name,
      radius: ["30%", "55%"],
      center: ["50%", "45%"],
      data: data.map((d) => ({ name: d.label, value: d.count })),
      // Whole labels, wrapped rather than cut ("高知…"); slices too thin to label (several ethnic groups
      // of one person each) are named in the legend and the tooltip instead of piling up at the edge.
      label: { formatter: "{b}\n{c}", width: 84, overflow: "break" as const },
      minShowLabelAngle: 6,
      avoidLabelOverlap: true,
      labelLayout: { hideOverlap: true },
    },
  ],
})

const ChartCard = ({
  title,
  data,
  kind,
  testId,
  height = 280,
}: {
  readonly title: MessageKey
  readonly data: Breakdown
  readonly kind: "bar" | "pie" | "hbar"
  readonly testId: string
  readonly height?: number
}) => {
  const { t } = useI18n()
  const name = t("dev.analysis.count")
  const option = kind === "pie" ? pieOption(data, name) : barOption(data, name, kind === "hbar")
  return (
    <Card size="small" title={t(title)} data-testid={testId}>
      {data.length === 0 || data.every((d) => d.count === 0) ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("common.empty")} style={{ height }} />
      ) : (
        <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge lazyUpdate />
      )}
    </Card>
  )
}

/** 年度分析: who is in the pipeline, by every dimension DR 37 asks about, and the year's plan. */
const AnalysisPage = () => {
  const { t, locale } = useI18n()
  const { session } = useSession()
  // DR 11: the analysis is the county department's and the committees', not a branch's.
  const canRecordPool = session?.user.role === "district-admin" || session?.user.role === "committee-officer"
  const { message } = App.useApp()
  const [search, setSearch] = useSearchParams()
  const thisYear = new Date().getFullYear()
  const year = Number(search.get("year")) || thisYear
  const orgId = search.get("orgId") ?? undefined
  const [exporting, setExporting] = useState(false)
  const query = useQuery({
    queryKey: devKeys.composition(year, orgId),
    queryFn: () => devApi.composition(year, orgId),
  })
  const set = (key: string, v: string | undefined) => {
    const next = new URLSearchParams(search)
    if (v) next.set(key, v)
    else next.delete(key)
    setSearch(next, { replace: true })
  }
  const exportAnalysis = async () => {
    setExporting(true)
    try {
      const name = await download(exportUrls.composition(year, orgId), locale, `composition-${year}.xlsx`)
      message.success(t("dev.timeline.exported", { name }))
    } catch (e) {
      message.error(t("dev.timeline.exportFailed", { reason: problemMessage(e, String(e)) }))
    } finally {
      setExporting(false)
    }
  }
  const c = query.data
  return (
    <Page
      title={t("dev.analysis.title")}
      extra={
        <Space wrap>
          <span>{t("dev.analysis.year")}</span>
          <Select
            value={year}
            style={{ width: 110 }}
            onChange={(v: number) => set("year", String(v))}
            options={Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => ({
              value: y,
              label: String(y),
            }))}
            data-testid="analysis-year"
          />
          <div style={{ width: 260 }}>
            <OrgPicker
              value={orgId}
              onChange={(v) => set("orgId", v)}
              allowClear
              placeholder={t("dev.board.orgAll")}
            />
          </div>
          <Button
            icon={<FileExcelOutlined />}
            onClick={exportAnalysis}
            loading={exporting}
            data-testid="export-analysis"
          >
            {t("dev.analysis.export")}
          </Button>
        </Space>
      }
    >
      {query.error ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : !c ? (
        <Loading />
      ) : (
        <Row gutter={[16, 16]} data-testid="analysis-charts">
          <Col xs={24} xl={8}>
            <ChartCard title="dev.analysis.byStage" data={c.byStage} kind="bar" testId="chart-stage" />
          </Col>
          <Col xs={24} xl={8}>
            <ChartCard
              title="dev.analysis.byOccupation"
              data={c.byOccupation}
              kind="pie"
              testId="chart-occupation"
            />
          </Col>
          <Col xs={24} xl={8}>
            <ChartCard title="dev.analysis.byAgeBand" data={c.byAgeBand} kind="bar" testId="chart-age" />
          </Col>
          <Col xs={24} xl={8}>
            <ChartCard
              title="dev.analysis.byEducation"
              data={c.byEducation}
              kind="bar"
              testId="chart-education"
            />
          </Col>
          <Col xs={24} xl={8}>
            <ChartCard title="dev.analysis.bySex" data={c.bySex} kind="pie" testId="chart-sex" />
          </Col>
          <Col xs={24} xl={8}>
            <ChartCard
              title="dev.analysis.byEthnicity"
              data={c.byEthnicity}
              kind="pie"
              testId="chart-ethnicity"
            />
          </Col>
          <Col xs={24} xl={14}>
            <ChartCard
              title="dev.analysis.byOrganization"
              data={[...c.byOrganization].sort((a, b) => b.count - a.count).slice(0, 15)}
              kind="hbar"
              testId="chart-org"
              height={420}
            />
          </Col>
          <Col xs={24} xl={10}>
            <Card size="small" title={t("dev.analysis.dormant")} data-testid="dormant">
              <XfTable
                size="small"
                rowKey="orgId"
                dataSource={[...c.dormant]}
                pagination={c.dormant.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
                locale={{ emptyText: t("dev.analysis.dormantNone") }}
                columns={[
                  { title: t("dev.analysis.orgName"), dataIndex: "orgName" },
                  {
                    title: t("dev.analysis.lastAdmission"),
                    dataIndex: "lastAdmission",
                    width: 140,
                    render: (d: string | null) => (
                      <span className="mono">{d ?? t("dev.analysis.never")}</span>
                    ),
                  },
                ]}
              />
            </Card>
          </Col>
          <Col span={24}>
            <AnnualPlanEditor year={year} />
          </Col>
          <Col span={24}>
            <PoolAnalysisPanel orgId={orgId} year={year} canRecord={canRecordPool} />
          </Col>
        </Row>
      )}
    </Page>
  )
}

export default AnalysisPage
