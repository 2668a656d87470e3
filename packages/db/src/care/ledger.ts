/**
 * The care ledger (困难党员台账) and its annual survey (摸底调查): every query of `care_ledger_events`,
 * `care_surveys` and `care_survey_branches`. The ledger is never stored as rows of state: it is the replay of its
 * events (`ledgerAsOf` of @xianfeng/care-ledger), so the ledger as of any past day is the same query with that
 * day. Each query takes the caller's `Scope`; `appendLedgerEvents` is the one write path of the events.
 */
import {
  type CareCategory,
  type LedgerEntry,
  type LedgerEvent,
  type LedgerEventKind,
  ledgerAsOf,
  type SurveyBranch,
} from "@xianfeng/care-ledger"
import { compareChinese, type FieldError, type PlainDate } from "@xianfeng/core"
import { and, asc, count, desc, eq, inArray, isNotNull, lte, ne, sql } from "drizzle-orm"
import { Result } from "effect"
import { bulkInsert } from "../bulk-copy.js"
import type { XfDb } from "../database.js"
import { inSubtree } from "../org-tree.js"
import {
  NotInScope,
  orgInScope,
  orgRowInScope,
  pathInScope,
  type Scope,
  withinOf,
} from "../platform/scope.js"
import {
  type CareLedgerEventRow,
  type CareSurvey,
  careLedgerEvents,
  careSurveyBranches,
  careSurveys,
  members,
  orgs,
} from "../schema/index.js"

/** An event as a caller writes it. */
export interface NewLedgerEvent {
  readonly entryId: string
  readonly orgId: string
  readonly memberId?: string | null
  readonly personName?: string | null
  readonly kind: LedgerEventKind
  readonly category?: CareCategory | null
  readonly onDate: PlainDate
  readonly reason: string
  readonly detail?: string | null
  readonly surveyId?: string | null
  readonly recordedBy: string | null
  readonly recordedAt?: Date
}

/** The one write path of `care_ledger_events` (append only: the database refuses UPDATE and DELETE to the API). */
export const appendLedgerEvents = async (db: XfDb, rows: readonly NewLedgerEvent[]) =>
  rows.length === 0
    ? []
    : db
        .insert(careLedgerEvents)
        .values([...rows])
        .returning()

/**
 * The bulk path of events for a load of trusted rows (the demo, an import): the same rows as `appendLedgerEvents`
 * without reading them back, by COPY when the transaction streams by COPY (`streamBulkWritesByCopy`), else by
 * multi-row INSERTs. Returns how many.
 */
export const loadLedgerEvents = (db: XfDb, rows: readonly NewLedgerEvent[]): Promise<number> =>
  bulkInsert(db, careLedgerEvents, rows)

/** The columns an event is made of; the person, member and detail may be left unread (they decide no count). */
type EventColumns = Pick<
  CareLedgerEventRow,
  "entryId" | "seq" | "kind" | "onDate" | "reason" | "recordedBy" | "category"
> &
  Partial<Pick<CareLedgerEventRow, "memberId" | "personName" | "detail">>

const toEvent = (r: EventColumns): LedgerEvent => ({
  entryId: r.entryId,
  seq: r.seq,
  kind: r.kind as LedgerEventKind,
  on: r.onDate,
  reason: r.reason,
  by: r.recordedBy ?? "",
  ...(r.category === null ? {} : { category: r.category as CareCategory }),
  ...(r.memberId == null ? {} : { memberId: r.memberId }),
  ...(r.personName == null ? {} : { personName: r.personName }),
  ...(r.detail == null ? {} : { detail: r.detail }),
})

/** Every event of the subtree `within` (a path already checked to lie in the scope), in the order recorded. */
const eventRowsWithin = (db: XfDb, within: string) =>
  db
    .select({ e: careLedgerEvents, orgName: orgs.name })
    .from(careLedgerEvents)
    .innerJoin(orgs, eq(orgs.id, careLedgerEvents.orgId))
    .where(inSubtree(careLedgerEvents.orgId, within))
    .orderBy(asc(careLedgerEvents.seq))

