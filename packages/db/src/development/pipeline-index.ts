/**
 * The development pipeline's index (development_pipeline_index): each person's open steps with a deadline,
 * stored when a step is recorded and refreshed at read time for the people whose stored day has come
 * (`recheck_on` on or before today, or `evaluated_on` after it) or whose row the triggers marked (the member was
 * written at another version, or came into the pipeline: a freshly loaded demo district, an import, a restore).
 * The board and the attention list read it, not the rules.
 */
import { isRootPath, type PlainDate } from "@xianfeng/core"
import { and, asc, eq, inArray, lte, or, type SQL, sql } from "drizzle-orm"
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

/** A person of the pipeline to evaluate again, with their index row's `marks` as the staleness check found it. */
export type StalePipelinePerson = DevelopmentPerson & {
  readonly stage: PipelineStage
  /** Store it as the entry's `marksSeen` (`savePipelineIndex`): a write since then leaves the row marked. */
  readonly marks: number
}

/**
 * The people of the pipeline (subtree `within` of the scope) whose index row no longer holds on `today` — it is
 * marked (the member was written at another version since its evaluation, or the row was made for someone who
 * came into the pipeline: custom migration `development_pipeline_marks_triggers`), its `recheck_on` has come, or
 * its `evaluated_on` lies after today (a clock set back) —, in key order, with their development records, in two
 * queries. Found through the index rows' own indexes (the marked rows' partial index, the two date indexes, or-ed
 * in one bitmap), joined to the member by key for the scope and the pipeline, so a read costs what is stale, not
 * the scope's pipeline. Every person of the pipeline has a row (the triggers make one), so none is missed for
 * lacking it.
 */
export const stalePipelinePeople = async (
  db: XfDb,
  scope: Scope,
  within: string,
  today: PlainDate,
): Promise<{
  readonly people: readonly StalePipelinePerson[]
  readonly records: ReadonlyMap<string, readonly DevelopmentRecord[]>
}> => {
  const day = today.toString()
  // One join with the three conditions or-ed: the planner reads the rows through their three indexes at once (a
  // bitmap or) and joins each to its person by key for the scope and the pipeline. At a province it plans in a
  // third of the time a union of three joined branches took (0.4–0.6 ms against 1.3–1.5, for the whole tree and
  // for a branch: with nothing stale, the planning was most of the read), and after a day change, with the whole
  // pipeline stale (95,402 people), it reads them in 0.5–0.6 s against 1.0–2.7 s.
  const stale = sql`(${idx.marked} or ${idx.recheckOn} <= ${day}::date or ${idx.evaluatedOn} > ${day}::date)`
  const people = (await db
    .select({ ...developmentPersonColumns, marks: idx.marks })
    .from(idx)
    .innerJoin(members, eq(members.id, idx.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(inPipeline(scope, within), stale))
    .orderBy(asc(idx.memberId))) as StalePipelinePerson[]
  if (people.length === 0) return { people, records: new Map() }
  // The records by the same condition, not by a list of ids: after a day change a province's whole pipeline is
  // stale (95,402 people), more than one statement may carry as parameters.
  const records = await developmentRecordsOf(
    db,
    db
      .select({ id: idx.memberId })
      .from(idx)
      .innerJoin(members, eq(members.id, idx.memberId))
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(and(inPipeline(scope, within), stale)),
  )
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
  /**
   * The row's `marks` as the evaluation's read found them (`StalePipelinePerson.marks`): a write of the member since
   * then leaves the row marked. Absent, the row is stored as unmarked (its `marks` as they are now): for a writer
   * that evaluated the member it has just written, in the same transaction.
   */
  readonly marksSeen?: number
}

/** A row put aside (its person left the pipeline): never rechecked, never marked (the triggers' `9999-12-31`). */
export const PUT_ASIDE = "9999-12-31"

/**
 * Stores (or replaces) index rows and their open steps one row each (`development_pipeline_items`, unpacked from
 * the stored `items` in the database) in one transaction, in key order (as the triggers mark rows, so the two queue
 * instead of deadlocking); the only writer of either table besides the triggers' marks. A row of someone no longer
 * in the pipeline (a step that made them a full member) is put aside as the triggers do. Not scoped itself: the
 * callers pass people they loaded in scope (`stalePipelinePeople`, `developmentCaseOf`).
 */
export const savePipelineIndex = async (db: XfDb, entries: readonly PipelineIndexEntry[]): Promise<void> => {
  if (entries.length === 0) return
  const sorted = [...entries].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0))
  await db.transaction(async (tx) => {
    for (let i = 0; i < sorted.length; i += 500) {
      const chunk = sorted.slice(i, i + 500)
      const ids = chunk.map((e) => e.memberId)
      // Rows whose evaluation says what it saw, and rows stored as unmarked (as they hold now): one upsert each.
      const upsert = async (rows: readonly PipelineIndexEntry[], seen: SQL) => {
        if (rows.length === 0) return
        await tx
          .insert(idx)
          .values(
            rows.map(({ marksSeen, ...e }) => ({ ...e, items: [...e.items], marksSeen: marksSeen ?? 0 })),
          )
          .onConflictDoUpdate({
            target: idx.memberId,
            set: {
              memberVersion: sql`excluded.member_version`,
              evaluatedOn: sql`excluded.evaluated_on`,
              recheckOn: sql`excluded.recheck_on`,
              items: sql`excluded.items`,
              marksSeen: seen,
            },
          })
      }
      await upsert(
        chunk.filter((e) => e.marksSeen !== undefined),
        sql`excluded.marks_seen`,
      )
      await upsert(
        chunk.filter((e) => e.marksSeen === undefined),
        sql`${idx.marks}`,
      )
      await tx.execute(sql`
        update ${idx} as c set recheck_on = ${PUT_ASIDE}::date, marks_seen = c.marks
        from ${members} as m
        where m.id = c.member_id and ${inArray(sql`c.member_id`, ids)}
          and not (m.status = 'normal' and m.stage in (${sql.join(
            pipelineStages.map((st) => sql`${st}`),
            sql`, `,
          )}))`)
      await tx.delete(stepRows).where(inArray(stepRows.memberId, ids))
      await tx.execute(sql`
        insert into ${stepRows} (member_id, ordinal, step, state, due_by, org_id)
        select i.member_id, (it.n - 1)::int, it.v->>'step', it.v->>'state', (it.v->>'dueBy')::date, m.org_id
        from ${idx} as i join ${members} as m on m.id = i.member_id
          cross join lateral jsonb_array_elements(i.items) with ordinality as it(v, n)
        where ${inArray(sql`i.member_id`, ids)}`)
    }
  })
}

