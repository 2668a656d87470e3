import { type Verdict, verdict } from "@xianfeng/core"
import { drIn, drInOrDistrict, type Edition, local } from "../citations.js"
import { ageOn, isBefore } from "../internal/days.js"
import { firstOf } from "../internal/records.js"
import { committeeLevelLabels } from "../labels.js"
import { type DevelopmentRule, defineRule } from "../rule.js"
import type { CommitteeLevel } from "../steps.js"

/** DR 26: only these may admit directly. */
export const directAdmissionLevels: readonly CommitteeLevel[] = ["central-committee", "provincial-committee"]

/** DR 27: posthumous admission is approved by the provincial-level committee (报省一级党委批准). */
export const posthumousApprovalLevel: CommitteeLevel = "provincial-committee"

const levelParams = (level: CommitteeLevel) => ({
  level: committeeLevelLabels[level].en,
  levelZh: committeeLevelLabels[level]["zh-CN"],
})

/**
 * Rules on the cases outside the ordinary path: the league's nomination of its members (DR 8), organizations
 * of mobile members (DR 40), direct admission (DR 26), posthumous admission (DR 27) and the non-recognition of
 * members admitted in breach of the rules (DR 41). 2026 article numbers; under 2014 Arts. 26–27 are 27–28 and
 * Arts. 40–41, whose 2014 counterparts are not confirmed, are applied as district policy (`drInOrDistrict`).
 */
export const specialCaseRules = (edition: Edition): DevelopmentRule[] => [
  defineRule({
    id: "DEV-LEAGUE-NOMINATION",
    title: { "zh-CN": "团员经团组织推优（本区）", en: "League members nominated by the league (district)" },
    description: {
      "zh-CN":
        "入党积极分子人选通过党员推荐、群团组织推优等方式产生；本区可规定一定年龄以下的共青团员须经团组织推优",
      en: "Candidates come from member recommendation or a mass organization's nomination; a district may require the league's nomination for league members up to an age",
    },
    citations: [drIn(edition, 8), local()],
    steps: ["activist-decision"],
    codes: ["not-nominated"],
    recordsOnly: true,
    check: (ctx, policy) => {
      if (ctx.record?.step !== "activist-decision") return []
      const maxAge = policy.leagueNominationUpToAge
      const e = ctx.record.evidence
      if (maxAge === null || e.leagueMember !== true || e.source === "league-nomination") return []
      const age = ageOn(ctx.history.person.birthDate, ctx.on)
      if (age > maxAge) return []
      return [
        verdict("blocked", "DEV-LEAGUE-NOMINATION.not-nominated", [local(), drIn(edition, 8)], {
          age,
          maxAge,
        }),
      ]
    },
  }),
  defineRule({
    id: "DEV-MOBILE-ORG",
    title: {
      "zh-CN": "不具备条件的流动党员党组织只做培养",
      en: "Mobile-member organizations without the conditions only cultivate",
    },
    description: {
      "zh-CN":
        "尚不具备发展党员条件的流动党员党组织，做好入党申请人教育引导和入党积极分子培养教育，并及时向有关党组织介绍情况、转交材料",
      en: "A mobile-member organization without the conditions educates applicants and cultivates activists, then hands the materials over; it does not decide candidates for membership",
    },
    citations: [drInOrDistrict(edition, 40)],
    steps: ["development-object-decision"],
    codes: ["not-qualified"],
    recordsOnly: true,
    check: (ctx) =>
      ctx.record?.step === "development-object-decision" && ctx.record.evidence.mobileOrg === "not-qualified"
        ? [verdict("blocked", "DEV-MOBILE-ORG.not-qualified", [drInOrDistrict(edition, 40)])]
        : [],
  }),
  defineRule({
    id: "DEV-DIRECT-ADMISSION",
    title: {
      "zh-CN": "中央和省级党委可直接接收党员",
      en: "Direct admission by central or provincial committees",
    },
    description: {
      "zh-CN": "在特殊情况下，党的中央和省（自治区、直辖市）委员会可以直接接收党员",
      en: "In special cases the Central Committee and provincial committees may admit members directly; no other body may",
    },
    citations: [drIn(edition, 26)],
    steps: ["direct-admission"],
    codes: ["not-entitled"],
    recordsOnly: true,
    check: (ctx) => {
      if (ctx.record?.step !== "direct-admission") return []
      const level = ctx.record.evidence.admittedBy
      return directAdmissionLevels.includes(level)
        ? []
        : [verdict("blocked", "DEV-DIRECT-ADMISSION.not-entitled", [drIn(edition, 26)], levelParams(level))]
    },
  }),
  defineRule({
    id: "DEV-POSTHUMOUS",
    title: { "zh-CN": "追认党员须报省一级党委批准", en: "Posthumous admission approved at provincial level" },
    description: {
      "zh-CN":
        "为党和人民利益英勇献身、生前一贯表现良好并曾提出入党要求的，可以追认为党员；由所在单位党组织讨论决定，经上级党委审查，报省一级党委批准",
      en: "Someone who died heroically, behaved well and had asked to join may be admitted posthumously: the unit decides, the higher committee reviews, the provincial committee approves",
    },
    citations: [drIn(edition, 27)],
    steps: ["posthumous-admission"],
    codes: ["not-requested", "approver", "before-death"],
    recordsOnly: true,
    check: (ctx) => {
      if (ctx.record?.step !== "posthumous-admission") return []
      const e = ctx.record.evidence
      const cites = [drIn(edition, 27)]
      const out: Verdict[] = []
      if (!e.requestedToJoin && firstOf(ctx.history, "apply") === undefined)
        out.push(verdict("blocked", "DEV-POSTHUMOUS.not-requested", cites))
      if (e.approvedBy !== posthumousApprovalLevel)
        out.push(verdict("blocked", "DEV-POSTHUMOUS.approver", cites, levelParams(e.approvedBy)))
      if (isBefore(ctx.on, e.diedOn))
        out.push(verdict("blocked", "DEV-POSTHUMOUS.before-death", cites, { diedOn: e.diedOn }))
      return out
    },
  }),
  defineRule({
    id: "DEV-NOT-RECOGNISED",
    title: {
      "zh-CN": "违规吸收入党的不予承认",
      en: "No recognition of members admitted in breach of the rules",
    },
    description: {
      "zh-CN":
        "对违反规定吸收入党的，应当综合分析研判，不符合党员条件的，一律不予承认党员身份，并在党支部党员大会上公布",
      en: "Someone admitted in breach of the rules is reviewed; one who does not meet the conditions is not recognised as a member, announced at a branch general meeting",
    },
    citations: [drInOrDistrict(edition, 41)],
    steps: ["membership-not-recognised"],
    codes: ["meets-conditions", "not-announced"],
    recordsOnly: true,
    check: (ctx) => {
      if (ctx.record?.step !== "membership-not-recognised") return []
      const e = ctx.record.evidence
      const cites = [drInOrDistrict(edition, 41)]
      const out: Verdict[] = []
      if (e.meetsConditions) out.push(verdict("blocked", "DEV-NOT-RECOGNISED.meets-conditions", cites))
      if (!e.announcedAtMeeting) out.push(verdict("blocked", "DEV-NOT-RECOGNISED.not-announced", cites))
      return out
    },
  }),
]
