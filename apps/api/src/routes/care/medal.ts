import {
  type CarePolicy,
  carePolicy,
  type MedalStandingBar,
  medalDay,
  medalStandingBarsOf,
  medalVerdict,
  partyAge,
} from "@xianfeng/care-ledger"
import { date, isAfter, type PlainDate } from "@xianfeng/core"
import {
  casesInScope,
  duesArrearsOf,
  lastAttendedOf,
  loadAreaPolicy,
  medalCandidatesInScope,
  type Scope,
  writeMedalAwards,
  type XfDb,
} from "@xianfeng/db"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { langOf } from "../../http/problem.js"
import { type AnyRoute, route } from "../../http/route.js"
import { MedalAwardBody, MedalAwardView, MedalQuery, MedalView } from "./contract.js"
import { carePermissions } from "./permissions.js"
import { refused, unprocessable, verdictView } from "./render.js"

type Candidate = Awaited<ReturnType<typeof medalCandidatesInScope>>[number]

/**
 * Good standing (一贯表现良好) of the candidates who reach 50 years, from what the other areas hold, read through
 * their query modules and handed to the rules as plain data: dues unpaid in a row (this area), the last sitting
 * of the branch each attended (discipline's roll calls), open unqualified-member cases (appraisal).
 */
const standingOf = async (
  db: XfDb,
  scope: Scope,
  candidates: readonly Candidate[],
  year: number,
  today: PlainDate,
  policy: CarePolicy,
): Promise<Map<string, readonly MedalStandingBar[]>> => {
  const due = candidates.filter(
    (c) => c.awardedYear === undefined && (partyAge(c.fullMemberOn, medalDay(year)) ?? 0) >= 50,
  )
  const out = new Map<string, readonly MedalStandingBar[]>()
  if (due.length === 0) return out
  const ids = due.map((c) => c.memberId)
  const dues = new Map((await duesArrearsOf(db, scope, ids, today)).map((d) => [d.memberId, d]))
  // The last sitting of their own branch each attended: one query for every branch of the candidates.
  const attended = await lastAttendedOf(db, scope, ids)
  const open = new Set(
    (await casesInScope(db, scope, undefined)).filter((c) => c.closedOn === null).map((c) => c.memberId),
  )
  for (const c of due) {
    const d = dues.get(c.memberId)
    const last = attended.get(c.memberId)
    out.set(
      c.memberId,
      medalStandingBarsOf(
        {
          ...(d?.assessed ? { consecutiveUnpaidDues: d.consecutiveUnpaid } : {}),
          ...(last ? { monthsSinceAttended: last.until(today, { largestUnit: "months" }).months } : {}),
          openUnqualifiedCase: open.has(c.memberId),
        },
        policy,
      ),
    )
  }
  return out
}

const verdictOf = (c: Candidate, year: number, bars: ReadonlyMap<string, readonly MedalStandingBar[]>) =>
  medalVerdict(
    {
      memberId: c.memberId,
      fullMemberOn: c.fullMemberOn,
      status: c.status,
      goodStanding: (bars.get(c.memberId) ?? []).length === 0,
      ...(c.awardedYear === undefined ? {} : { awardedYear: c.awardedYear }),
    },
    year,
  )

const itemOf = (
  c: Candidate,
  year: number,
  bars: ReadonlyMap<string, readonly MedalStandingBar[]>,
  lang: ReturnType<typeof langOf>,
) => ({
  memberId: c.memberId,
  name: c.name,
  orgName: c.orgName,
  fullMemberOn: c.fullMemberOn.toString(),
  partyAge: partyAge(c.fullMemberOn, medalDay(year)) ?? 0,
  standingBars: [...(bars.get(c.memberId) ?? [])],
  verdict: verdictView(verdictOf(c, year, bars), lang),
})

const medalList = route({
  method: "get",
  path: "/api/care/medal",
  summary: "The year's “Glorious 50 years in the Party” list: who is eligible by 1 July, who already has it",
  description:
    "Good standing is judged by the district policy's `medalStandingBars` from dues, organizational life and appraisal cases.",
  tag: "care",
  auth: "user",
  query: MedalQuery,
  response: MedalView,
  handler: async ({ actor, query, deps, c }) => {
    const lang = langOf(c)
    const { policy } = await loadAreaPolicy(deps.db, actor.orgPath, carePolicy)
    const rows = await medalCandidatesInScope(deps.db, actor, { orgId: query.orgId })
    const bars = await standingOf(deps.db, actor, rows, query.year, todayOf(deps), policy)
    return {
      year: query.year,
      items: rows
        .filter((r) => {
          const code = verdictOf(r, query.year, bars).code
          return code === "MEDAL-50.eligible" || code === "MEDAL-50.awarded" || code === "MEDAL-50.standing"
        })
        .map((r) => itemOf(r, query.year, bars, lang)),
    }
  },
})

const awardMedal = route({
  method: "post",
  path: "/api/care/medal/awards",
  summary: "Record that a member was given the “Glorious 50 years in the Party” medal",
  description:
    "Refused with 422 naming memberId unless the member is eligible that year (living, in good standing, party age 50 by 1 July, not given it before); awardedOn after today names awardedOn.",
  tag: "care",
  auth: "user",
  roles: carePermissions.organize,
  body: MedalAwardBody,
  response: MedalAwardView,
  status: 201,
  handler: async ({ actor, body, deps, c }) => {
    const lang = langOf(c)
    const today = todayOf(deps)
    const awardedOn = body.awardedOn === undefined ? today : date(body.awardedOn)
    if (isAfter(awardedOn, today))
      throw unprocessable("awardedOn", "颁发日期不能晚于今天", "the award cannot be dated after today")
    return deps.db.transaction(async (tx) => {
      const { policy } = await loadAreaPolicy(tx, actor.orgPath, carePolicy)
      const [candidate] = await medalCandidatesInScope(tx, actor, { memberId: body.memberId })
      if (candidate === undefined)
        throw unprocessable(
          "memberId",
          "该党员尚未转正，党龄无从计算",
          "the member has no full-membership date",
        )
      const bars = await standingOf(tx, actor, [candidate], body.year, today, policy)
      const v = verdictOf(candidate, body.year, bars)
      if (v.code !== "MEDAL-50.eligible") throw refused("memberId", [{ ...v, status: "blocked" }], lang)
      await writeMedalAwards(tx, [
        { memberId: candidate.memberId, year: body.year, awardedOn, recordedBy: actor.userId },
      ])
      await audit(tx, deps, actor, {
        action: "care.medal.award",
        objectType: "member",
        objectId: candidate.memberId,
        result: "ok",
        details: { year: body.year, awardedOn: awardedOn.toString() },
      })
      const [after] = await medalCandidatesInScope(tx, actor, { memberId: body.memberId })
      return itemOf(after ?? candidate, body.year, new Map(), lang)
    })
  },
})

export const medalRoutes: readonly AnyRoute[] = [medalList, awardMedal]