/** One open step of a person of the pipeline that wants attention (`pipelineAttentionOf`). */
export interface PipelineAttentionRow {
  readonly memberId: string
  readonly name: string
  readonly orgId: string
  readonly orgName: string
  readonly stage: PipelineStage
  readonly step: string
  /** As the index row's evaluation found it (the row holds today: refresh the stale ones first). */
  readonly state: "due" | "overdue"
  readonly dueBy: PlainDate
}

/** What `pipelineAttentionOf` reads: the steps that may be among the most urgent, and how many there are in all. */
export interface PipelineAttention {
  /** Every step ranked among the `cap` most urgent (ties at the last place included), in person and index order. */
  readonly rows: PipelineAttentionRow[]
  /** How many of the steps that want attention are overdue, counted before the cap. */
  readonly overdue: number
  /** How many are due by the horizon (not overdue), counted before the cap. */
  readonly due: number
}

/**
 * The open steps that want attention in the subtree `within` of the scope: every overdue step, and every step due
 * on or before `horizon` (the caller's today plus the attention window, `ATTENTION_DAYS` of the development rules'
 * `attentionOf`), from the pipeline index's steps (`development_pipeline_items`) whose index row holds for the
 * member row's current version. Refresh the stale rows first (`stalePipelinePeople`).
 *
 * Returns their numbers (`overdue`, `due`) and the rows only of those that can be among the `cap` most urgent:
 * ranked as `attentionOf` ranks before it looks at names (overdue first, then the earlier deadline), every step
 * whose rank is at most `cap`, so a tie at the last place comes whole and `attentionOf` over the rows, cut to
 * `cap`, equals `attentionOf` over every step, cut to `cap`. The rows come in person (member id) and index order,
 * so the rules' stable sort breaks ties as it did over whole index rows. `cap` is a whole number from 1 up, else a
 * `RangeError`.
 *
 * At a province's whole tree 12,514 steps want attention (of 53,572 stored); mapping and ordering all of them in
 * Node took ~170 ms of CPU a read, for the 500 the page shows.
 */
