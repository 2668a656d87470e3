import { type FieldError, fieldError, type Verdict, verdict } from "@xianfeng/core"
import { Result } from "effect"
import { applyCap, capOf } from "./cap.js"
import { br, em, local, mzpy } from "./citations.js"
import { type Grade, grades, isGrade } from "./grades.js"
import type { AppraisalPolicy } from "./policy.js"

// 民主评议党员 (democratic appraisal of members), once a year per branch (BR 18; EM 18): 个人自评 self-assessment
// → 党员互评 peer assessment → 民主测评 democratic rating → the branch committee or general meeting proposes each
// member's grade → the higher committee confirms it. Here the peer step and the rating are one ballot: each
// participant rates every other participant with one of the four grades.

/** Who takes part: every member of the branch; probationary members are graded only if the policy says so. */
export interface Participant {
  readonly id: string
  readonly stage: "probationary" | "full"
  /** Members this participant stands aside from rating (回避 recusal: a relative, a party to a dispute). */
  readonly recusals?: readonly string[]
}

export interface SelfAssessment {
  readonly memberId: string
  /** The grade the member gives themself against the standard of a qualified member and the oath. */
  readonly grade: Grade
  readonly text: string
}

export interface PeerRating {
  readonly raterId: string
  readonly rateeId: string
  readonly grade: Grade
}

const graded = (p: Participant, policy: AppraisalPolicy) => p.stage === "full" || policy.gradeProbationary

/** Whether `a` recuses from rating `b` or `b` from being rated by `a` (either side's declaration counts). */
const recused = (participants: readonly Participant[], a: string, b: string) =>
  participants.some((p) => (p.id === a && p.recusals?.includes(b)) || (p.id === b && p.recusals?.includes(a)))

/**
 * Checks one peer rating before it is stored. Refuses, naming the field: a rater or ratee outside the branch's
 * cycle (`raterId`/`rateeId`, `not-in-branch`), rating oneself (`rateeId`, `self-rating`), a recused pair
 * (`rateeId`, `recused`), a second rating of the same member by the same rater (`rateeId`, `duplicate`), a grade
 * off the scale (`grade`, `scale`).
 */
export const checkPeerRating = (
  rating: { readonly raterId: string; readonly rateeId: string; readonly grade: unknown },
  participants: readonly Participant[],
  existing: readonly PeerRating[],
): Result.Result<PeerRating, FieldError> => {
  const ids = new Set(participants.map((p) => p.id))
  if (!ids.has(rating.raterId))
    return Result.fail(
      fieldError(
        "raterId",
        "not-in-branch",
        "the rater does not take part in this cycle",
        "评议人不在本支部本次评议中",
      ),
    )
  if (!ids.has(rating.rateeId))
    return Result.fail(
      fieldError(
        "rateeId",
        "not-in-branch",
        "the member rated is not in this branch's cycle",
        "被评议人不在本支部本次评议中",
      ),
    )
  if (rating.raterId === rating.rateeId)
    return Result.fail(
      fieldError(
        "rateeId",
        "self-rating",
        "no one rates themself in the peer step",
        "党员互评中不能评议自己",
      ),
    )
  if (recused(participants, rating.raterId, rating.rateeId))
    return Result.fail(
      fieldError("rateeId", "recused", "the rater stands aside from this member", "评议人对该党员回避"),
    )
  if (existing.some((r) => r.raterId === rating.raterId && r.rateeId === rating.rateeId))
    return Result.fail(
      fieldError(
        "rateeId",
        "duplicate",
        "this member has already been rated by this rater",
        "已评议过该党员，不能重复评议",
      ),
    )
  if (!isGrade(rating.grade))
    return Result.fail(
      fieldError(
        "grade",
        "scale",
        `a rating must be one of: ${grades.join(", ")}`,
        "评议等次应为优秀、合格、基本合格、不合格之一",
      ),
    )
  return Result.succeed({ raterId: rating.raterId, rateeId: rating.rateeId, grade: rating.grade })
}

/** A score on the 0–100 scale in tenths (`875` is 87.5), so sums stay whole numbers. */
export type ScoreTenths = number

/** `num / den` rounded half up to a whole number, for non-negative whole numbers. */
const roundDiv = (num: number, den: number) => Math.floor((2 * num + den) / (2 * den))

/**
 * How many peer ratings of each grade one member received: all the rules use of the ratings (a score is a mean of
 * points, the cap's tie-break counts "excellent"), so a cycle's suggestion can be made from these counts alone.
 */
export type ReceivedCounts = Readonly<Record<Grade, number>>

