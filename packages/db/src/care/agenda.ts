/**
 * What the care area has falling due, for the agenda (日程): surveys with branches still to confirm on their
 * deadline, and each month's party-dues collection with members still to pay. (The visit plans' deadlines are
 * `visitDeadlinesOf` in `visits.ts`.) Each takes the caller's `Scope` and is a query, not an evaluation of
 * everyone's history.
 */
import type { PlainDate } from "@xianfeng/core"
import { and, asc, eq, gte, lte, sql } from "drizzle-orm"
import { rowsOf, type XfDb } from "../database.js"
import { pathInSubtree } from "../org-tree.js"
import { memberRowsInScope, orgInScope, orgRowInScope, type Scope } from "../platform/scope.js"
import {
  careDuesAssessments,
  careDuesCollections,
  careDuesOrgStamps,
  careDuesPayments,
  careDuesReductions,
  careDuesSubtreeCollections,
  members,
  orgs,
} from "../schema/index.js"
import { surveysWithCountsInScope } from "./ledger.js"

/** A survey's deadline with the scope's branches still to confirm their part. */
export interface SurveyDeadline {
  readonly id: string
  readonly orgId: string
  readonly orgName: string
  readonly title: string
  readonly deadline: PlainDate
  /** The scope's branches taking part, and how many of them have confirmed. */
  readonly branches: number
  readonly confirmed: number
}

/**
 * The surveys (摸底调查) with a branch of the scope whose deadline lies in `from`…`to` and that some branch of
 * the scope has not confirmed, soonest first, at most `limit`. The counts are `surveysWithCountsInScope`'s: a survey
 * run by an organization of the scope costs one row whatever its size.
 */
export const surveyDeadlinesOf = async (
  db: XfDb,
  scope: Scope,
  from: PlainDate,
  to: PlainDate,
  limit: number,
): Promise<readonly SurveyDeadline[]> => {
  const w = surveysWithCountsInScope(db, scope)
  const rows = await db
    .select({
      id: w.id,
      orgId: w.orgId,
      orgName: w.orgName,
      title: w.title,
      deadline: w.deadline,
      branches: w.branches,
      confirmed: w.confirmed,
    })
    .from(w)
    .where(and(gte(w.deadline, from), lte(w.deadline, to), sql`${w.confirmed} < ${w.branches}`))
    .orderBy(asc(w.deadline), asc(w.id))
    .limit(limit)
  return rows.map((r) => ({ ...r, branches: Number(r.branches), confirmed: Number(r.confirmed) }))
}

/** A month's dues collection in the scope. */
export interface DuesCollection {
  /** `YYYY-MM`. */
  readonly month: string
  /** Members on the roll with something due for the month. */
  readonly owing: number
  /** Of them, those who have not paid it in full. */
  readonly unpaid: number
}

/** A month as the collection takes it (`YYYY-MM`, months 01–12). */
const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/

/** The months asked, checked (a `RangeError` naming `months` for one not `YYYY-MM`) and without repeats. */
const askedOf = (months: readonly string[]) => {
  const bad = months.find((m) => !MONTH.test(m))
  if (bad !== undefined) throw new RangeError(`months: ${JSON.stringify(bad)} is not a month (YYYY-MM)`)
  return sql.join(
    [...new Set(months)].map((m) => sql`(${m}::text)`),
    sql`, `,
  )
}

/**
 * The CTEs `owed` … `counted` counting, for the members of the CTE `roll` (columns `id`, `org_id`) and the
 * (organization, month) pairs of the CTE `pairs` (columns `org_id`, `month`), each member of the organization with
 * dues owed for the month and whether they paid it in full: `counted(org_id, month, owing, unpaid)`. Owed: the
 * year's assessment from its first month (DUES 2008 art. 7 and 10), less the least approved reduction covering the
 * month (art. 12); a month due 0 (exempt) is not owing. A pair with no one owing has no row.
 */
