import { verdict } from "@xianfeng/core"
import { drIn, type Edition, local, pc } from "../citations.js"
import { addPeriod, ageOn, hasElapsed, periodEnd, subtractPeriod } from "../internal/days.js"
import { dueOrOverdue, lateWarning } from "../internal/deadline.js"
import { firstOf } from "../internal/records.js"
import { type DevelopmentRule, defineRule } from "../rule.js"

export const MIN_AGE = 18

export const applicationRules = (edition: Edition): DevelopmentRule[] => [
  defineRule({
    id: "DEV-AGE-MIN",
    title: { "zh-CN": "年满十八岁", en: "At least 18 years old" },
    description: {
      "zh-CN": "年满十八岁的中国工人、农民、军人、知识分子和其他社会阶层的先进分子可以申请入党",
      en: "Only a person who has turned 18 may apply",
    },
    citations: [drIn(edition, 5), pc(1)],
    steps: ["apply"],
    codes: ["too-young"],
    check: (ctx, policy) => {
      // 年满十八周岁: whether the 18th birthday itself counts is not settled by a party text; the national
      // default counts it, a district may count from the day after (`ageReachedOn`).
      const dayAfter = policy.ageReachedOn === "day-after-birthday"
      const age = ageOn(ctx.history.person.birthDate, dayAfter ? subtractPeriod(ctx.on, { days: 1 }) : ctx.on)
      if (age >= MIN_AGE) return []
      const birthday = addPeriod(ctx.history.person.birthDate, { years: MIN_AGE })
      const eligibleOn = dayAfter ? addPeriod(birthday, { days: 1 }) : birthday
      const cites = dayAfter ? [drIn(edition, 5), pc(1), local()] : [drIn(edition, 5), pc(1)]
      return [verdict("blocked", "DEV-AGE-MIN.too-young", cites, { age, min: MIN_AGE, eligibleOn })]
    },
  }),
  defineRule({
    id: "DEV-APPLY-PROGRAMME",
    title: { "zh-CN": "承认党的纲领和章程", en: "Accepts the programme and constitution" },
    description: {
      "zh-CN": "申请人须承认党的纲领和章程，愿意参加党的一个组织并执行党的决议、按期交纳党费",
      en: "The applicant accepts the programme and constitution and will pay dues",
    },
    citations: [drIn(edition, 5), pc(1)],
    steps: ["apply"],
    codes: ["not-accepted"],
    recordsOnly: true,
    check: (ctx) =>
      ctx.record?.step === "apply" && !ctx.record.evidence.acceptsProgramme
        ? [verdict("blocked", "DEV-APPLY-PROGRAMME.not-accepted", [drIn(edition, 5), pc(1)])]
        : [],
  }),
  defineRule({
    id: "DEV-TALK-WITHIN",
    title: { "zh-CN": "一个月内派人谈话", en: "Talk within one month" },
    description: {
      "zh-CN": "党组织收到入党申请书后，应当在一个月内派人同入党申请人谈话",
      en: "The branch sends someone to talk with the applicant within one month of the application",
    },
    citations: [drIn(edition, 7)],
    steps: ["talk"],
    codes: ["due", "overdue", "late"],
    check: (ctx, policy) => {
      const apply = firstOf(ctx.history, "apply")
      if (apply === undefined) return []
      const cites = [drIn(edition, 7)]
      return ctx.record
        ? lateWarning("DEV-TALK-WITHIN", apply.on, { months: 1 }, ctx.on, policy, cites)
        : [dueOrOverdue("DEV-TALK-WITHIN", apply.on, { months: 1 }, ctx.asOf, policy, cites)]
    },
  }),
  defineRule({
    id: "DEV-ACTIVIST-WAIT",
    title: {
      "zh-CN": "申请后确定积极分子的最短间隔（本区）",
      en: "Wait between application and activist (district)",
    },
    description: {
      "zh-CN": "全国无最短间隔；本区可规定递交申请后满一定期限方可确定为入党积极分子",
      en: "No national minimum; a district may require a wait after the application",
    },
    citations: [drIn(edition, 8), local()],
    steps: ["activist-decision"],
    codes: ["too-early"],
    check: (ctx, policy) => {
      const wait = policy.activistMinWait
      // No national wait: the derived dates (worked out in full for a record when first read) are not needed.
      if (wait === null) return []
      const applied = ctx.derived.appliedOn
      if (applied === undefined) return []
      if (hasElapsed(applied, ctx.on, wait, policy.periodEnd)) return []
      const earliest = periodEnd(applied, wait, policy.periodEnd)
      return [
        verdict("blocked", "DEV-ACTIVIST-WAIT.too-early", [local(), drIn(edition, 8)], {
          appliedOn: applied,
          earliest,
        }),
      ]
    },
  }),
]
