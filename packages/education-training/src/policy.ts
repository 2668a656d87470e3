import { definePolicy, type PolicyValues, policyKey } from "@xianfeng/core"
import { Schema } from "effect"
import { em, local, pl19 } from "./citations.js"

const Hours = Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 1000 }))
const Months = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 60 }))

/** Where study time comes from (学时来源). */
export const studySources = ["class", "meeting", "online"] as const
export type StudySource = (typeof studySources)[number]

/** Meeting kinds of 组织生活 (the same words as the meeting records). */
export const meetingKinds = [
  "general-meeting",
  "committee-meeting",
  "group-meeting",
  "party-lecture",
  "theme-day",
  "org-life-meeting",
  "democratic-appraisal",
] as const
export type MeetingKind = (typeof meetingKinds)[number]

/**
 * What a district may set in 教育培训 (Education and training): the national figures are defaults, every fact
 * the reference marks [P] or [?] is a key here, never a constant in a rule.
 */
export const educationPolicy = definePolicy("education", {
  memberMinHours: policyKey({
    schema: Hours,
    default: 32,
    description: {
      "zh-CN": "党员每年集中学习培训的最少学时（条例：一般不少于32学时）",
      en: "Minimum class hours of centralized study per member per year (EM 20: generally at least 32)",
    },
    confidence: "V",
    citations: [em(20)],
  }),
  cadreMinHours: policyKey({
    schema: Hours,
    default: 56,
    description: {
      "zh-CN": "基层党组织书记和班子成员每年最少学时（规划：不少于56学时，含至少1次集中培训）",
      en: "Minimum class hours per year of grassroots secretaries and committee members (PL19: 56, with at least one centralized session)",
    },
    confidence: "?",
    citations: [pl19(3)],
  }),
  newSecretaryMonths: policyKey({
    schema: Months,
    default: 6,
    description: {
      "zh-CN": "新任书记应在任职后几个月内参加培训",
      en: "Within how many months of taking office a new secretary is trained",
    },
    confidence: "?",
    citations: [pl19(3)],
  }),
  newMemberMonthsAfterConversion: policyKey({
    schema: Months,
    default: 12,
    description: {
      "zh-CN": "新党员在预备期内或转正后几个月内参加一次集中培训",
      en: "New members are trained once during probation or within this many months after conversion",
    },
    confidence: "?",
    citations: [pl19(3)],
  }),
  countedSources: policyKey({
    schema: Schema.Array(Schema.Literals(studySources)),
    default: ["class", "meeting", "online"] as readonly StudySource[],
    description: {
      "zh-CN": "计入学时的来源（按优先顺序：同一时间只计一次，计给排在前面的来源）",
      en: "Sources counted as study time, in priority order (the same time counts once, for the earlier source)",
    },
    confidence: "P",
    citations: [em(7), local()],
  }),
  studyMeetingKinds: policyKey({
    schema: Schema.Array(Schema.Literals(meetingKinds)),
    default: ["general-meeting", "group-meeting", "party-lecture", "theme-day"] as readonly MeetingKind[],
    description: {
      "zh-CN": "计入学习学时的会议类型（出席者按会议时长计学时）",
      en: "Meeting kinds that count as study (those present are credited the meeting's length)",
    },
    confidence: "P",
    citations: [local()],
  }),
  firstItemMeetingKinds: policyKey({
    schema: Schema.Array(Schema.Literals(meetingKinds)),
    default: [
      "general-meeting",
      "committee-meeting",
      "group-meeting",
      "party-lecture",
    ] as readonly MeetingKind[],
    description: {
      "zh-CN": "必须以“第一议题”开始的会议类型",
      en: "Meeting kinds that must open with the 'first agenda item' (第一议题)",
    },
    confidence: "P",
    citations: [local()],
  }),
  minutesPerClassHour: policyKey({
    schema: Schema.Int.check(Schema.isBetween({ minimum: 30, maximum: 60 })),
    default: 45,
    description: {
      "zh-CN": "一学时的分钟数（会议和网络学习按时长折算学时）",
      en: "Minutes in one class hour (meetings and online study are converted by length)",
    },
    confidence: "P",
    citations: [local()],
  }),
  maxSessionHours: policyKey({
    schema: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 16 })),
    default: 8,
    description: {
      "zh-CN": "一次课（一个单元）最多可登记的学时，超过视为录入错误",
      en: "The most class hours one session may carry; more is taken as an entry error",
    },
    confidence: "P",
    citations: [local()],
  }),
})

/** The policy in force: the national defaults with a district's overlay applied (`applyOverlay`). */
export type EducationPolicy = PolicyValues<typeof educationPolicy.keys>

/** The national defaults. */
export const nationalPolicy: EducationPolicy = educationPolicy.defaults
