import { type Verdict, verdict } from "@xianfeng/core"
import { drIn, type Edition, local } from "../citations.js"
import type { History } from "../history.js"
import { lastOf, recordsOf } from "../internal/records.js"
import { introducerStanding } from "../introducers.js"
import { labelList, politicalReviewItemLabels, sanctionLabels } from "../labels.js"
import type { DevelopmentPolicy } from "../policy.js"
import { type DevelopmentRule, defineRule } from "../rule.js"
import { PoliticalReviewItem } from "../steps.js"

/** Review items by edition (DR 16): 2026 adds conduct in urgent tasks and online behaviour. */
export const politicalReviewItems: Readonly<Record<Edition, readonly PoliticalReviewItem[]>> = {
  "2014": ["attitude-to-line", "political-history", "law-and-ethics", "family-and-relations"],
  // The 2026 edition reviews every item the evidence schema knows.
  "2026": PoliticalReviewItem.literals,
}

/** Days and hours of centralized training on file, all sessions added up. */
export const trainingTotals = (history: History): { days: number; hours: number } =>
  recordsOf(history, "training").reduce(
    (a, r) => ({ days: a.days + r.evidence.days, hours: a.hours + r.evidence.hours }),
    { days: 0, hours: 0 },
  )

export const trainingComplete = (history: History, policy: DevelopmentPolicy): boolean => {
  const t = trainingTotals(history)
  return t.days >= policy.trainingMinDays || t.hours >= policy.trainingMinHours
}

export const developmentObjectRules = (edition: Edition): DevelopmentRule[] => [
  defineRule({
    id: "DEV-INTRODUCERS",
    title: { "zh-CN": "两名正式党员作入党介绍人", en: "Two full members as introducers" },
    description: {
      "zh-CN":
        "发展对象应当有两名正式党员作入党介绍人；受留党察看处分尚未恢复党员权利的不能作，处分影响期内的不宜作",
      en: "Exactly two full members; not under 留党察看 unrestored (cannot); not within a sanction's effect period (should not)",
    },
    citations: edition === "2026" ? [drIn(edition, 14)] : [drIn(edition, 14), local()],
    steps: ["introducers"],
    codes: ["count", "not-full-member", "party-probation", "sanction-period"],
    recordsOnly: true,
    check: (ctx, policy) => {
      if (ctx.record?.step !== "introducers") return []
      const cites = [drIn(edition, 14)]
      // 不宜 (should not) for members within a sanction's effect period is 2026 Art. 14 ¶2; the reference does
      // not confirm that the 2014 text says it, so under 2014 it is applied as district policy.
      const sanctionCites = edition === "2026" ? cites : [local(), drIn(edition, 14)]
      const { introducers } = ctx.record.evidence
      const out: Verdict[] = []
      if (introducers.length !== 2)
        out.push(verdict("blocked", "DEV-INTRODUCERS.count", cites, { count: introducers.length }))
      for (const m of introducers) {
        const st = introducerStanding(m, ctx.on, policy.periodEnd)
        if (st.kind === "cannot")
          out.push(verdict("blocked", `DEV-INTRODUCERS.${st.reason}`, cites, { name: m.name }))
        else if (st.kind === "should-not")
          out.push(
            verdict(policy.discouragedIntroducer, "DEV-INTRODUCERS.sanction-period", sanctionCites, {
              name: m.name,
              sanction: sanctionLabels[st.sanction].en,
              sanctionZh: sanctionLabels[st.sanction]["zh-CN"],
              until: st.until,
            }),
          )
      }
      return out
    },
  }),
  defineRule({
    id: "DEV-POLITICAL-REVIEW",
    title: { "zh-CN": "政治审查形成结论性材料", en: "Political review with a written conclusion" },
    description: {
      "zh-CN": "对发展对象进行政治审查并形成结论性材料；未经政治审查或政治审查不合格的，不能发展入党",
      en: "A written conclusion covering the edition's items; no review or a failed one bars admission",
    },
    citations: [drIn(edition, 16)],
    steps: ["political-review", "committee-review", "admission-meeting"],
    codes: ["no-conclusion", "incomplete", "failed", "no-joint-review"],
    check: (ctx) => {
      const cites = [drIn(edition, 16)]
      if (ctx.record?.step === "political-review") {
        const e = ctx.record.evidence
        const out: Verdict[] = []
        if (e.conclusion.trim() === "")
          out.push(verdict("blocked", "DEV-POLITICAL-REVIEW.no-conclusion", cites))
        const missing = politicalReviewItems[edition].filter((i) => !e.items.includes(i))
        if (missing.length > 0)
          out.push(
            verdict("blocked", "DEV-POLITICAL-REVIEW.incomplete", cites, {
              missing: labelList(missing, politicalReviewItemLabels).en,
              missingZh: labelList(missing, politicalReviewItemLabels).zh,
            }),
          )
        if (!e.passed) out.push(verdict("warning", "DEV-POLITICAL-REVIEW.failed", cites))
        if (edition === "2026" && e.jointReview !== true)
          out.push(verdict("warning", "DEV-POLITICAL-REVIEW.no-joint-review", cites))
        return out
      }
      if (ctx.step === "political-review") return []
      const last = lastOf(ctx.history, "political-review")
      return last !== undefined && !last.evidence.passed
        ? [verdict("blocked", "DEV-POLITICAL-REVIEW.failed", cites)]
        : []
    },
  }),
  defineRule({
    id: "DEV-TRAINING",
    title: { "zh-CN": "集中培训不少于3天或24学时", en: "Centralized training of ≥3 days or ≥24 hours" },
    description: {
      "zh-CN": "发展对象须经过不少于3天（或不少于24学时）的集中培训；未经培训的一般不能发展入党",
      en: "At least 3 days or 24 class hours (district may require more); untrained objects are not admitted",
    },
    citations: [drIn(edition, 17)],
    steps: ["training", "committee-review"],
    codes: ["too-short", "short-so-far"],
    check: (ctx, policy) => {
      const records = recordsOf(ctx.history, "training").map((r) => r.evidence)
      if (ctx.record?.step === "training") records.push(ctx.record.evidence)
      if (records.length === 0) return []
      const days = records.reduce((a, e) => a + e.days, 0)
      const hours = records.reduce((a, e) => a + e.hours, 0)
      if (days >= policy.trainingMinDays || hours >= policy.trainingMinHours) return []
      const params = { days, hours, minDays: policy.trainingMinDays, minHours: policy.trainingMinHours }
      return ctx.record?.step === "training"
        ? [verdict("warning", "DEV-TRAINING.short-so-far", [drIn(edition, 17)], params)]
        : [verdict("blocked", "DEV-TRAINING.too-short", [drIn(edition, 17)], params)]
    },
  }),
]
