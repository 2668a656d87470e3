import { definePolicy, type PolicyValues, policyKey } from "@xianfeng/core"
import { Schema } from "effect"
import { dr, local, pc } from "./citations.js"
import { OccupationGroup } from "./history.js"
import {
  LocalizedTextSchema,
  type MonthDay,
  MonthDaySchema,
  PeriodSchema,
  PositiveInt,
} from "./internal/schemas.js"
import { isStepId, PreReviewLevel } from "./steps.js"

/** A step id: one of the 25 steps and outcome records, or another district step (`x-…`). */
const StepIdText = Schema.String.check(
  Schema.makeFilter(
    (s: string) => isStepId(s) || /^x-[a-z0-9-]{1,60}$/.test(s) || `"${s}" is not a development step`,
  ),
)

/** A district's own step: placed after one step and (optionally) before another. */
export const ExtraStep = Schema.Struct({
  id: Schema.String.check(Schema.isPattern(/^x-[a-z0-9-]{1,60}$/)),
  name: LocalizedTextSchema,
  after: StepIdText,
  before: Schema.optionalKey(StepIdText),
})
export type ExtraStep = typeof ExtraStep.Type

/**
 * The settings a district may change. Facts tagged [P] (local practice) or [?] (unverified) in the rules
 * reference are settings with a documented default, never constants.
 */