/** The ratings counted by ratee and grade (`ReceivedCounts` keyed by the ratee's id); ratees without any are absent. */
export const receivedCountsOf = (ratings: readonly PeerRating[]): Map<string, ReceivedCounts> => {
  const out = new Map<string, Record<Grade, number>>()
  for (const r of ratings) {
    let counts = out.get(r.rateeId)
    if (counts === undefined) {
      counts = { excellent: 0, qualified: 0, basic: 0, unqualified: 0 }
      out.set(r.rateeId, counts)
    }
    counts[r.grade]++
  }
  return out
}

const noneReceived: ReceivedCounts = { excellent: 0, qualified: 0, basic: 0, unqualified: 0 }

/** How many rated a member, from their `ReceivedCounts`. */
const ratersOf = (counts: ReceivedCounts) => grades.reduce((n, g) => n + counts[g], 0)

/**
 * A member's score in tenths from the counts of the grades they received (`ReceivedCounts`): `self% ×
 * points(self grade) + peer% × mean points(peer ratings)`, weights from the policy; without a self-assessment the
 * peer mean alone. `null` without any peer rating. The same number as `scoreOf` of the ratings counted.
 */
export const scoreOfCounts = (
  self: SelfAssessment | undefined,
  counts: ReceivedCounts,
  policy: AppraisalPolicy,
): ScoreTenths | null => {
  const n = ratersOf(counts)
  if (n === 0) return null
  const sum = grades.reduce((s, g) => s + counts[g] * policy.gradePoints[g], 0)
  if (self === undefined) return roundDiv(sum * 10, n)
  const { self: ws, peer: wp } = policy.weights
  return roundDiv((ws * policy.gradePoints[self.grade] * n + wp * sum) * 10, 100 * n)
}

/**
 * A member's score in tenths: `self% × points(self grade) + peer% × mean points(peer ratings)`, weights from the
 * policy; without a self-assessment the peer mean alone. `null` without any peer rating. Computed from sums, so
 * the order of the ratings cannot change it.
 */
export const scoreOf = (
  self: SelfAssessment | undefined,
  ratings: readonly PeerRating[],
  policy: AppraisalPolicy,
): ScoreTenths | null => {
  const n = ratings.length
  if (n === 0) return null
  const sum = ratings.reduce((s, r) => s + policy.gradePoints[r.grade], 0)
  if (self === undefined) return roundDiv(sum * 10, n)
  const { self: ws, peer: wp } = policy.weights
  return roundDiv((ws * policy.gradePoints[self.grade] * n + wp * sum) * 10, 100 * n)
}

/** The grade the thresholds give a score (in tenths). */
export const gradeOfScore = (score: ScoreTenths, policy: AppraisalPolicy): Grade => {
  const t = policy.thresholds
  if (score >= t.excellent * 10) return "excellent"
  if (score >= t.qualified * 10) return "qualified"
  if (score >= t.basic * 10) return "basic"
  return "unqualified"
}

/** How a member's suggested grade was reached; every verdict carries its articles. */
export interface MemberOutcome {
  readonly memberId: string
  readonly graded: boolean
  readonly score: ScoreTenths | null
  readonly raters: number
  /** The grade the scores suggest after the cap; `null` for a member not graded or not yet rated. */
  readonly suggested: Grade | null
  readonly verdicts: readonly Verdict[]
}

export interface CycleInput {
  readonly participants: readonly Participant[]
  readonly selfAssessments: readonly SelfAssessment[]
  readonly ratings: readonly PeerRating[]
}

/** A cycle as `suggestGradesFromCounts` takes it: the ratings counted per ratee instead of listed. */
export interface CountedCycleInput {
  readonly participants: readonly Participant[]
  readonly selfAssessments: readonly SelfAssessment[]
  /** What each participant received, by id (`receivedCountsOf`); a participant absent received none. */
  readonly received: ReadonlyMap<string, ReceivedCounts>
}

export interface Suggestion {
  readonly outcomes: readonly MemberOutcome[]
  readonly gradedCount: number
  /** How many may be excellent: `capOf(gradedCount, excellentCap, rounding)`. */
  readonly excellentCap: number
}

/** How many of the cycle's participants are graded, and the cap on "excellent" for them. */
export const excellentCapOf = (participants: readonly Participant[], policy: AppraisalPolicy) => {
  const gradedCount = participants.filter((p) => graded(p, policy)).length
  return { gradedCount, excellentCap: capOf(gradedCount, policy.excellentCap, policy.excellentCapRounding) }
}

const fmt = (t: ScoreTenths) => (t / 10).toFixed(1)

