import { approvalAuthority, meetingOutcome, type OrgKind, type Verdict, verdict } from "@xianfeng/core"
import { drIn, type Edition } from "../citations.js"
import { isAfter, isOnOrAfter, isWithin, periodEnd } from "../internal/days.js"
import { dueOrOverdue, lateWarning } from "../internal/deadline.js"
import { firstOf, recordsOf } from "../internal/records.js"
import { preReviewLevelLabels } from "../labels.js"
import type { DevelopmentPolicy } from "../policy.js"
import { type DevelopmentRule, defineRule, type RuleContext } from "../rule.js"

interface OrgNodeLike {
  readonly id: string
  readonly kind: OrgKind
  readonly path: string
  readonly temporary?: boolean
}

const approverSteps = [
  "admission-approval",
  "conversion-approval",
  "probation-extension",
  "probation-cancellation",
] as const

export const admissionRules = (edition: Edition): DevelopmentRule[] => [
  defineRule({
    id: "DEV-LEAVING-UNIT",
    title: {
      "zh-CN": "三个月内离开单位的暂不办理接收",
      en: "No admission when leaving the unit within 3 months",
    },
    description: {
      "zh-CN": "发展对象未来3个月内将离开工作、学习单位的，一般不办理接收预备党员的手续",
      en: "A candidate for membership who will leave the unit within the next 3 months is normally not admitted",
    },
    citations: [drIn(edition, 18)],
    steps: ["pre-review", "admission-meeting"],
    codes: ["leaving-soon"],
    check: (ctx, policy) => {
      const leaving = ctx.history.person.leavingUnitOn
      if (leaving === undefined || !isOnOrAfter(leaving, ctx.on)) return []
      return isWithin(ctx.on, leaving, { months: 3 }, policy.periodEnd)
        ? [verdict("blocked", "DEV-LEAVING-UNIT.leaving-soon", [drIn(edition, 18)], { leavingOn: leaving })]
        : []
    },
  }),
  defineRule({
    id: "DEV-PRE-REVIEW",
    title: { "zh-CN": "上级党委书面预审", en: "Written pre-review by the higher committee" },
    description: {
      "zh-CN": "具有审批权限的基层党委对发展对象进行预审，结果书面通知党支部；本区规定的各级预审依次进行",
      en: "The committee with approval power pre-reviews and informs the branch in writing; district levels in order",
    },
    citations: [drIn(edition, 18)],
    steps: ["pre-review"],
    codes: ["not-written", "unknown-level", "level-order"],
    recordsOnly: true,
    check: (ctx, policy) => {
      if (ctx.record?.step !== "pre-review") return []
      const cites = [drIn(edition, 18)]
      const e = ctx.record.evidence
      const out: Verdict[] = []
      if (!e.written) out.push(verdict("blocked", "DEV-PRE-REVIEW.not-written", cites))
      const idx = policy.preReviewLevels.indexOf(e.level)
      if (idx < 0)
        out.push(
          verdict("blocked", "DEV-PRE-REVIEW.unknown-level", cites, {
            level: preReviewLevelLabels[e.level].en,
            levelZh: preReviewLevelLabels[e.level]["zh-CN"],
          }),
        )
      else if (idx > 0) {
        const previous = policy.preReviewLevels[idx - 1]
        const ok = recordsOf(ctx.history, "pre-review").some(
          (r) => r.evidence.level === previous && r.evidence.passed,
        )
        if (!ok && previous !== undefined)
          out.push(
            verdict("blocked", "DEV-PRE-REVIEW.level-order", cites, {
              level: preReviewLevelLabels[e.level].en,
              levelZh: preReviewLevelLabels[e.level]["zh-CN"],
              previous: preReviewLevelLabels[previous].en,
              previousZh: preReviewLevelLabels[previous]["zh-CN"],
            }),
          )
      }
      return out
    },
  }),
  defineRule({
    id: "DEV-APPLICATION-FORM",
    title: { "zh-CN": "入党介绍人在志愿书上填写意见", en: "Introducers' opinions in the application form" },
    description: {
      "zh-CN": "发展对象在入党介绍人指导下填写入党志愿书，入党介绍人填写意见",
      en: "The form is filled in under the introducers' guidance, with their opinions",
    },
    citations: [drIn(edition, 15)],
    steps: ["application-form"],
    codes: ["no-introducer-opinions"],
    recordsOnly: true,
    check: (ctx) =>
      ctx.record?.step === "application-form" && !ctx.record.evidence.introducerOpinions
        ? [verdict("blocked", "DEV-APPLICATION-FORM.no-introducer-opinions", [drIn(edition, 15)])]
        : [],
  }),
  defineRule({
    id: "DEV-QUORUM",
    title: { "zh-CN": "支部大会到会和表决人数", en: "Meeting quorum and vote" },
    description: {
      "zh-CN":
        "有表决权的到会人数须超过应到会有表决权人数的半数；赞成票超过应到会有表决权的正式党员的半数方能通过；因故不能到会的有表决权党员会前正式提出的书面意见应当统计在票数内；预备党员没有表决权；无记名投票",
      en: "Voting members present > ½ of those expected; yes votes > ½ of expected voters; written opinions of absentees count; probationary members do not vote; secret ballot",
    },
    citations: [drIn(edition, 19), drIn(edition, 20, "4"), drIn(edition, 32)],
    steps: ["admission-meeting", "conversion-meeting"],
    codes: ["no-quorum", "not-passed", "tally", "not-secret"],
    recordsOnly: true,
    check: (ctx) => {
      const r = ctx.record
      if (r?.step !== "admission-meeting" && r?.step !== "conversion-meeting") return []
      const e = r.evidence
      const cites =
        r.step === "admission-meeting"
          ? [drIn(edition, 19), drIn(edition, 20, "4")]
          : [drIn(edition, 32), drIn(edition, 20, "4")]
      const o = meetingOutcome(e)
      const out: Verdict[] = []
      if (!o.consistent)
        out.push(
          verdict("blocked", "DEV-QUORUM.tally", cites, {
            expected: e.expectedVoters,
            present: e.presentVoters,
            written: e.writtenOpinions,
            votes: e.yesVotes + e.noVotes + e.abstentions,
          }),
        )
      if (!o.quorum)
        out.push(
          verdict("blocked", "DEV-QUORUM.no-quorum", cites, {
            present: e.presentVoters,
            expected: e.expectedVoters,
          }),
        )
      else if (!o.passed)
        out.push(
          verdict("blocked", "DEV-QUORUM.not-passed", cites, { yes: e.yesVotes, expected: e.expectedVoters }),
        )
      if (!e.secretBallot) out.push(verdict("blocked", "DEV-QUORUM.not-secret", [drIn(edition, 20, "4")]))
      return out
    },
  }),
  defineRule({
    id: "DEV-ONE-AT-A-TIME",
    title: { "zh-CN": "逐个讨论、逐个表决", en: "One person at a time" },
    description: {
      "zh-CN": "支部大会讨论两个以上发展对象时，应当逐个讨论和表决；党委审批也应当逐个审议和表决",
      en: "The branch meeting and the committee discuss and vote on each person separately",
    },
    citations: [drIn(edition, 20), drIn(edition, 24)],
    steps: ["admission-meeting", "conversion-meeting", "admission-approval", "conversion-approval"],
    codes: ["several-in-one-ballot", "not-collective"],
    recordsOnly: true,
    check: (ctx) => {
      const r = ctx.record
      if (
        (r?.step === "admission-meeting" || r?.step === "conversion-meeting") &&
        r.evidence.candidatesInBallot > 1
      )
        return [
          verdict("blocked", "DEV-ONE-AT-A-TIME.several-in-one-ballot", [drIn(edition, 20)], {
            candidates: r.evidence.candidatesInBallot,
          }),
        ]
      if ((r?.step === "admission-approval" || r?.step === "conversion-approval") && !r.evidence.collective)
        return [verdict("blocked", "DEV-ONE-AT-A-TIME.not-collective", [drIn(edition, 24)])]
      return []
    },
  }),
  defineRule({
    id: "DEV-MEETING-AFTER-PREREVIEW",
    title: { "zh-CN": "预审通过后一个月内召开支部大会", en: "Branch meeting within one month of pre-review" },
    description: {
      "zh-CN": "预审合格后，党支部应当在一个月内召开党员大会讨论接收预备党员",
      en: "After passing pre-review, the branch holds its general meeting within one month",
    },
    citations: [drIn(edition, 19)],
    steps: ["admission-meeting"],
    codes: ["due", "overdue", "late"],
    check: (ctx, policy) => {
      const passed = ctx.derived.preReviewPassedOn
      if (passed === undefined) return []
      const cites = [drIn(edition, 19)]
      return ctx.record
        ? lateWarning("DEV-MEETING-AFTER-PREREVIEW", passed, { months: 1 }, ctx.on, policy, cites)
        : [dueOrOverdue("DEV-MEETING-AFTER-PREREVIEW", passed, { months: 1 }, ctx.asOf, policy, cites)]
    },
  }),
  defineRule({
    id: "DEV-APPROVER",
    title: { "zh-CN": "只有党委有审批权", en: "Only a party committee approves" },
    description: {
      "zh-CN":
        "审批预备党员须由党委进行；乡镇（街道）党委所属基层党委、党总支、党支部、党组和临时党组织不能审批",
      en: "Only a party committee approves; not a committee under a township/street committee, a general branch, a branch, a party group or a temporary organization",
    },
    citations: [drIn(edition, 22)],
    steps: [...approverSteps],
    codes: ["temporary", "under-township", "not-committee"],
    recordsOnly: true,
    check: (ctx) => {
      const r = ctx.record
      if (r === undefined || !(approverSteps as readonly string[]).includes(r.step)) return []
      const e = r.evidence as { readonly approver: OrgNodeLike; readonly parentKind: OrgKind | null }
      const v = approvalAuthority(e.approver, e.parentKind ?? undefined)
      if (v.status === "allowed") return []
      const suffix = v.code.split(".")[1] ?? "not-committee"
      return [verdict("blocked", `DEV-APPROVER.${suffix}`, [drIn(edition, 22)], v.params)]
    },
  }),
  defineRule({
    id: "DEV-APPROVAL-WITHIN",
    title: { "zh-CN": "三个月内审批，最长不超过六个月", en: "Approval within 3 months, never beyond 6" },
    description: {
      "zh-CN": "上级党委应当在三个月内审批；特殊情况可适当延长审批时间，但不得超过六个月",
      en: "The committee approves within 3 months; special cases may take longer but never beyond 6 months",
    },
    citations: [drIn(edition, 25)],
    steps: ["admission-approval"],
    codes: ["due", "overdue", "late", "extended", "beyond-limit"],
    check: (ctx, policy) => approvalClock(ctx, policy, edition),
  }),
]

