/**
 * 组织生活与督查's stored dates for the agenda (日程): the deadlines of rectification orders (整改通知) not yet
 * closed. The obligations' due dates come from the compliance calendar over `subtreeSittings`.
 */
import type { PlainDate } from "@xianfeng/core"
import { and, asc, eq, gte, lte, ne, type SQL } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { orgRowInScope, type Scope } from "../platform/scope.js"
import { disciplineFindings, disciplineOrders, orgs } from "../schema/index.js"

/** An order not yet closed, with its deadline in the window. */
export interface OrderDeadline {
  readonly id: string
  readonly orgId: string
  readonly orgName: string
  /** Who must rectify (as recorded on the order). */
  readonly owner: string
  readonly state: string
  readonly deadline: PlainDate
  /** The obligation the finding named (`branch-general-meeting`, …). */
  readonly obligation: string
}

/**
 * The orders of the scope's subtree that are open or awaiting verification with a deadline in `from`…`to`
 * (both inclusive), soonest first; at most `limit`.
 */
export const orderDeadlinesOf = async (
  db: XfDb,
  scope: Scope,
  from: PlainDate,
  to: PlainDate,
  limit: number,
): Promise<OrderDeadline[]> =>
  db
    .select({
      id: disciplineOrders.id,
      orgId: disciplineOrders.orgId,
      orgName: orgs.name,
      owner: disciplineOrders.owner,
      state: disciplineOrders.state,
      deadline: disciplineOrders.deadline,
      obligation: disciplineFindings.obligation,
    })
    .from(disciplineOrders)
    .innerJoin(orgs, eq(orgs.id, disciplineOrders.orgId))
    .innerJoin(disciplineFindings, eq(disciplineFindings.id, disciplineOrders.findingId))
    .where(
      and(
        orgRowInScope(scope),
        ne(disciplineOrders.state, "closed"),
        gte(disciplineOrders.deadline, from),
        lte(disciplineOrders.deadline, to),
      ) as SQL,
    )
    .orderBy(asc(disciplineOrders.deadline), asc(disciplineOrders.id))
    .limit(limit)
