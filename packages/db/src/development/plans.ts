/** Annual development plans (年度发展党员计划, DR 38): the units a plan is split between, and the saved plans. */
import { isInSubtree, Temporal } from "@xianfeng/core"
import { and, asc, count, eq, gte, lt } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { orgInScope, orgRowInScope, type Scope } from "../platform/scope.js"
import {
  type DevelopmentPlan,
  developmentPlans,
  members,
  orgs,
  type PlanAllocation,
} from "../schema/index.js"

export interface PlanUnit {
  readonly id: string
  readonly name: string
  readonly path: string
}

export interface PlanUnits {
  /** The organizations right below the scope's (by id), or the scope's own when it has none. */
  readonly units: readonly PlanUnit[]
  /** Each organization of the subtree → the unit it lies under. */
  readonly unitOf: ReadonlyMap<string, string>
}

/**
 * The units the scope's organization splits its plan between: the organizations right below it (committees
 * for a district, branches for a committee), or itself when nothing lies below; and which unit each
 * organization of its subtree falls under.
 */
export const planUnitsOf = async (db: XfDb, scope: Scope): Promise<PlanUnits> => {
  const children = await db
    .select({ id: orgs.id, name: orgs.name, path: orgs.path })
    .from(orgs)
    .where(and(eq(orgs.parentId, scope.orgId), orgRowInScope(scope)))
    .orderBy(asc(orgs.id))
  const units = children.length > 0 ? children : [await orgInScope(db, scope, scope.orgId)]
  const subtree = await db.select({ id: orgs.id, path: orgs.path }).from(orgs).where(orgRowInScope(scope))
  const unitOf = new Map<string, string>()
  for (const o of subtree) {
    const u = units.find((x) => isInSubtree(o.path, x.path))
    if (u !== undefined) unitOf.set(o.id, u.id)
  }
  return { units: units.map(({ id, name, path }) => ({ id, name, path })), unitOf }
}

/** The plan the scope's organization saved for `year`, if any. */
export const savedDevelopmentPlanOf = async (
  db: XfDb,
  scope: Scope,
  year: number,
): Promise<DevelopmentPlan | undefined> => {
  const [saved] = await db
    .select()
    .from(developmentPlans)
    .where(and(eq(developmentPlans.orgId, scope.orgId), eq(developmentPlans.year, year)))
  return saved
}

/** How many people of the scope's subtree were admitted (by a branch meeting) in calendar `year`. */
export const admissionsInYear = async (db: XfDb, scope: Scope, year: number): Promise<number> => {
  const [row] = await db
    .select({ n: count() })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        orgRowInScope(scope),
        gte(members.admittedOn, Temporal.PlainDate.from({ year, month: 1, day: 1 })),
        lt(members.admittedOn, Temporal.PlainDate.from({ year: year + 1, month: 1, day: 1 })),
      ),
    )
  return row?.n ?? 0
}

/** The plan to save: the year's total and each unit's quota. */
export interface DevelopmentPlanEntry {
  readonly year: number
  readonly total: number
  readonly allocations: readonly PlanAllocation[]
  readonly updatedAt: Date
  readonly updatedBy: string | null
}

/** Saves (or replaces) the scope's organization's plan for the year; the only write to development_plans. */
export const saveDevelopmentPlan = async (
  db: XfDb,
  scope: Scope,
  plan: DevelopmentPlanEntry,
): Promise<void> => {
  const { year, total, allocations, updatedAt, updatedBy } = plan
  await db
    .insert(developmentPlans)
    .values({ orgId: scope.orgId, year, total, allocations, updatedAt, updatedBy })
    .onConflictDoUpdate({
      target: [developmentPlans.orgId, developmentPlans.year],
      set: { total, allocations, updatedAt, updatedBy },
    })
}
