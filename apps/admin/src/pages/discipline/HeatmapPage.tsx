import { useQuery } from "@tanstack/react-query"
import type { HeatmapRollup } from "@xianfeng/api/contract/discipline"
import { Breadcrumb, Button, Empty, Pagination, Select, Space, Tag, Typography } from "antd"
import ReactEChartsCore from "echarts-for-react/esm/core"
import { useNavigate, useSearchParams } from "react-router-dom"
import { OrgPicker } from "../../components/OrgPicker"
import { useScreens } from "../../components/screens"
import { useI18n } from "../../i18n/I18nProvider"
import { Page } from "../../shell/Page"
import { ErrorState, Loading } from "../../shell/states"
import { disciplineApi } from "./api"
import { echarts } from "./charts"
import { heatmapBands, heatmapPieces, rateText } from "./heatmapBands"
import { useYearParam, YearPicker } from "./YearPicker"

/** Branches on one page of the heatmap (the API gives at most 500; a province has tens of thousands). */
const PAGE_SIZE = 50

const legendKeys = {
  all: "discipline.heatmapLegendAll",
  most: "discipline.heatmapLegendMost",
  half: "discipline.heatmapLegendHalf",
  few: "discipline.heatmapLegendFew",
  none: "discipline.heatmapLegendNone",
} as const

/** The share of a cell's decided obligation-periods that were met; null when none was decided. */
const rateOf = (statuses: readonly string[], cell: readonly number[]): number | null => {
  const at = (s: string) => cell[statuses.indexOf(s)] ?? 0
  const decided = at("met") + at("overdue") + at("missed")
  return decided === 0 ? null : at("met") / decided
}

/**
 * Branches × months, a page of branches at a time: each cell is the share of the obligations ending that month
 * which were met (grey when nothing was decided yet). Above it, the scope's organization and its direct children
 * with their year's figures: a click on a child shows only its branches (and its children). A click on a cell
 * opens that branch's compliance calendar.
 */
