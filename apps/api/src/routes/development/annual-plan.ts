import type { PlainDate } from "@xianfeng/core"
import {
  admissionsInYear,
  type PlanUnit,
  planUnitsOf,
  type Scope,
  saveDevelopmentPlan,
  savedDevelopmentPlanOf,
  type XfDb,
} from "@xianfeng/db"
import {
  allocateAnnualPlan,
  developmentObjectsOf,
  type OrganizationPipeline,
  priorityShareOf,
  rollUpPipelines,
} from "@xianfeng/development-rules"
import { Schema } from "effect"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { IntParam } from "../../http/contract-kit.js"
import { problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { analyse } from "./composition.js"
import { AnnualPlan, AnnualPlanBody } from "./contract.js"
import { developmentPermissions } from "./permissions.js"

/**
 * The plan is the scope's organization's: it splits its total between the organizations right below it
 * (committees for the district, branches for a committee), each carrying the pipeline of its subtree.
 */
const planUnits = async (db: XfDb, scope: Scope, year: number, today: PlainDate) => {
  const a = await analyse(db, scope, year, undefined, today)
  const { units, unitOf } = await planUnitsOf(db, scope)
  const pipelines = rollUpPipelines(
    a.pipelines,
    units.map((u) => u.id),
    unitOf,
  )
  return { units, pipelines, policy: a.policy }
}

const view = (
  year: number,
  total: number,
  units: readonly PlanUnit[],
  pipelines: readonly OrganizationPipeline[],
  quotas: ReadonlyMap<string, number>,
  updatedAt: Date | null,
): AnnualPlan => ({
  year,
  total,
  allocations: units.map((u) => {
    const p = pipelines.find((x) => x.orgId === u.id)
    return {
      orgId: u.id,
      orgName: u.name,
      quota: quotas.get(u.id) ?? 0,
      priorityShare: p ? Math.round(priorityShareOf(p) * 1000) / 1000 : 0,
      developmentObjects: p ? developmentObjectsOf(p) : 0,
    }
  }),
  updatedAt: updatedAt?.toISOString() ?? null,
})

export const getAnnualPlan = route({
  method: "get",
  path: "/api/development/annual-plan",
  summary:
    "The year's development plan of the caller's organization, or a proposal when none is saved or `total` is given",
  description:
    "A proposal starts from last year's admissions and splits them by `allocateAnnualPlan` (priority groups " +
    "weigh more, never more than an organization's candidates for membership). With `total` it is a dry run: the " +
    "proposal for that total, whatever is saved, and nothing is written (`updatedAt` is null).",
  tag: "development",
  auth: "user",
  query: Schema.Struct({
    year: IntParam(2000, 2100),
    // Given, the plan proposes an allocation of this total without saving anything (a dry run).
    total: Schema.optionalKey(IntParam(0, 100_000)),
  }),
  response: AnnualPlan,
  handler: async ({ actor, query, deps }) =>
    deps.db.transaction(async (tx) => {
      const { units, pipelines, policy } = await planUnits(tx, actor, query.year, todayOf(deps))
      if (query.total !== undefined) {
        const quotas = new Map(
          allocateAnnualPlan(query.total, pipelines, policy).map((x) => [x.orgId, x.quota]),
        )
        return view(query.year, query.total, units, pipelines, quotas, null)
      }
      const saved = await savedDevelopmentPlanOf(tx, actor, query.year)
      if (saved) {
        const quotas = new Map(saved.allocations.map((x) => [x.orgId, x.quota]))
        return view(query.year, saved.total, units, pipelines, quotas, saved.updatedAt)
      }
      const total = await admissionsInYear(tx, actor, query.year - 1)
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
  roles: developmentPermissions.saveAnnualPlan,
  body: AnnualPlanBody,
  response: AnnualPlan,
  handler: async ({ actor, body, deps }) =>
    deps.db.transaction(async (tx) => {
      const { units, pipelines, policy } = await planUnits(tx, actor, body.year, todayOf(deps))
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
      await saveDevelopmentPlan(tx, actor, {
        year: body.year,
        total: body.total,
        allocations,
        updatedAt: now,
        updatedBy: actor.userId,
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