const collectionCtes = sql`
      owed as (
        select roll.org_id, a.member_id, m.month, a.monthly_fen
        from ${careDuesAssessments} a
        join roll on roll.id = a.member_id
        join pairs m on m.org_id = roll.org_id and a.year = substr(m.month, 1, 4)::int and a.from_month <= m.month
      ),
      reduced as (
        select o.member_id, o.month, min(r.monthly_fen) as fen
        from owed o join ${careDuesReductions} r
          on r.member_id = o.member_id and r.from_month <= o.month and r.to_month >= o.month
        group by o.member_id, o.month
      ),
      paid as (
        select p.member_id, p.month, sum(p.amount_fen) as fen
        from ${careDuesPayments} p join roll on roll.id = p.member_id
        where p.month in (select month from pairs)
        group by p.member_id, p.month
      ),
      due as (
        select o.org_id, o.member_id, o.month, least(o.monthly_fen, coalesce(d.fen, o.monthly_fen)) as fen
        from owed o left join reduced d on d.member_id = o.member_id and d.month = o.month
      ),
      counted as (
        select due.org_id, due.month, count(*)::int as owing,
          count(*) filter (where coalesce(paid.fen, 0) < due.fen)::int as unpaid
        from due left join paid on paid.member_id = due.member_id and paid.month = due.month
        where due.fen > 0
        group by due.org_id, due.month
      )`

type CollectionRow = { month: string; owing: number; unpaid: number; computed?: number }
const collectionsOf = (months: readonly string[], rows: readonly CollectionRow[]): DuesCollection[] =>
  months.map((month) => {
    const r = rows.find((x) => x.month === month)
    return { month, owing: Number(r?.owing ?? 0), unpaid: Number(r?.unpaid ?? 0) }
  })

/**
 * 党费收缴 computed afresh in one query over every member of the scope: for each month of `months` (`YYYY-MM`),
 * the members of the scope on the roll (full and probationary, status normal) with dues owed for it — their year's
 * assessment covers the month, less an approved reduction (the least amount of those covering it) — and how many
 * have not paid it in full. The same due amount as `yearSchedule` of @xianfeng/care-ledger (DUES 2008: dues are
 * paid monthly). What `duesCollectionOf` answers from the stored collections, and the check of them. Its cost
 * grows with every member's assessments, reductions and payments in the scope.
 * @throws RangeError naming `months` for a month not `YYYY-MM`; NotInScope as `orgInScope`.
 */
export const duesCollectionComputedOf = async (
  db: XfDb,
  scope: Scope,
  months: readonly string[],
): Promise<{
  readonly orgId: string
  readonly orgName: string
  readonly months: readonly DuesCollection[]
}> => {
  const org = await orgInScope(db, scope, scope.orgId)
  if (months.length === 0) return { orgId: org.id, orgName: org.name, months: [] }
  const roll = db
    .select({ id: members.id, org_id: members.orgId })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        memberRowsInScope(scope),
        sql`${members.stage} in ('probationary', 'full')`,
        eq(members.status, "normal"),
      ),
    )
  const rows = rowsOf<CollectionRow>(
    await db.execute(sql`
      with roll as (${roll}),
      asked (month) as (values ${askedOf(months)}),
      pairs as (select distinct roll.org_id, asked.month from roll cross join asked),${collectionCtes}
      select month, sum(owing)::int as owing, sum(unpaid)::int as unpaid from counted group by month`),
  )
  return { orgId: org.id, orgName: org.name, months: collectionsOf(months, rows) }
}

/**
 * 党费收缴: for each month of `months` (`YYYY-MM`), the members of the scope on the roll (full and probationary,
 * status normal) with dues owed for it and how many have not paid it in full — the figures of
 * `duesCollectionComputedOf` (DUES 2008 art. 7, 10, 12).
 *
 * Read from two stored layers. A month's sum over the scope's whole subtree (`care_dues_subtree_collections`) is
 * used while no dues stamp of the subtree was written by a transaction its snapshot does not see (an index probe
 * of `care_dues_org_stamps.moved`): one row per month, whatever the subtree's size. Otherwise the month is summed
 * over the stored collections of the scope's organizations (`care_dues_collections`), each used while its
 * organization's dues stamp (`care_dues_org_stamps`, bumped by the triggers with every member-level dues stamp)
 * holds; the pairs missing or stale are computed afresh for those organizations' members only and stored, and the
 * subtree's sum stored with the statement's snapshot, all in one statement (so what is stored is what that
 * snapshot saw). A read therefore costs one row per month while nothing in the subtree moved; after a write, in
 * proportion to the scope's organizations plus the members of the organizations written to. A month's figures do
 * not depend on the day of the read (`yearSchedule` and the roll take no date), only on writes.
 * `computed` is how many (organization, month) pairs this read computed and stored (0 when all were current);
 * `summed` how many months it summed over the organizations (0 when every month's subtree sum held).
 * @throws RangeError naming `months` for a month not `YYYY-MM`; NotInScope as `orgInScope`.
 */
