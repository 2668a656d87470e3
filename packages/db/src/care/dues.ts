/**
 * 党费 (party dues): every query of `care_dues_assessments`, `care_dues_reductions` and `care_dues_payments`.
 * Each takes the caller's `Scope` (through the member's organization); each table has one write path.
 * Months are `YYYY-MM` text; money is integer fen.
 */
import {
  type DuesMonth,
  type DuesReduction,
  type DuesStanding,
  duesStanding,
  SELF_LAPSE_MONTHS,
  yearSchedule,
} from "@xianfeng/care-ledger"
import { type PlainDate, Temporal } from "@xianfeng/core"
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm"
import { bulkInsert, streamsByCopy } from "../bulk-copy.js"
import { rowsOf, type XfDb } from "../database.js"
import { inUuids } from "../internal/id-list.js"
import { memberInScope, memberRowsInScope, orgRowInScope, type Scope, withinOf } from "../platform/scope.js"
import {
  type CareDuesAssessment,
  type CareDuesPayment,
  type CareDuesReduction,
  careDuesArrears,
  careDuesAssessments,
  careDuesOrgStamps,
  careDuesPayments,
  careDuesReductions,
  careDuesStamps,
  careDuesStandings,
  members,
  orgs,
} from "../schema/index.js"

const ym = (s: string) => Temporal.PlainYearMonth.from(s)

/** What an assessment holds, as `assessDues` computed it. */
export type NewDuesAssessment = Omit<CareDuesAssessment, "id" | "recordedAt"> & { readonly recordedAt?: Date }
export type NewDuesPayment = Omit<CareDuesPayment, "id" | "recordedAt"> & { readonly recordedAt?: Date }
export type NewDuesReduction = Omit<CareDuesReduction, "id" | "recordedAt"> & { readonly recordedAt?: Date }

/**
 * The one write path of `care_dues_assessments`: sets a member's amount for a year (replacing the year's row,
 * so a correction before the year's first payment is one write).
 */
export const writeDuesAssessments = async (db: XfDb, rows: readonly NewDuesAssessment[]) => {
  if (rows.length === 0) return []
  return db
    .insert(careDuesAssessments)
    .values([...rows])
    .onConflictDoUpdate({
      target: [careDuesAssessments.memberId, careDuesAssessments.year],
      set: {
        category: sql`excluded.category`,
        baseFen: sql`excluded.base_fen`,
        basisPoints: sql`excluded.basis_points`,
        monthlyFen: sql`excluded.monthly_fen`,
        fromMonth: sql`excluded.from_month`,
        recordedBy: sql`excluded.recorded_by`,
        recordedAt: sql`excluded.recorded_at`,
      },
    })
    .returning()
}

/** The one write path of `care_dues_payments`. */
export const writeDuesPayments = async (db: XfDb, rows: readonly NewDuesPayment[]) =>
  rows.length === 0
    ? []
    : db
        .insert(careDuesPayments)
        .values([...rows])
        .returning()

/** The one write path of `care_dues_reductions`. */
export const writeDuesReductions = async (db: XfDb, rows: readonly NewDuesReduction[]) =>
  rows.length === 0
    ? []
    : db
        .insert(careDuesReductions)
        .values([...rows])
        .returning()

/** A member's dues history: every year's assessment, the reductions and what was paid per month. */
export interface DuesHistory {
  readonly assessments: readonly CareDuesAssessment[]
  readonly reductions: readonly DuesReduction[]
  /** Fen paid per month (`YYYY-MM`). */
  readonly paid: ReadonlyMap<string, number>
}

/** The schedule of every assessed year, oldest first. */
export const scheduleOf = (h: DuesHistory): readonly DuesMonth[] =>
  [...h.assessments]
    .sort((a, b) => a.year - b.year)
    .flatMap((a) => yearSchedule(a.year, a.monthlyFen, h.reductions, ym(a.fromMonth)))

