import { orgInScope } from "@xianfeng/db"
import { addCounts, complianceRate, type StatusCounts } from "@xianfeng/inspection-scheduling"
import { todayOf } from "../../deps.js"
import { route } from "../../http/route.js"
import { checkedHeatmapOf } from "./compliance-index.js"
import { HEATMAP_PAGE_SIZE, HEATMAP_STATUSES, HeatmapQuery, HeatmapView } from "./contract.js"

const countsView = (c: StatusCounts) => ({ ...c, rate: complianceRate(c) })
const cellOf = (c: StatusCounts | undefined): number[] =>
  c === undefined ? [0, 0, 0, 0, 0] : HEATMAP_STATUSES.map((s) => c[s])

const MONTHS = Array.from({ length: 12 }, (_, i) => i)

export const disciplineHeatmap = route({
  method: "get",
  path: "/api/discipline/heatmap",
  summary:
    "Organizational life of a subtree: a page of its branches × months (each obligation-period counted in the month it ends, as [met, upcoming, due, overdue, missed]), and the quarters and the year rolled up to the subtree's root and each of its direct children (drill down by asking again with a child's orgId); read from the stored monthly compliance index, checked on read",
  tag: "discipline",
  auth: "user",
  query: HeatmapQuery,
  response: HeatmapView,
  handler: async ({ actor, query, deps }) => {
    const asOf = todayOf(deps)
    const year = query.year ?? asOf.year
    const page = query.page ?? 1
    const pageSize = query.pageSize ?? HEATMAP_PAGE_SIZE
    const root =
      query.orgId === undefined
        ? { id: actor.orgId, path: actor.orgPath }
        : await orgInScope(deps.db, actor, query.orgId)
    const heatmap = await checkedHeatmapOf(deps.db, actor, root, year, asOf, {
      offset: (page - 1) * pageSize,
      limit: pageSize,
    })
    return {
      year,
      asOf: asOf.toString(),
      months: MONTHS.map((m) => `${year}-${String(m + 1).padStart(2, "0")}`),
      statuses: [...HEATMAP_STATUSES],
      branches: heatmap.branches.map((b) => ({
        orgId: b.orgId,
        name: b.name,
        parentId: b.parentId,
        cells: MONTHS.map((m) => cellOf(b.months[m])),
      })),
      page,
      pageSize,
      total: heatmap.total,
      rollup: heatmap.rollup.map((o) => ({
        orgId: o.orgId,
        name: o.name,
        kind: o.kind,
        parentId: o.parentId,
        branches: o.branches,
        quarters: o.quarters.map(countsView),
        year: countsView(addCounts(...o.quarters)),
      })),
    }
  },
})
