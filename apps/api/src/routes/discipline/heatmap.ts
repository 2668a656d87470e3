import { complianceRollupOf } from "@xianfeng/db"
import { addCounts, complianceRate, type StatusCounts } from "@xianfeng/inspection-scheduling"
import { todayOf } from "../../deps.js"
import { route } from "../../http/route.js"
import { refreshYearCompliance } from "./compliance-index.js"
import { HEATMAP_PAGE_SIZE, HEATMAP_STATUSES, HeatmapQuery, HeatmapView } from "./contract.js"

const countsView = (c: StatusCounts) => ({ ...c, rate: complianceRate(c) })
const cellOf = (c: StatusCounts | undefined): number[] =>
  c === undefined ? [0, 0, 0, 0, 0] : HEATMAP_STATUSES.map((s) => c[s])

const MONTHS = Array.from({ length: 12 }, (_, i) => i)
const QUARTERS = [0, 1, 2, 3]

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
    // Every stale row is stored again first; then only the page's months are read, and the roll-ups are summed
    // in SQL (the months of a province's every organization are half a megabyte of JSON).
    const { bases: orgs } = await refreshYearCompliance(deps.db, actor, query.orgId, year, asOf, false)
    const ids = new Set(orgs.map((o) => o.id))
    const parentOf = new Map(
      orgs.map((o) => [o.id, o.parentId !== null && ids.has(o.parentId) ? o.parentId : null]),
    )
    // Branches in each organization's subtree: each branch counted for itself and every ancestor in view.
    const branchCount = new Map<string, number>()
    for (const o of orgs) {
      if (o.kind !== "branch") continue
      for (let at: string | null | undefined = o.id; at != null; at = parentOf.get(at))
        branchCount.set(at, (branchCount.get(at) ?? 0) + 1)
    }
    // The subtree's root (ordered by path, it comes first) and its direct children.
    const rootOrg = orgs.find((o) => parentOf.get(o.id) === null)
    const root = rootOrg?.id
    const shown = orgs.filter((o) => o.id === root || (o.parentId === root && root !== undefined))
    const branches = orgs.filter((o) => o.kind === "branch")
    const pageRows = branches.slice((page - 1) * pageSize, page * pageSize)
    // The roll-ups and the page's stored months, in one statement.
    const stored =
      rootOrg === undefined
        ? undefined
        : await complianceRollupOf(
            deps.db,
            actor,
            rootOrg.id,
            rootOrg.path,
            year,
            pageRows.map((o) => o.id),
          )
    const months: ReadonlyMap<string, readonly StatusCounts[]> = stored?.months ?? new Map()
    const rolled = new Map((stored?.rollup ?? []).map((r) => [r.orgId, r.quarters]))
    const empty = addCounts()
    return {
      year,
      asOf: asOf.toString(),
      months: MONTHS.map((m) => `${year}-${String(m + 1).padStart(2, "0")}`),
      statuses: [...HEATMAP_STATUSES],
      branches: pageRows.map((o) => {
        const own = months.get(o.id) ?? []
        return { orgId: o.id, name: o.name, parentId: o.parentId, cells: MONTHS.map((m) => cellOf(own[m])) }
      }),
      page,
      pageSize,
      total: branches.length,
      rollup: shown.map((o) => {
        const q = QUARTERS.map((t) => rolled.get(o.id)?.[t] ?? empty)
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
