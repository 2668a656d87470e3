/** The development pipeline of a subtree: who stands at which stage, with their records, in a few queries. */
import type { DevelopmentPolicy } from "@xianfeng/development-rules"
import { and, eq, inArray } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { stageCountsInScope } from "../platform/members.js"
import { memberRowsInScope, type Scope, withinOf } from "../platform/scope.js"
import { type DevelopmentRecord, type MemberStage, members, orgs } from "../schema/index.js"
import { type DevelopmentPerson, developmentPersonColumns } from "./people.js"
import { loadDevelopmentPolicy } from "./policies.js"
import { developmentRecordsOf } from "./records.js"

/** The stages of the development pipeline, in order (full members are not in it). */
export const pipelineStages = [
  "applicant",
  "activist",
  "development-object",
  "probationary",
] as const satisfies readonly MemberStage[]

export type PipelineStage = (typeof pipelineStages)[number]

export interface DevelopmentPipeline {
  /** The path of the subtree the pipeline covers. */
  readonly within: string
  /** Members in normal standing per stage, full members included (where the pipeline leads). */
  readonly counts: readonly { readonly stage: MemberStage; readonly count: number }[]
  /** The people of the pipeline stages, in normal standing. */
  readonly people: readonly (DevelopmentPerson & { readonly stage: PipelineStage })[]
  /** Their development records per member id, in date order. */
  readonly records: ReadonlyMap<string, readonly DevelopmentRecord[]>
  /** The development policy of the subtree's district. */
  readonly policy: DevelopmentPolicy
}

/**
 * The pipeline of the scope's subtree, or of an organization inside it (`orgId`; outside or missing:
 * `NotInScope`). Four queries whatever its size: the counts, the people, all their records (the subquery is
 * the same scoped selection) and the policy.
 */
export const developmentPipelineOf = async (
  db: XfDb,
  scope: Scope,
  orgId?: string,
): Promise<DevelopmentPipeline> => {
  const within = await withinOf(db, scope, orgId)
  const normal = and(memberRowsInScope(scope, within), eq(members.status, "normal"))
  const inPipeline = and(normal, inArray(members.stage, [...pipelineStages]))
  const counts = await stageCountsInScope(db, scope, within)
  // The where clause keeps only the pipeline stages, which the row type cannot know.
  const people = (await db
    .select(developmentPersonColumns)
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(inPipeline)) as (DevelopmentPerson & { stage: PipelineStage })[]
  const records = await developmentRecordsOf(
    db,
    db.select({ id: members.id }).from(members).innerJoin(orgs, eq(orgs.id, members.orgId)).where(inPipeline),
  )
  const { policy } = await loadDevelopmentPolicy(db, within)
  return { within, counts, people, records, policy }
}
