/**
 * 发展党员's part of the agenda (日程): the open development steps whose deadline falls in a window, read from
 * the pipeline index's steps (`development_pipeline_items`), not by evaluating anyone. Refresh the stale rows first
 * (`stalePipelinePeople`, as the pipeline read does).
 */
import type { PlainDate } from "@xianfeng/core"
import { and, asc, eq, gte, inArray, lte, type SQL } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { memberRowsInScope, type Scope } from "../platform/scope.js"
import {
  developmentPipelineIndex as idx,
  members,
  orgs,
  developmentPipelineItems as steps,
} from "../schema/index.js"
import { pipelineStages } from "./pipeline.js"

/** One open step of one person with its deadline in the window. */
export interface PipelineDeadline {
  readonly memberId: string
  readonly name: string
  readonly orgId: string
  readonly orgName: string
  readonly step: string
  readonly state: "due" | "overdue"
  /** ISO date. */
  readonly dueBy: string
}

/**
 * The open steps of the pipeline's people in the scope whose deadline lies in `from`…`to` (both inclusive),
 * soonest first (then by person and the index row's order), from the index rows that hold for the member row's
 * current version; at most `limit` steps. Walks the deadline index (`development_pipeline_items`) from `from`
 * and stops at the `limit`th step that holds in scope (or, for a small scope, reads the scope's people's own
 * rows by key), so it costs what it returns, not the province's pipeline.
 */
export const pipelineDeadlinesOf = async (
  db: XfDb,
  scope: Scope,
  from: PlainDate,
  to: PlainDate,
  limit: number,
): Promise<PipelineDeadline[]> => {
  const rows = await db
    .select({
      memberId: members.id,
      name: members.name,
      orgId: members.orgId,
      orgName: orgs.name,
      step: steps.step,
      state: steps.state,
      dueBy: steps.dueBy,
    })
    .from(steps)
    .innerJoin(idx, eq(idx.memberId, steps.memberId))
    .innerJoin(members, eq(members.id, steps.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        memberRowsInScope(scope),
        eq(members.status, "normal"),
        inArray(members.stage, [...pipelineStages]),
        eq(idx.memberVersion, members.version),
        gte(steps.dueBy, from),
        lte(steps.dueBy, to),
      ) as SQL,
    )
    .orderBy(asc(steps.dueBy), asc(steps.memberId), asc(steps.ordinal))
    .limit(limit)
  return rows.map((r) => ({ ...r, dueBy: r.dueBy.toString() }))
}