export const pipelineAttentionOf = async (
  db: XfDb,
  scope: Scope,
  within: string,
  horizon: PlainDate,
  cap: number,
): Promise<PipelineAttention> => {
  if (!Number.isInteger(cap) || cap < 1)
    throw new RangeError(`cap must be a whole number from 1 up, not ${cap}`)
  // Below the root, the step row's organization (as `pipelineDeadlinesOf`): the scope's organizations meet the
  // steps before any person is looked up.
  const wholeTree = isRootPath(within)
  const overdueFirst = sql`(${stepRows.state} <> 'overdue')`
  const ranked = db
    .select({
      memberId: sql<string>`${members.id}`.as("member_id"),
      name: members.name,
      orgId: sql<string>`${members.orgId}`.as("org_id"),
      orgName: sql<string>`${orgs.name}`.as("org_name"),
      stage: members.stage,
      step: stepRows.step,
      state: stepRows.state,
      dueBy: stepRows.dueBy,
      ordinal: stepRows.ordinal,
      rank: sql<number>`rank() over (order by ${overdueFirst}, ${stepRows.dueBy})`.as("rank"),
      overdue: sql<number>`count(*) filter (where ${stepRows.state} = 'overdue') over ()`.as("overdue"),
      all: sql<number>`count(*) over ()`.as("all"),
    })
    .from(stepRows)
    .innerJoin(idx, eq(idx.memberId, stepRows.memberId))
    .innerJoin(members, eq(members.id, stepRows.memberId))
    .innerJoin(orgs, eq(orgs.id, wholeTree ? members.orgId : stepRows.orgId))
    .where(
      and(
        inPipeline(scope, within),
        eq(idx.memberVersion, members.version),
        wholeTree ? undefined : eq(members.orgId, stepRows.orgId),
        or(lte(stepRows.dueBy, horizon), eq(stepRows.state, "overdue")),
      ),
    )
    .as("ranked")
  const rows = await db
    .select({
      memberId: ranked.memberId,
      name: ranked.name,
      orgId: ranked.orgId,
      orgName: ranked.orgName,
      stage: ranked.stage,
      step: ranked.step,
      state: ranked.state,
      dueBy: ranked.dueBy,
      overdue: sql`${ranked.overdue}`.mapWith(Number),
      all: sql`${ranked.all}`.mapWith(Number),
    })
    .from(ranked)
    .where(lte(ranked.rank, cap))
    .orderBy(asc(ranked.memberId), asc(ranked.ordinal))
  const [first] = rows
  const overdue = first?.overdue ?? 0
  return {
    rows: rows.map(({ overdue: _o, all: _a, ...r }) => r) as PipelineAttentionRow[],
    overdue,
    due: (first?.all ?? 0) - overdue,
  }
}

/** The column holding the day a person entered each pipeline stage. */
const sinceColumn = {
  applicant: members.appliedOn,
  activist: members.activistOn,
  "development-object": members.developmentObjectOn,
  probationary: members.admittedOn,
} as const

/**
 * The board: per pipeline stage at most `cap` people of the subtree `within`, longest in the stage first
 * (a person without the stage date last), then by id; one query per stage. Each names its stage alone, as the
 * stage's board index does (`members_board_<stage>_idx`): with the pipeline's stages named as well, the planner took
 * the two for independent and expected a tenth of the stage's people, so a committee of a province read every
 * person of the stage (25,317 activists) and sorted them (~60–370 ms a stage) instead of walking the index in order
 * to its 50th (~2–20 ms).
 */
export const pipelineBoardOf = async (db: XfDb, scope: Scope, within: string, cap: number) => {
  const board = []
  for (const stage of pipelineStages) {
    const since = sinceColumn[stage]
    const people = await db
      .select({ memberId: members.id, name: members.name, orgName: orgs.name, since })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(and(memberRowsInScope(scope, within), eq(members.status, "normal"), eq(members.stage, stage)))
      .orderBy(sql`${since} asc nulls last`, asc(members.id))
      .limit(cap)
    board.push({ stage, people })
  }
  return board
}

/**
 * Forgets the stored answers of a district's pipeline (the district's development policy or working calendar
 * changed, so every stored answer may): marks the index rows of its members, but those put aside, so the next
 * pipeline read evaluates them again. Rows are kept, not deleted: every person of the pipeline keeps a row, which
 * the staleness check relies on (`stalePipelinePeople`).
 */
export const clearPipelineIndex = async (db: XfDb, districtId: string): Promise<void> => {
  await db
    .update(idx)
    .set({ marks: sql`${idx.marks} + 1` })
    .where(
      and(
        sql`${idx.recheckOn} <> ${PUT_ASIDE}::date`,
        inArray(
          idx.memberId,
          db
            .select({ id: members.id })
            .from(members)
            .innerJoin(orgs, eq(orgs.id, members.orgId))
            .where(pathInSubtree(orgs.path, districtId)),
        ),
      ),
    )
}
