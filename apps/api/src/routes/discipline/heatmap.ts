import { addCounts, complianceRate, rollUpCounts, type StatusCounts } from "@xianfeng/inspection-scheduling"
import { todayOf } from "../../deps.js"
import { route } from "../../http/route.js"
import { yearComplianceOf } from "./compliance-index.js"
import { HEATMAP_PAGE_SIZE, HEATMAP_STATUSES, HeatmapQuery, HeatmapView } from "./contract.js"

const countsView = (c: StatusCounts) => ({ ...c, rate: complianceRate(c) })
const cellOf = (c: StatusCounts | undefined): number[] =>
  c === undefined ? [0, 0, 0, 0, 0] : HEATMAP_STATUSES.map((s) => c[s])

const MONTHS = Array.from({ length: 12 }, (_, i) => i)
const QUARTERS = [0, 1, 2, 3]
const quarterOf = (months: readonly StatusCounts[], q: number) => addCounts(...months.slice(q * 3, q * 3 + 3))

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
    const orgs = await yearComplianceOf(deps.db, actor, query.orgId, year, asOf)
    const ids = new Set(orgs.map((o) => o.id))
    const nodes = orgs.map((o) => ({
      id: o.id,
      parentId: o.parentId !== null && ids.has(o.parentId) ? o.parentId : null,
    }))
    const quarters = QUARTERS.map((q) =>
      rollUpCounts(nodes, new Map(orgs.map((o) => [o.id, quarterOf(o.months, q)]))),
    )
    // Branches in each organization's subtree: each branch counted for itself and every ancestor in view.
    const parentOf = new Map(nodes.map((n) => [n.id, n.parentId]))
    const branchCount = new Map<string, number>()
    for (const o of orgs) {
      if (o.kind !== "branch") continue
      for (let at: string | null | undefined = o.id; at != null; at = parentOf.get(at))
        branchCount.set(at, (branchCount.get(at) ?? 0) + 1)
    }
    // The subtree's root (ordered by path, it comes first) and its direct children.
    const root = nodes.find((n) => n.parentId === null)?.id
    const shown = orgs.filter((o) => o.id === root || (o.parentId === root && root !== undefined))
    const branches = orgs.filter((o) => o.kind === "branch")
    const empty = addCounts()
    return {
      year,
      asOf: asOf.toString(),
      months: MONTHS.map((m) => `${year}-${String(m + 1).padStart(2, "0")}`),
      statuses: [...HEATMAP_STATUSES],
      branches: branches.slice((page - 1) * pageSize, page * pageSize).map((o) => ({
        orgId: o.id,
        name: o.name,
        parentId: o.parentId,
        cells: MONTHS.map((m) => cellOf(o.months[m])),
      })),
      page,
      pageSize,
      total: branches.length,
      rollup: shown.map((o) => {
        const q = quarters.map((t) => t.get(o.id) ?? empty)
        return {
          orgId: o.id,
          name: o.name,
          kind: o.kind,
          parentId: o.id === root ? null : o.parentId,
          branches: branchCount.get(o.id) ?? 0,
          quarters: q.map(countsView),
          year: countsView(addCounts(...q)),
        }
      }),
    }
  },
})
