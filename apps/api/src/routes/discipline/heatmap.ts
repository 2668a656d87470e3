import { complianceHeatmapOf, districtOf, orgInScope } from "@xianfeng/db"
import {
  addCounts,
  complianceRate,
  disciplinePolicy,
  type StatusCounts,
} from "@xianfeng/inspection-scheduling"
import { todayOf } from "../../deps.js"
import { route } from "../../http/route.js"
import { disciplinePolicyOfOverlay, evaluateAndStore } from "./compliance-index.js"
import { HEATMAP_PAGE_SIZE, HEATMAP_STATUSES, HeatmapQuery, HeatmapView } from "./contract.js"

const countsView = (c: StatusCounts) => ({ ...c, rate: complianceRate(c) })
const cellOf = (c: StatusCounts | undefined): number[] =>
  c === undefined ? [0, 0, 0, 0, 0] : HEATMAP_STATUSES.map((s) => c[s])

/**
 * The print of the district policy each district's heatmap was last read with, by district: a read judges the
 * stored rows with it in the same statement that returns the policy in force, and reads again only when they
 * differ (the first read of a process, or after the district changed its policy). A hint, never trusted.
 */
const lastPrint = new Map<string, string>()

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
    // One statement: the district's policy overlay, the stale organizations (usually none), the roll-ups summed
    // in SQL and the page's months — judged with the print of the policy this process last saw in the district,
    // and read again with the right one when the overlay returned says the policy is another.
    const district = districtOf(actor.orgPath)
    const read = (print: string) =>
      complianceHeatmapOf(
        deps.db,
        actor,
        root,
        year,
        asOf,
        { area: disciplinePolicy.id, print },
        { offset: (page - 1) * pageSize, limit: pageSize },
      )
    const guess = lastPrint.get(district) ?? ""
    let heatmap = await read(guess)
    const { policy, print } = disciplinePolicyOfOverlay(heatmap.overlay)
    lastPrint.set(district, print)
    if (print !== guess) heatmap = await read(print)
    if (heatmap.stale.length > 0) {
      // Those rows are evaluated again and stored first; then the heatmap is read again from the stored rows.
      await evaluateAndStore(deps.db, actor, heatmap.stale, year, asOf, policy)
      heatmap = await read(print)
    }
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