/** An entry of the ledger with who it is and which branch keeps it. */
export interface LedgerEntryRow extends LedgerEntry {
  readonly orgId: string
  readonly orgName: string
  readonly name: string
}

/**
 * The ledger of the scope (or of the subtree of `orgId`, in scope else `NotInScope`) as of `asOf`: the replay of
 * its events dated up to that day. The entries carry `detail` (sensitive); the caller decides who sees it and
 * audits the read.
 */
export const ledgerInScope = async (
  db: XfDb,
  scope: Scope,
  query: { readonly orgId?: string | undefined; readonly asOf: PlainDate },
): Promise<readonly LedgerEntryRow[]> => {
  const within = await withinOf(db, scope, query.orgId)
  const rows = await eventRowsWithin(db, within)
  const ledger = Result.getOrThrow(
    ledgerAsOf(
      rows.map((r) => toEvent(r.e)),
      query.asOf,
    ),
  )
  const orgOf = new Map(rows.map((r) => [r.e.entryId, { orgId: r.e.orgId, orgName: r.orgName }]))
  const memberIds = [
    ...new Set([...ledger.values()].flatMap((e) => (e.memberId === undefined ? [] : [e.memberId]))),
  ]
  const names =
    memberIds.length === 0
      ? new Map<string, string>()
      : new Map(
          (
            await db
              .select({ id: members.id, name: members.name })
              .from(members)
              .where(inArray(members.id, memberIds))
          ).map((m) => [m.id, m.name]),
        )
  return [...ledger.values()]
    .map((e) => ({
      ...e,
      ...(orgOf.get(e.entryId) as { orgId: string; orgName: string }),
      name: e.personName ?? (e.memberId === undefined ? "" : (names.get(e.memberId) ?? "")),
    }))
    .sort((a, b) => compareChinese(a.orgName, b.orgName) || compareChinese(a.name, b.name))
}

/**
 * How many entries of the scope's ledger as of `asOf` fall in each category (an entry without one is not counted),
 * counted in the database: each entry's events on or before `asOf`, in the replay's order (by day, then `seq`),
 * decide it — the entry stands unless its last event closes it, under the last category an event gave it (`opened`
 * sets one, `changed` may change it; `confirmed` changes neither). That is `ledgerAsOf`'s answer for every history
 * `recordLedgerEvent` accepts (a property test checks the two agree); the replay, with its refusals, stays the
 * ledger's own reading (`ledgerInScope`). No `detail` leaves it, so the read needs no audit.
 *
 * At a province's whole tree the replay read 191,420 events into Node to count a few categories (~2 s, mostly the
 * rows' objects and their collection); this returns one row a category.
 */
export const ledgerCountsInScope = async (
  db: XfDb,
  scope: Scope,
  asOf: PlainDate,
): Promise<ReadonlyMap<CareCategory, number>> => {
  const e = careLedgerEvents
  const order = sql`order by ${e.onDate} desc, ${e.seq} desc`
  const entries = db
    .select({
      lastKind: sql<string>`(array_agg(${e.kind} ${order}))[1]`.as("last_kind"),
      category: sql<
        string | null
      >`(array_agg(${e.category} ${order}) filter (where ${e.category} is not null))[1]`.as("category"),
    })
    .from(e)
    .where(and(inSubtree(e.orgId, scope.orgPath), lte(e.onDate, asOf)))
    .groupBy(e.entryId)
    .as("entries")
  const rows = await db
    .select({ category: entries.category, n: count() })
    .from(entries)
    .where(and(ne(entries.lastKind, "closed"), isNotNull(entries.category)))
    .groupBy(entries.category)
  return new Map(rows.map((r) => [r.category as CareCategory, r.n]))
}

