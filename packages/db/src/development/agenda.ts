/**
 * 发展党员's part of the agenda (日程): the open development steps whose deadline falls in a window, read from
 * the pipeline index's steps (`development_pipeline_items`), not by evaluating anyone. Refresh the stale rows first
 * (`stalePipelinePeople`, as the pipeline read does).
 */
import { isRootPath, type PlainDate } from "@xianfeng/core"
import { and, asc, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { memberRowsInScope, type Scope } from "../platform/scope.js"
import {
  developmentPipelineIndex as idx,
  members,
  orgs,
  developmentPipelineItems as steps,
} from "../schema/index.js"
import { pipelineStages } from "./pipeline.js"
import { PUT_ASIDE } from "./pipeline-index.js"

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
 * current version and are not put aside; at most `limit` steps.
 *
 * A person is of the pipeline when the member row is of status normal at a pipeline stage; the index row of one who
 * left it is put aside (`recheck_on` `PUT_ASIDE`) in the statement that wrote the member row (the marks' triggers)
 * or that stored the row (`savePipelineIndex`), so for a row that holds for the member's version the two say the
 * same. Which of them the query names is what lets the planner walk the deadline index: for a scope below the
 * root the member's stage and status (the partial index `members_pipeline_idx` then reads the scope's people by
 * key); for the whole tree, where every step of the window lies in scope, the row's own mark — the planner,
 * seeing the member's stage as about a tenth of all members (it cannot know every step's person is of the
 * pipeline), expected fewer steps than `limit`, read the whole window (6,027 steps at a province) and sorted it;
 * it now walks the deadline index in order and stops at the `limit`th step (~9 ms instead of ~75). Below the root
 * the organization is the step row's own (`org_id`, the member's at the row's version, checked against the member
 * row), so the planner meets the window's steps with the scope's organizations before looking up any person (a
 * committee of a province: ~13 ms instead of ~50, when each of the window's 6,118 steps had its person and their
 * organization looked up); for the whole tree, where that check would only make the planner expect fewer rows and
 * give up the walk that stops at the `limit`th step, it stays the member's.
 */
export const pipelineDeadlinesOf = async (
  db: XfDb,
  scope: Scope,
  from: PlainDate,
  to: PlainDate,
  limit: number,
): Promise<PipelineDeadline[]> => {
  const wholeTree = isRootPath(scope.orgPath)
  const ofThePipeline = wholeTree
    ? [sql`${idx.recheckOn} <> ${PUT_ASIDE}::date`]
    : [eq(members.status, "normal"), inArray(members.stage, [...pipelineStages])]
  return db
    .select({
      memberId: members.id,
      name: members.name,
      orgId: members.orgId,
      orgName: orgs.name,
      step: steps.step,
      state: steps.state,
      // The driver's ISO text as it comes (the column unmapped, no cast, which would cost planning): no date object
      // made and written back per step.
      dueBy: sql<string>`${steps.dueBy}`,
    })
    .from(steps)
    .innerJoin(idx, eq(idx.memberId, steps.memberId))
    .innerJoin(members, eq(members.id, steps.memberId))
    .innerJoin(orgs, eq(orgs.id, wholeTree ? members.orgId : steps.orgId))
    .where(
      and(
        memberRowsInScope(scope),
        ...ofThePipeline,
        eq(idx.memberVersion, members.version),
        wholeTree ? undefined : eq(members.orgId, steps.orgId),
        gte(steps.dueBy, from),
        lte(steps.dueBy, to),
      ) as SQL,
    )
    .orderBy(asc(steps.dueBy), asc(steps.memberId), asc(steps.ordinal))
    .limit(limit)
}
