/**
 * What the care area has falling due, for the agenda (日程): surveys with branches still to confirm on their
 * deadline, and each month's party-dues collection with members still to pay. (The visit plans' deadlines are
 * `visitDeadlinesOf` in `visits.ts`.) Each takes the caller's `Scope` and is a query, not an evaluation of
 * everyone's history.
 */
import type { PlainDate } from "@xianfeng/core"
import { and, asc, count, eq, gte, lte, sql } from "drizzle-orm"
import type { XfDb } from "../database.js"
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
  const out: DuesCollection[] = []
  for (const month of months) {
    const year = Number(month.slice(0, 4))
    const reduced = sql`(select min(${careDuesReductions.monthlyFen}) from ${careDuesReductions}
      where ${careDuesReductions.memberId} = ${members.id}
        and ${careDuesReductions.fromMonth} <= ${month} and ${careDuesReductions.toMonth} >= ${month})`
    const due = sql`least(${careDuesAssessments.monthlyFen}, coalesce(${reduced}, ${careDuesAssessments.monthlyFen}))`
    const paid = sql`coalesce((select sum(${careDuesPayments.amountFen}) from ${careDuesPayments}
      where ${careDuesPayments.memberId} = ${members.id} and ${careDuesPayments.month} = ${month}), 0)`
    const [row] = await db
      .select({
        owing: count(),
        unpaid: sql<number>`count(*) filter (where ${paid} < ${due})::int`,
      })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .innerJoin(
        careDuesAssessments,
        and(
          eq(careDuesAssessments.memberId, members.id),
          eq(careDuesAssessments.year, year),
          lte(careDuesAssessments.fromMonth, month),
        ),
      )
      .where(
        and(
          memberRowsInScope(scope),
          sql`${members.stage} in ('probationary', 'full')`,
          eq(members.status, "normal"),
          sql`${due} > 0`,
        ),
      )
    out.push({ month, owing: Number(row?.owing ?? 0), unpaid: Number(row?.unpaid ?? 0) })
  }
  return { orgId: org.id, orgName: org.name, months: out }
}
