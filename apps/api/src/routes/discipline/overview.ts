import { ordersInScope } from "@xianfeng/db"
import {
  addCounts,
  complianceRate,
  followedBy,
  isOverdue,
  periodContaining,
  rollUpCounts,
  type StatusCounts,
} from "@xianfeng/inspection-scheduling"
import { todayOf } from "../../deps.js"
import { route } from "../../http/route.js"
import { yearComplianceOf } from "./compliance-index.js"
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
    const first = quarter.start.month - 1
    const orgs = await yearComplianceOf(deps.db, actor, undefined, asOf.year, asOf)
    const ids = new Set(orgs.map((o) => o.id))
    const nodes = orgs.map((o) => ({
      id: o.id,
      parentId: o.parentId !== null && ids.has(o.parentId) ? o.parentId : null,
    }))
    const ownQuarter = new Map(orgs.map((o) => [o.id, addCounts(...o.months.slice(first, first + 3))]))
    const quarterTotals = rollUpCounts(nodes, ownQuarter)
    const yearTotals = rollUpCounts(nodes, new Map(orgs.map((o) => [o.id, addCounts(...o.months)])))
    const root = orgs.find((o) => o.id === actor.orgId) ?? orgs[0]
    const branches = orgs.filter((o) => o.kind === "branch")
    const orders = (await ordersInScope(deps.db, actor, undefined))
      .map(orderOf)
      .filter((o) => o.state !== "closed")
    return {
      asOf: asOf.toString(),
      orgId: root?.id ?? actor.orgId,
      orgName: root?.name ?? actor.orgId,
      quarter: quarter.key,
      quarterCounts: countsView(quarterTotals.get(root?.id ?? "") ?? addCounts()),
      yearCounts: countsView(yearTotals.get(root?.id ?? "") ?? addCounts()),
      branchesBehind: branches.filter((b) => {
        const c = ownQuarter.get(b.id)
        return c !== undefined && c.overdue + c.missed > 0
      }).length,
      branches: branches.length,
      orders: {
        notClosed: orders.length,
        awaitingVerification: orders.filter((o) => o.state === "submitted").length,
        overdue: orders.filter((o) => isOverdue(o, asOf)).length,
        escalated: orders.filter((o) => followedBy(o) !== o.orgId).length,
      },
    }
  },
})