/** Dues histories of members already known to lie in scope (the callers check: a payment import, the sheet). */
export const duesHistoriesOf = async (
  db: XfDb,
  memberIds: readonly string[],
): Promise<Map<string, DuesHistory>> => historiesOf(db, memberIds)

const historiesOf = async (db: XfDb, memberIds: readonly string[]): Promise<Map<string, DuesHistory>> => {
  const out = new Map<
    string,
    { assessments: CareDuesAssessment[]; reductions: DuesReduction[]; paid: Map<string, number> }
  >()
  for (const id of memberIds) out.set(id, { assessments: [], reductions: [], paid: new Map() })
  if (memberIds.length === 0) return out
  // One parameter for the ids however many (`inUuids`): a committee's sheet at the province names 79,141.
  const ids = [...memberIds]
  for (const a of await db
    .select()
    .from(careDuesAssessments)
    .where(inUuids(careDuesAssessments.memberId, ids)))
    out.get(a.memberId)?.assessments.push(a)
  for (const r of await db.select().from(careDuesReductions).where(inUuids(careDuesReductions.memberId, ids)))
    out.get(r.memberId)?.reductions.push({
      from: ym(r.fromMonth),
      to: ym(r.toMonth),
      monthlyFen: r.monthlyFen,
      approvalRef: r.approvalRef,
    })
  const paid = await db
    .select({
      memberId: careDuesPayments.memberId,
      month: careDuesPayments.month,
      fen: sql<number>`sum(${careDuesPayments.amountFen})::int`,
    })
    .from(careDuesPayments)
    .where(inUuids(careDuesPayments.memberId, ids))
    .groupBy(careDuesPayments.memberId, careDuesPayments.month)
  for (const p of paid) out.get(p.memberId)?.paid.set(p.month, Number(p.fen))
  return out
}

/** The ids among `memberIds` that lie in the scope. */
const inScopeIds = async (db: XfDb, scope: Scope, memberIds: readonly string[]): Promise<string[]> =>
  memberIds.length === 0
    ? []
    : (
        await db
          .select({ id: members.id })
          .from(members)
          .innerJoin(orgs, eq(orgs.id, members.orgId))
          .where(and(inUuids(members.id, memberIds), memberRowsInScope(scope)))
      ).map((r) => r.id)

/** One member's dues standing as of a day. */
export interface DuesArrears extends DuesStanding {
  readonly memberId: string
  /** The last day of the last month paid (or exempt), for the self-lapse alert's "last paid" evidence. */
  readonly lastPaidThrough?: PlainDate
  /** False when no year is assessed for the member: the records know nothing of their dues. */
  readonly assessed: boolean
}

/**
 * For the members of `memberIds` that lie in the scope (others are left out, as missing), their **consecutive
 * unpaid dues months** as of `asOf` (months that have ended, counted back from the last one; exempt months count
 * as paid), the arrears and the last month paid. A member with no assessment comes back `assessed: false`.
 * This is the dues evidence of the self-lapse alert (PC 9: six months unpaid without good reason).
 */
export const duesArrearsOf = async (
  db: XfDb,
  scope: Scope,
  memberIds: readonly string[],
  asOf: PlainDate,
): Promise<readonly DuesArrears[]> => {
  const ids = await inScopeIds(db, scope, memberIds)
  const histories = await historiesOf(db, ids)
  return ids.map((memberId) => {
    const h = histories.get(memberId) as DuesHistory
    const standing = duesStanding(scheduleOf(h), h.paid, asOf)
    const lastPaidThrough =
      standing.lastPaid === undefined
        ? undefined
        : standing.lastPaid.toPlainDate({ day: standing.lastPaid.daysInMonth })
    return {
      memberId,
      ...standing,
      assessed: h.assessments.length > 0,
      ...(lastPaidThrough === undefined ? {} : { lastPaidThrough }),
    }
  })
}

