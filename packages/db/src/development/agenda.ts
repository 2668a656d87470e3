/**
 * 发展党员's part of the agenda (日程): the open development steps whose deadline falls in a window, read from
 * the pipeline index (`development_pipeline_index`), not by evaluating anyone. Refresh the stale rows first
 * (`stalePipelinePeople`, as the pipeline read does).
 */
import type { PlainDate } from "@xianfeng/core"
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { memberRowsInScope, type Scope } from "../platform/scope.js"
import { developmentPipelineIndex as idx, members, orgs } from "../schema/index.js"
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
 * soonest first, from the index rows that hold for the member row's current version. At most `limit` people
 * are read, those with the soonest deadline first (each may bring several steps).
 */
export const pipelineDeadlinesOf = async (
  db: XfDb,
  scope: Scope,
  from: PlainDate,
  to: PlainDate,
  limit: number,
): Promise<PipelineDeadline[]> => {
  const lo = from.toString()
  const hi = to.toString()
  const rows = await db
    .select({
      memberId: members.id,
      name: members.name,
      orgId: members.orgId,
      orgName: orgs.name,
      items: idx.items,
    })
    .from(idx)
    .innerJoin(members, eq(members.id, idx.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        memberRowsInScope(scope),
        eq(members.status, "normal"),
        inArray(members.stage, [...pipelineStages]),
        eq(idx.memberVersion, members.version),
        sql`exists (select 1 from jsonb_array_elements(${idx.items}) as it where it->>'dueBy' between ${lo} and ${hi})`,
      ) as SQL,
    )
    // Soonest first, so a capped read keeps the nearest deadlines.
    .orderBy(
      sql`(select min(it->>'dueBy') from jsonb_array_elements(${idx.items}) as it where it->>'dueBy' between ${lo} and ${hi})`,
      asc(members.id),
    )
    .limit(limit)
  return rows
    .flatMap(({ items, ...person }) =>
      items.filter((i) => i.dueBy >= lo && i.dueBy <= hi).map((i) => ({ ...person, ...i })),
    )
    .sort((a, b) => (a.dueBy < b.dueBy ? -1 : a.dueBy > b.dueBy ? 1 : a.memberId < b.memberId ? -1 : 1))
}