export const developmentPolicy = definePolicy("development", {
  periodEnd: policyKey({
    schema: Schema.Literals(["anniversary", "day-before"]),
    default: "anniversary" as "anniversary" | "day-before",
    description: {
      "zh-CN": "期限的最后一天：周年日（多数做法）或前一天",
      en: "Last day of a period: the anniversary (most practice) or the day before",
    },
    confidence: "?",
  }),
  ageReachedOn: policyKey({
    schema: Schema.Literals(["birthday", "day-after-birthday"]),
    default: "birthday" as "birthday" | "day-after-birthday",
    description: {
      "zh-CN": "“年满十八周岁”自哪天起算：十八周岁生日当天（本系统的全国默认）或生日的次日（党内文件未规定）",
      en: "When a person has 'turned 18': on the 18th birthday (national default here) or the day after (no party text settles it)",
    },
    confidence: "?",
    citations: [dr(5), pc(1)],
  }),
  leagueNominationUpToAge: policyKey({
    schema: Schema.NullOr(PositiveInt),
    default: null as number | null,
    description: {
      "zh-CN": "共青团员在此年龄及以下须经团组织推优方可确定为入党积极分子（全国无规定；常见为28周岁）",
      en: "League members up to this age become activists only on the league's nomination (none nationally; commonly 28)",
    },
    confidence: "P",
    citations: [dr(8), local()],
  }),
  activistMinWait: policyKey({
    schema: Schema.NullOr(PeriodSchema),
    default: null as typeof PeriodSchema.Type | null,
    description: {
      "zh-CN": "递交申请后至少多久才能确定为入党积极分子（全国无规定；有的单位要求6个月）",
      en: "Minimum time from application to becoming an activist (none nationally; some units require 6 months)",
    },
    confidence: "P",
  }),
  trainingMinDays: policyKey({
    schema: PositiveInt,
    default: 3,
    description: { "zh-CN": "集中培训最少天数", en: "Minimum days of centralized training" },
    confidence: "V",
    citations: [dr(17)],
  }),
  trainingMinHours: policyKey({
    schema: PositiveInt,
    default: 24,
    description: { "zh-CN": "集中培训最少学时", en: "Minimum class hours of centralized training" },
    confidence: "V",
    citations: [dr(17)],
  }),
  contactsMin: policyKey({
    schema: PositiveInt,
    default: 1,
    description: { "zh-CN": "培养联系人最少人数", en: "Minimum number of cultivation contacts" },
    confidence: "V",
    citations: [dr(9)],
  }),
  contactsMax: policyKey({
    schema: PositiveInt,
    default: 2,
    description: { "zh-CN": "培养联系人最多人数", en: "Maximum number of cultivation contacts" },
    confidence: "V",
    citations: [dr(9)],
  }),
  discouragedIntroducer: policyKey({
    schema: Schema.Literals(["warning", "blocked"]),
    default: "warning" as "warning" | "blocked",
    description: {
      "zh-CN": "处分影响期内的党员（不宜作介绍人）：提示或禁止",
      en: "Members within a sanction's effect period ('should not' introduce): warn or refuse",
    },
    confidence: "V",
    citations: [dr(14)],
  }),
  collectiveOathDays: policyKey({
    schema: Schema.Array(MonthDaySchema).check(Schema.isMinLength(1)),
    default: [
      { month: 7, day: 1 },
      { month: 10, day: 1 },
    ] as readonly MonthDay[],
    description: {
      "zh-CN": "可集中宣誓的重大纪念日（细则：“七一”、国庆等；其余由本区规定）",
      en: "Anniversaries on which a collective oath may fall outside the month (the rules: July 1, National Day and similar)",
    },
    confidence: "P",
    citations: [dr(29)],
  }),
  conversionApplicationLead: policyKey({
    schema: PeriodSchema,
    default: { months: 1 } as typeof PeriodSchema.Type,
    description: {
      "zh-CN": "预备期满前多久可以提出转正申请（全国无规定）",
      en: "How long before probation ends the conversion application may be written (not national)",
    },
    confidence: "P",
  }),
  conversionMeetingWithin: policyKey({
    schema: PeriodSchema,
    default: { months: 3 } as typeof PeriodSchema.Type,
    description: {
      "zh-CN": "预备期满后支部大会应在多久内讨论转正（细则要求及时讨论）",
      en: "How soon after probation ends the branch meeting should discuss conversion (the rules say promptly)",
    },
    confidence: "P",
    citations: [dr(31)],
  }),
  approvalClockFrom: policyKey({
    schema: Schema.Literals(["branch-meeting", "submission"]),
    default: "branch-meeting" as "branch-meeting" | "submission",
    description: {
      "zh-CN": "3个月审批时限的起算点：支部大会日期（现有系统做法）或报送日期",
      en: "Start of the 3-month approval clock: the branch meeting (existing tools) or the submission date",
    },
    confidence: "?",
    citations: [dr(25)],
  }),
  preReviewLevels: policyKey({
    schema: Schema.Array(PreReviewLevel).check(Schema.isMinLength(1)),
    default: ["party-committee"] as readonly PreReviewLevel[],
    description: {
      "zh-CN": "预审层级（全国：具有审批权限的基层党委；有的区实行三级预审）",
      en: "Pre-review levels (national: the committee with approval power; some districts use three levels)",
    },
    confidence: "P",
    citations: [dr(18)],
  }),
  thoughtReportEvery: policyKey({
    schema: PeriodSchema,
    default: { months: 3 } as typeof PeriodSchema.Type,
    description: {
      "zh-CN": "思想汇报频次（常见做法：每季度）",
      en: "Thought reports: how often (common: quarterly)",
    },
    confidence: "P",
  }),
  cultivationTalkEvery: policyKey({
    schema: PeriodSchema,
    default: { months: 3 } as typeof PeriodSchema.Type,
    description: { "zh-CN": "培养联系人谈话频次", en: "Contacts' talks with the person: how often" },
    confidence: "P",
  }),
  activityEvery: policyKey({
    schema: PeriodSchema,
    default: { months: 3 } as typeof PeriodSchema.Type,
    description: { "zh-CN": "参加党组织活动频次", en: "Party activities to attend: how often" },
    confidence: "P",
  }),
  trainingWithin: policyKey({
    schema: PeriodSchema,
    default: { months: 3 } as typeof PeriodSchema.Type,
    description: {
      "zh-CN": "列为发展对象后多久内完成集中培训（培养计划用）",
      en: "How soon after becoming a candidate for membership the centralized training is planned",
    },
    confidence: "P",
    citations: [dr(17)],
  }),
  dormantYears: policyKey({
    schema: PositiveInt,
    default: 3,
    description: {
      "zh-CN": "具备条件但连续多少年未发展党员即提示",
      en: "Years without any admission after which a qualifying organization is flagged",
    },
    confidence: "P",
    citations: [dr(37)],
  }),
  qualifyingPipeline: policyKey({
    schema: PositiveInt,
    default: 2,
    description: {
      "zh-CN": "组织“具备发展条件”的最少积极分子和发展对象人数",
      en: "Activists plus candidates for membership an organization needs to count as able to develop",
    },
    confidence: "P",
    citations: [dr(37)],
  }),
  priorityWeights: policyKey({
    schema: Schema.Record(OccupationGroup, Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0))),
    default: {
      "industrial-worker": 2,
      "young-farmer": 2,
      "highly-educated": 1.5,
      "non-public-enterprise": 1.5,
      "social-organization": 1.5,
      other: 1,
    } as Readonly<Record<OccupationGroup, number>>,
    description: {
      "zh-CN": "年度计划分配时各职业群体的权重（重点群体优先）",
      en: "Weights of occupation groups when allocating the annual plan (priority groups first)",
    },
    confidence: "P",
    citations: [dr(37), local()],
  }),
  extraSteps: policyKey({
    schema: Schema.Array(ExtraStep),
    default: [] as readonly ExtraStep[],
    description: { "zh-CN": "本区增加的步骤", en: "Steps the district adds" },
    confidence: "P",
  }),
})

export type DevelopmentPolicy = PolicyValues<typeof developmentPolicy.keys>

/** National defaults. */
export const nationalPolicy: DevelopmentPolicy = developmentPolicy.defaults

/**
 * The demo district: three-level pre-review (branch → party (working) committee → district org department),
 * 5 days / 40 hours of training, 6 months between application and activist, and a pre-admission notice step.
 * A value to pass to `applyOverlay`, as a district would keep it in a JSON file.
 */
export const demoDistrictOverlay = {
  preReviewLevels: ["branch", "party-committee", "org-department"],
  trainingMinDays: 5,
  trainingMinHours: 40,
  activistMinWait: { months: 6 },
  extraSteps: [
    {
      id: "x-pre-admission-notice",
      name: { "zh-CN": "接收预备党员前公示", en: "Notice before admission" },
      after: "pre-review",
      before: "admission-meeting",
    },
  ],
} as const