/** A row of the branch's monthly collection sheet (党费收缴台账). */
export interface DuesSheetRow {
  readonly memberId: string
  readonly name: string
  readonly orgId: string
  readonly orgName: string
  readonly assessment?: CareDuesAssessment
  /** Per month of the year, 1–12: what is due and what was paid, in fen. */
  readonly months: readonly {
    readonly month: string
    readonly dueFen: number
    readonly paidFen: number
    readonly reductionRef?: string
  }[]
  readonly standing: DuesStanding
}

/**
 * On the dues roll (full and probationary members, status normal) of the scope, or of its subtree at `within` (an
 * organization's path): a condition on `members` joined to `orgs`.
 */
const onDuesRoll = (scope: Scope, within?: string) =>
  and(
    memberRowsInScope(scope, within),
    inArray(members.stage, ["probationary", "full"]),
    eq(members.status, "normal"),
  )

/**
 * The collection sheet of a year for the members of the subtree of `orgId` (in scope, else `NotInScope`):
 * one row per member on the roll (full and probationary, status normal), ordered by branch and name. Every row:
 * the export's whole sheet. The screen reads a page at a time (`duesSheetPageInScope`).
 */
export const duesSheetInScope = async (
  db: XfDb,
  scope: Scope,
  query: { readonly orgId?: string | undefined; readonly year: number; readonly asOf: PlainDate },
): Promise<readonly DuesSheetRow[]> => (await sheetOf(db, scope, query)).rows

/**
 * One page of the collection sheet, in the sheet's order (branch, name, id): `offset` rows skipped, at most `limit`
 * (a row count, 1 or more), with `total`, the rows of the whole roll. Only the page's members' dues are read: a
 * committee's whole sheet at the province is 79,141 rows (61 MB of JSON, 25 s).
 * @throws RangeError naming `offset` or `limit` out of bounds; NotInScope for an `orgId` outside the scope.
 */
export const duesSheetPageInScope = (
  db: XfDb,
  scope: Scope,
  query: {
    readonly orgId?: string | undefined
    readonly year: number
    readonly asOf: PlainDate
    readonly offset: number
    readonly limit: number
  },
): Promise<{ readonly total: number; readonly rows: readonly DuesSheetRow[] }> =>
  sheetOf(db, scope, query, { offset: query.offset, limit: query.limit })

/**
 * Checks a page's bounds before anything is read or stored: `offset` a whole number, 0 or more; `limit` a whole
 * number, 1 or more. @throws RangeError naming the field.
 */
const checkPage = (page: { readonly offset: number; readonly limit: number }): void => {
  if (!Number.isSafeInteger(page.offset) || page.offset < 0)
    throw new RangeError(`offset must be a whole number, 0 or more: ${page.offset}`)
  if (!Number.isSafeInteger(page.limit) || page.limit < 1)
    throw new RangeError(`limit must be a whole number, 1 or more: ${page.limit}`)
}

