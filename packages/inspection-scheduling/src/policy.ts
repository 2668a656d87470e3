import { definePolicy, type PolicyValues, policyKey } from "@xianfeng/core"
import { Schema } from "effect"
import { br, local } from "./citations.js"

const Days = (max: number) => Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: max }))

/**
 * What a district may set in 组织生活与督查 (organizational life and inspections): every fact the reference
 * marks as local practice [P] or unsure [?] is a key here with its default, never a constant in a rule.
 */
export const disciplinePolicy = definePolicy("discipline", {
  periodEnd: policyKey({
    schema: Schema.Literals(["anniversary", "day-before"]),
    default: "anniversary" as "anniversary" | "day-before",
    description: {
      "zh-CN": "“连续6个月”等期限的最后一天：周年日（多数做法）或前一天",
      en: "Last day of a span such as 'six consecutive months': the anniversary (most practice) or the day before",
    },
    confidence: "?",
  }),
  partyLectureCadence: policyKey({
    schema: Schema.Literals(["quarter", "year"]),
    default: "quarter" as "quarter" | "year",
    description: {
      "zh-CN": "党课的频次：每季度（多数单位的做法）或每年至少一次（条例的底线）",
      en: "How often a party lecture is due: quarterly (most units' practice) or at least yearly (the regulation's floor)",
    },
    confidence: "P",
    citations: [br(16), local()],
  }),
  themeDayOfMonth: policyKey({
    schema: Days(28).check(Schema.isGreaterThanOrEqualTo(1)),
    default: 15,
    description: {
      "zh-CN": "主题党日的固定日期（每月几日，本区规定）",
      en: "The fixed day of the month for the theme party day (the district sets it)",
    },
    confidence: "P",
    citations: [br(16), local()],
  }),
  orgLifeMeetingQuarter: policyKey({
    schema: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 4 })),
    default: 4,
    description: {
      "zh-CN": "组织生活会通常召开的季度（一般为第四季度）",
      en: "The quarter in which the organizational life meeting is usually held (generally the fourth)",
    },
    confidence: "S",
    citations: [br(17)],
  }),
  entryGraceDays: policyKey({
    schema: Days(90),
    default: 10,
    description: {
      "zh-CN": "周期结束后仍可补录会议记录的天数；期间未录入为“逾期”，之后为“缺漏”",
      en: "Days after a period ends during which a sitting may still be entered: 'overdue' meanwhile, 'missed' after",
    },
    confidence: "P",
    citations: [local()],
  }),
  firstAgendaItemRequired: policyKey({
    schema: Schema.Boolean,
    default: true,
    description: {
      "zh-CN": "“三会一课”须记录第一议题（学习内容和形式）",
      en: "Meetings and lectures must record the first agenda item (第一议题: its topic and form)",
    },
    confidence: "P",
    citations: [local()],
  }),
  rectificationDays: policyKey({
    schema: Schema.Struct({ minor: Days(365), serious: Days(365), critical: Days(365) }),
    default: { minor: 60, serious: 30, critical: 15 },
    description: {
      "zh-CN": "整改期限（天），按问题严重程度：一般、较重、严重",
      en: "Days allowed for rectification, by severity: minor, serious, critical",
    },
    confidence: "P",
    citations: [local()],
  }),
})

/** The policy in force: the defaults with a district's overlay applied (`applyOverlay`). */
export type DisciplinePolicy = PolicyValues<typeof disciplinePolicy.keys>

/** The national defaults (and the reference's common practice where the regulation is silent). */
export const nationalPolicy: DisciplinePolicy = disciplinePolicy.defaults
