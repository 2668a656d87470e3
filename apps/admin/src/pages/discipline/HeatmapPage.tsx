import { useQuery } from "@tanstack/react-query"
import { Empty, Grid, Space } from "antd"
import ReactEChartsCore from "echarts-for-react/esm/core"
import { useNavigate, useSearchParams } from "react-router-dom"
import { OrgPicker } from "../../components/OrgPicker"
import { useI18n } from "../../i18n/I18nProvider"
import { Page } from "../../shell/Page"
import { ErrorState, Loading } from "../../shell/states"
import { disciplineApi } from "./api"
import { echarts } from "./charts"
import { useYearParam, YearPicker } from "./YearPicker"

/**
 * Branches × months: each cell is the share of the obligations ending that month which were met (grey when
 * nothing was decided yet). A click on a cell opens that branch's compliance calendar.
 */
const HeatmapPage = () => {
  const { t } = useI18n()
  const navigate = useNavigate()
  const narrow = Grid.useBreakpoint().md === false
  const [params, setParams] = useSearchParams()
  const orgId = params.get("orgId") ?? undefined
  const [year, setYear] = useYearParam()
  const heatmap = useQuery({
    queryKey: ["discipline", "heatmap", orgId, year],
    queryFn: () => disciplineApi.heatmap({ orgId, year }),
  })
  const data = heatmap.data
  const rows = data?.branches ?? []
  const option = {
    tooltip: {
      formatter: (p: { data: [number, number, number | null, number, number] }) => {
        const row = rows[p.data[1]]
        const cell = row?.cells[p.data[0]]
        return cell
          ? `${row?.name} ${data?.months[p.data[0]]}<br/>${t("discipline.status.met")} ${cell.met} · ${t("discipline.status.overdue")} ${cell.overdue} · ${t("discipline.status.missed")} ${cell.missed}`
          : ""
      },
    },
    // Drawn at once (no entry animation): a district has hundreds of rows, and a picture is what is wanted.
    animation: false,
    grid: { left: 8, right: 12, top: 10, bottom: 60, containLabel: true },
    xAxis: {
      type: "category",
      data: (data?.months ?? []).map((m) => m.slice(5)),
      name: data ? String(data.year) : "",
      nameLocation: "start",
    },
    yAxis: {
      type: "category",
      data: rows.map((r) => r.name),
      // Long branch names are cut to fit; the tooltip and the drill-down show them whole.
      axisLabel: { width: narrow ? 96 : 220, overflow: "truncate" },
    },
    visualMap: {
      min: 0,
      max: 1,
      calculable: true,
      orient: "horizontal",
      left: "center",
      bottom: 0,
      inRange: { color: ["#cf1322", "#faad14", "#389e0d"] },
    },
    series: [
      {
        type: "heatmap",
        // Drawn in one pass: progressive rendering (above 3,000 cells) leaves a district's upper rows blank
        // until enough animation frames have run, which a background tab or a busy machine may never give.
        progressive: 0,
        data: rows.flatMap((r, y) =>
          r.cells.map((c, x) => [x, y, c.met + c.overdue + c.missed === 0 ? null : c.rate] as const),
        ),
      },
    ],
  }
  return (
    <Page
      title={t("discipline.heatmap")}
      extra={
        <Space wrap>
          <OrgPicker
            value={orgId}
            allowClear
            onChange={(v) => {
              const next = new URLSearchParams(params)
              if (v) next.set("orgId", v)
              else next.delete("orgId")
              setParams(next)
            }}
            testId="heatmap-org"
          />
          <YearPicker value={year} latest={data?.year} onChange={setYear} testId="heatmap-year" />
        </Space>
      }
    >
      {heatmap.isLoading ? (
        <Loading />
      ) : heatmap.isError ? (
        <ErrorState error={heatmap.error} />
      ) : rows.length === 0 ? (
        <Empty />
      ) : (
        <div data-testid="discipline-heatmap">
          <ReactEChartsCore
            echarts={echarts}
            option={option}
            style={{ height: Math.max(240, rows.length * 24 + 90) }}
            notMerge
            lazyUpdate
            onEvents={{
              click: (p: { data: [number, number] }) => {
                const row = rows[p.data[1]]
                if (row) navigate(`/discipline/meetings?orgId=${row.orgId}&year=${data?.year ?? ""}`)
              },
            }}
          />
        </div>
      )}
    </Page>
  )
}

export default HeatmapPage