const sheetOf = async (
  db: XfDb,
  scope: Scope,
  query: { readonly orgId?: string | undefined; readonly year: number; readonly asOf: PlainDate },
  page?: { readonly offset: number; readonly limit: number },
): Promise<{ readonly total: number; readonly rows: readonly DuesSheetRow[] }> => {
  if (page !== undefined) checkPage(page)
  const within = await withinOf(db, scope, query.orgId)
  const onRoll = onDuesRoll(scope, within)
  const rollQuery = db
    .select({ id: members.id, name: members.name, orgId: members.orgId, orgName: orgs.name })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(onRoll)
    .orderBy(asc(orgs.path), asc(members.namePinyin), asc(members.id))
  const roll = page === undefined ? await rollQuery : await rollQuery.limit(page.limit).offset(page.offset)
  const total =
    page === undefined
      ? roll.length
      : Number(
          (
            await db
              .select({ n: sql<number>`count(*)::int` })
              .from(members)
              .innerJoin(orgs, eq(orgs.id, members.orgId))
              .where(onRoll)
          )[0]?.n ?? 0,
        )
  const histories = await historiesOf(
    db,
    roll.map((r) => r.id),
  )
  const rows = roll.map((r) => {
    const h = histories.get(r.id) as DuesHistory
    const assessment = h.assessments.find((a) => a.year === query.year)
    const schedule =
      assessment === undefined
        ? []
        : yearSchedule(assessment.year, assessment.monthlyFen, h.reductions, ym(assessment.fromMonth))
    const months = Array.from({ length: 12 }, (_, i) => {
      const month = Temporal.PlainYearMonth.from({ year: query.year, month: i + 1 }).toString()
      const due = schedule.find((m) => m.month.toString() === month)
      return {
        month,
        dueFen: due?.dueFen ?? 0,
        paidFen: h.paid.get(month) ?? 0,
        ...(due?.reductionRef === undefined ? {} : { reductionRef: due.reductionRef }),
      }
    })
    return {
      memberId: r.id,
      name: r.name,
      orgId: r.orgId,
      orgName: r.orgName,
      ...(assessment === undefined ? {} : { assessment }),
      months,
      standing: duesStanding(scheduleOf(h), h.paid, query.asOf),
    }
  })
  return { total, rows }
}

/** A member's dues as a payment check needs them (the member in scope, else `NotInScope`). */
export const memberDuesInScope = async (db: XfDb, scope: Scope, memberId: string) => {
  const member = await memberInScope(db, scope, memberId, { lock: true })
  const h = (await historiesOf(db, [memberId])).get(memberId) as DuesHistory
  return { member, history: h, schedule: scheduleOf(h) }
}

/** A member of the arrears list: their standing (`duesArrearsOf`), name and branch. */
export type DuesArrearsRow = DuesArrears & {
  readonly name: string
  readonly orgId: string
  readonly orgName: string
}

/**
 * One page of the arrears list: the members of the subtree of `orgId` (in scope, else `NotInScope`; the scope's
 * root when absent) on the dues roll with at least one ended month owed as of `asOf`, the longest run of unpaid
 * months first (PC 9: six in a row is the self-lapse alert), then by name in pinyin order and id. `offset` rows
 * are skipped and at most `limit` (1 or more) given, each with its standing (`duesArrearsOf`, DUES 2008 art. 7:
 * dues are paid monthly), name and branch; `summary` is the whole list's `ArrearsSummary` (its `members` is how
 * many rows the list has).
 *
 * The stored standings (`care_dues_standings`, refreshed first by `arrearsSummaryInScope` for the subtree) say who
 * owes and order the list in the database, so only the page's members' dues are read: the district's whole list at
 * the province was ~65,000 members (11.6 MB of JSON, 12 s) and a committee's took 19 s when every member's dues were
 * read and judged.
 * @throws RangeError naming `offset` or `limit` out of bounds (before anything is stored); NotInScope for an `orgId`
 * outside the scope.
 */
export const duesArrearsPageInScope = async (
  db: XfDb,
  scope: Scope,
  query: {
    readonly orgId?: string | undefined
    readonly asOf: PlainDate
    readonly offset: number
    readonly limit: number
  },
): Promise<{ readonly summary: ArrearsSummary; readonly rows: readonly DuesArrearsRow[] }> => {
  // Before the standings are refreshed: a bad page stores nothing.
  checkPage(query)
  const within = await withinOf(db, scope, query.orgId)
  const summary = await arrearsSummaryInScope(
    db,
    { orgId: query.orgId ?? scope.orgId, orgPath: within },
    query.asOf,
  )
  const page = await db
    .select({ id: members.id, name: members.name, orgId: members.orgId, orgName: orgs.name })
    .from(careDuesStandings)
    .innerJoin(members, eq(members.id, careDuesStandings.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        onDuesRoll(scope, within),
        eq(careDuesStandings.asOf, lastEndedOf(query.asOf)),
        sql`${careDuesStandings.arrears} > 0`,
      ),
    )
    .orderBy(desc(careDuesStandings.running), asc(members.namePinyin), asc(members.id))
    .limit(query.limit)
    .offset(query.offset)
  const standings = new Map(
    (
      await duesArrearsOf(
        db,
        scope,
        page.map((p) => p.id),
        query.asOf,
      )
    ).map((a) => [a.memberId, a]),
  )
  return {
    summary,
    rows: page.map((p) => ({
      ...(standings.get(p.id) as DuesArrears),
      name: p.name,
      orgId: p.orgId,
      orgName: p.orgName,
    })),
  }
}

