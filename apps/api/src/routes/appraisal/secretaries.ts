import {
  appraiseSecretaries,
  type IndicatorKey,
  indicatorKeys,
  indicatorNames,
  type SecretaryInput,
} from "@xianfeng/appraisal-scoring"
import { commendationTitleZh } from "@xianfeng/care-ledger"
import { Temporal } from "@xianfeng/core"
import {
  commendationResultsInScope,
  loadAreaPolicy,
  loadDevelopmentPolicy,
  recordedIndicatorFacts,
  type SecretaryReviewRow,
  saveSecretaryReview,
  secretaryReviewsInScope,
  studyMinimumsMet,
  subtreeSittings,
  visitProgressOf,
  withinOf,
  type XfDb,
} from "@xianfeng/db"
import {
  complianceOf,
  complianceRate,
  disciplinePolicy,
  type OrgShape,
  periodContaining,
  rollUp,
  type SittingType,
} from "@xianfeng/inspection-scheduling"
import { audit } from "../../audit.js"
import type { Actor } from "../../auth/actor.js"
import { type Deps, todayOf } from "../../deps.js"
import { type Lang, langOf } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { refreshPipelineIndex } from "../../stored/pipeline-index.js"
import {
  PrefillQuery,
  PrefillView,
  SecretaryBody,
  SecretaryList,
  SecretaryQuery,
  SecretaryView,
} from "./contract.js"
import { policyFor, verdictView } from "./model.js"
import { appraisalPermissions } from "./permissions.js"

const indicatorsOf = (r: SecretaryReviewRow): Record<IndicatorKey, number | null> =>
  Object.fromEntries(indicatorKeys.map((k) => [k, (r.indicators[k] ?? null) as number | null])) as Record<
    IndicatorKey,
    number | null
  >

export const secretaryViews = async (
  db: XfDb,
  actor: Actor,
  orgId: string | undefined,
  year: number,
  lang: Lang,
) => {
  const rows = await secretaryReviewsInScope(db, actor, { orgId, year })
  const policy = await policyFor(db, actor.orgPath)
  const inputs: SecretaryInput[] = rows.map((r) => ({
    id: r.id,
    reportSubmitted: r.reportSubmitted,
    comments: r.comments,
    votes: r.votes,
    indicators: indicatorsOf(r),
  }))
  const { outcomes, goodCap } = appraiseSecretaries(inputs, policy)
  return {
    year,
    goodCap,
    items: rows.map((r, i) => {
      const o = outcomes[i]
      return {
        id: r.id,
        orgId: r.orgId,
        orgName: r.orgName,
        year: r.year,
        secretaryName: r.secretaryName,
        reportSubmitted: r.reportSubmitted,
        comments: [...r.comments],
        votes: r.votes,
        indicators: indicatorsOf(r),
        score: o?.score == null ? null : o.score / 10,
        tier: o?.tier ?? null,
        verdicts: (o?.verdicts ?? []).map((v) => verdictView(v, lang)),
        rectification: (o?.rectification ?? []).map((x) => ({
          ...x,
          label:
            x.indicator === "overall"
              ? lang === "zh-CN"
                ? "综合评价"
                : "overall result"
              : indicatorNames[x.indicator][lang],
        })),
        version: r.version,
      }
    }),
  }
}

export const listSecretaries = route({
  method: "get",
  path: "/api/appraisal/secretaries",
  summary:
    "The secretaries' debriefing appraisal (抓基层党建述职评议考核) of a year: scores, tiers 好/较好/一般/差 under the cap, and next year's rectification lists",
  tag: "appraisal",
  auth: "user",
  query: SecretaryQuery,
  response: SecretaryList,
  handler: async ({ actor, query, deps, c }) =>
    secretaryViews(deps.db, actor, query.orgId, query.year ?? todayOf(deps).year, langOf(c)),
})

const shapeOf = (o: { kind: string; fullMembers: number }): OrgShape => ({
  kind: o.kind as OrgShape["kind"],
  hasCommittee: o.fullMembers >= 7,
  hasGroups: false,
})

