import { type Verdict, verdict } from "@xianfeng/core"
import { applyCap, capOf } from "./cap.js"
import { em, local, sz } from "./citations.js"
import { type Tier, tiers } from "./grades.js"
import type { AppraisalPolicy } from "./policy.js"

// 抓基层党建述职评议考核 (the secretaries' annual debriefing and appraisal, SZ): a written and spoken report
// (述职), on-the-spot comments by higher leaders (一述一评), a democratic rating by those present, and a
// comprehensive grade 好/较好/一般/差. Member education and management is required content (EM 43; DR 37); its
// indicators come from the other areas as plain data. What falls short goes on next year's 整改清单.

/** The member-education indicators, each a percentage 0–100, or `null` when not recorded. */
export const indicatorKeys = ["meetings", "ordersOnTime", "development", "studyHours", "visits"] as const
export type IndicatorKey = (typeof indicatorKeys)[number]
export type Indicators = Readonly<Record<IndicatorKey, number | null>>

export interface SecretaryInput {
  readonly id: string
  readonly reportSubmitted: boolean
  /** 现场点评 on-the-spot comments; kept with the result, not scored. */
  readonly comments: readonly string[]
  /** The democratic rating: how many present rated good, fairly good, average, poor. */
  readonly votes: Readonly<Record<Tier, number>>
  readonly indicators: Indicators
}

export interface RectificationItem {
  readonly indicator: IndicatorKey | "overall"
  /** The value reached (percent), or the score for `overall`. */
  readonly value: number
  readonly target: number
}

export interface SecretaryOutcome {
  readonly id: string
  /** Tenths on the 0–100 scale; `null` when no grade can be given. */
  readonly score: number | null
  readonly tier: Tier | null
  readonly verdicts: readonly Verdict[]
  /** Next year's rectification list: each indicator under its target, and the overall result if average or poor. */
  readonly rectification: readonly RectificationItem[]
}

const roundDiv = (num: number, den: number) => Math.floor((2 * num + den) / (2 * den))
const clampPct = (x: number) => Math.min(100, Math.max(0, Math.round(x)))

const tierOf = (score: number, policy: AppraisalPolicy): Tier => {
  const t = policy.tierThresholds
  if (score >= t.good * 10) return "good"
  if (score >= t.fair * 10) return "fair"
  if (score >= t.average * 10) return "average"
  return "poor"
}

/**
 * Grades one round of secretaries. Score (tenths) = rating% × mean points of the votes + indicators% × mean of
 * the recorded indicators (an indicator not recorded is left out, with a warning; none recorded: the rating
 * alone). No report or no votes: no grade (`blocked`). At most `goodCap` of those graded are 好; ranked by
 * score then by "good" votes, a tie across the cap keeps none of the tied group, the others become 较好.
 * The result does not depend on the order of the inputs.
 */
export const appraiseSecretaries = (
  inputs: readonly SecretaryInput[],
  policy: AppraisalPolicy,
): { readonly outcomes: readonly SecretaryOutcome[]; readonly goodCap: number } => {
  const scored = inputs.map((s) => {
    const verdicts: Verdict[] = []
    const total = tiers.reduce((n, t) => n + s.votes[t], 0)
    const recorded = indicatorKeys.filter((k) => s.indicators[k] !== null)
    for (const k of indicatorKeys)
      if (s.indicators[k] === null) verdicts.push(verdict("warning", `SEC-INDICATOR.missing.${k}`, [em(43)]))
    let score: number | null = null
    if (!s.reportSubmitted) verdicts.push(verdict("blocked", "SEC-REPORT.missing", [sz(3)]))
    else if (total === 0) verdicts.push(verdict("blocked", "SEC-RATING.none", [sz(3)]))
    else {
      const pts = tiers.reduce((n, t) => n + s.votes[t] * policy.tierPoints[t], 0)
      if (recorded.length === 0) score = roundDiv(pts * 10, total)
      else {
        const ind = recorded.reduce((n, k) => n + clampPct(s.indicators[k] ?? 0), 0)
        const w = policy.secretaryWeights
        // Both parts in tenths, weighted in whole numbers: (wr × rating × k + wi × ind × 10 × total) / (100 × k × total)
        score = roundDiv(
          w.rating * pts * 10 * recorded.length + w.indicators * ind * 10 * total,
          100 * recorded.length * total,
        )
      }
    }
    return { s, score, verdicts, goodVotes: s.votes.good }
  })
  const gradedCount = scored.filter((x) => x.score !== null).length
  const goodCap = capOf(gradedCount, policy.goodCap, "floor")
  const cap = applyCap(
    scored
      .filter((x) => x.score !== null && tierOf(x.score, policy) === "good")
      .map((x) => ({ id: x.s.id, score: x.score ?? 0, tieBreak: x.goodVotes })),
    goodCap,
  )
  const outcomes = scored.map(({ s, score, verdicts }): SecretaryOutcome => {
    const rectification: RectificationItem[] = indicatorKeys.flatMap((k) => {
      const v = s.indicators[k]
      const target = policy.indicatorTargets[k]
      return v !== null && clampPct(v) < target ? [{ indicator: k, value: clampPct(v), target }] : []
    })
    if (score === null) return { id: s.id, score, tier: null, verdicts, rectification }
    let tier = tierOf(score, policy)
    const params = { score: (score / 10).toFixed(1), cap: goodCap, graded: gradedCount }
    if (tier === "good" && (cap.tied.includes(s.id) || cap.over.includes(s.id))) {
      tier = "fair"
      verdicts.push(
        verdict("warning", cap.tied.includes(s.id) ? "SEC-CAP.tie" : "SEC-CAP.over", [local()], params),
      )
    } else
      verdicts.push(verdict(tier === "poor" ? "warning" : "ok", `SEC-TIER.${tier}`, [sz(3), local()], params))
    if (tier === "average" || tier === "poor")
      rectification.push({
        indicator: "overall",
        value: Math.floor(score / 10),
        target: policy.tierThresholds.fair,
      })
    return { id: s.id, score, tier, verdicts, rectification }
  })
  return { outcomes, goodCap }
}