/** The arrears of a scope in three figures, as the dashboard shows them. */
export interface ArrearsSummary {
  /** Members on the roll with at least one ended month owed and not fully paid. */
  readonly members: number
  /** Of them, those with six or more unpaid months running up to the last ended month (PC 9's self-lapse alert). */
  readonly selfLapse: number
  /** What the arrears add up to, in fen. */
  readonly owedFen: number
}

/** The last ended month as of a day (`YYYY-MM`): a month has ended once `asOf` is after its last day. */
const lastEndedOf = (asOf: PlainDate): string =>
  Temporal.PlainYearMonth.from({ year: asOf.year, month: asOf.month }).subtract({ months: 1 }).toString()

/** The members on the dues roll of the scope (full and probationary members, status normal), as a subquery. */
const duesRoll = (db: XfDb, scope: Scope) =>
  db
    .select({ id: members.id })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(onDuesRoll(scope))

/**
 * The CTEs `owed` … `per` computing, for the members of the CTE `who` (a column `id`), what `duesStanding` of
 * @xianfeng/care-ledger counts up to the month `lastEnded`: `per(member_id, arrears, owed, running)` — every
 * year's schedule (the assessment's monthly amount from its first month, DUES 2008 art. 7 and 10, less the least
 * approved reduction covering the month, art. 12), what was paid for each month, the months not fully paid, what
 * they add up to and those running up to `lastEnded` (PC 9). A member with nothing assessed has no row.
 */
const standingCtes = (lastEnded: string) => sql`
    owed as (
      select a.member_id, mo.month, a.monthly_fen
      from ${careDuesAssessments} a
      join who on who.id = a.member_id
      cross join lateral (
        select a.year::text || '-' || lpad(g::text, 2, '0') as month from generate_series(1, 12) g
      ) mo
      where mo.month >= a.from_month and mo.month <= ${lastEnded}
    ),
    -- The few members with an approved reduction: the least one covering each month (a join, not a probe a month).
    reduced as (
      select o.member_id, o.month, min(r.monthly_fen) as fen
      from owed o join ${careDuesReductions} r
        on r.member_id = o.member_id and r.from_month <= o.month and r.to_month >= o.month
      group by o.member_id, o.month
    ),
    sched as (
      select o.member_id, o.month, least(o.monthly_fen, coalesce(d.fen, o.monthly_fen)) as due
      from owed o left join reduced d on d.member_id = o.member_id and d.month = o.month
    ),
    paid as (
      select p.member_id, p.month, sum(p.amount_fen) as fen
      from ${careDuesPayments} p join who on who.id = p.member_id
      where p.month <= ${lastEnded}
      group by p.member_id, p.month
    ),
    months as (
      select s.member_id, s.month, s.due, coalesce(p.fen, 0) as paid, coalesce(p.fen, 0) >= s.due as ok
      from sched s left join paid p on p.member_id = s.member_id and p.month = s.month
    ),
    marked as (
      select *, max(case when ok then month end) over (partition by member_id) as last_ok from months
    ),
    per as (
      select member_id,
        count(*) filter (where not ok) as arrears,
        sum(case when ok then 0 else due - least(due, paid) end) as owed,
        count(*) filter (where not ok and (last_ok is null or month > last_ok)) as running
      from marked group by member_id
    )`

