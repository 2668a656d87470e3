/**
 * The development pipeline's index (development_pipeline_index): each person's open steps with a deadline,
 * stored when a step is recorded and refreshed at read time for the people whose stored day has come
 * (`recheck_on` on or before today, or `evaluated_on` after it), whose member row changed since (`member_version`), or who have none yet
 * (a freshly loaded demo district, an import). The board and the attention list read it, not the rules.
 */
import type { PlainDate } from "@xianfeng/core"
import { and, asc, eq, gt, inArray, isNull, lte, ne, or, type SQL, sql } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { pathInSubtree } from "../org-tree.js"
import { stageCountsInScope } from "../platform/members.js"
import { memberRowsInScope, type Scope } from "../platform/scope.js"
import {
  type DevelopmentRecord,
  developmentPipelineIndex as idx,
  type MemberStage,
  members,
  orgs,
  type PipelineIndexItem,
  developmentPipelineItems as stepRows,
} from "../schema/index.js"
import { type DevelopmentPerson, developmentPersonColumns } from "./people.js"
import { type PipelineStage, pipelineStages } from "./pipeline.js"
import { developmentRecordsOf } from "./records.js"

const inPipeline = (scope: Scope, within: string): SQL =>
  and(
    memberRowsInScope(scope, within),
    eq(members.status, "normal"),
    inArray(members.stage, [...pipelineStages]),
  ) as SQL

/**
 * Members in normal standing per stage (full members included) in the subtree `within` of the scope: the stored
 * per-organization counts summed (`stageCountsInScope`).
 */
export const pipelineCountsOf = async (
  db: XfDb,
  scope: Scope,
  within: string,
): Promise<{ stage: MemberStage; count: number }[]> => stageCountsInScope(db, scope, within)

/**
 * The people of the pipeline (subtree `within` of the scope) whose index row is missing or no longer holds on
 * `today`, with their development records, in two queries.
 */
export const stalePipelinePeople = async (
  db: XfDb,
  scope: Scope,
  within: string,
  today: PlainDate,
): Promise<{
  readonly people: readonly (DevelopmentPerson & { readonly stage: PipelineStage })[]
  readonly records: ReadonlyMap<string, readonly DevelopmentRecord[]>
}> => {
  const stale = and(
    inPipeline(scope, within),
    // An entry from a later day (a clock set back, in tests or after a wrong clock) holds no more either.
    or(
      isNull(idx.memberId),
      ne(idx.memberVersion, members.version),
      lte(idx.recheckOn, today),
      gt(idx.evaluatedOn, today),
    ),
  )
  // Found over the entries of `members_pipeline_idx` (id, version and org of each person in normal standing in
  // a pipeline stage) against the index rows, without reading the member rows; only the stale people's rows are
  // read, by key.
  const staleIds = db
    .select({ id: members.id })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .leftJoin(idx, eq(idx.memberId, members.id))
    .where(stale)
  const people = (await db
    .select(developmentPersonColumns)
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(inArray(members.id, staleIds))) as (DevelopmentPerson & { stage: PipelineStage })[]
  if (people.length === 0) return { people, records: new Map() }
  const records = await developmentRecordsOf(db, staleIds)
  return { people, records }
}

/** One person's index row to store. */
export interface PipelineIndexEntry {
  readonly memberId: string
  /** The member row's version the entry was computed from. */
  readonly memberVersion: number
  readonly evaluatedOn: PlainDate
  readonly recheckOn: PlainDate
  readonly items: readonly PipelineIndexItem[]
}

/**
 * Stores (or replaces) index rows and their open steps one row each (`development_pipeline_items`, unpacked from
 * the stored `items` in the database) in one transaction; the only write to either table. Not scoped itself: the
 * callers pass people they loaded in scope (`stalePipelinePeople`, `developmentCaseOf`).
 */
export const savePipelineIndex = async (db: XfDb, entries: readonly PipelineIndexEntry[]): Promise<void> => {
  if (entries.length === 0) return
  await db.transaction(async (tx) => {
    for (let i = 0; i < entries.length; i += 500) {
      const ids = entries.slice(i, i + 500).map((e) => e.memberId)
      await tx
        .insert(idx)
        .values(entries.slice(i, i + 500).map((e) => ({ ...e, items: [...e.items] })))
        .onConflictDoUpdate({
          target: idx.memberId,
          set: {
            memberVersion: sql`excluded.member_version`,
            evaluatedOn: sql`excluded.evaluated_on`,
            recheckOn: sql`excluded.recheck_on`,
            items: sql`excluded.items`,
          },
        })
      await tx.delete(stepRows).where(inArray(stepRows.memberId, ids))
      await tx.execute(sql`
        insert into ${stepRows} (member_id, ordinal, step, state, due_by)
        select i.member_id, (it.n - 1)::int, it.v->>'step', it.v->>'state', (it.v->>'dueBy')::date
        from ${idx} as i cross join lateral jsonb_array_elements(i.items) with ordinality as it(v, n)
        where ${inArray(sql`i.member_id`, ids)}`)
    }
  })
}

/** A person of the pipeline with open deadlines, as the index holds them. */
export interface IndexedPerson {
  readonly id: string
  readonly name: string
  readonly orgId: string
  readonly orgName: string
  readonly stage: PipelineStage
  readonly items: readonly PipelineIndexItem[]
}

/**
 * The pipeline's people (subtree `within` of the scope) with open deadlines, from the index rows that hold for
 * their member row's current version. Refresh the stale ones first (`stalePipelinePeople`).
 */
export const indexedPipelineOf = async (db: XfDb, scope: Scope, within: string): Promise<IndexedPerson[]> =>
  (await db
    .select({
      id: members.id,
      name: members.name,
      orgId: members.orgId,
      orgName: orgs.name,
      stage: members.stage,
      items: idx.items,
    })
    .from(idx)
    .innerJoin(members, eq(members.id, idx.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        inPipeline(scope, within),
        eq(idx.memberVersion, members.version),
        sql`${idx.items} <> '[]'::jsonb`,
      ),
    )) as IndexedPerson[]

/** The column holding the day a person entered each pipeline stage. */
const sinceColumn = {
  applicant: members.appliedOn,
  activist: members.activistOn,
  "development-object": members.developmentObjectOn,
  probationary: members.admittedOn,
} as const

/**
 * The board: per pipeline stage at most `cap` people of the subtree `within`, longest in the stage first
 * (a person without the stage date last), then by id; one query per stage.
 */
export const pipelineBoardOf = async (db: XfDb, scope: Scope, within: string, cap: number) => {
  const board = []
  for (const stage of pipelineStages) {
    const since = sinceColumn[stage]
    const people = await db
      .select({ memberId: members.id, name: members.name, orgName: orgs.name, since })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(and(inPipeline(scope, within), eq(members.stage, stage)))
      .orderBy(sql`${since} asc nulls last`, asc(members.id))
      .limit(cap)
    board.push({ stage, people })
  }
  return board
}

/**
 * Forgets the index rows of a district's members (the district's development policy changed, so every
 * stored answer may): the next pipeline read evaluates them again.
 */
export const clearPipelineIndex = async (db: XfDb, districtId: string): Promise<void> => {
  await db
    .delete(idx)
    .where(
      inArray(
        idx.memberId,
        db
          .select({ id: members.id })
          .from(members)
          .innerJoin(orgs, eq(orgs.id, members.orgId))
          .where(pathInSubtree(orgs.path, districtId)),
      ),
    )
}
