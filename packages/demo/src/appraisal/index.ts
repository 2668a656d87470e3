import {
  applyCap,
  type Grade,
  gradeOfScore,
  nationalPolicy,
  type PeerRating,
  scoreOf,
  suggestGrades,
  takeStep,
} from "@xianfeng/appraisal-scoring"
import type { PlainDate } from "@xianfeng/core"
import { hashSeed, int, mulberry32, pick } from "@xianfeng/core/testing"
import {
  activationCodeHash,
  advanceCycle,
  appraisalRollOf,
  issueActivations,
  openCase,
  openCycle,
  saveCase,
  savePeerRatings,
  saveSecretaryReview,
  spendActivation,
  updateParticipant,
  type XfDb,
} from "@xianfeng/db"
import { Result } from "effect"
import type { DemoContext, DemoContributor } from "../contributor.js"
import type { DemoOrg } from "../platform/orgs.js"

/** The demo member who can sign in at once (password DEMO_PASSWORD), in `secretary1`'s branch. */
export const DEMO_MEMBER_LOGIN = "member1"
/** A member of the same branch whose account waits for this activation code (printed in the start banner). */
export const DEMO_MEMBER_PENDING = "member2"
export const DEMO_ACTIVATION_CODE = "DEMO-2345-ABCD"

const at = (d: PlainDate) => new Date(`${d.toString()}T02:00:00Z`)
const scopeOf = (o: DemoOrg) => ({ orgId: o.id, orgPath: o.path })

/** Everyone rates everyone else: mostly qualified, a few excellent, one member of `weak` mostly basic or worse. */
const ballots = (seed: number, ids: readonly string[], weak: string | undefined, share = 1): PeerRating[] => {
  const rng = mulberry32(seed)
  const star = new Set(ids.filter((_, i) => i % 5 === 1))
  const out: PeerRating[] = []
  for (const rater of ids) {
    if (rng() > share) continue
    for (const ratee of ids) {
      if (rater === ratee) continue
      const grade: Grade =
        ratee === weak
          ? pick(rng, ["unqualified", "unqualified", "basic"] as const)
          : star.has(ratee)
            ? pick(rng, ["excellent", "excellent", "excellent", "qualified"] as const)
            : pick(rng, ["qualified", "qualified", "qualified", "excellent", "basic"] as const)
      out.push({ raterId: rater, rateeId: ratee, grade })
    }
  }
  return out
}

const selfTexts = [
  "对照党员标准和入党誓词，本年度按时参加组织生活，按时交纳党费，完成支部分配的任务；不足是理论学习还不够深入。",
  "能够发挥先锋模范作用，在岗位上带头攻坚；联系群众还不够经常，今后改进。",
  "坚定理想信念，遵守党的纪律；参加志愿服务次数偏少，下一年度加强。",
]