/**
 * The grades the ratings suggest, before the branch proposes. Each graded member's score meets the thresholds;
 * those over the excellent line are ranked by score, then by the number of "excellent" ratings; at most the cap
 * keep "excellent" (a tie across the cap keeps none of the tied group), the others are suggested "qualified".
 * A member rated by fewer than `minPeerGroup` gets neither a score nor a suggestion (the branch decides).
 * Probationary members are not graded unless the policy says so. The result does not depend on the order of
 * participants or ratings.
 */
export const suggestGrades = (input: CycleInput, policy: AppraisalPolicy): Suggestion =>
  suggestGradesFromCounts(
    {
      participants: input.participants,
      selfAssessments: input.selfAssessments,
      received: receivedCountsOf(input.ratings),
    },
    policy,
  )

/**
 * `suggestGrades` from the ratings counted per ratee and grade (`CountedCycleInput`): the same suggestion, for a
 * reader that asks the database for the counts instead of every rating (a district's cycle list).
 */
export const suggestGradesFromCounts = (input: CountedCycleInput, policy: AppraisalPolicy): Suggestion => {
  const { gradedCount, excellentCap } = excellentCapOf(input.participants, policy)
  // The first self-assessment of a member counts, as a search of the list would find it.
  const selfOf = new Map<string, SelfAssessment>()
  for (const s of input.selfAssessments) if (!selfOf.has(s.memberId)) selfOf.set(s.memberId, s)
  const scored = input.participants.map((p) => {
    const counts = input.received.get(p.id) ?? noneReceived
    return {
      p,
      raters: ratersOf(counts),
      score: scoreOfCounts(selfOf.get(p.id), counts, policy),
      excellentVotes: counts.excellent,
    }
  })
  const candidates = scored.filter(
    (s) =>
      graded(s.p, policy) &&
      s.score !== null &&
      s.raters >= policy.minPeerGroup &&
      gradeOfScore(s.score, policy) === "excellent",
  )
  const cap = applyCap(
    candidates.map((c) => ({ id: c.p.id, score: c.score ?? 0, tieBreak: c.excellentVotes })),
    excellentCap,
  )
  const outcomes = scored.map(({ p, raters, score }): MemberOutcome => {
    const base = { memberId: p.id, score, raters }
    if (!graded(p, policy))
      return {
        ...base,
        graded: false,
        suggested: null,
        verdicts: [verdict("ok", "APPR-GRADE.not-graded", [local()])],
      }
    if (score === null)
      return {
        ...base,
        graded: true,
        suggested: null,
        verdicts: [verdict("blocked", "APPR-GRADE.no-ratings", [br(18), em(18)])],
      }
    // Too few ratings to speak for the branch, and too few to show without giving a rating away: no score is
    // shown and no grade suggested; the branch grades from daily conduct.
    if (raters < policy.minPeerGroup)
      return {
        ...base,
        score: null,
        graded: true,
        suggested: null,
        verdicts: [
          verdict("warning", "APPR-GRADE.too-few-raters", [br(18), local()], {
            raters,
            minimum: policy.minPeerGroup,
          }),
        ],
      }
    const byScore = gradeOfScore(score, policy)
    const params = { score: fmt(score), raters, cap: excellentCap, graded: gradedCount }
    if (byScore === "excellent" && cap.tied.includes(p.id))
      return {
        ...base,
        graded: true,
        suggested: "qualified",
        verdicts: [verdict("warning", "APPR-CAP.tie", [mzpy(), local()], params)],
      }
    if (byScore === "excellent" && cap.over.includes(p.id))
      return {
        ...base,
        graded: true,
        suggested: "qualified",
        verdicts: [verdict("warning", "APPR-CAP.over", [mzpy()], params)],
      }
    const line = byScore === "unqualified" ? policy.thresholds.basic : policy.thresholds[byScore]
    return {
      ...base,
      graded: true,
      suggested: byScore,
      verdicts: [
        verdict(
          byScore === "unqualified" ? "warning" : "ok",
          `APPR-GRADE.${byScore}`,
          [br(18), em(18), local()],
          {
            ...params,
            line,
          },
        ),
      ],
    }
  })
  return { outcomes, gradedCount, excellentCap }
}

/** One grade the branch proposes (or the committee confirms), with the reason when it departs from the suggestion. */
export interface ProposedGrade {
  readonly memberId: string
  readonly grade: Grade
  readonly reason?: string
}

/**
 * Checks the grades a branch proposes or its higher committee confirms. Refuses, naming the field: a member
 * outside the cycle (`grades[i].memberId`), a grade for a member not graded (`grades[i].grade`, `not-graded`),
 * a member graded twice (`grades[i].memberId`, `duplicate`), a graded member left out (`grades`, `missing`), a
 * departure from the suggested grade without a reason (`grades[i].reason`, `reason-required`: the branch weighs
 * daily conduct, BR 18, and says so), and more "excellent" than the cap (`grades`, `over-cap`, MZPY).
 */
