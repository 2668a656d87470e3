/**
 * Festival visits (走访慰问): every query of `care_visit_plans`, `care_visit_targets` and `care_visits`. Each
 * takes the caller's `Scope`; a plan and its targets are written together (`createVisitPlan`), a visit by
 * `writeVisits`.
 */
import type { PlainDate } from "@xianfeng/core"
import { and, asc, count, desc, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm"
import { bulkInsert, rowsPerInsert } from "../bulk-copy.js"
import type { XfDb } from "../database.js"
import { inSubtree } from "../org-tree.js"
import { NotInScope, orgInScope, orgRowInScope, type Scope } from "../platform/scope.js"
import {
  type CareVisit,
  type CareVisitPlan,
  type CareVisitTarget,
  careVisitPlans,
  careVisits,
  careVisitTargets,
  orgs,
} from "../schema/index.js"
import { runningOrgName } from "./org-name.js"

export type NewVisitPlan = Omit<CareVisitPlan, "id" | "recordedAt" | "orgName"> & {
  readonly id?: string
  readonly recordedAt?: Date
}
export type NewVisitTarget = Omit<CareVisitTarget, "id" | "planId"> & { readonly id?: string }
export type NewVisit = Omit<CareVisit, "id" | "recordedAt"> & { readonly recordedAt?: Date }

/**
 * The one write path of `care_visit_targets`: who a plan visits (the demo adds them batch by batch), written and
 * read back in INSERTs of `rowsPerInsert` rows, so a district's plan of any size fits; in order.
 */
export const writeVisitTargets = async (
  db: XfDb,
  planId: string,
  targets: readonly NewVisitTarget[],
): Promise<CareVisitTarget[]> => {
  const chunk = rowsPerInsert(careVisitTargets)
  const written: CareVisitTarget[] = []
  for (let i = 0; i < targets.length; i += chunk)
    written.push(
      ...(await db
        .insert(careVisitTargets)
        .values(targets.slice(i, i + chunk).map((t) => ({ ...t, planId })))
        .returning()),
    )
  return written
}

/**
 * The bulk path of a plan's targets for a load of trusted rows (the demo): the rows of `writeVisitTargets` without
 * reading them back (give each its `id` when visits will name it), by COPY when the transaction streams by COPY
 * (`streamBulkWritesByCopy`), else by multi-row INSERTs. Returns how many.
 */
export const loadVisitTargets = (
  db: XfDb,
  planId: string,
  targets: readonly NewVisitTarget[],
): Promise<number> =>
  bulkInsert(
    db,
    careVisitTargets,
    targets.map((t) => ({ ...t, planId })),
  )

/** The one write path of plans: a plan and who it visits, stored together. */
export const writeVisitPlan = async (db: XfDb, plan: NewVisitPlan, targets: readonly NewVisitTarget[]) => {
  const [row] = await db
    .insert(careVisitPlans)
    .values({ ...plan, orgName: await runningOrgName(db, plan.orgId) })
    .returning()
  if (row === undefined) throw new Error("insert into care_visit_plans returned no row")
  return { plan: row, targets: await writeVisitTargets(db, row.id, targets) }
}

/**
 * A plan for an organization of the scope (else `NotInScope`), through the one write path; every target's
 * organization must lie in the planning organization's subtree (else `NotInScope` naming the first that does not).
 */
export const createVisitPlan = async (
  db: XfDb,
  scope: Scope,
  plan: NewVisitPlan,
  targets: readonly NewVisitTarget[],
) => {
  const org = await orgInScope(db, scope, plan.orgId)
  // Every target's organization lies in the planning organization's subtree: one statement for the distinct ones.
  const named = [...new Set(targets.map((t) => t.orgId))].filter((id) => id !== org.id)
  if (named.length > 0) {
    const found = new Set(
      (
        await db
          .select({ id: orgs.id })
          .from(orgs)
          .where(and(inArray(orgs.id, named), orgRowInScope({ orgId: org.id, orgPath: org.path })))
      ).map((o) => o.id),
    )
    const outside = named.find((id) => !found.has(id))
    if (outside !== undefined) throw new NotInScope("org", outside)
  }
  return writeVisitPlan(db, plan, targets)
}

/** The one write path of `care_visits` (a second visit to a target is a unique violation on `target_id`). */
export const writeVisits = async (db: XfDb, rows: readonly NewVisit[]) =>
  rows.length === 0
    ? []
    : db
        .insert(careVisits)
        .values([...rows])
        .returning()

/** The bulk path of visits for a load of trusted rows (the demo): `writeVisits` without reading them back. */
export const loadVisits = (db: XfDb, rows: readonly NewVisit[]): Promise<number> =>
  bulkInsert(db, careVisits, rows)

/** A plan with its progress counts, as the list shows it. */
export interface VisitPlanRow extends CareVisitPlan {
  readonly orgName: string
  /**
   * Whether the plan is run by an organization of the scope, so the counts and the spending below are the whole
   * plan's; otherwise (a plan run from above) they are the scope's part of it, and only the budget is the plan's.
   */
  readonly whole: boolean
  readonly targets: number
  readonly visited: number
  readonly spentFen: number
}

/**
 * The plans that visit someone of the scope or are run by an org of it and meet `where`, newest festival first,
 * with their counts: only theirs are counted, so one plan's read counts one plan's targets and visits.
 */
const plansInScope = async (
  db: XfDb,
  scope: Scope,
  where: SQL | undefined,
): Promise<readonly VisitPlanRow[]> => {
  // A plan run from above the scope (the district's, for a committee) is seen through its people in the scope;
  // the running organization's row is not (row-level security hides it), so its name is the plan's own.
  const visible = sql`(${inSubtree(careVisitPlans.orgId, scope.orgPath)} or exists (select 1 from ${careVisitTargets}
    where ${careVisitTargets.planId} = ${careVisitPlans.id} and ${inSubtree(careVisitTargets.orgId, scope.orgPath)}))`
  const plans = await db
    .select({
      p: careVisitPlans,
      orgName: careVisitPlans.orgName,
      whole: sql<boolean>`${inSubtree(careVisitPlans.orgId, scope.orgPath)}`,
    })
    .from(careVisitPlans)
    .where(and(visible, where))
    .orderBy(desc(careVisitPlans.festivalOn), asc(careVisitPlans.id))
  if (plans.length === 0) return []
  const ids = plans.map((p) => p.p.id)
  const targetCounts = await db
    .select({ planId: careVisitTargets.planId, n: count() })
    .from(careVisitTargets)
    .where(and(inArray(careVisitTargets.planId, ids), inSubtree(careVisitTargets.orgId, scope.orgPath)))
    .groupBy(careVisitTargets.planId)
  const visitSums = await db
    .select({
      planId: careVisits.planId,
      n: count(),
      // bigint: a province's plan sums past 2^31 fen (21,474,836.48 yuan)
      fen: sql<number>`coalesce(sum(${careVisits.amountFen}), 0)::bigint`.mapWith(Number),
    })
    .from(careVisits)
    .innerJoin(careVisitTargets, eq(careVisitTargets.id, careVisits.targetId))
    .where(and(inArray(careVisits.planId, ids), inSubtree(careVisitTargets.orgId, scope.orgPath)))
    .groupBy(careVisits.planId)
  return plans.map(({ p, orgName, whole }) => {
    const v = visitSums.find((s) => s.planId === p.id)
    return {
      ...p,
      orgName,
      whole: whole === true,
      targets: targetCounts.find((t) => t.planId === p.id)?.n ?? 0,
      visited: v?.n ?? 0,
      spentFen: Number(v?.fen ?? 0),
    }
  })
}

/**
 * The plans that visit someone of the scope or are run by an org of it, newest festival first; with `deadlines`,
 * only those whose deadline lies in `from`…`to` (both inclusive), so their targets and visits alone are counted.
 */
export const visitPlansInScope = (
  db: XfDb,
  scope: Scope,
  deadlines?: { readonly from: PlainDate; readonly to: PlainDate },
): Promise<readonly VisitPlanRow[]> =>
  plansInScope(
    db,
    scope,
    deadlines === undefined
      ? undefined
      : and(gte(careVisitPlans.deadline, deadlines.from), lte(careVisitPlans.deadline, deadlines.to)),
  )

/**
 * Plan `planId` as `visitPlansInScope` lists it (its counts and spending in the scope), else `NotInScope`: read
 * alone, so a plan's page does not count every other plan's targets and visits too.
 */
const planRowInScope = async (db: XfDb, scope: Scope, planId: string): Promise<VisitPlanRow> => {
  const [plan] = await plansInScope(db, scope, eq(careVisitPlans.id, planId))
  if (plan === undefined) throw new NotInScope("care-visit-plan", planId)
  return plan
}

/** A plan's targets in the scope, each with its visit if recorded. */
export interface VisitTargetRow extends CareVisitTarget {
  readonly orgName: string
  readonly visit?: CareVisit
}

const withVisit = (
  t: CareVisitTarget,
  orgName: string,
  visit: CareVisit | null | undefined,
): VisitTargetRow => (visit === null || visit === undefined ? { ...t, orgName } : { ...t, orgName, visit })

/**
 * The order a plan's targets are listed in: by organization (the tree's order, a branch's people together), then
 * by name; the id last, so two people of one name in one branch keep their places from one page to the next.
 */
const targetOrder = [asc(orgs.path), asc(careVisitTargets.personName), asc(careVisitTargets.id)]

/** "The target (`care_visit_targets`' row in the query) has a visit of plan `planId` recorded." */
const visitRecorded = (planId: string): SQL =>
  sql`exists (select 1 from ${careVisits} where ${careVisits.targetId} = ${careVisitTargets.id} and ${careVisits.planId} = ${planId})`

/** What a page of a plan's targets asks for. */
export interface VisitTargetPageQuery {
  /** 1-based; a page past the last is empty, and `total` still counts. */
  readonly page: number
  /** Targets a page, 1 or more (the API allows up to 100). */
  readonly pageSize: number
  /** `true`: only the targets with a visit recorded; `false`: only those still to visit ("who is left"); all when undefined. */
  readonly visited?: boolean | undefined
}

/** One page of a plan's targets, and how many the filter finds. */
export interface VisitPlanPage {
  /** As `visitPlansInScope` lists it: the whole plan's counts and spending, or the scope's part; never the page's. */
  readonly plan: VisitPlanRow
  readonly targets: readonly VisitTargetRow[]
  /** The plan's targets in the scope that the `visited` filter lets through, on every page. */
  readonly total: number
}

/**
 * A plan of the scope (else `NotInScope`) with one page of its targets in the scope, each with its visit if
 * recorded: by organization path, then name, then id. A province's festival plan names 139,665 people; its screen
 * reads them a page at a time. `page` and `pageSize` are whole numbers, 1 or more (else `RangeError`).
 */
export const visitPlanInScope = async (
  db: XfDb,
  scope: Scope,
  planId: string,
  query: VisitTargetPageQuery,
): Promise<VisitPlanPage> => {
  for (const [name, n] of [
    ["page", query.page],
    ["pageSize", query.pageSize],
  ] as const)
    if (!Number.isSafeInteger(n) || n < 1)
      throw new RangeError(`${name} must be a whole number, 1 or more: ${n}`)
  const plan = await planRowInScope(db, scope, planId)
  const where = and(
    eq(careVisitTargets.planId, planId),
    orgRowInScope(scope),
    query.visited === undefined
      ? undefined
      : query.visited
        ? visitRecorded(planId)
        : sql`not ${visitRecorded(planId)}`,
  )
  const rows = await db
    .select({ t: careVisitTargets, orgName: orgs.name })
    .from(careVisitTargets)
    .innerJoin(orgs, eq(orgs.id, careVisitTargets.orgId))
    .where(where)
    .orderBy(...targetOrder)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
  const [total] = await db
    .select({ n: count() })
    .from(careVisitTargets)
    .innerJoin(orgs, eq(orgs.id, careVisitTargets.orgId))
    .where(where)
  // The page's visits by its targets' ids: a page names few. The whole plan's ids would not do (one bound parameter
  // per target, past what a statement takes, 65,535, for a province's festival plan): `visitRegisterInScope` finds
  // those by the plan and the scope in SQL instead.
  const visits =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(careVisits)
          .where(
            and(
              eq(careVisits.planId, planId),
              inArray(
                careVisits.targetId,
                rows.map(({ t }) => t.id),
              ),
            ),
          )
  const byTarget = new Map(visits.map((v) => [v.targetId, v]))
  return {
    plan,
    targets: rows.map(({ t, orgName }) => withVisit(t, orgName, byTarget.get(t.id))),
    total: total?.n ?? 0,
  }
}

/**
 * A plan of the scope (else `NotInScope`) with every one of its targets in the scope, in `visitPlanInScope`'s
 * order, each with its visit if recorded: the register (走访慰问登记表) the export writes, which lists everyone.
 * A province's plan is 139,665 rows; a screen reads `visitPlanInScope`'s pages instead.
 */
export const visitRegisterInScope = async (
  db: XfDb,
  scope: Scope,
  planId: string,
): Promise<{ readonly plan: VisitPlanRow; readonly targets: readonly VisitTargetRow[] }> => {
  const plan = await planRowInScope(db, scope, planId)
  const targets = await db
    .select({ t: careVisitTargets, orgName: orgs.name })
    .from(careVisitTargets)
    .innerJoin(orgs, eq(orgs.id, careVisitTargets.orgId))
    .where(and(eq(careVisitTargets.planId, planId), orgRowInScope(scope)))
    .orderBy(...targetOrder)
  // The visits of the same targets, found by the plan and the scope in SQL: a list of the targets' ids would be one
  // bound parameter per target, past what a statement takes (65,535) for a province's festival plan.
  const visits =
    targets.length === 0
      ? []
      : await db
          .select({ v: careVisits })
          .from(careVisits)
          .innerJoin(careVisitTargets, eq(careVisitTargets.id, careVisits.targetId))
          .innerJoin(orgs, eq(orgs.id, careVisitTargets.orgId))
          .where(
            and(eq(careVisits.planId, planId), eq(careVisitTargets.planId, planId), orgRowInScope(scope)),
          )
  const byTarget = new Map(visits.map(({ v }) => [v.targetId, v]))
  return { plan, targets: targets.map(({ t, orgName }) => withVisit(t, orgName, byTarget.get(t.id))) }
}

/**
 * What recording one visit checks (`checkVisit` in @xianfeng/care-ledger), without reading the plan's other
 * targets: plan `planId` of the scope as `visitPlansInScope` lists it (else `NotInScope`), and `target`, the row of
 * `targetId` with its visit if recorded when it is a target of that plan in the scope; undefined when it is not
 * (another plan's, outside the scope, or no target at all). Read again after the write, it is the visit's answer.
 */
export const visitTargetInScope = async (
  db: XfDb,
  scope: Scope,
  planId: string,
  targetId: string,
): Promise<{ readonly plan: VisitPlanRow; readonly target: VisitTargetRow | undefined }> => {
  const plan = await planRowInScope(db, scope, planId)
  const [row] = await db
    .select({ t: careVisitTargets, orgName: orgs.name, v: careVisits })
    .from(careVisitTargets)
    .innerJoin(orgs, eq(orgs.id, careVisitTargets.orgId))
    .leftJoin(careVisits, and(eq(careVisits.targetId, careVisitTargets.id), eq(careVisits.planId, planId)))
    .where(and(eq(careVisitTargets.id, targetId), eq(careVisitTargets.planId, planId), orgRowInScope(scope)))
  return { plan, target: row === undefined ? undefined : withVisit(row.t, row.orgName, row.v) }
}

/** Every plan's festival days in a range, for the calendar. */
export const visitPlanDays = async (db: XfDb, scope: Scope, from: PlainDate, to: PlainDate) =>
  (await visitPlansInScope(db, scope)).filter(
    (p) => p.festivalOn.toString() >= from.toString() && p.deadline.toString() <= to.toString(),
  )

/**
 * 走访慰问完成情况: for organization `orgId` of the scope (else `NotInScope`) and its subtree, the people the
 * visit plans of `year` (by the plan's year) name in that subtree and how many of them have a visit recorded.
 * The secretaries' appraisal reads it as its "visits done" indicator.
 */
export const visitProgressOf = async (
  db: XfDb,
  scope: Scope,
  orgId: string,
  year: number,
): Promise<{ readonly plans: number; readonly targets: number; readonly visited: number }> => {
  const org = await orgInScope(db, scope, orgId)
  const plans = (await visitPlansInScope(db, { orgId: org.id, orgPath: org.path })).filter(
    (p) => p.year === year && p.targets > 0,
  )
  return {
    plans: plans.length,
    targets: plans.reduce((s, p) => s + p.targets, 0),
    visited: plans.reduce((s, p) => s + p.visited, 0),
  }
}

/**
 * The visit plans of the scope (as `visitPlansInScope`) whose deadline (the last day counted "before the
 * festival") lies in `from`…`to` and that still have someone in the scope not visited, soonest first, at most
 * `limit`: the care area's agenda entries.
 */
export const visitDeadlinesOf = async (
  db: XfDb,
  scope: Scope,
  from: PlainDate,
  to: PlainDate,
  limit: number,
): Promise<readonly VisitPlanRow[]> =>
  (await visitPlansInScope(db, scope, { from, to }))
    .filter((p) => p.visited < p.targets)
    .sort((a, b) => a.deadline.toString().localeCompare(b.deadline.toString()) || a.id.localeCompare(b.id))
    .slice(0, limit)