/** The history of one entry (its events, oldest first), if its branch lies in scope; else `NotInScope`. */
export const ledgerEntryEventsInScope = async (
  db: XfDb,
  scope: Scope,
  entryId: string,
): Promise<readonly CareLedgerEventRow[]> => {
  const rows = await db
    .select({ e: careLedgerEvents })
    .from(careLedgerEvents)
    .innerJoin(orgs, eq(orgs.id, careLedgerEvents.orgId))
    .where(and(eq(careLedgerEvents.entryId, entryId), orgRowInScope(scope)))
    .orderBy(asc(careLedgerEvents.seq))
  if (rows.length === 0) throw new NotInScope("care-entry", entryId)
  return rows.map((r) => r.e)
}

/**
 * Appends one event after checking that the entry's whole history still replays with it (an event dated before
 * the entry was opened, a second opening, closing what is closed → the `FieldError` naming the field). The
 * event's branch must lie in scope (else `NotInScope`); for an existing entry it is the entry's branch.
 */
export const recordLedgerEvent = async (
  db: XfDb,
  scope: Scope,
  event: NewLedgerEvent,
): Promise<Result.Result<CareLedgerEventRow, FieldError>> => {
  await orgInScope(db, scope, event.orgId)
  const history =
    event.kind === "opened"
      ? []
      : (await ledgerEntryEventsInScope(db, scope, event.entryId)).filter((r) => r.orgId === event.orgId)
  if (event.kind !== "opened" && history.length === 0) throw new NotInScope("care-entry", event.entryId)
  const first = history[0]
  const candidate: LedgerEvent = {
    entryId: event.entryId,
    seq: Number.MAX_SAFE_INTEGER,
    kind: event.kind,
    on: event.onDate,
    reason: event.reason,
    by: event.recordedBy ?? "",
    ...(event.category == null ? {} : { category: event.category }),
  }
  const far = event.onDate.add({ years: 200 })
  const replay = ledgerAsOf([...history.map(toEvent), candidate], far)
  if (Result.isFailure(replay)) return Result.fail(replay.failure)
  const [row] = await appendLedgerEvents(db, [
    {
      ...event,
      memberId: event.memberId ?? first?.memberId ?? null,
      personName: event.personName ?? first?.personName ?? null,
    },
  ])
  if (row === undefined) throw new Error("insert into care_ledger_events returned no row")
  return Result.succeed(row)
}

/**
 * A survey with its branches' progress: an entry open when the survey started counts as reviewed once it has been
 * confirmed or closed for the survey or on any day since the survey started.
 */
export interface SurveyRow extends CareSurvey {
  readonly orgName: string
  readonly branches: readonly (SurveyBranch & { readonly orgName: string })[]
}

/** The columns of `care_surveys` its triggers keep (migration `care_survey_stored_counts`): never given. */
type StoredSurveyCounts = "branchCount" | "confirmedCount" | "branchesElsewhere"

/** Creates a survey over every branch of the subtree of `orgId` (in scope, else `NotInScope`). */
export const createSurvey = async (
  db: XfDb,
  scope: Scope,
  s: Omit<CareSurvey, "id" | "recordedAt" | "orgName" | StoredSurveyCounts> & { readonly recordedAt?: Date },
): Promise<CareSurvey> => {
  const org = await orgInScope(db, scope, s.orgId)
  const [row] = await db
    .insert(careSurveys)
    .values({ ...s, orgName: org.name })
    .returning()
  if (row === undefined) throw new Error("insert into care_surveys returned no row")
  const branches = await db
    .select({ id: orgs.id })
    .from(orgs)
    .where(and(inSubtree(orgs.id, org.path), eq(orgs.kind, "branch")))
  if (branches.length > 0)
    await db.insert(careSurveyBranches).values(branches.map((b) => ({ surveyId: row.id, orgId: b.id })))
  return row
}