const confirmedCycle = async (tx: XfDb, district: DemoContext, branch: DemoOrg, i: number) => {
  const { asOf } = district
  const roll = await appraisalRollOf(tx, scopeOf(branch), branch.id)
  if (roll.length < 3) return { ratings: 0, cases: 0 }
  const opened = asOf.subtract({ days: 40 + i })
  const cycle = await openCycle(tx, scopeOf(branch), {
    orgId: branch.id,
    year: asOf.year,
    openedOn: opened,
    recordedBy: null,
    participants: roll.map((m) => ({ memberId: m.id, stage: m.stage })),
  })
  const rng = mulberry32(hashSeed(district.seed, "appraisal-self", branch.id))
  const selfAssessments = roll.map((m) => ({
    memberId: m.id,
    grade: (int(rng, 0, 5) === 0 ? "excellent" : "qualified") as Grade,
    text: pick(rng, selfTexts),
  }))
  for (const s of selfAssessments)
    await updateParticipant(tx, cycle.id, s.memberId, {
      selfGrade: s.grade,
      selfText: s.text,
      selfAt: at(opened.add({ days: 2 })),
    })
  const weak = i % 4 === 0 ? roll.filter((m) => m.stage === "full").at(-1)?.id : undefined
  const ratings = ballots(
    hashSeed(district.seed, "appraisal-ratings", branch.id),
    roll.map((m) => m.id),
    weak,
  )
  await savePeerRatings(
    tx,
    ratings.map((r) => ({ ...r, cycleId: cycle.id, ratedAt: at(opened.add({ days: 5 })) })),
  )
  const suggestion = suggestGrades(
    { participants: roll.map((m) => ({ id: m.id, stage: m.stage })), selfAssessments, ratings },
    nationalPolicy,
  )
  // Where too few rated a member for a suggestion, the branch grades from the ratings and daily conduct
  // itself, under the same cap.
  const raw = new Map(
    roll.map((m) => [
      m.id,
      scoreOf(
        selfAssessments.find((s) => s.memberId === m.id),
        ratings.filter((r) => r.rateeId === m.id),
        nationalPolicy,
      ),
    ]),
  )
  const byScore = (id: string): Grade => {
    const score = raw.get(id)
    return score === null || score === undefined ? "qualified" : gradeOfScore(score, nationalPolicy)
  }
  const excellent = new Set(
    applyCap(
      suggestion.outcomes
        .filter((o) => o.graded && byScore(o.memberId) === "excellent")
        .map((o) => ({ id: o.memberId, score: raw.get(o.memberId) ?? 0, tieBreak: 0 })),
      suggestion.excellentCap,
    ).kept,
  )
  let cases = 0
  for (const o of suggestion.outcomes) {
    if (!o.graded) continue
    const own = byScore(o.memberId)
    const grade =
      o.suggested ?? (own === "excellent" ? (excellent.has(o.memberId) ? "excellent" : "qualified") : own)
    await updateParticipant(tx, cycle.id, o.memberId, { proposedGrade: grade, confirmedGrade: grade })
    if (grade === "unqualified") {
      const openedOn = asOf.subtract({ days: 20 })
      const caseId = await openCase(tx, {
        memberId: o.memberId,
        cycleId: cycle.id,
        openedOn,
        recordedBy: null,
      })
      const stepped = takeStep(
        { memberId: o.memberId, openedOn, steps: [] },
        {
          step: "criticism",
          decidedOn: openedOn.add({ days: 3 }),
          meetingId: `${branch.name}支委会（${openedOn.add({ days: 3 })}）`,
        },
        nationalPolicy,
      )
      if (Result.isSuccess(stepped))
        await saveCase(tx, caseId, {
          steps: stepped.success.steps.map((s) => ({
            ...s,
            decidedOn: s.decidedOn.toString(),
            dueBy: s.dueBy.toString(),
          })),
          closedOn: null,
          outcome: null,
        })
      cases++
    }
  }
  await advanceCycle(tx, cycle.id, "proposed", asOf.subtract({ days: 25 }))
  await advanceCycle(tx, cycle.id, "confirmed", asOf.subtract({ days: 15 }))
  return { ratings: ratings.length, cases }
}

/**
 * 评议考核 in the demo district, relative to the day it is loaded (`asOf`), once every member is written:
 * - `secretary1`'s branch has this year's cycle in progress: about half its members have assessed themselves and
 *   rated the others; `member1` (password DEMO_PASSWORD) and `member2` (activation code DEMO_ACTIVATION_CODE)
 *   have accounts and have not rated yet;
 * - `secretary2`'s branch and ten more have this year's cycle confirmed, grades as the ratings suggest (the cap
 *   applied), and every fourth one a member graded unqualified with an open case (criticism and education taken);
 * - the committees c01–c06 have last year's secretaries' debriefing appraisal entered.
 */