type SummaryRow = { members: number; self_lapse: number; owed_fen: number | string }
const summaryOf = (result: unknown): ArrearsSummary => {
  const [row] = rowsOf<SummaryRow>(result)
  return {
    members: Number(row?.members ?? 0),
    selfLapse: Number(row?.self_lapse ?? 0),
    owedFen: Number(row?.owed_fen ?? 0),
  }
}

/**
 * The bulk path of assessments for a load of trusted rows (the demo, an import), one per (member, year): by COPY
 * when the transaction streams by COPY (`streamBulkWritesByCopy`), else through `writeDuesAssessments`. Returns
 * how many.
 */
export const loadDuesAssessments = async (db: XfDb, rows: readonly NewDuesAssessment[]): Promise<number> =>
  streamsByCopy(db)
    ? bulkInsert(db, careDuesAssessments, rows)
    : (await writeDuesAssessments(db, rows)).length

/**
 * The bulk path of payments for a load of trusted rows (the demo, an import): by COPY when the transaction
 * streams by COPY (`streamBulkWritesByCopy`), else through `writeDuesPayments` in statements of 2,000 rows.
 * Returns how many.
 */
export const loadDuesPayments = async (db: XfDb, rows: readonly NewDuesPayment[]): Promise<number> => {
  if (streamsByCopy(db)) return bulkInsert(db, careDuesPayments, rows)
  for (let i = 0; i < rows.length; i += 2_000) await writeDuesPayments(db, rows.slice(i, i + 2_000))
  return rows.length
}

/**
 * The scope's arrears as of `asOf` computed afresh in one query over every member-month of the roll: the same
 * figures as `duesStanding` of @xianfeng/care-ledger summed over `duesSheetInScope`'s roll (full and probationary
 * members, status normal) — DUES 2008 art. 7: dues are paid monthly; PC 9: six unpaid months in a row. What
 * `arrearsSummaryInScope` answers from the dues-standing index, and the check of that index.
 */
export const arrearsComputedInScope = async (
  db: XfDb,
  scope: Scope,
  asOf: PlainDate,
): Promise<ArrearsSummary> => {
  const result = await db.execute(sql`
    with who as (${duesRoll(db, scope)}),${standingCtes(lastEndedOf(asOf))}
    select count(*) filter (where arrears > 0)::int as members,
      count(*) filter (where running >= ${SELF_LAPSE_MONTHS})::int as self_lapse,
      coalesce(sum(owed), 0)::bigint as owed_fen
    from per`)
  return summaryOf(result)
}

/**
 * The scope's arrears as of `asOf` (`ArrearsSummary`, the figures of `arrearsComputedInScope`: `duesStanding`
 * of @xianfeng/care-ledger over the roll of full and probationary members, status normal; DUES 2008 art. 7, 10,
 * 12; PC 9), summed over the stored arrears of the scope's organizations (`care_dues_arrears`). An organization's
 * row is used while its dues stamp (`care_dues_org_stamps`, bumped by the dues triggers with every member-level
 * stamp of its members and for each member joining or leaving its roll) holds and it was computed for the same
 * last ended month. The others are summed afresh from their own roll members' standings — each read from the
 * dues-standing index (`care_dues_standings`) while the member's stamp (`care_dues_stamps`) holds and it is of the
 * same month, else computed afresh — and both the standings and the organizations' rows are stored in the same
 * statement (so the stamps stored are the ones read with the dues). A read therefore costs in proportion to the
 * scope's organizations, plus the members of the organizations written to since the last read (or all of them
 * once a month, when the month turns).
 */