export const duesCollectionOf = async (
  db: XfDb,
  scope: Scope,
  months: readonly string[],
): Promise<{
  readonly orgId: string
  readonly orgName: string
  readonly months: readonly DuesCollection[]
  readonly computed: number
  readonly summed: number
}> => {
  const asked = askedOf(months)
  const org = await orgInScope(db, scope, scope.orgId)
  if (months.length === 0) return { orgId: org.id, orgName: org.name, months: [], computed: 0, summed: 0 }
  const held = rowsOf<CollectionRow>(
    await db.execute(sql`
      select t.month, t.owing, t.unpaid from ${careDuesSubtreeCollections} t
      where t.org_id = ${org.id} and t.month in (select month from (values ${asked}) a (month))
        and not exists (
          -- Newest moves first down the moved index, stopping where the snapshot's xmin is (none, mostly): the
          -- order and the fence (offset 0, no anti join) keep the planner from hashing every organization's stamp
          -- with its path (22 ms at a province's root, against 0.2 ms). The bound is a sub-select so that it stays
          -- the index's condition under row-level security: there a condition calling a function not marked
          -- leakproof (pg_snapshot_xmin) waits for the policy, and the walk checked every stamp's organization
          -- against the scope (~400 ms at a province's root as xianfeng_app, against 0.4 ms).
          select 1 from ${careDuesOrgStamps} st join ${orgs} o on o.id = st.org_id
          where st.moved >= (select pg_snapshot_xmin(t.snap)) and not pg_visible_in_snapshot(st.moved, t.snap)
            and ${pathInSubtree(sql`o.path`, org.path)}
          order by st.moved desc offset 0
        )`),
  )
  const missing = [...new Set(months)].filter((m) => !held.some((h) => h.month === m))
  if (missing.length === 0)
    return { orgId: org.id, orgName: org.name, months: collectionsOf(months, held), computed: 0, summed: 0 }
  const scoped = db.select({ id: orgs.id }).from(orgs).where(orgRowInScope(scope))
  // One statement: the scope's organizations with their stamps and stored rows; the stale pairs computed over their
  // organizations' own members and upserted (in key order, so concurrent first reads lock in one order); the sum of
  // the current rows and the fresh ones, stored as the subtree's with this statement's snapshot.
  const rows = rowsOf<CollectionRow>(
    await db.execute(sql`
      with asked (month) as (values ${askedOf(missing)}),
      scoped as (${scoped}),
      cur as (
        select s.id as org_id, a.month, coalesce(st.stamp, 0) as stamp, c.stamp as c_stamp, c.owing, c.unpaid
        from scoped s cross join asked a
        left join ${careDuesOrgStamps} st on st.org_id = s.id
        left join ${careDuesCollections} c on c.org_id = s.id and c.month = a.month
      ),
      pairs as materialized (select org_id, month, stamp from cur where c_stamp is distinct from stamp),
      roll as (
        select m.id, m.org_id from ${members} m
        where m.org_id in (select org_id from pairs)
          and m.stage in ('probationary', 'full') and m.status = 'normal'
      ),${collectionCtes},
      fresh as (
        select p.org_id, p.month, p.stamp, coalesce(c.owing, 0)::int as owing, coalesce(c.unpaid, 0)::int as unpaid
        from pairs p left join counted c on c.org_id = p.org_id and c.month = p.month
      ),
      stored as (
        insert into ${careDuesCollections} as t (org_id, month, stamp, owing, unpaid)
        select org_id, month, stamp, owing, unpaid from fresh order by org_id, month
        on conflict (org_id, month) do update
          set stamp = excluded.stamp, owing = excluded.owing, unpaid = excluded.unpaid
        returning 1
      ),
      every as (
        select month, owing, unpaid from cur where c_stamp is not distinct from stamp
        union all
        select month, owing, unpaid from fresh
      ),
      sums as (
        select a.month, coalesce(sum(e.owing), 0)::int as owing, coalesce(sum(e.unpaid), 0)::int as unpaid
        from asked a left join every e on e.month = a.month
        group by a.month
      ),
      kept as (
        insert into ${careDuesSubtreeCollections} as t (org_id, month, snap, owing, unpaid)
        select ${org.id}, month, pg_current_snapshot(), owing, unpaid from sums order by month
        on conflict (org_id, month) do update
          set snap = excluded.snap, owing = excluded.owing, unpaid = excluded.unpaid
        returning 1
      )
      select month, owing, unpaid, (select count(*) from stored)::int as computed from sums`),
  )
  return {
    orgId: org.id,
    orgName: org.name,
    months: collectionsOf(months, [...held, ...rows]),
    computed: Number(rows[0]?.computed ?? 0),
    summed: missing.length,
  }
}
