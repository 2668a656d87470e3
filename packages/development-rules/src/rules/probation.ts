import { type Verdict, verdict } from "@xianfeng/core"
import { drIn, type Edition } from "../citations.js"
import { addPeriod, isAfter, isBefore, subtractPeriod } from "../internal/days.js"
import { dueOrOverdue, lateWarning } from "../internal/deadline.js"
import { firstOf, lastOf } from "../internal/records.js"
import { archiveItemLabels, labelList } from "../labels.js"
import { type DevelopmentRule, defineRule } from "../rule.js"
import type { ArchiveItem } from "../steps.js"

/** DR 36: what goes into the personnel file after conversion. */
export const archiveItems: readonly ArchiveItem[] = [
  "application-form",
  "application-letter",
  "activist-register",
  "political-review",
  "probation-register",
  "conversion-application",
]

export const MAX_POSTPONE_MONTHS = 6

export const probationRules = (edition: Edition): DevelopmentRule[] => [
  defineRule({
    id: "DEV-PROBATION-LENGTH",
    title: {
      "zh-CN": "预备期一年，自支部大会通过之日算起",
      en: "Probation of one year from the branch meeting",
    },
    description: {
      "zh-CN": "预备党员的预备期为一年，从支部大会通过其为预备党员之日算起；审批意见应写明预备期起止时间",
      en: "Probation lasts one year from the date of the admitting branch meeting (not the approval date); the approval states it",
    },
    citations: [drIn(edition, 31), drIn(edition, 24)],
    steps: ["admission-approval"],
    codes: ["period"],
    recordsOnly: true,
    check: (ctx) =>
      ctx.record?.step === "admission-approval" && ctx.derived.admittedOn && ctx.derived.probationEnd
        ? [
            verdict("ok", "DEV-PROBATION-LENGTH.period", [drIn(edition, 31)], {
              start: ctx.derived.admittedOn,
              end: ctx.derived.probationEnd,
            }),
          ]
        : [],
  }),
  defineRule({
    id: "DEV-OATH-WITHIN",
    title: { "zh-CN": "批准后一个月内入党宣誓", en: "Oath within one month of approval" },
    description: {
      "zh-CN":
        "预备党员一般应当在上级党委批准后一个月内进行入党宣誓；县级以上党委可在“七一”、国庆等重大纪念日集中宣誓（纪念日由本区规定）",
      en: "Normally within one month of approval; county-level committees may hold collective oaths on July 1, National Day and similar anniversaries (district policy)",
    },
    citations: [drIn(edition, 29)],
    steps: ["oath"],
    codes: ["due", "overdue", "late"],
    check: (ctx, policy) => {
      const approved = firstOf(ctx.history, "admission-approval")?.on
      if (approved === undefined) return []
      const cites = [drIn(edition, 29)]
      if (ctx.record?.step === "oath") {
        // 七一、国庆等重大纪念日: which anniversaries count is policy (`collectiveOathDays`).
        const festive = policy.collectiveOathDays.some(
          (x) => x.month === ctx.on.month && x.day === ctx.on.day,
        )
        if (ctx.record.evidence.collective && festive && isBefore(ctx.on, addPeriod(approved, { years: 1 })))
          return []
        return lateWarning("DEV-OATH-WITHIN", approved, { months: 1 }, ctx.on, policy, cites)
      }
      return ctx.record
        ? []
        : [dueOrOverdue("DEV-OATH-WITHIN", approved, { months: 1 }, ctx.asOf, policy, cites)]
    },
  }),
  defineRule({
    id: "DEV-CONVERSION-APPLICATION",
    title: { "zh-CN": "预备期满提出书面转正申请", en: "Written conversion application when probation ends" },
    description: {
      "zh-CN": "预备党员预备期满时应当主动向党支部提出书面转正申请；提前多久可以提出由本区规定",
      en: "Written application when probation ends; how early it may be written is district policy",
    },
    citations: [drIn(edition, 32)],
    steps: ["conversion-application"],
    codes: ["not-written", "too-early", "due", "overdue"],
    check: (ctx, policy) => {
      const end = ctx.derived.probationEnd
      if (end === undefined) return []
      const cites = [drIn(edition, 32)]
      if (ctx.record?.step === "conversion-application") {
        const out: Verdict[] = []
        if (!ctx.record.evidence.written)
          out.push(verdict("blocked", "DEV-CONVERSION-APPLICATION.not-written", cites))
        const earliest = subtractPeriod(end, policy.conversionApplicationLead)
        if (isBefore(ctx.on, earliest))
          out.push(
            verdict("blocked", "DEV-CONVERSION-APPLICATION.too-early", cites, {
              earliest,
              probationEnd: end,
            }),
          )
        return out
      }
      if (ctx.record !== undefined) return []
      const earliest = subtractPeriod(end, policy.conversionApplicationLead)
      if (isBefore(ctx.asOf, earliest))
        return [
          verdict("blocked", "DEV-CONVERSION-APPLICATION.too-early", cites, { earliest, probationEnd: end }),
        ]
      return [
        isAfter(ctx.asOf, end)
          ? verdict("overdue", "DEV-CONVERSION-APPLICATION.overdue", cites, { dueBy: end }, end)
          : verdict("due", "DEV-CONVERSION-APPLICATION.due", cites, { dueBy: end }, end),
      ]
    },
  }),
  defineRule({
    id: "DEV-CONVERSION-MEETING",
    title: { "zh-CN": "预备期满后及时讨论转正", en: "Conversion meeting when probation ends" },
    description: {
      "zh-CN":
        "预备期满，党支部应当及时讨论其能否转为正式党员，不得提前；转入的预备党员可推迟讨论，最长不超过六个月",
      en: "Promptly once probation ends, not before; within the district's limit after it; up to 6 months later for transferred-in members",
    },
    // The duty is Art. 31 ¶2 (2014: Art. 32 ¶2), "预备期满，党支部应当及时讨论"; Art. 32 only lists the
    // procedure and Art. 35 allows the postponement. Core citations name an article and an item (项), not a
    // paragraph (款), so the paragraph stays in this comment.
    citations: [drIn(edition, 31), drIn(edition, 35)],
    steps: ["conversion-meeting"],
    codes: ["before-end", "due", "overdue", "late"],
    check: (ctx, policy) => {
      const end = ctx.derived.probationEnd
      if (end === undefined) return []
      const cites = [drIn(edition, 31)]
      const postpone = Math.min(
        lastOf(ctx.history, "transfer-in")?.evidence.postponeMonths ?? 0,
        MAX_POSTPONE_MONTHS,
      )
      const within = postpone > 0 ? { months: postpone } : policy.conversionMeetingWithin
      const withinCites = postpone > 0 ? [drIn(edition, 35), drIn(edition, 31)] : cites
      if (ctx.record?.step === "conversion-meeting") {
        if (isBefore(ctx.on, end))
          return [verdict("blocked", "DEV-CONVERSION-MEETING.before-end", cites, { probationEnd: end })]
        return lateWarning("DEV-CONVERSION-MEETING", end, within, ctx.on, policy, withinCites)
      }
      if (ctx.record !== undefined) return []
      if (isBefore(ctx.asOf, end))
        return [verdict("blocked", "DEV-CONVERSION-MEETING.before-end", cites, { probationEnd: end })]
      return [dueOrOverdue("DEV-CONVERSION-MEETING", end, within, ctx.asOf, policy, withinCites)]
    },
  }),
  defineRule({
    id: "DEV-CONVERSION-APPROVAL-WITHIN",
    title: { "zh-CN": "转正三个月内审批", en: "Conversion approved within 3 months" },
    description: {
      "zh-CN": "上级党委应当在三个月内审批预备党员转正（无延长条款）",
      en: "The higher committee decides on conversion within 3 months (no extension clause)",
    },
    citations: [drIn(edition, 33)],
    steps: ["conversion-approval"],
    codes: ["due", "overdue", "late"],
    check: (ctx, policy) => {
      const meeting = lastOf(ctx.history, "conversion-meeting")
      if (meeting === undefined) return []
      const cites = [drIn(edition, 33)]
      return ctx.record
        ? ctx.record.step === "conversion-approval"
          ? lateWarning("DEV-CONVERSION-APPROVAL-WITHIN", meeting.on, { months: 3 }, ctx.on, policy, cites)
          : []
        : [dueOrOverdue("DEV-CONVERSION-APPROVAL-WITHIN", meeting.on, { months: 3 }, ctx.asOf, policy, cites)]
    },
  }),
  defineRule({
    id: "DEV-PARTY-AGE",
    title: { "zh-CN": "党龄从预备期满转为正式党员之日算起", en: "Party age from the end of probation" },
    description: {
      "zh-CN":
        "预备党员转为正式党员，党龄从预备期满之日算起；推迟讨论的转入预备党员，转正时间自原预备期满之日算起",
      en: "Party age counts from the day probation expires, also when a transferred-in member's conversion was postponed",
    },
    citations: [drIn(edition, 33), drIn(edition, 35)],
    steps: ["conversion-approval"],
    codes: ["starts"],
    recordsOnly: true,
    check: (ctx) =>
      ctx.record?.step === "conversion-approval" && ctx.derived.probationEnd
        ? [verdict("ok", "DEV-PARTY-AGE.starts", [drIn(edition, 33)], { from: ctx.derived.probationEnd })]
        : [],
  }),
  defineRule({
    id: "DEV-EXTENSION",
    title: { "zh-CN": "延长预备期一次，6个月至1年", en: "One extension of 6 to 12 months" },
    description: {
      "zh-CN": "需要继续教育考察的可以延长一次预备期，不能少于半年，最长不超过一年",
      en: "Probation may be extended once, by at least 6 months and at most one year",
    },
    citations: [drIn(edition, 31)],
    steps: ["probation-extension"],
    codes: ["second", "months"],
    recordsOnly: true,
    check: (ctx) => {
      if (ctx.record?.step !== "probation-extension") return []
      const cites = [drIn(edition, 31)]
      const out: Verdict[] = []
      if (firstOf(ctx.history, "probation-extension") !== undefined)
        out.push(verdict("blocked", "DEV-EXTENSION.second", cites))
      const m = ctx.record.evidence.months
      if (m < 6 || m > 12) out.push(verdict("blocked", "DEV-EXTENSION.months", cites, { months: m }))
      return out
    },
  }),
  defineRule({
    id: "DEV-TRANSFER",
    title: { "zh-CN": "转入人员的材料和预备期", en: "Transferred-in members" },
    description: {
      "zh-CN": "转入材料须经审查核实，无法核实的不予承认；转入预备党员的转正讨论可推迟，最长不超过六个月",
      en: "Transferred materials must be verified; a transferred-in probationer's conversion may be postponed by ≤6 months",
    },
    citations: [drIn(edition, 12), drIn(edition, 34), drIn(edition, 35)],
    steps: ["transfer-in"],
    codes: ["unverified", "postpone-too-long", "missing-dates"],
    recordsOnly: true,
    check: (ctx) => {
      if (ctx.record?.step !== "transfer-in") return []
      const e = ctx.record.evidence
      const out: Verdict[] = []
      if (!e.verified) out.push(verdict("blocked", "DEV-TRANSFER.unverified", [drIn(edition, 34)]))
      if ((e.postponeMonths ?? 0) > MAX_POSTPONE_MONTHS)
        out.push(
          verdict("blocked", "DEV-TRANSFER.postpone-too-long", [drIn(edition, 35)], {
            months: e.postponeMonths ?? 0,
            max: MAX_POSTPONE_MONTHS,
          }),
        )
      const missing =
        (e.stage === "probationary" && e.admittedOn === undefined) ||
        ((e.stage === "activist" || e.stage === "development-object") && e.activistSince === undefined)
      if (missing)
        out.push(verdict("blocked", "DEV-TRANSFER.missing-dates", [drIn(edition, 12)], { stage: e.stage }))
      return out
    },
  }),
  defineRule({
    id: "DEV-ARCHIVE",
    title: { "zh-CN": "入党材料归档齐全", en: "Complete archive" },
    description: {
      "zh-CN": "转正后将入党志愿书、入党申请书、政治审查材料、转正申请书和培养教育考察材料归入人事档案",
      en: "After conversion the application form, letter, both registers, political review and conversion application go to the file",
    },
    citations: [drIn(edition, 36)],
    steps: ["archive"],
    codes: ["incomplete"],
    recordsOnly: true,
    check: (ctx) => {
      if (ctx.record?.step !== "archive") return []
      const have = ctx.record.evidence.items
      const missing = archiveItems.filter((i) => !have.includes(i))
      return missing.length > 0
        ? [
            verdict("blocked", "DEV-ARCHIVE.incomplete", [drIn(edition, 36)], {
              missing: labelList(missing, archiveItemLabels).en,
              missingZh: labelList(missing, archiveItemLabels).zh,
            }),
          ]
        : []
    },
  }),
]