export const arrearsSummaryInScope = async (
  db: XfDb,
  scope: Scope,
  asOf: PlainDate,
): Promise<ArrearsSummary> => {
  const lastEnded = lastEndedOf(asOf)
  const scoped = db.select({ id: orgs.id }).from(orgs).where(orgRowInScope(scope))
  const result = await db.execute(sql`
    with scoped as (${scoped}),
    oc as (
      select s.id as org_id, coalesce(os.stamp, 0) as stamp, a.stamp as a_stamp, a.as_of, a.members, a.self_lapse,
        a.owed_fen
      from scoped s
      left join ${careDuesOrgStamps} os on os.org_id = s.id
      left join ${careDuesArrears} a on a.org_id = s.id
    ),
    stale_orgs as materialized (
      select org_id, stamp from oc where a_stamp is distinct from stamp or as_of <> ${lastEnded}
    ),
    roll as (
      select m.id, m.org_id from ${members} m
      where m.org_id in (select org_id from stale_orgs)
        and m.stage in ('probationary', 'full') and m.status = 'normal'
    ),
    cur as (
      select roll.id, roll.org_id, coalesce(st.stamp, 0) as stamp, ix.stamp as ix_stamp, ix.as_of, ix.arrears,
        ix.owed_fen, ix.running
      from roll
      left join ${careDuesStamps} st on st.member_id = roll.id
      left join ${careDuesStandings} ix on ix.member_id = roll.id
    ),
    who as materialized (
      select id, org_id, stamp from cur where ix_stamp is null or ix_stamp <> stamp or as_of <> ${lastEnded}
    ),${standingCtes(lastEnded)},
    fresh as (
      select who.id as member_id, who.org_id, who.stamp, coalesce(per.arrears, 0)::int as arrears,
        coalesce(per.owed, 0)::bigint as owed, coalesce(per.running, 0)::int as running
      from who left join per on per.member_id = who.id
    ),
    stored as (
      insert into ${careDuesStandings} as s (member_id, stamp, as_of, arrears, running, owed_fen)
      select member_id, stamp, ${lastEnded}, arrears, running, owed from fresh
      on conflict (member_id) do update set stamp = excluded.stamp, as_of = excluded.as_of,
        arrears = excluded.arrears, running = excluded.running, owed_fen = excluded.owed_fen
      returning 1
    ),
    every as (
      select org_id, arrears, owed_fen as owed, running from cur
        where not (ix_stamp is null or ix_stamp <> stamp or as_of <> ${lastEnded})
      union all
      select org_id, arrears, owed, running from fresh
    ),
    counted as (
      select s.org_id, s.stamp,
        (count(*) filter (where e.arrears > 0))::int as members,
        (count(*) filter (where e.running >= ${SELF_LAPSE_MONTHS}))::int as self_lapse,
        coalesce(sum(e.owed), 0)::bigint as owed_fen
      from stale_orgs s left join every e on e.org_id = s.org_id
      group by s.org_id, s.stamp
    ),
    saved as (
      insert into ${careDuesArrears} as t (org_id, stamp, as_of, members, self_lapse, owed_fen)
      select org_id, stamp, ${lastEnded}, members, self_lapse, owed_fen from counted order by org_id
      on conflict (org_id) do update set stamp = excluded.stamp, as_of = excluded.as_of,
        members = excluded.members, self_lapse = excluded.self_lapse, owed_fen = excluded.owed_fen
      returning 1
    ),
    total as (
      select members, self_lapse, owed_fen from oc
        where not (a_stamp is distinct from stamp or as_of <> ${lastEnded})
      union all
      select members, self_lapse, owed_fen from counted
    )
    select coalesce(sum(members), 0)::int as members, coalesce(sum(self_lapse), 0)::int as self_lapse,
      coalesce(sum(owed_fen), 0)::bigint as owed_fen,
      (select count(*) from stored)::int as recomputed, (select count(*) from saved)::int as orgs_recomputed
    from total`)
  return summaryOf(result)
}
