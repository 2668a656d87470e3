import { checkGrades, type ProposedGrade, type Suggestion } from "@xianfeng/appraisal-scoring"
import type { PlainDate } from "@xianfeng/core"
import {
  advanceCycle,
  appraisalRollOf,
  cycleInScope,
  cyclesInScope,
  NotInScope,
  openCase,
  openCycle,
  orgInScope,
  updateParticipant,
  type XfDb,
} from "@xianfeng/db"
import { Result } from "effect"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { langOf, problems } from "../../http/problem.js"
import { type HandlerContext, route } from "../../http/route.js"
import {
  CycleDetail,
  CycleList,
  CycleParams,
  CycleQuery,
  CycleSummary,
  GradesBody,
  OpenCycleBody,
  RecusalBody,
  ResultsQuery,
  ResultsView,
} from "./contract.js"
import {
  cycleSummaries,
  type LoadedCycle,
  loadCycles,
  participantViews,
  refused,
  summaryOf,
} from "./model.js"
import { appraisalPermissions } from "./permissions.js"

export const listCycles = route({
  method: "get",
  path: "/api/appraisal/cycles",
  summary:
    "Democratic appraisal: the cycles of the caller's subtree (or of one organization in it), newest year first",
  tag: "appraisal",
  auth: "user",
  query: CycleQuery,
  response: CycleList,
  handler: async ({ actor, query, deps }) => {
    const cycles = await cyclesInScope(deps.db, actor, { orgId: query.orgId, year: query.year })
    return { items: await cycleSummaries(deps.db, cycles) }
  },
})

export const openCycleRoute = route({
  method: "post",
  path: "/api/appraisal/cycles",
  summary:
    "Open a branch's annual democratic appraisal (民主评议党员): its roll is the branch's full and probationary members",
  description: "One cycle per branch and year (409 naming year); only a branch holds one (422 naming orgId).",
  tag: "appraisal",
  auth: "user",
  roles: appraisalPermissions.run,
  body: OpenCycleBody,
  response: CycleSummary,
  status: 201,
  handler: async ({ actor, body, deps }) => {
    const org = await orgInScope(deps.db, actor, body.orgId)
    if (org.kind !== "branch")
      throw problems.unprocessable(
        "orgId",
        "not-branch",
        "民主评议以党支部为单位进行",
        "democratic appraisal is held per branch",
      )
    const roll = await appraisalRollOf(deps.db, actor, org.id)
    const opened = await deps.db.transaction(async (tx) => {
      const c = await openCycle(tx, actor, {
        orgId: org.id,
        year: body.year,
        openedOn: todayOf(deps),
        recordedBy: actor.userId,
        participants: roll.map((m) => ({ memberId: m.id, stage: m.stage })),
      })
      await audit(tx, deps, actor, {
        action: "appraisal.cycle.open",
        objectType: "appraisal-cycle",
        objectId: c.id,
        result: "ok",
        details: { orgId: org.id, year: body.year, participants: roll.length },
      })
      return c
    })
    const [loaded] = await loadCycles(deps.db, [await cycleInScope(deps.db, actor, opened.id)])
    if (loaded === undefined) throw new NotInScope("appraisal-cycle", opened.id)
    return summaryOf(loaded)
  },
})

const loadOne = async (
  deps: { db: Parameters<typeof cycleInScope>[0] },
  actor: Parameters<typeof cycleInScope>[1],
  id: string,
  lock = false,
) => {
  const [loaded] = await loadCycles(deps.db, [await cycleInScope(deps.db, actor, id, { lock })])
  if (loaded === undefined) throw new NotInScope("appraisal-cycle", id)
  return loaded
}

const detailOf = (l: LoadedCycle, lang: "zh-CN" | "en") => ({
  cycle: summaryOf(l),
  participants: participantViews(l, lang),
  policy: {
    capNumerator: l.policy.excellentCap.numerator,
    capDenominator: l.policy.excellentCap.denominator,
    rounding: l.policy.excellentCapRounding,
    minPeerGroup: l.policy.minPeerGroup,
    gradeProbationary: l.policy.gradeProbationary,
  },
})

