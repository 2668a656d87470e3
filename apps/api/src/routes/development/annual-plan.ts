import { Temporal } from "@xianfeng/core"
import { developmentPlans, members, orgs, pathInSubtree, type XfDb } from "@xianfeng/db"
import { allocateAnnualPlan, type OrganizationPipeline } from "@xianfeng/development-rules"
import { and, asc, count, eq, gte, lt } from "drizzle-orm"
import { Schema } from "effect"
import { audit } from "../../audit.js"
import type { Actor } from "../../auth/actor.js"
import { problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { analyse } from "./composition.js"
import { AnnualPlan, AnnualPlanBody } from "./contract.js"
import { todayOf } from "./person.js"

/**
 * The plan is the actor's organization's: it splits its total between the organizations right below it
 * (committees for the district, branches for a committee), each carrying the pipeline of its subtree.
 */
const planUnits = async (db: XfDb, actor: Actor, year: number, deps: Parameters<typeof todayOf>[0]) => {
  const a = await analyse(db, actor, year, undefined, todayOf(deps))
  const children = await db
    .select({ id: orgs.id, name: orgs.name, path: orgs.path })
    .from(orgs)
    .where(eq(orgs.parentId, actor.orgId))
    .orderBy(asc(orgs.id))
  const units =
    children.length > 0 ? children : [{ id: actor.orgId, name: actor.orgName, path: actor.orgPath }]
  const paths = await db
    .select({ id: orgs.id, path: orgs.path })
    .from(orgs)
    .where(pathInSubtree(orgs.path, actor.orgPath))
  const unitOf = new Map<string, string>()
  for (const o of paths) {
    const u = units.find((x) => o.path === x.path || o.path.startsWith(`${x.path}.`))
    if (u) unitOf.set(o.id, u.id)
  }
  const rolled = new Map<
    string,
    { developmentObjects: Record<string, number>; activists: Record<string, number> }
  >(units.map((u) => [u.id, { developmentObjects: {}, activists: {} }]))
  for (const p of a.pipelines) {
    const target = rolled.get(unitOf.get(p.orgId) ?? "")
    if (target === undefined) continue
    for (const [g, n] of Object.entries(p.developmentObjects))
      target.developmentObjects[g] = (target.developmentObjects[g] ?? 0) + (n ?? 0)
    for (const [g, n] of Object.entries(p.activists))
      target.activists[g] = (target.activists[g] ?? 0) + (n ?? 0)
  }
  const pipelines: OrganizationPipeline[] = units.map((u) => ({
    orgId: u.id,
    ...(rolled.get(u.id) ?? { developmentObjects: {}, activists: {} }),
  }))
  return { units, pipelines, policy: a.policy }
}

const sum = (r: Readonly<Record<string, number | undefined>>) =>
  Object.values(r).reduce((x: number, y) => x + (y ?? 0), 0)

const view = (
  year: number,
  total: number,
  units: readonly { id: string; name: string }[],
  pipelines: readonly OrganizationPipeline[],
  quotas: ReadonlyMap<string, number>,
  updatedAt: Date | null,
): AnnualPlan => ({
  year,
  total,
  allocations: units.map((u) => {
    const p = pipelines.find((x) => x.orgId === u.id)
    const people = p ? sum(p.developmentObjects) + sum(p.activists) : 0
    const priority = p ? people - (p.developmentObjects.other ?? 0) - (p.activists.other ?? 0) : 0
    return {
      orgId: u.id,
      orgName: u.name,
      quota: quotas.get(u.id) ?? 0,
      priorityShare: people === 0 ? 0 : Math.round((priority / people) * 1000) / 1000,
      developmentObjects: p ? sum(p.developmentObjects) : 0,
    }
  }),
  updatedAt: updatedAt?.toISOString() ?? null,
})

/** Last year's admissions in the subtree: the starting total of a proposal. */
const admissionsIn = async (db: XfDb, actor: Actor, year: number) => {
  const [row] = await db
    .select({ n: count() })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        pathInSubtree(orgs.path, actor.orgPath),
        gte(members.admittedOn, Temporal.PlainDate.from({ year, month: 1, day: 1 })),
        lt(members.admittedOn, Temporal.PlainDate.from({ year: year + 1, month: 1, day: 1 })),
      ),
    )
  return row?.n ?? 0
}

