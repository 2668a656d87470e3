import { formatCitation, type PlainDate, renderVerdict, Temporal } from "@xianfeng/core"
import { lastSittingWithoutRollCall, loadAreaPolicy, standingFacts } from "@xianfeng/db"
import {
  type ActivityEvidence,
  disciplineMessages,
  disciplinePolicy,
  lastOn,
  standingAlerts,
  unknownEvidence,
} from "@xianfeng/inspection-scheduling"
import { audit } from "../../audit.js"
import type { Actor } from "../../auth/actor.js"
import type { Deps } from "../../deps.js"
import { todayOf } from "../../deps.js"
import { langOf } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { type evidenceKinds, StandingQuery, StandingView } from "./contract.js"
import { disciplinePermissions } from "./permissions.js"
import { type EvidenceSource, type StandingSources, standingSources } from "./standing-sources.js"

const read = async <T>(
  source: EvidenceSource<T> | undefined,
  deps: Deps,
  actor: Actor,
  ids: readonly string[],
): Promise<ReadonlyMap<string, T> | undefined> => (source ? source(deps, actor, ids) : undefined)

const evidenceOf = (
  known: ReadonlyMap<string, PlainDate | "unknown"> | undefined,
  id: string,
): ActivityEvidence => {
  const last = known?.get(id)
  return known === undefined || last === "unknown" ? unknownEvidence : lastOn(last)
}

/**
 * The standing alerts of a branch's members (PC 9; EM 24, 25, 31), reading the evidence of `sources` as data.
 * Exported for tests, which pass sources the live system does not have yet.
 */
export const standingOf = async (
  deps: Deps,
  actor: Actor,
  orgId: string,
  sources: StandingSources,
  lang: "zh-CN" | "en",
): Promise<StandingView> => {
  const asOf = todayOf(deps)
  const facts = await standingFacts(deps.db, actor, orgId)
  const ids = facts.map((f) => f.id)
  const unrecorded = await lastSittingWithoutRollCall(deps.db, actor, orgId)
  const { policy } = await loadAreaPolicy(deps.db, actor.orgPath, disciplinePolicy)
  const dues = await read(sources.dues, deps, actor, ids)
  const work = await read(sources.work, deps, actor, ids)
  const lost = await read(sources.lostContact, deps, actor, ids)
  const away = await read(sources.away, deps, actor, ids)
  const missing: (typeof evidenceKinds)[number][] = [
    ...(dues ? [] : (["dues"] as const)),
    ...(work ? [] : (["work"] as const)),
    ...(lost ? [] : (["lost-contact"] as const)),
    ...(away ? [] : (["away"] as const)),
  ]
  return {
    orgId,
    asOf: asOf.toString(),
    missingEvidence: missing,
    members: facts.map((f) => {
      const since = f.admittedOn ?? Temporal.PlainDate.from(f.createdAt.toISOString().slice(0, 10))
      const lostSince = lost?.get(f.id)
      const awayFacts = away?.get(f.id)
      const alerts = standingAlerts(
        {
          asOf,
          since,
          orgLife: lastOn(f.lastAttended ?? undefined),
          ...(unrecorded ? { orgLifeUnrecorded: unrecorded } : {}),
          dues: evidenceOf(dues, f.id),
          work: evidenceOf(work, f.id),
          ...(lostSince ? { lostContactSince: lostSince } : {}),
          ...(awayFacts ? { awaySince: awayFacts.since, relationTransferred: awayFacts.transferred } : {}),
        },
        policy,
      )
      return {
        memberId: f.id,
        name: f.name,
        stage: f.stage,
        lastAttended: f.lastAttended?.toString() ?? null,
        alerts: alerts.map((v) => ({
          status: v.status,
          code: v.code,
          message: renderVerdict({ ...v, citations: [] }, disciplineMessages, lang),
          citations: v.citations.map((c) => formatCitation(c, lang)),
        })),
      }
    }),
  }
}

export const memberStanding = route({
  method: "get",
  path: "/api/discipline/standing",
  summary:
    "The standing alerts of a branch's members: self-lapse (six months without organizational life, dues or assigned work; PC 9, EM 31), lost contact (EM 24), away without transfer (EM 25); evidence not yet connected is named in missingEvidence",
  tag: "discipline",
  auth: "user",
  roles: disciplinePermissions.record,
  query: StandingQuery,
  response: StandingView,
  handler: async ({ actor, query, deps, c }) =>
    deps.db.transaction(async (tx) => {
      const view = await standingOf({ ...deps, db: tx }, actor, query.orgId, standingSources, langOf(c))
      await audit(tx, deps, actor, {
        action: "discipline.standing.read",
        objectType: "org",
        objectId: query.orgId,
        result: "ok",
        details: {
          members: view.members.length,
          alerts: view.members.filter((m) => m.alerts.some((a) => a.status !== "ok")).length,
        },
      })
      return view
    }),
})
