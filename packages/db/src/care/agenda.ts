/**
 * What the care area has falling due, for the agenda (日程): surveys with branches still to confirm on their
 * deadline, and each month's party-dues collection with members still to pay. (The visit plans' deadlines are
 * `visitDeadlinesOf` in `visits.ts`.) Each takes the caller's `Scope` and is a query, not an evaluation of
 * everyone's history.
 */
import type { PlainDate } from "@xianfeng/core"
import { and, asc, count, eq, gte, lte, sql } from "drizzle-orm"
import { rowsOf, type XfDb } from "../database.js"
import { memberRowsInScope, orgInScope, orgRowInScope, type Scope } from "../platform/scope.js"
import {
  careDuesAssessments,
  careDuesPayments,
  careDuesReductions,
  careSurveyBranches,
  careSurveys,
  members,
  orgs,
} from "../schema/index.js"

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
 * the scope has not confirmed, soonest first, at most `limit`.
 */
export const surveyDeadlinesOf = async (
  db: XfDb,
  scope: Scope,
  from: PlainDate,
  to: PlainDate,
  limit: number,
): Promise<readonly SurveyDeadline[]> => {
  const rows = await db
    .select({
      id: careSurveys.id,
      orgId: careSurveys.orgId,
      orgName: careSurveys.orgName,
      title: careSurveys.title,
      deadline: careSurveys.deadline,
      branches: count(),
      confirmed: sql<number>`count(${careSurveyBranches.confirmedOn})::int`,
    })
    .from(careSurveyBranches)
    .innerJoin(careSurveys, eq(careSurveys.id, careSurveyBranches.surveyId))
    .innerJoin(orgs, eq(orgs.id, careSurveyBranches.orgId))
    .where(and(orgRowInScope(scope), gte(careSurveys.deadline, from), lte(careSurveys.deadline, to)))
    .groupBy(careSurveys.id)
    .having(sql`count(${careSurveyBranches.confirmedOn}) < count(*)`)
    .orderBy(asc(careSurveys.deadline), asc(careSurveys.id))
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

/**
 * 党费收缴: for each month of `months` (`YYYY-MM`), the members of the scope on the roll (full and probationary,
 * status normal) with dues owed for it — their year's assessment covers the month, less an approved reduction
 * (the least amount of those covering it) — and how many have not paid it in full. The same due amount as
 * `yearSchedule` of @xianfeng/care-ledger (DUES 2008: dues are paid monthly).
 */
export const duesCollectionOf = async (
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
  // One query for every month asked (not a query a month with a probe a member): the roll, each member's owed
  // months, the least reduction covering each, and what was paid, joined and counted by month.
  const roll = db
    .select({ id: members.id })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        memberRowsInScope(scope),
        sql`${members.stage} in ('probationary', 'full')`,
        eq(members.status, "normal"),
      ),
    )
  const asked = sql.join(
    months.map((m) => sql`(${m}::text)`),
    sql`, `,
  )
  const rows = rowsOf<{ month: string; owing: number; unpaid: number }>(
    await db.execute(sql`
      with roll as (${roll}),
      asked (month) as (values ${asked}),
      owed as (
        select a.member_id, m.month, a.monthly_fen
        from ${careDuesAssessments} a
        join roll on roll.id = a.member_id
        join asked m on a.year = substr(m.month, 1, 4)::int and a.from_month <= m.month
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
        where p.month in (select month from asked)
        group by p.member_id, p.month
      ),
      due as (
        select o.member_id, o.month, least(o.monthly_fen, coalesce(d.fen, o.monthly_fen)) as fen
        from owed o left join reduced d on d.member_id = o.member_id and d.month = o.month
      )
      select due.month, count(*)::int as owing,
        count(*) filter (where coalesce(paid.fen, 0) < due.fen)::int as unpaid
      from due left join paid on paid.member_id = due.member_id and paid.month = due.month
      where due.fen > 0
      group by due.month`),
  )
  const out: DuesCollection[] = months.map((month) => {
    const r = rows.find((x) => x.month === month)
    return { month, owing: Number(r?.owing ?? 0), unpaid: Number(r?.unpaid ?? 0) }
  })
  return { orgId: org.id, orgName: org.name, months: out }
}
