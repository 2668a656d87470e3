import { ordersInScope } from "@xianfeng/db"
import {
  addCounts,
  complianceRate,
  followedBy,
  isOverdue,
  periodContaining,
  type StatusCounts,
} from "@xianfeng/inspection-scheduling"
import { todayOf } from "../../deps.js"
import { route } from "../../http/route.js"
import { checkedHeatmapOf } from "./compliance-index.js"
import { DisciplineOverview } from "./contract.js"
import { orderOf } from "./inspections.js"

const countsView = (c: StatusCounts) => ({ ...c, rate: complianceRate(c) })

export const disciplineOverview = route({
  method: "get",
  path: "/api/discipline/overview",
  summary:
    "The dashboard's 纪律约束 panel: this quarter's and this year's obligation-periods of the caller's whole scope (from the stored monthly compliance index), branches behind this quarter, and the rectification orders not closed, awaiting verification, overdue and escalated",
  tag: "discipline",
  auth: "user",
  response: DisciplineOverview,
  handler: async ({ actor, deps }) => {
    const asOf = todayOf(deps)
    const quarter = periodContaining("quarter", asOf)
    const q = (quarter.start.month - 1) / 3
    // The stored roll-up of the whole scope, checked, without a page of branches: the scope's own counts summed
    // in SQL with the branches behind per quarter, not every organization's months shipped to Node.
    const heatmap = await checkedHeatmapOf(
      deps.db,
      actor,
      { id: actor.orgId, path: actor.orgPath },
      asOf.year,
      asOf,
      { offset: 0, limit: 0 },
    )
    const root = heatmap.rollup.find((o) => o.parentId === null)
    const quarters = root?.quarters ?? []
    const orders = (await ordersInScope(deps.db, actor, undefined))
      .map(orderOf)
      .filter((o) => o.state !== "closed")
    return {
      asOf: asOf.toString(),
      orgId: root?.orgId ?? actor.orgId,
      orgName: root?.name ?? actor.orgId,
      quarter: quarter.key,
      quarterCounts: countsView(quarters[q] ?? addCounts()),
      yearCounts: countsView(addCounts(...quarters)),
      branchesBehind: root?.branchesBehind[q] ?? 0,
      branches: root?.branches ?? 0,
      orders: {
        notClosed: orders.length,
        awaitingVerification: orders.filter((o) => o.state === "submitted").length,
        overdue: orders.filter((o) => isOverdue(o, asOf)).length,
        escalated: orders.filter((o) => followedBy(o) !== o.orgId).length,
      },
    }
  },
})