const progressOf = async (
  db: XfDb,
  survey: CareSurvey,
  branchRows: readonly { orgId: string; orgName: string; orgPath: string; confirmedOn: PlainDate | null }[],
) => {
  if (branchRows.length === 0) return []
  const events = await db
    .select()
    .from(careLedgerEvents)
    .where(
      inArray(
        careLedgerEvents.orgId,
        branchRows.map((b) => b.orgId),
      ),
    )
    .orderBy(asc(careLedgerEvents.seq))
  return branchRows.map((b) => {
    const mine = events.filter((e) => e.orgId === b.orgId)
    const atStart = Result.getOrThrow(ledgerAsOf(mine.map(toEvent), survey.startsOn.subtract({ days: 1 })))
    const reviewed = new Set(
      mine
        .filter(
          (e) =>
            (e.kind === "confirmed" || e.kind === "closed") &&
            (e.surveyId === survey.id || e.onDate.toString() >= survey.startsOn.toString()),
        )
        .map((e) => e.entryId),
    )
    return {
      orgId: b.orgId,
      orgName: b.orgName,
      entries: atStart.size,
      reviewed: [...atStart.keys()].filter((id) => reviewed.has(id)).length,
      ...(b.confirmedOn === null ? {} : { confirmedOn: b.confirmedOn }),
    }
  })
}

/** The surveys the scope takes part in (run by an org of it, or with a branch of it), newest first, with progress. */
export const surveysInScope = async (db: XfDb, scope: Scope): Promise<readonly SurveyRow[]> => {
  const branchRows = await db
    .select({
      surveyId: careSurveyBranches.surveyId,
      orgId: careSurveyBranches.orgId,
      orgName: orgs.name,
      orgPath: orgs.path,
      confirmedOn: careSurveyBranches.confirmedOn,
    })
    .from(careSurveyBranches)
    .innerJoin(orgs, eq(orgs.id, careSurveyBranches.orgId))
    .where(orgRowInScope(scope))
    .orderBy(asc(orgs.path))
  const ids = [...new Set(branchRows.map((b) => b.surveyId))]
  if (ids.length === 0) return []
  // A survey run from above the scope: its running organization's row is hidden (row-level security), its name
  // is the survey's own.
  const surveys = await db
    .select({ s: careSurveys, orgName: careSurveys.orgName })
    .from(careSurveys)
    .where(inArray(careSurveys.id, ids))
  const out: SurveyRow[] = []
  for (const { s, orgName } of surveys.sort((a, b) =>
    b.s.startsOn.toString().localeCompare(a.s.startsOn.toString()),
  )) {
    out.push({
      ...s,
      orgName,
      branches: await progressOf(
        db,
        s,
        branchRows.filter((b) => b.surveyId === s.id),
      ),
    })
  }
  return out
}

/** A survey the scope takes part in, with how many of its branches in the scope there are and have confirmed. */
export interface SurveyTally {
  readonly id: string
  readonly title: string
  readonly startsOn: PlainDate
  readonly deadline: PlainDate
  /** The survey's branches that lie in the scope. */
  readonly branches: number
  /** Of those, the ones that confirmed their part. */
  readonly confirmed: number
}

/**
 * The surveys the scope takes part in (with a branch of it), newest first (then by id), each with its branches in
 * the scope counted and those that confirmed: the figures of `surveyProgress` over `surveysInScope`'s branches,
 * from `surveysWithCountsInScope` (stored counts where every branch is in the scope), without reading the ledger each
 * branch's entries are counted from.
 */
export const surveyTalliesInScope = async (db: XfDb, scope: Scope): Promise<readonly SurveyTally[]> => {
  const w = surveysWithCountsInScope(db, scope)
  const rows = await db
    .select({
      id: w.id,
      title: w.title,
      startsOn: w.startsOn,
      deadline: w.deadline,
      branches: w.branches,
      confirmed: w.confirmed,
    })
    .from(w)
    .where(sql`${w.branches} > 0`)
    .orderBy(desc(w.startsOn), asc(w.id))
  return rows.map((r) => ({ ...r, branches: Number(r.branches), confirmed: Number(r.confirmed) }))
}

