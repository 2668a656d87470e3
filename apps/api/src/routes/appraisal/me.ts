import { checkPeerRating, explainGrade, type Grade, isGrade, peerViewOf } from "@xianfeng/appraisal-scoring"
import {
  cycleInScope,
  cyclesOfMember,
  memberIdOfUser,
  memberInScope,
  NotInScope,
  recordViewersOf,
  savePeerRatings,
  updateParticipant,
} from "@xianfeng/db"
import { Result } from "effect"
import { audit } from "../../audit.js"
import type { Actor } from "../../auth/actor.js"
import type { Deps } from "../../deps.js"
import { langOf, problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { MyRecord, Ok, RatingBody, SelfBody, ViewersView } from "./contract.js"
import { type LoadedCycle, loadCycles, refused, verdictView } from "./model.js"
import { appraisalPermissions } from "./permissions.js"

/** The signed-in member's own member id (a `member` user always has one: a CHECK keeps it so). */
const selfOf = async (deps: Deps, actor: Actor): Promise<string> => {
  const id = await memberIdOfUser(deps.db, actor.userId)
  if (id === undefined)
    throw problems.forbidden("只有党员本人可以使用。", "Only the member themself may use this.")
  return id
}

/** The member's cycle, loaded in the member's scope; another branch's cycle, or one they are not in, is refused. */
const myCycle = async (
  deps: Deps,
  actor: Actor,
  me: string,
  cycleId: string,
  lock = false,
): Promise<LoadedCycle> => {
  try {
    const [l] = await loadCycles(deps.db, [await cycleInScope(deps.db, actor, cycleId, { lock })])
    if (l?.participants.some((p) => p.memberId === me)) return l
  } catch (e) {
    if (!(e instanceof NotInScope)) throw e
  }
  throw problems.unprocessable(
    "cycleId",
    "not-in-branch",
    "您不在这次评议中",
    "you do not take part in this cycle",
  )
}

export const myRecord = route({
  method: "get",
  path: "/api/appraisal/me",
  summary:
    "A member's own record: their cycles, self-assessment, the peers they rate (with their own ratings), the aggregate of ratings they received (only when allowed) and the final grade with how it was reached",
  tag: "appraisal",
  auth: "user",
  roles: appraisalPermissions.self,
  response: MyRecord,
  handler: async ({ actor, deps, c }) => {
    const me = await selfOf(deps, actor)
    const lang = langOf(c)
    const member = await memberInScope(deps.db, actor, me)
    const loaded = await loadCycles(deps.db, await cyclesOfMember(deps.db, actor, me))
    return {
      memberId: me,
      name: member.name,
      orgName: member.orgName,
      stage: member.stage,
      cycles: loaded.map((l) => {
        const mine = l.participants.find((p) => p.memberId === me)
        const o = l.suggestion.outcomes.find((x) => x.memberId === me)
        const confirmed =
          l.cycle.state === "confirmed" && mine?.confirmedGrade != null
            ? { memberId: me, grade: mine.confirmedGrade as Grade, reason: mine.confirmedReason ?? "" }
            : undefined
        const proposed =
          mine?.proposedGrade != null
            ? { memberId: me, grade: mine.proposedGrade as Grade, reason: mine.proposedReason ?? "" }
            : undefined
        return {
          cycleId: l.cycle.id,
          year: l.cycle.year,
          orgName: l.cycle.orgName,
          state: l.cycle.state,
          graded: o?.graded ?? false,
          selfGrade: mine?.selfGrade ?? null,
          selfText: mine?.selfText ?? null,
          peers: l.participants
            .filter((p) => p.memberId !== me)
            .map((p) => ({
              memberId: p.memberId,
              name: p.name,
              myGrade: l.ratings.find((r) => r.raterId === me && r.rateeId === p.memberId)?.grade ?? null,
              recused: p.recusals.includes(me) || (mine?.recusals ?? []).includes(p.memberId),
            })),
          peerView: peerViewOf(me, l.ratings, l.cycle.state !== "open", l.policy),
          excellentCap: l.suggestion.excellentCap,
          gradedCount: l.suggestion.gradedCount,
          confirmed: confirmed?.grade ?? null,
          // The explanation only once the committee has confirmed: before, a suggestion would hint at ratings in flight.
          explanation:
            confirmed !== undefined && o !== undefined
              ? explainGrade(o, proposed, confirmed).map((v) => verdictView(v, lang))
              : [],
        }
      }),
    }
  },
})

export const mySelfAssessment = route({
  method: "post",
  path: "/api/appraisal/me/self",
  summary:
    "A member's own self-assessment (个人自评) in their branch's open cycle; may be revised until the rating step closes",
  tag: "appraisal",
  auth: "user",
  roles: appraisalPermissions.self,
  body: SelfBody,
  response: Ok,
  handler: async ({ actor, body, deps }) => {
    const me = await selfOf(deps, actor)
    const l = await myCycle(deps, actor, me, body.cycleId, true)
    if (l.cycle.state !== "open")
      throw problems.unprocessable(
        "cycleId",
        "closed",
        "评议已结束，不能再修改自评",
        "the cycle is past its rating step",
      )
    if (!isGrade(body.grade))
      throw problems.unprocessable(
        "grade",
        "scale",
        "等次应为优秀、合格、基本合格、不合格之一",
        "a grade is one of excellent, qualified, basic, unqualified",
      )
    await deps.db.transaction(async (tx) => {
      await updateParticipant(tx, l.cycle.id, me, {
        selfGrade: body.grade as Grade,
        selfText: body.text,
        selfAt: deps.now(),
      })
      await audit(tx, deps, actor, {
        action: "appraisal.self",
        objectType: "appraisal-cycle",
        objectId: l.cycle.id,
        result: "ok",
      })
    })
    return { ok: true }
  },
})

export const myRating = route({
  method: "post",
  path: "/api/appraisal/me/ratings",
  summary:
    "A member rates another member of their branch's open cycle (党员互评): once each, never themself, not when recused",
  description:
    "Refused (422 naming the field) for a grade off the scale (grade), a second rating of the same member, rating oneself, a recused pair or a member outside the cycle (rateeId), a cycle the member is not in (cycleId).",
  tag: "appraisal",
  auth: "user",
  roles: appraisalPermissions.self,
  body: RatingBody,
  response: Ok,
  status: 201,
  handler: async ({ actor, body, deps }) => {
    const me = await selfOf(deps, actor)
    const l = await myCycle(deps, actor, me, body.cycleId, true)
    if (l.cycle.state !== "open")
      throw problems.unprocessable("cycleId", "closed", "互评已结束", "the rating step is closed")
    const checked = checkPeerRating(
      { raterId: me, rateeId: body.rateeId, grade: body.grade },
      l.input.participants,
      l.ratings,
    )
    if (Result.isFailure(checked)) throw refused(checked.failure)
    await deps.db.transaction(async (tx) => {
      await savePeerRatings(tx, [{ cycleId: l.cycle.id, ...checked.success, ratedAt: deps.now() }])
      // Which cycle, not whom or how: the audit log must not undo the anonymity of the ratings.
      await audit(tx, deps, actor, {
        action: "appraisal.rate",
        objectType: "appraisal-cycle",
        objectId: l.cycle.id,
        result: "ok",
      })
    })
    return { ok: true }
  },
})

export const myViewers = route({
  method: "get",
  path: "/api/appraisal/me/viewers",
  summary:
    "Who has viewed or changed the member's own record: the viewer's role and organization, when, which action (never the viewer's name)",
  tag: "appraisal",
  auth: "user",
  roles: appraisalPermissions.self,
  response: ViewersView,
  handler: async ({ actor, deps }) => {
    const me = await selfOf(deps, actor)
    const views = await recordViewersOf(deps.db, me, actor.userId)
    return {
      items: views.map((v) => ({
        at: v.at.toISOString(),
        action: v.action,
        viewerRole: v.viewerRole,
        viewerOrg: v.viewerOrg,
      })),
    }
  },
})

export const meRoutes = [myRecord, mySelfAssessment, myRating, myViewers]
