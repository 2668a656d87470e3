import { definePolicy, type PolicyValues, policyKey } from "@xianfeng/core"
import { Schema } from "effect"
import { br, em, local, mzpy, pc, sz } from "./citations.js"

const Int = (min: number, max: number) => Schema.Int.check(Schema.isBetween({ minimum: min, maximum: max }))
const Share = Schema.Struct({ numerator: Int(0, 100), denominator: Int(1, 100) })
const addsTo100 = (w: Readonly<Record<string, number>>) => {
  const sum = Object.values(w).reduce((a, b) => a + b, 0)
  return sum === 100 || `the weights must add up to 100 (权重合计应为100), not ${sum}`
}
/** Percent weights that must add up to 100. */
const SelfPeer = Schema.Struct({ self: Int(0, 100), peer: Int(0, 100) }).check(Schema.makeFilter(addsTo100))
const RatingIndicators = Schema.Struct({ rating: Int(0, 100), indicators: Int(0, 100) }).check(
  Schema.makeFilter(addsTo100),
)
const Rounding = Schema.Literals(["floor", "round", "ceil"])

/** Points of a grade (or a tier) on the 0–100 scale the thresholds use. */
const GradePoints = Schema.Struct({
  excellent: Int(0, 100),
  qualified: Int(0, 100),
  basic: Int(0, 100),
  unqualified: Int(0, 100),
})
const TierPoints = Schema.Struct({
  good: Int(0, 100),
  fair: Int(0, 100),
  average: Int(0, 100),
  poor: Int(0, 100),
})

/**
 * What a district may set in 评议考核 (Appraisal): every fact the reference marks as local practice [P] or unsure
 * [?] is a key here with its default, never a constant in a rule. Points, weights and thresholds are whole
 * numbers on a 0–100 scale; weights are percentages that add up to 100 (checked by `checkPolicy`).
 */