/**
 * Every survey visible to the scope with its branches in the scope and how many of them confirmed, as a subquery
 * (`id`, `orgId`, `orgName`, `title`, `startsOn`, `deadline`, `branches`, `confirmed`) to filter and order. A
 * survey none of whose branches lies outside its running organization's subtree (`branches_elsewhere` = 0), run by
 * an organization of the scope, has every branch in the scope: its stored counts (`branch_count`,
 * `confirmed_count`, kept by triggers) are read. Any other survey's branches are counted once, from the scope's
 * organizations (the path index) to their rows of the survey (its key): a branch secretary's count probes one row.
 */
export const surveysWithCountsInScope = (db: XfDb, scope: Scope) => {
  const whole = sql`(${careSurveys.branchesElsewhere} = 0 and exists (
    select 1 from ${orgs} so where so.id = ${careSurveys.orgId} and ${pathInScope(sql`so.path`, scope)}))`
  const counted = db
    .select({
      n: sql<number>`count(*)::int`.as("n"),
      confirmed: sql<number>`count(${careSurveyBranches.confirmedOn})::int`.as("c"),
    })
    .from(orgs)
    .innerJoin(
      careSurveyBranches,
      and(eq(careSurveyBranches.orgId, orgs.id), eq(careSurveyBranches.surveyId, careSurveys.id)),
    )
    .where(and(orgRowInScope(scope), sql`not ${whole}`))
    .as("counted")
  return db
    .select({
      id: careSurveys.id,
      orgId: careSurveys.orgId,
      orgName: careSurveys.orgName,
      title: careSurveys.title,
      startsOn: careSurveys.startsOn,
      deadline: careSurveys.deadline,
      branches: sql<number>`(case when ${whole} then ${careSurveys.branchCount} else ${counted.n} end)`.as(
        "branches",
      ),
      confirmed:
        sql<number>`(case when ${whole} then ${careSurveys.confirmedCount} else ${counted.confirmed} end)`.as(
          "confirmed",
        ),
    })
    .from(careSurveys)
    .leftJoinLateral(counted, sql`true`)
    .as("w")
}

/** A survey of the scope with its branches' progress (else `NotInScope`). */
export const surveyInScope = async (db: XfDb, scope: Scope, surveyId: string): Promise<SurveyRow> => {
  const found = (await surveysInScope(db, scope)).find((s) => s.id === surveyId)
  if (found === undefined) throw new NotInScope("care-survey", surveyId)
  return found
}

/**
 * For a load of trusted rows (the demo): records in one statement that the branches `orgIds` confirmed their
 * part of a survey (`confirmSurveyBranch` without the scope check, one branch at a time). Branches the survey
 * does not count are left alone. Returns how many rows changed.
 */
export const loadSurveyConfirmations = async (
  db: XfDb,
  surveyId: string,
  orgIds: readonly string[],
  on: PlainDate,
  by: string | null,
): Promise<number> => {
  if (orgIds.length === 0) return 0
  const rows = await db
    .update(careSurveyBranches)
    .set({ confirmedOn: on, confirmedBy: by })
    .where(and(eq(careSurveyBranches.surveyId, surveyId), inArray(careSurveyBranches.orgId, [...orgIds])))
    .returning({ orgId: careSurveyBranches.orgId })
  return rows.length
}

/** Records that a branch (in scope, else `NotInScope`) confirmed its part of a survey. */
export const confirmSurveyBranch = async (
  db: XfDb,
  scope: Scope,
  surveyId: string,
  orgId: string,
  on: PlainDate,
  by: string | null,
) => {
  await orgInScope(db, scope, orgId)
  const [row] = await db
    .update(careSurveyBranches)
    .set({ confirmedOn: on, confirmedBy: by })
    .where(and(eq(careSurveyBranches.surveyId, surveyId), eq(careSurveyBranches.orgId, orgId)))
    .returning()
  if (row === undefined) throw new NotInScope("care-survey-branch", `${surveyId}/${orgId}`)
  return row
}