export const checkGrades = (
  proposed: readonly ProposedGrade[],
  suggestion: Suggestion,
): Result.Result<readonly ProposedGrade[], FieldError> => {
  const seen = new Set<string>()
  for (const [i, g] of proposed.entries()) {
    const o = suggestion.outcomes.find((x) => x.memberId === g.memberId)
    if (o === undefined)
      return Result.fail(
        fieldError(
          `grades[${i}].memberId`,
          "not-in-branch",
          "this member is not in the cycle",
          "该党员不在本次评议中",
        ),
      )
    if (seen.has(g.memberId))
      return Result.fail(
        fieldError(
          `grades[${i}].memberId`,
          "duplicate",
          "a member is graded once",
          "同一党员只能评定一个等次",
        ),
      )
    seen.add(g.memberId)
    if (!o.graded)
      return Result.fail(
        fieldError(
          `grades[${i}].grade`,
          "not-graded",
          "probationary members take part but are not graded",
          "预备党员参加评议，不评定等次",
        ),
      )
    if (o.suggested !== null && o.suggested !== g.grade && (g.reason ?? "").trim() === "")
      return Result.fail(
        fieldError(
          `grades[${i}].reason`,
          "reason-required",
          "a grade other than the suggested one needs a reason (daily conduct)",
          "与测评建议等次不同的，须说明理由（结合日常表现）",
        ),
      )
  }
  const missing = suggestion.outcomes.filter((o) => o.graded && !seen.has(o.memberId))
  if (missing.length > 0)
    return Result.fail(
      fieldError(
        "grades",
        "missing",
        `${missing.length} graded members have no grade`,
        `尚有${missing.length}名党员未评定等次`,
      ),
    )
  const excellent = proposed.filter((g) => g.grade === "excellent").length
  if (excellent > suggestion.excellentCap)
    return Result.fail(
      fieldError(
        "grades",
        "over-cap",
        `${excellent} excellent grades, over the cap of ${suggestion.excellentCap} of ${suggestion.gradedCount}`,
        `评为优秀${excellent}名，超过${suggestion.gradedCount}名参评党员的优秀名额${suggestion.excellentCap}名`,
      ),
    )
  return Result.succeed(proposed)
}

/**
 * How a final grade was reached, in order: the suggestion's verdicts, the branch's proposal, the committee's
 * confirmation. Each verdict cites its article.
 */
export const explainGrade = (
  outcome: MemberOutcome,
  proposed: ProposedGrade | undefined,
  confirmed: ProposedGrade | undefined,
): readonly Verdict[] => {
  const out: Verdict[] = [...outcome.verdicts]
  if (proposed !== undefined)
    out.push(
      verdict(
        "ok",
        `APPR-PROPOSED.${outcome.suggested === null || proposed.grade === outcome.suggested ? "same" : "differs"}.${proposed.grade}`,
        [br(18)],
        {
          reason: proposed.reason ?? "",
        },
      ),
    )
  if (confirmed !== undefined)
    out.push(
      verdict(
        "ok",
        `APPR-CONFIRMED.${confirmed.grade === proposed?.grade ? "same" : "changed"}.${confirmed.grade}`,
        [em(18), mzpy()],
        { reason: confirmed.reason ?? "" },
      ),
    )
  return out
}

/**
 * What a member is shown of the peer ratings they received: only aggregates — how many rated them and how many
 * gave each grade — never who rated, and nothing at all while the rating step is open (one could tell a rating
 * from the change) or when fewer than `minPeerGroup` rated them (a small group's counts give individuals away).
 */
export type PeerView =
  | { readonly shown: false; readonly reason: "open" | "too-few"; readonly minimum: number }
  | { readonly shown: true; readonly raters: number; readonly counts: Readonly<Record<Grade, number>> }

export const peerViewOf = (
  memberId: string,
  ratings: readonly PeerRating[],
  ratingClosed: boolean,
  policy: AppraisalPolicy,
): PeerView => {
  const minimum = policy.minPeerGroup
  if (!ratingClosed) return { shown: false, reason: "open", minimum }
  const received = ratings.filter((r) => r.rateeId === memberId)
  if (received.length < minimum) return { shown: false, reason: "too-few", minimum }
  const counts = { excellent: 0, qualified: 0, basic: 0, unqualified: 0 }
  for (const r of received) counts[r.grade]++
  return { shown: true, raters: received.length, counts }
}
