import { addCounts, complianceRate, rollUpCounts, type StatusCounts } from "@xianfeng/inspection-scheduling"
import { todayOf } from "../../deps.js"
import { route } from "../../http/route.js"
import { yearComplianceOf } from "./compliance-index.js"
import { HeatmapQuery, HeatmapView } from "./contract.js"

const countsView = (c: StatusCounts) => ({ ...c, rate: complianceRate(c) })

const MONTHS = Array.from({ length: 12 }, (_, i) => i)
const QUARTERS = [0, 1, 2, 3]
const quarterOf = (months: readonly StatusCounts[], q: number) => addCounts(...months.slice(q * 3, q * 3 + 3))

export const disciplineHeatmap = route({
  method: "get",
  path: "/api/discipline/heatmap",
  summary:
    "Organizational life of a subtree: branches × months (each obligation-period counted in the month it ends), and the quarters and the year rolled up every organization; read from the stored monthly compliance index, checked on read",
  tag: "discipline",
  auth: "user",
  query: HeatmapQuery,
  response: HeatmapView,
  handler: async ({ actor, query, deps }) => {
    const asOf = todayOf(deps)
    const year = query.year ?? asOf.year
    const orgs = await yearComplianceOf(deps.db, actor, query.orgId, year, asOf)
    const ids = new Set(orgs.map((o) => o.id))
    const nodes = orgs.map((o) => ({
      id: o.id,
      parentId: o.parentId !== null && ids.has(o.parentId) ? o.parentId : null,
    }))
    const quarters = QUARTERS.map((q) =>
      rollUpCounts(nodes, new Map(orgs.map((o) => [o.id, quarterOf(o.months, q)]))),
    )
    const empty = addCounts()
    return {
      year,
      asOf: asOf.toString(),
      months: MONTHS.map((m) => `${year}-${String(m + 1).padStart(2, "0")}`),
      branches: orgs
        .filter((o) => o.kind === "branch")
        .map((o) => ({
          orgId: o.id,
          name: o.name,
          kind: o.kind,
          parentId: o.parentId,
          cells: MONTHS.map((m) => countsView(o.months[m] ?? empty)),
          year: countsView(addCounts(...o.months)),
        })),
      rollup: orgs.map((o) => {
        const q = quarters.map((t) => t.get(o.id) ?? empty)
        return {
          orgId: o.id,
          name: o.name,
          kind: o.kind,
          parentId: o.parentId,
          quarters: q.map(countsView),
          year: countsView(addCounts(...q)),
        }
      }),
    }
  },
})