export const cycleDetail = route({
  method: "get",
  path: "/api/appraisal/cycles/:id",
  summary:
    "One cycle: each participant's self-assessment, how many rated them (never who), the score, the suggested, proposed and confirmed grades with how each was reached",
  tag: "appraisal",
  auth: "user",
  params: CycleParams,
  response: CycleDetail,
  handler: async ({ actor, params, deps, c }) => {
    const l = await loadOne(deps, actor, params.id)
    await audit(deps.db, deps, actor, {
      action: "appraisal.cycle.read",
      objectType: "appraisal-cycle",
      objectId: l.cycle.id,
      result: "ok",
    })
    return detailOf(l, langOf(c))
  },
})

export const setRecusals = route({
  method: "post",
  path: "/api/appraisal/cycles/:id/recusals",
  summary: "Record whom a participant stands aside from rating (回避), while the cycle is open",
  tag: "appraisal",
  auth: "user",
  roles: appraisalPermissions.run,
  params: CycleParams,
  body: RecusalBody,
  response: CycleDetail,
  handler: async ({ actor, params, body, deps, c }) => {
    const l = await loadOne(deps, actor, params.id, true)
    if (l.cycle.state !== "open")
      throw problems.unprocessable(
        "memberId",
        "closed",
        "评议已结束，不能再设置回避",
        "the rating step is closed",
      )
    const ids = new Set(l.participants.map((p) => p.memberId))
    if (!ids.has(body.memberId))
      throw problems.unprocessable(
        "memberId",
        "not-in-branch",
        "该党员不在本次评议中",
        "this member is not in the cycle",
      )
    for (const [i, r] of body.recusals.entries())
      if (!ids.has(r) || r === body.memberId)
        throw problems.unprocessable(
          `recusals[${i}]`,
          "not-in-branch",
          "回避对象应为本次评议的其他党员",
          "a recusal names another participant",
        )
    await deps.db.transaction(async (tx) => {
      await updateParticipant(tx, l.cycle.id, body.memberId, { recusals: [...new Set(body.recusals)] })
      await audit(tx, deps, actor, {
        action: "appraisal.recusal",
        objectType: "member",
        objectId: body.memberId,
        result: "ok",
        details: { cycleId: l.cycle.id, count: body.recusals.length },
      })
    })
    return detailOf(await loadOne(deps, actor, params.id), langOf(c))
  },
})

const gradesOf = (body: typeof GradesBody.Type): ProposedGrade[] =>
  body.grades.map((g) => ({
    memberId: g.memberId,
    grade: g.grade as ProposedGrade["grade"],
    ...(g.reason ? { reason: g.reason } : {}),
  }))

const checkScale = (body: typeof GradesBody.Type) => {
  for (const [i, g] of body.grades.entries())
    if (!["excellent", "qualified", "basic", "unqualified"].includes(g.grade))
      throw problems.unprocessable(
        `grades[${i}].grade`,
        "scale",
        "等次应为优秀、合格、基本合格、不合格之一",
        "a grade is one of excellent, qualified, basic, unqualified",
      )
}

/**
 * One grading step of a cycle (the branch proposing, the committee confirming): the cycle locked and in
 * `from`, the grades on the scale and checked by the rules against `basis` (a 422 naming the field, nothing
 * changed), then in one transaction each grade written by `write`, the cycle moved on to `to` and its audit row.
 */
const gradeStep = async (
  { actor, params, body, deps, c }: HandlerContext<typeof CycleParams.Type, unknown, typeof GradesBody.Type>,
  step: {
    readonly from: "open" | "proposed"
    readonly to: "proposed" | "confirmed"
    readonly closed: readonly [zh: string, en: string]
    readonly before?: (l: LoadedCycle) => void
    readonly basis: (l: LoadedCycle) => Suggestion
    readonly write: (tx: XfDb, l: LoadedCycle, g: ProposedGrade, today: PlainDate) => Promise<void>
  },
) => {
  const l = await loadOne(deps, actor, params.id, true)
  step.before?.(l)
  if (l.cycle.state !== step.from) throw problems.unprocessable("grades", "state", ...step.closed)
  checkScale(body)
  const checked = checkGrades(gradesOf(body), step.basis(l))
  if (Result.isFailure(checked)) throw refused(checked.failure)
  const today = todayOf(deps)
  await deps.db.transaction(async (tx) => {
    for (const g of checked.success) await step.write(tx, l, g, today)
    await advanceCycle(tx, l.cycle.id, step.to, today)
    await audit(tx, deps, actor, {
      action: step.to === "proposed" ? "appraisal.cycle.propose" : "appraisal.cycle.confirm",
      objectType: "appraisal-cycle",
      objectId: l.cycle.id,
      result: "ok",
      details: { graded: checked.success.length },
    })
  })
  return detailOf(await loadOne(deps, actor, params.id), langOf(c))
}