/** The indicators the system records, for an organization's subtree and year (percentages, whole numbers). */
const prefill = async (deps: Deps, actor: Actor, orgId: string, year: number) => {
  const from = Temporal.PlainDate.from({ year, month: 1, day: 1 })
  const to = Temporal.PlainDate.from({ year, month: 12, day: 31 })
  const asOf = todayOf(deps)
  const { policy } = await loadAreaPolicy(deps.db, actor.orgPath, disciplinePolicy)
  const { orgs, sittings } = await subtreeSittings(deps.db, actor, orgId, from, to)
  const byOrg = new Map(
    orgs.map((o) => [
      o.id,
      complianceOf({
        org: shapeOf(o),
        sittings: sittings
          .filter((s) => s.orgId === o.id)
          .map((s) => ({ id: s.id, on: s.onDate, counts: s.types as readonly SittingType[] })),
        from,
        to,
        asOf,
        policy,
      }),
    ]),
  )
  const ids = new Set(orgs.map((o) => o.id))
  const totals = rollUp(
    orgs.map((o) => ({ id: o.id, parentId: o.parentId !== null && ids.has(o.parentId) ? o.parentId : null })),
    byOrg,
    periodContaining("year", from),
  )
  const meetingCounts = totals.get(orgId)
  // The development pipeline is counted from its index: its missing or stale rows (after an import or a
  // restore, which leave it empty; a member changed since) are evaluated first, as the pipeline read does.
  const within = await withinOf(deps.db, actor, orgId)
  const development = await loadDevelopmentPolicy(deps.db, within)
  await refreshPipelineIndex(deps.db, actor, within, asOf, development.policy)
  const facts = await recordedIndicatorFacts(deps.db, actor, orgId, from, to)
  // The education area's study year (学时, EM 22–23) and the care area's visit plans, read as data.
  const study = await studyMinimumsMet(deps.db, actor, orgId, year, asOf)
  const judged = study.members - study.exempt
  const visits = await visitProgressOf(deps.db, actor, orgId, year)
  // The care area's approved commendations of the year (两优一先): a reference, not an indicator (§6.1).
  const commended = await commendationResultsInScope(deps.db, actor, { orgId, year })
  const pct = (a: number, b: number) => (b === 0 ? null : Math.round((a * 100) / b))
  const indicators: Record<IndicatorKey, number | null> = {
    meetings: meetingCounts === undefined ? null : Math.round(complianceRate(meetingCounts) * 100),
    ordersOnTime: pct(facts.ordersOnTime, facts.orders),
    development: pct(facts.pipeline - facts.pipelineOverdue, facts.pipeline),
    studyHours: pct(study.meeting, judged),
    visits: pct(visits.visited, visits.targets),
  }
  return {
    indicators,
    // What the records cannot give (nothing to count): entered by hand.
    notRecorded: indicatorKeys.filter((k) => indicators[k] === null),
    basis: [
      `meetings: 三会一课 obligations met / decided in ${year} (组织生活)`,
      `ordersOnTime: ${facts.ordersOnTime} of ${facts.orders} rectification orders due in ${year} closed by their deadline`,
      `development: ${facts.pipeline - facts.pipelineOverdue} of ${facts.pipeline} people in the development pipeline without an overdue step`,
      `studyHours: ${study.meeting} of ${judged} members (not exempt) meeting the ${year} study-hour minimums as of ${asOf.toString()} (学时)`,
      `visits: ${visits.visited} of ${visits.targets} people named by ${visits.plans} visit plan(s) of ${year} visited (走访慰问)`,
      `commendations (reference): ${commended.length} approved in ${year} (两优一先)${
        commended.length === 0
          ? ""
          : `: ${commended
              .map(
                (r) =>
                  `${(commendationTitleZh as Readonly<Record<string, string>>)[r.title] ?? r.title} ${r.memberName ?? r.orgName}`,
              )
              .join("; ")}`
      }`,
    ],
  }
}

export const secretaryPrefill = route({
  method: "get",
  path: "/api/appraisal/secretaries/prefill",
  summary:
    "The member-education indicators the system has recorded for an organization's year, to pre-fill a secretary's appraisal (meetings, orders, development, study hours from education, visits from care; null and listed in notRecorded when there is nothing to count)",
  tag: "appraisal",
  auth: "user",
  roles: appraisalPermissions.assessSecretaries,
  query: PrefillQuery,
  response: PrefillView,
  handler: async ({ actor, query, deps }) =>
    prefill(deps, actor, query.orgId, query.year ?? todayOf(deps).year),
})

export const saveSecretary = route({
  method: "put",
  path: "/api/appraisal/secretaries",
  summary:
    "Enter (or replace) a secretary's debriefing appraisal for an organization and year: report, comments, the rating's counts and the indicators",
  tag: "appraisal",
  auth: "user",
  roles: appraisalPermissions.assessSecretaries,
  body: SecretaryBody,
  response: SecretaryView,
  handler: async ({ actor, body, deps, c }) => {
    await deps.db.transaction(async (tx) => {
      const saved = await saveSecretaryReview(tx, actor, {
        orgId: body.orgId,
        year: body.year,
        secretaryName: body.secretaryName,
        reportSubmitted: body.reportSubmitted,
        comments: body.comments,
        votes: body.votes,
        indicators: body.indicators,
        recordedBy: actor.userId,
      })
      await audit(tx, deps, actor, {
        action: "appraisal.secretary.save",
        objectType: "appraisal-secretary-review",
        objectId: saved.id,
        result: "ok",
        details: { orgId: body.orgId, year: body.year },
      })
    })
    const list = await secretaryViews(deps.db, actor, undefined, body.year, langOf(c))
    const item = list.items.find((i) => i.orgId === body.orgId)
    if (item === undefined) throw new Error("saved review not found")
    return item
  },
})
