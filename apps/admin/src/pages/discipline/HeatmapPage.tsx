import { useQuery } from "@tanstack/react-query"
import { Empty, Space } from "antd"
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
    grid: { left: 160, right: 20, top: 10, bottom: 60 },
    xAxis: { type: "category", data: data?.months ?? [] },
    yAxis: { type: "category", data: rows.map((r) => r.name) },
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