export const proposeGrades = route({
  method: "post",
  path: "/api/appraisal/cycles/:id/propose",
  summary: "The branch proposes each graded member's grade: closes the rating step",
  description:
    "Refused (422 naming the field) for a grade off the scale, a member outside the cycle, a grade for a probationary member, a graded member left out, a departure from the suggestion without a reason, or more excellent grades than the cap.",
  tag: "appraisal",
  auth: "user",
  roles: appraisalPermissions.run,
  params: CycleParams,
  body: GradesBody,
  response: CycleDetail,
  handler: (ctx) =>
    gradeStep(ctx, {
      from: "open",
      to: "proposed",
      closed: ["本次评议已提出等次", "grades have already been proposed"],
      basis: (l) => l.suggestion,
      write: (tx, l, g) =>
        updateParticipant(tx, l.cycle.id, g.memberId, {
          proposedGrade: g.grade,
          proposedReason: g.reason ?? null,
        }),
    }),
})

export const confirmGrades = route({
  method: "post",
  path: "/api/appraisal/cycles/:id/confirm",
  summary:
    "The higher committee confirms (or changes, with a reason) the proposed grades: closes the cycle; a member confirmed unqualified gets a case",
  tag: "appraisal",
  auth: "user",
  roles: appraisalPermissions.confirm,
  params: CycleParams,
  body: GradesBody,
  response: CycleDetail,
  handler: (ctx) =>
    gradeStep(ctx, {
      from: "proposed",
      to: "confirmed",
      closed: ["支部尚未提出等次，或已确认", "the branch has not proposed grades, or they are confirmed"],
      before: (l) => {
        if (l.cycle.orgId === ctx.actor.orgId)
          throw problems.forbidden(
            "等次由上级党组织审核确定，支部不能确认自己的评议结果。",
            "The higher committee confirms a branch's grades, not the branch.",
          )
      },
      // A change from the branch's proposal needs a reason, as a departure from the suggestion does.
      basis: (l) => ({
        ...l.suggestion,
        outcomes: l.suggestion.outcomes.map((o) => ({
          ...o,
          suggested: l.participants.find((p) => p.memberId === o.memberId)?.proposedGrade ?? o.suggested,
        })),
      }),
      write: async (tx, l, g, today) => {
        await updateParticipant(tx, l.cycle.id, g.memberId, {
          confirmedGrade: g.grade,
          confirmedReason: g.reason ?? null,
        })
        if (g.grade === "unqualified")
          await openCase(tx, {
            memberId: g.memberId,
            cycleId: l.cycle.id,
            openedOn: today,
            recordedBy: ctx.actor.userId,
          })
      },
    }),
})

export const appraisalResults = route({
  method: "get",
  path: "/api/appraisal/results",
  summary:
    "The year's grades per branch and in total across the subtree (confirmed, else proposed), for charts",
  tag: "appraisal",
  auth: "user",
  query: ResultsQuery,
  response: ResultsView,
  handler: async ({ actor, query, deps }) => {
    const year = query.year ?? todayOf(deps).year
    const summaries = await cycleSummaries(
      deps.db,
      await cyclesInScope(deps.db, actor, { orgId: query.orgId, year }),
    )
    const totals = { excellent: 0, qualified: 0, basic: 0, unqualified: 0 }
    const branches = summaries.map((s) => {
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += s.grades[k]
      return {
        orgId: s.orgId,
        orgName: s.orgName,
        cycleId: s.id,
        state: s.state,
        grades: s.grades,
        participants: s.participants,
      }
    })
    return { year, totals, branches }
  },
})