const HeatmapPage = () => {
  const { t } = useI18n()
  const navigate = useNavigate()
  const narrow = useScreens().md === false
  const [params, setParams] = useSearchParams()
  const orgId = params.get("orgId") ?? undefined
  const page = Math.max(1, Number(params.get("page")) || 1)
  const [year, setYear] = useYearParam()
  const heatmap = useQuery({
    queryKey: ["discipline", "heatmap", orgId, year, page],
    queryFn: () => disciplineApi.heatmap({ orgId, year, page, pageSize: PAGE_SIZE }),
  })
  const setParam = (entries: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(entries)) {
      if (v === undefined) next.delete(k)
      else next.set(k, v)
    }
    setParams(next)
  }
  const data = heatmap.data
  const rows = data?.branches ?? []
  const statuses = data?.statuses ?? []
  const root = data?.rollup.find((r) => r.parentId === null)
  const children = (data?.rollup ?? []).filter((r) => r.parentId !== null && r.kind !== "branch")
  const at = (cell: readonly number[] | undefined, s: string) => cell?.[statuses.indexOf(s)] ?? 0
  const option = {
    tooltip: {
      formatter: (p: { data: [number, number, number | null] }) => {
        const row = rows[p.data[1]]
        const cell = row?.cells[p.data[0]]
        return cell
          ? `${row?.name} ${data?.months[p.data[0]]}<br/>${t("discipline.status.met")} ${at(cell, "met")} · ${t("discipline.status.overdue")} ${at(cell, "overdue")} · ${t("discipline.status.missed")} ${at(cell, "missed")}`
          : ""
      },
    },
    // Drawn at once (no entry animation): a picture is what is wanted.
    animation: false,
    grid: { left: 4, right: 8, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: "category",
      position: "top",
      data: (data?.months ?? []).map((m) => String(Number(m.slice(5)))),
      axisLabel: { fontSize: narrow ? 10 : 12, interval: 0 },
    },
    yAxis: {
      type: "category",
      inverse: true,
      data: rows.map((r) => r.name),
      // On a phone, long names wrap onto two lines rather than being cut; the tooltip shows them whole too.
      axisLabel: narrow
        ? { width: 120, overflow: "break", fontSize: 11, lineHeight: 13 }
        : { width: 260, overflow: "truncate" },
    },
    // Five bands, the same list as the legend: every colour drawn is explained.
    visualMap: { type: "piecewise", show: false, pieces: heatmapPieces },
    series: [
      {
        type: "heatmap",
        // Drawn in one pass: progressive rendering leaves rows blank until enough animation frames have run.
        progressive: 0,
        data: rows.flatMap((r, y) => r.cells.map((c, x) => [x, y, rateOf(statuses, c)] as const)),
      },
    ],
  }
  const childLabel = (c: HeatmapRollup) =>
    `${c.name} · ${
      c.branches === 0
        ? t("discipline.heatmapChildNoBranches")
        : t("discipline.heatmapChild", { branches: String(c.branches), rate: rateText(c.branches, c.year) })
    }`
  return (
    <Page
      title={t("discipline.heatmap")}
      extra={
        <Space wrap>
          <OrgPicker
            value={orgId}
            allowClear
            {...(root ? { placeholder: t("discipline.heatmapWhole", { org: root.name }) } : {})}
            onChange={(v) => setParam({ orgId: v, page: undefined })}
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
      ) : data === undefined || root === undefined ? (
        <Empty />
      ) : (
        <>
          {orgId !== undefined && (
            <Breadcrumb
              style={{ marginBottom: 8 }}
              items={[
                {
                  title: (
                    <Button
                      type="link"
                      size="small"
                      style={{ padding: 0 }}
                      onClick={() => setParam({ orgId: undefined, page: undefined })}
                    >
                      {t("discipline.heatmapBackToScope")}
                    </Button>
                  ),
                },
                { title: root.name },
              ]}
            />
          )}
          <Typography.Paragraph style={{ marginBottom: 8 }} data-testid="heatmap-summary">
            {t("discipline.heatmapSummary", {
              org: root.name,
              year: String(data.year),
              branches: String(root.branches),
              met: String(root.year.met),
              decided: String(root.year.met + root.year.overdue + root.year.missed),
              rate: rateText(root.branches, root.year),
            })}
          </Typography.Paragraph>
          <Space size={[12, 4]} wrap style={{ marginBottom: 8 }} data-testid="heatmap-legend">
            <Typography.Text type="secondary">{t("discipline.heatmapLegend")}</Typography.Text>
            {heatmapBands.map((b) => (
              <Tag key={b.key} color={b.color}>
                {t(legendKeys[b.key])}
              </Tag>
            ))}
            <Tag>{t("discipline.heatmapLegendNothing")}</Tag>
          </Space>
          {children.length > 0 &&
            (narrow ? (
              // On a phone, one select: a row of buttons would push the chart out of the first screen.
              <Select
                style={{ width: "100%", marginBottom: 12 }}
                placeholder={t("discipline.heatmapDrill")}
                value={null}
                onChange={(v: string) => setParam({ orgId: v, page: undefined })}
                options={children.map((c) => ({ value: c.orgId, label: childLabel(c) }))}
                data-testid="heatmap-children"
              />
            ) : (
              <div style={{ marginBottom: 12 }} data-testid="heatmap-children">
                <Typography.Text type="secondary">{t("discipline.heatmapDrill")}</Typography.Text>
                <Space size={[8, 8]} wrap style={{ marginTop: 4, display: "flex" }}>
                  {children.map((c) => (
                    <Button
                      key={c.orgId}
                      size="small"
                      style={{ whiteSpace: "normal", height: "auto", textAlign: "left" }}
                      onClick={() => setParam({ orgId: c.orgId, page: undefined })}
                      data-testid={`heatmap-child-${c.orgId}`}
                    >
                      {childLabel(c)}
                    </Button>
                  ))}
                </Space>
              </div>
            ))}
          {rows.length === 0 ? (
            <Empty description={t("discipline.heatmapNoBranches")} />
          ) : (
            <div data-testid="discipline-heatmap">
              <ReactEChartsCore
                echarts={echarts}
                option={option}
                style={{ height: Math.max(160, rows.length * (narrow ? 30 : 24) + 40) }}
                notMerge
                lazyUpdate
                onEvents={{
                  click: (p: { data: [number, number] }) => {
                    const row = rows[p.data[1]]
                    if (row) navigate(`/discipline/meetings?orgId=${row.orgId}&year=${data.year}`)
                  },
                }}
              />
            </div>
          )}
          {data.total > data.pageSize && (
            <Pagination
              style={{ marginTop: 12 }}
              size="small"
              simple={narrow}
              current={data.page}
              pageSize={data.pageSize}
              total={data.total}
              showSizeChanger={false}
              showTotal={(n) => t("discipline.heatmapTotal", { n: String(n) })}
              onChange={(p) => setParam({ page: String(p) })}
              data-testid="heatmap-pages"
            />
          )}
        </>
      )}
    </Page>
  )
}

export default HeatmapPage