export const getAnnualPlan = route({
  method: "get",
  path: "/api/development/annual-plan",
  summary: "The year's development plan of the caller's organization, or a proposal when none is saved",
  description:
    "A proposal starts from last year's admissions and splits them by `allocateAnnualPlan` (priority groups " +
    "weigh more, never more than an organization's development objects).",
  tag: "development",
  auth: "user",
  query: Schema.Struct({
    year: Schema.NumberFromString.check(Schema.isInt(), Schema.isBetween({ minimum: 2000, maximum: 2100 })),
  }),
  response: AnnualPlan,
  handler: async ({ actor, query, deps }) =>
    deps.db.transaction(async (tx) => {
      const { units, pipelines, policy } = await planUnits(tx, actor, query.year, deps)
      const [saved] = await tx
        .select()
        .from(developmentPlans)
        .where(and(eq(developmentPlans.orgId, actor.orgId), eq(developmentPlans.year, query.year)))
      if (saved) {
        const quotas = new Map(saved.allocations.map((x) => [x.orgId, x.quota]))
        return view(query.year, saved.total, units, pipelines, quotas, saved.updatedAt)
      }
      const total = await admissionsIn(tx, actor, query.year - 1)
      const quotas = new Map(allocateAnnualPlan(total, pipelines, policy).map((x) => [x.orgId, x.quota]))
      return view(query.year, total, units, pipelines, quotas, null)
    }),
})

export const saveAnnualPlan = route({
  method: "put",
  path: "/api/development/annual-plan",
  summary:
    "Save the year's development plan (district admin or committee officer); overrides change proposed quotas",
  tag: "development",
  auth: "user",
  roles: ["district-admin", "committee-officer"],
  body: AnnualPlanBody,
  response: AnnualPlan,
  handler: async ({ actor, body, deps }) =>
    deps.db.transaction(async (tx) => {
      const { units, pipelines, policy } = await planUnits(tx, actor, body.year, deps)
      const quotas = new Map(allocateAnnualPlan(body.total, pipelines, policy).map((x) => [x.orgId, x.quota]))
      for (const [i, o] of (body.overrides ?? []).entries()) {
        if (!units.some((u) => u.id === o.orgId)) {
          throw problems.badRequest(
            "只能调整下一级组织的名额",
            "Only organizations right below yours get a quota",
            [
              {
                field: `overrides.${i}.orgId`,
                reason: "not-a-unit",
                message: { "zh-CN": "不是本组织的下一级组织", en: "not an organization right below yours" },
              },
            ],
          )
        }
        quotas.set(o.orgId, o.quota)
      }
      const allocations = units.map((u) => ({ orgId: u.id, quota: quotas.get(u.id) ?? 0 }))
      const now = deps.now()
      await tx
        .insert(developmentPlans)
        .values({
          orgId: actor.orgId,
          year: body.year,
          total: body.total,
          allocations,
          updatedAt: now,
          updatedBy: actor.userId,
        })
        .onConflictDoUpdate({
          target: [developmentPlans.orgId, developmentPlans.year],
          set: { total: body.total, allocations, updatedAt: now, updatedBy: actor.userId },
        })
      await audit(tx, deps, actor, {
        action: "development.annual-plan.save",
        objectType: "org",
        objectId: actor.orgId,
        result: "ok",
        details: { year: body.year, total: body.total, overrides: body.overrides?.length ?? 0 },
      })
      return view(body.year, body.total, units, pipelines, quotas, now)
    }),
})
