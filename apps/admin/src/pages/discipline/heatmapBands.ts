/**
 * The colours of the organizational-life heatmap, one per band of a cell's share of decided obligation-periods met
 * (0..1). The map (an ECharts piecewise visualMap) and its legend are both made from this list, so the legend shows
 * every colour the map can draw and nothing else. A cell with nothing decided (null) is left blank.
 */
export const heatmapBands = [
  { key: "all", color: "#389e0d", piece: { min: 1, max: 1 } },
  { key: "most", color: "#95de64", piece: { gte: 0.625, lt: 1 } },
  { key: "half", color: "#faad14", piece: { gte: 0.375, lt: 0.625 } },
  { key: "few", color: "#fa541c", piece: { gt: 0, lt: 0.375 } },
  { key: "none", color: "#cf1322", piece: { min: 0, max: 0 } },
] as const

export type HeatmapBand = (typeof heatmapBands)[number]

/** The band a share (0..1) falls in; undefined for null (nothing decided) or a share outside 0..1. */
export const bandOf = (rate: number | null): HeatmapBand | undefined => {
  if (rate === null) return undefined
  return heatmapBands.find(({ piece: p }) => {
    const lower = "min" in p ? rate >= p.min : "gte" in p ? rate >= p.gte : rate > p.gt
    const upper = "max" in p ? rate <= p.max : rate < p.lt
    return lower && upper
  })
}

/** The ECharts `visualMap.pieces` of the bands. */
export const heatmapPieces = heatmapBands.map((b) => ({ ...b.piece, color: b.color }))

/**
 * An organization's share met as shown next to it: "—" when it has no branches or nothing was decided yet (the
 * API's rate is then 1, which is not "100% met"), else a percentage with at most one decimal.
 */
export const rateText = (
  branches: number,
  year: { readonly met: number; readonly overdue: number; readonly missed: number; readonly rate: number },
): string =>
  branches === 0 || year.met + year.overdue + year.missed === 0
    ? "—"
    : `${Math.round(year.rate * 1000) / 10}%`