export const appraisalContributor: DemoContributor = {
  area: "appraisal",
  finish: async (tx, district, write) => {
    const { asOf } = district
    const branchOf = (username: string) =>
      district.orgById.get(district.users.find((u) => u.username === username)?.orgId ?? "")
    const open = branchOf("secretary1")
    const done = branchOf("secretary2")
    let ratings = 0
    let cases = 0
    let cycles = 0
    if (open !== undefined) {
      const roll = await appraisalRollOf(tx, scopeOf(open), open.id)
      const opened = asOf.subtract({ days: 5 })
      const cycle = await openCycle(tx, scopeOf(open), {
        orgId: open.id,
        year: asOf.year,
        openedOn: opened,
        recordedBy: null,
        participants: roll.map((m) => ({ memberId: m.id, stage: m.stage })),
      })
      cycles++
      const [m1, m2, ...others] = roll
      if (m1 !== undefined && m2 !== undefined) {
        const expiresAt = at(asOf.add({ days: 30 }))
        await issueActivations(
          tx,
          scopeOf(open),
          [
            {
              memberId: m1.id,
              username: DEMO_MEMBER_LOGIN,
              codeHash: activationCodeHash("DEMO-MEMBER-ONE"),
              expiresAt,
              recordedBy: null,
            },
            {
              memberId: m2.id,
              username: DEMO_MEMBER_PENDING,
              codeHash: activationCodeHash(DEMO_ACTIVATION_CODE),
              expiresAt,
              recordedBy: null,
            },
          ],
          at(opened),
        )
        await spendActivation(tx, activationCodeHash("DEMO-MEMBER-ONE"), write.passwordHash, at(opened))
      }
      const rng = mulberry32(hashSeed(district.seed, "appraisal-open", open.id))
      for (const m of others.filter(() => rng() < 0.5))
        await updateParticipant(tx, cycle.id, m.id, {
          selfGrade: "qualified",
          selfText: pick(rng, selfTexts),
          selfAt: at(opened.add({ days: 1 })),
        })
      const partial = ballots(
        hashSeed(district.seed, "appraisal-open-ratings", open.id),
        others.map((m) => m.id),
        undefined,
        0.5,
      )
      await savePeerRatings(
        tx,
        partial.map((r) => ({ ...r, cycleId: cycle.id, ratedAt: at(opened.add({ days: 2 })) })),
      )
      ratings += partial.length
    }
    const closed = [
      ...(done === undefined ? [] : [done]),
      ...district.orgs
        .filter((o) => o.kind === "branch" && !o.temporary && o.id !== open?.id && o.id !== done?.id)
        .slice(0, 10),
    ]
    for (const [i, branch] of closed.entries()) {
      const r = await confirmedCycle(tx, district, branch, i)
      ratings += r.ratings
      cases += r.cases
      cycles++
    }
    const rng = mulberry32(hashSeed(district.seed, "appraisal-secretaries"))
    const committees = district.orgs.filter((o) => o.parentId === "d1").slice(0, 6)
    for (const c of committees) {
      const pct = () => int(rng, 70, 100)
      await saveSecretaryReview(
        tx,
        { orgId: "d1", orgPath: "d1" },
        {
          orgId: c.id,
          year: asOf.year - 1,
          secretaryName: `${c.shortName ?? c.name}书记`,
          reportSubmitted: true,
          comments: ["抓党建责任落实较好，党员教育管理还需加强。"],
          votes: {
            good: int(rng, 10, 30),
            fair: int(rng, 5, 15),
            average: int(rng, 0, 5),
            poor: int(rng, 0, 1),
          },
          indicators: {
            meetings: pct(),
            ordersOnTime: pct(),
            development: pct(),
            studyHours: pct(),
            visits: pct(),
          },
          recordedBy: null,
        },
      )
    }
    return {
      appraisalCycles: cycles,
      appraisalRatings: ratings,
      appraisalCases: cases,
      secretaryReviews: committees.length,
    }
  },
}