const approvalClock = (ctx: RuleContext, policy: DevelopmentPolicy, edition: Edition): Verdict[] => {
  const meeting = firstOf(ctx.history, "admission-meeting")
  if (meeting === undefined) return []
  const cites = [drIn(edition, 25)]
  const submitted = ctx.record?.step === "admission-approval" ? ctx.record.evidence.submittedOn : undefined
  const from = policy.approvalClockFrom === "submission" && submitted !== undefined ? submitted : meeting.on
  const hardEnd = periodEnd(from, { months: 6 }, policy.periodEnd)
  if (ctx.record?.step === "admission-approval") {
    if (isAfter(ctx.on, hardEnd))
      return [verdict("blocked", "DEV-APPROVAL-WITHIN.beyond-limit", cites, { from, limit: hardEnd })]
    const late = lateWarning("DEV-APPROVAL-WITHIN", from, { months: 3 }, ctx.on, policy, cites)
    if (late.length > 0 && ctx.record.evidence.delayReason !== undefined)
      return [
        verdict("warning", "DEV-APPROVAL-WITHIN.extended", cites, {
          from,
          reason: ctx.record.evidence.delayReason,
        }),
      ]
    return late
  }
  if (ctx.record !== undefined) return []
  if (isAfter(ctx.asOf, hardEnd))
    return [verdict("blocked", "DEV-APPROVAL-WITHIN.beyond-limit", cites, { from, limit: hardEnd })]
  return [dueOrOverdue("DEV-APPROVAL-WITHIN", from, { months: 3 }, ctx.asOf, policy, cites)]
}
