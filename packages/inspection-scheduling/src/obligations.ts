import type { Citation, LocalizedText, OrgKind, QuorumRule } from "@xianfeng/core"
import type { Cadence } from "./calendar-period.js"
import { br, em } from "./citations.js"
import type { DisciplinePolicy } from "./policy.js"

/**
 * The kinds of sitting a meeting record may be (one sitting may be several at once):
 * - `general-meeting` 支部党员大会; `committee-meeting` 支委会; `group-meeting` 党小组会;
 * - `party-lecture` 党课; `theme-day` 主题党日;
 * - `org-life-meeting` 组织生活会; `democratic-appraisal` 民主评议党员.
 */
export const sittingTypes = [
  "general-meeting",
  "committee-meeting",
  "group-meeting",
  "party-lecture",
  "theme-day",
  "org-life-meeting",
  "democratic-appraisal",
] as const
export type SittingType = (typeof sittingTypes)[number]

/** Heart-to-heart talks 谈心谈话, one obligation per pair type (BR 19). */
export const talkPairs = ["committee-committee", "committee-member", "member-member"] as const
export type TalkPair = (typeof talkPairs)[number]

/** What an organization must hold: a sitting type, or a talk of a pair type (`talk:committee-member`). */
export type ObligationId = SittingType | `talk:${TalkPair}`

/** One recurring duty of an organization, with its cadence, its quorum if it votes, and its articles. */
export interface Obligation {
  readonly id: ObligationId
  readonly title: LocalizedText
  readonly cadence: Cadence
  /** Sittings needed per period (all obligations here need one). */
  readonly times: number
  /** The quorum a vote at this sitting needs for ordinary business (BR 11–12); none for a lecture. */
  readonly quorum?: QuorumRule
  /** Theme party day: the day of the month the district fixed (`themeDayOfMonth`). */
  readonly dayOfMonth?: number
  /** Organizational life meeting: the quarter it is usually held in (`orgLifeMeetingQuarter`). */
  readonly usualQuarter?: number
  readonly citations: readonly Citation[]
}

export const obligationTitles: Readonly<Record<ObligationId, LocalizedText>> = {
  "general-meeting": { "zh-CN": "支部党员大会", en: "branch general meeting" },
  "committee-meeting": { "zh-CN": "支部委员会会议", en: "branch committee meeting" },
  "group-meeting": { "zh-CN": "党小组会", en: "party group meeting" },
  "party-lecture": { "zh-CN": "党课", en: "party lecture" },
  "theme-day": { "zh-CN": "主题党日", en: "theme party day" },
  "org-life-meeting": { "zh-CN": "组织生活会", en: "organizational life meeting" },
  "democratic-appraisal": { "zh-CN": "民主评议党员", en: "democratic appraisal of members" },
  "talk:committee-committee": {
    "zh-CN": "支委之间谈心谈话",
    en: "heart-to-heart talks among committee members",
  },
  "talk:committee-member": {
    "zh-CN": "支委与党员谈心谈话",
    en: "heart-to-heart talks, committee with members",
  },
  "talk:member-member": { "zh-CN": "党员之间谈心谈话", en: "heart-to-heart talks among members" },
}

/** What the obligations of an organization depend on besides its kind. */
export interface OrgShape {
  readonly kind: OrgKind
  /** A branch of 7 or more full members elects a committee; a smaller one has a secretary only (BR). */
  readonly hasCommittee: boolean
  /** The branch is divided into party groups 党小组. */
  readonly hasGroups: boolean
}

const make = (
  id: ObligationId,
  cadence: Cadence,
  citations: readonly Citation[],
  extra: Partial<Pick<Obligation, "quorum" | "dayOfMonth" | "usualQuarter">> = {},
): Obligation => ({ id, title: obligationTitles[id], cadence, times: 1, citations, ...extra })

/**
 * The obligations of an organization under a policy, in a stable order. A branch 党支部 holds:
 * - a general meeting generally once a quarter, voting with at least half present (BR 11);
 * - a committee meeting generally monthly, if it has a committee (BR 12);
 * - party group meetings generally monthly, if it has groups (BR 13–14);
 * - a party lecture: at least yearly, quarterly as the common default (`partyLectureCadence`, BR 16; EM 16);
 * - a theme party day monthly on a fixed day (`themeDayOfMonth`, BR 16; EM 16);
 * - an organizational life meeting at least yearly, usually in Q4 (`orgLifeMeetingQuarter`, BR 17; EM 17);
 * - a democratic appraisal of members yearly (BR 18; EM 18);
 * - heart-to-heart talks at least yearly for each pair type — among committee members only where there is a
 *   committee (BR 19).
 * A general branch 党总支 and the committees above hold a yearly party lecture by their secretary (BR 16;
 * EM 16); their own meetings are outside this package. A leading party group 党组 has none here.
 */
export const obligationsOf = (org: OrgShape, policy: DisciplinePolicy): readonly Obligation[] => {
  const lecture = make("party-lecture", org.kind === "branch" ? policy.partyLectureCadence : "year", [
    br(16),
    em(16),
  ])
  if (org.kind === "party-group") return []
  if (org.kind !== "branch") return [lecture]
  return [
    make("general-meeting", "quarter", [br(11)], { quorum: "at-least-half" }),
    ...(org.hasCommittee ? [make("committee-meeting", "month", [br(12)], { quorum: "at-least-half" })] : []),
    ...(org.hasGroups ? [make("group-meeting", "month", [br(13), br(14)])] : []),
    lecture,
    make("theme-day", "month", [br(16), em(16)], { dayOfMonth: policy.themeDayOfMonth }),
    make("org-life-meeting", "year", [br(17), em(17)], { usualQuarter: policy.orgLifeMeetingQuarter }),
    make("democratic-appraisal", "year", [br(18), em(18)]),
    ...(org.hasCommittee ? [make("talk:committee-committee", "year", [br(19)])] : []),
    make("talk:committee-member", "year", [br(19)]),
    make("talk:member-member", "year", [br(19)]),
  ]
}
