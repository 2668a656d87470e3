import { type Verdict, verdict } from "@xianfeng/core"
import { drIn, type Edition } from "../citations.js"
import { countWorkingDays, hasElapsed, isBefore, periodEnd } from "../internal/days.js"
import { dueOrOverdue } from "../internal/deadline.js"
import { lastOf } from "../internal/records.js"
import { type DevelopmentRule, defineRule } from "../rule.js"

export const activistRules = (edition: Edition): DevelopmentRule[] => [
  defineRule({
    id: "DEV-CONTACTS",
    title: { "zh-CN": "一至二名正式党员作培养联系人", en: "One or two full members as contacts" },
    description: {
      "zh-CN": "党组织应当指定一至二名正式党员作为入党积极分子的培养联系人",
      en: "The party organization assigns one or two full members as the activist's cultivation contacts",
    },
    citations: [drIn(edition, 9)],
    steps: ["contacts-assigned"],
    codes: ["count", "not-full-member"],
    recordsOnly: true,
    check: (ctx, policy) => {
      if (ctx.record?.step !== "contacts-assigned") return []
      const cites = [drIn(edition, 9)]
      const { contacts } = ctx.record.evidence
      const out: Verdict[] = []
      if (contacts.length < policy.contactsMin || contacts.length > policy.contactsMax)
        out.push(
          verdict("blocked", "DEV-CONTACTS.count", cites, {
            count: contacts.length,
            min: policy.contactsMin,
            max: policy.contactsMax,
          }),
        )
      for (const c of contacts)
        if (c.status !== "full")
          out.push(verdict("blocked", "DEV-CONTACTS.not-full-member", cites, { name: c.name }))
      return out
    },
  }),
  defineRule({
    id: "DEV-ASSESSMENT-EVERY",
    title: { "zh-CN": "每半年考察一次", en: "Assessment every six months" },
    description: {
      "zh-CN": "党支部每半年对入党积极分子进行一次考察，直至接收为预备党员",
      en: "The branch assesses each activist every six months until admission",
    },
    citations: [drIn(edition, 11)],
    steps: ["activist-assessment"],
    codes: ["due", "overdue"],
    check: (ctx, policy) => {
      if (ctx.record !== undefined) return []
      const since = ctx.derived.activistSince
      if (since === undefined || ctx.derived.admittedOn !== undefined) return []
      const last = lastOf(ctx.history, "activist-assessment")?.on
      const from = last !== undefined && isBefore(since, last) ? last : since
      return [
        dueOrOverdue("DEV-ASSESSMENT-EVERY", from, { months: 6 }, ctx.asOf, policy, [drIn(edition, 11)]),
      ]
    },
  }),
  defineRule({
    id: "DEV-CULTIVATION-MIN",
    title: {
      "zh-CN": "培养一年以上方可列为发展对象",
      en: "One year as activist before becoming a candidate for membership",
    },
    description: {
      "zh-CN": "经过一年以上培养教育和考察的入党积极分子方可列为发展对象；组织关系转接的，培养时间连续计算",
      en: "Only after at least one year of cultivation, counted continuously across transfers",
    },
    citations: [drIn(edition, 13), drIn(edition, 12)],
    steps: ["development-object-decision"],
    codes: ["too-early"],
    check: (ctx, policy) => {
      const since = ctx.derived.activistSince
      if (since === undefined) return []
      if (hasElapsed(since, ctx.on, { years: 1 }, policy.periodEnd)) return []
      const earliest = periodEnd(since, { years: 1 }, policy.periodEnd)
      return [
        verdict(
          "blocked",
          "DEV-CULTIVATION-MIN.too-early",
          [drIn(edition, 13), drIn(edition, 12)],
          { since, earliest },
          earliest,
        ),
      ]
    },
  }),
  defineRule({
    id: "DEV-OBJECT-HIGHER",
    title:
      edition === "2026"
        ? { "zh-CN": "报上级党委同意", en: "Higher committee agrees" }
        : { "zh-CN": "报上级党委备案", en: "Filed with the higher committee" },
    description:
      edition === "2026"
        ? {
            "zh-CN": "列为发展对象须经支部委员会讨论同意并报上级党委同意",
            en: "A candidate for membership needs the higher committee's agreement, not just a filing",
          }
        : {
            "zh-CN": "经支部委员会讨论同意并报上级党委备案后列为发展对象",
            en: "The branch committee decides and files with the higher committee",
          },
    citations: [drIn(edition, 13)],
    steps: ["higher-committee-agreement"],
    codes: ["agreement-required"],
    recordsOnly: true,
    check: (ctx) =>
      edition === "2026" &&
      ctx.record?.step === "higher-committee-agreement" &&
      ctx.record.evidence.kind === "filing"
        ? [verdict("blocked", "DEV-OBJECT-HIGHER.agreement-required", [drIn(edition, 13)])]
        : [],
  }),
]

/** 2026 only: the candidate for membership is announced for at least 5 working days, in both places for migrants. */
export const publicNoticeRule = (): DevelopmentRule =>
  defineRule({
    id: "DEV-PUBLIC-NOTICE",
    title: { "zh-CN": "发展对象公示不少于5个工作日", en: "Public notice of at least 5 working days" },
    description: {
      "zh-CN":
        "在上级党委同意后，在工作、学习单位或居住地公示，时间不少于5个工作日；流动人员在流出地和流入地同时公示",
      en: "After the higher committee agrees: notice at the unit or residence for ≥5 working days; migrants in both places",
    },
    citations: [drIn("2026", 13)],
    steps: ["public-notice"],
    codes: ["too-short", "calendar-unknown", "two-places", "dates", "before-agreement"],
    recordsOnly: true,
    check: (ctx) => {
      if (ctx.record?.step !== "public-notice") return []
      const cites = [drIn("2026", 13)]
      const e = ctx.record.evidence
      const out: Verdict[] = []
      if (isBefore(e.end, e.start) || isBefore(ctx.record.on, e.end))
        out.push(verdict("blocked", "DEV-PUBLIC-NOTICE.dates", cites, { start: e.start, end: e.end }))
      const higher = lastOf(ctx.history, "higher-committee-agreement")
      if (higher !== undefined && isBefore(e.start, higher.on))
        out.push(
          verdict("blocked", "DEV-PUBLIC-NOTICE.before-agreement", cites, {
            start: e.start,
            agreedOn: higher.on,
          }),
        )
      const wd = countWorkingDays(e.start, e.end, ctx.calendar)
      if (wd._tag === "Unknown")
        out.push(
          verdict("warning", "DEV-PUBLIC-NOTICE.calendar-unknown", cites, {
            years: wd.missingYears.join(", "),
          }),
        )
      else if (wd.value < 5)
        out.push(verdict("blocked", "DEV-PUBLIC-NOTICE.too-short", cites, { workingDays: wd.value, min: 5 }))
      if (ctx.history.person.migrant && new Set(e.places).size < 2)
        out.push(verdict("blocked", "DEV-PUBLIC-NOTICE.two-places", cites, { places: e.places.length }))
      return out
    },
  })