export const appraisalPolicy = definePolicy("appraisal", {
  excellentCap: policyKey({
    schema: Share,
    default: { numerator: 1, denominator: 3 },
    description: {
      "zh-CN": "评为“优秀”的党员一般不超过参加评定人数的比例（默认三分之一）",
      en: "The share of graded members who may be 'excellent' (generally one third)",
    },
    confidence: "S",
    citations: [mzpy()],
  }),
  excellentCapRounding: policyKey({
    schema: Rounding,
    default: "floor" as "floor" | "round" | "ceil",
    description: {
      "zh-CN": "优秀名额不是整数时的取整方式：向下取整（10人最多3名）、四舍五入或向上取整",
      en: "How a fractional cap is rounded: down (of 10, at most 3), to nearest, or up",
    },
    confidence: "P",
    citations: [local()],
  }),
  gradeProbationary: policyKey({
    schema: Schema.Boolean,
    default: false,
    description: {
      "zh-CN": "预备党员是否评定等次（多数做法：参加评议，不评定等次）",
      en: "Whether probationary members are graded (most practice: they take part but are not graded)",
    },
    confidence: "P",
    citations: [local()],
  }),
  gradePoints: policyKey({
    schema: GradePoints,
    default: { excellent: 100, qualified: 80, basic: 60, unqualified: 0 },
    description: {
      "zh-CN": "民主测评票中各等次折合的分数（百分制）",
      en: "Points a rating of each grade counts for (0–100)",
    },
    confidence: "P",
    citations: [local()],
  }),
  weights: policyKey({
    schema: SelfPeer,
    default: { self: 10, peer: 90 },
    description: {
      "zh-CN": "个人自评与党员互评（民主测评）在综合得分中的权重（%，合计100）",
      en: "Weights of the self-assessment and the peer rating in the score (%, adding up to 100)",
    },
    confidence: "P",
    citations: [br(18), local()],
  }),
  thresholds: policyKey({
    schema: Schema.Struct({ excellent: Int(0, 100), qualified: Int(0, 100), basic: Int(0, 100) }),
    default: { excellent: 90, qualified: 70, basic: 55 },
    description: {
      "zh-CN": "建议等次的最低综合得分：优秀、合格、基本合格（低于基本合格线为不合格）",
      en: "Lowest score for the suggested grade: excellent, qualified, basically qualified (below: unqualified)",
    },
    confidence: "P",
    citations: [local()],
  }),
  minPeerGroup: policyKey({
    schema: Int(2, 50),
    default: 5,
    description: {
      "zh-CN": "向党员本人显示互评汇总结果所需的最少评议人数；不足时不显示",
      en: "Fewest raters for a member to be shown the aggregate of their peer ratings; fewer, and nothing is shown",
    },
    confidence: "P",
    citations: [local()],
  }),
  correctionMaxMonths: policyKey({
    schema: Int(1, 12),
    default: 12,
    description: {
      "zh-CN": "限期改正的最长期限（月），条例规定不超过一年",
      en: "Longest time-limited correction in months (the regulations: at most one year)",
    },
    confidence: "V",
    citations: [em(30), pc(9)],
  }),
  stepDueDays: policyKey({
    schema: Schema.Struct({ criticism: Int(1, 365), reminder: Int(1, 365), persuasion: Int(1, 365) }),
    default: { criticism: 30, reminder: 30, persuasion: 60 },
    description: {
      "zh-CN": "不合格党员处置各步骤的办理期限（天）：批评教育、提醒谈话、劝退",
      en: "Days to carry out each step for an unqualified member: criticism, reminder talk, persuasion to quit",
    },
    confidence: "P",
    citations: [local()],
  }),
  secretaryWeights: policyKey({
    schema: RatingIndicators,
    default: { rating: 40, indicators: 60 },
    description: {
      "zh-CN": "书记述职评议考核中民主测评与党员教育管理指标的权重（%，合计100）",
      en: "Weights of the democratic rating and the member-education indicators in a secretary's score (%)",
    },
    confidence: "?",
    citations: [sz(3), local()],
  }),
  tierPoints: policyKey({
    schema: TierPoints,
    default: { good: 100, fair: 85, average: 65, poor: 0 },
    description: {
      "zh-CN": "述职测评票中“好、较好、一般、差”折合的分数",
      en: "Points a secretary's rating of good, fairly good, average, poor counts for",
    },
    confidence: "?",
    citations: [local()],
  }),
  tierThresholds: policyKey({
    schema: Schema.Struct({ good: Int(0, 100), fair: Int(0, 100), average: Int(0, 100) }),
    default: { good: 90, fair: 80, average: 60 },
    description: {
      "zh-CN": "书记考核等次“好、较好、一般”的最低综合得分（低于“一般”线为“差”）",
      en: "Lowest score for 'good', 'fairly good', 'average' (below: 'poor')",
    },
    confidence: "?",
    citations: [local()],
  }),
  goodCap: policyKey({
    schema: Share,
    default: { numerator: 1, denominator: 3 },
    description: {
      "zh-CN": "同一批次书记中评为“好”的比例上限（来源未查到，本区规定）",
      en: "Share of the secretaries in one round who may be rated 'good' (no source found; the district sets it)",
    },
    confidence: "?",
    citations: [local()],
  }),
  indicatorTargets: policyKey({
    schema: Schema.Struct({
      meetings: Int(0, 100),
      ordersOnTime: Int(0, 100),
      development: Int(0, 100),
      studyHours: Int(0, 100),
      visits: Int(0, 100),
    }),
    default: { meetings: 100, ordersOnTime: 90, development: 90, studyHours: 100, visits: 100 },
    description: {
      "zh-CN": "党员教育管理各项指标的达标线（%）；未达标的列入下一年度整改清单",
      en: "Target of each member-education indicator (%); one below it goes on next year's rectification list",
    },
    confidence: "P",
    citations: [em(43), local()],
  }),
})

/** The policy in force: the national defaults with a district's overlay applied (`applyOverlay`). */
export type AppraisalPolicy = PolicyValues<typeof appraisalPolicy.keys>

/** The national defaults. */
export const nationalPolicy: AppraisalPolicy = appraisalPolicy.defaults
