/** What the year's composition analysis and the dormant check read of a subtree (DR 11, DR 37). */
import { type PlainDate, Temporal } from "@xianfeng/core"
import {
  type AdmissionCount,
  type DevelopmentPolicy,
  dormantWindow,
  type PipelineRole,
} from "@xianfeng/development-rules"
import { and, count, eq, gte, inArray, isNotNull, max, sql } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { memberRowsInScope, type Scope, withinOf } from "../platform/scope.js"
import { members, orgs } from "../schema/index.js"
import { type DevelopmentPerson, developmentPersonColumns } from "./people.js"
import { loadDevelopmentPolicy } from "./policies.js"

/** The stages the composition analysis counts (入党申请人, 入党积极分子, 发展对象). */
export const compositionStages = [
  "applicant",
  "activist",
  "development-object",
] as const satisfies readonly PipelineRole[]

export interface CompositionFacts {
  /** The path of the subtree analysed. */
  readonly within: string
  /** The development policy of the subtree's district. */
  readonly policy: DevelopmentPolicy
  /** The applicants, activists and development objects in normal standing. */
  readonly people: readonly (DevelopmentPerson & { readonly stage: PipelineRole })[]
  /** Admissions per organization and calendar year, from the first year of the dormant window on. */
  readonly admissions: readonly AdmissionCount[]
  /** The last admission of each organization that ever admitted someone. */
  readonly lastAdmissions: ReadonlyMap<string, PlainDate | null>
  /** The name of every organization of the subtree. */
  readonly orgNames: ReadonlyMap<string, string>
}

/**
 * The facts of `year`'s analysis of the scope's subtree, or of an organization inside it (`orgId`; outside
 * or missing: `NotInScope`): the pipeline's people, the admissions the dormant check needs
 * (`dormantWindow(year, policy)`), each organization's last admission and the organizations' names.
 */
export const compositionFactsOf = async (
  db: XfDb,
  scope: Scope,
  year: number,
  orgId?: string,
): Promise<CompositionFacts> => {
  const within = await withinOf(db, scope, orgId)
  const inScope = memberRowsInScope(scope, within)
  // The where clause keeps only the composition stages, which the row type cannot know.
  const people = (await db
    .select(developmentPersonColumns)
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(inScope, inArray(members.stage, [...compositionStages]), eq(members.status, "normal")),
    )) as (DevelopmentPerson & { stage: PipelineRole })[]
  const { policy } = await loadDevelopmentPolicy(db, within)
  const since = Temporal.PlainDate.from({ year: dormantWindow(year, policy)[0] ?? year, month: 1, day: 1 })
  const admissions = await db
    .select({
      orgId: members.orgId,
      year: sql<number>`extract(year from ${members.admittedOn})::int`,
      count: count(),
    })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(inScope, isNotNull(members.admittedOn), gte(members.admittedOn, since)))
    .groupBy(members.orgId, sql`2`)
  const last = await db
    .select({ orgId: members.orgId, on: max(members.admittedOn) })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(inScope)
    .groupBy(members.orgId)
  const names = await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inScope)
  return {
    within,
    policy,
    people,
    admissions,
    lastAdmissions: new Map(last.map((l) => [l.orgId, l.on])),
    orgNames: new Map(names.map((o) => [o.id, o.name])),
  }
}
