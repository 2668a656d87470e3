import type { Citation } from "@xianfeng/core"
import { br } from "./citations.js"
import type { SittingType } from "./obligations.js"

// ---------------------------------------------------------------------------------------------------------
// 应到人员: who a sitting expects. The roll call of a meeting record counts the present against them, so a
// branch committee meeting (支委会) counted against the whole branch would show a committee of five that met in
// full as 5/30.
// ---------------------------------------------------------------------------------------------------------

/** The posts of a branch committee (支部委员会): 书记, 副书记, 委员. */
export const committeePosts = ["secretary", "deputy-secretary", "committee-member"] as const
export type CommitteePost = (typeof committeePosts)[number]

/**
 * 委员分工: what a committee member (`committee-member`) of a branch committee is charged with, from the national
 * data standard's 党内职务 codes (C11: 030U 组织委员, 031U 宣传委员, 034U 纪检委员, 035U 青年委员, 036U 工会委员,
 * 037U 保密委员, 038U 妇女委员); a member without one is a plain 委员. Secretaries (001A) and deputies (001B) have none.
 */
export const committeeDuties = [
  "organization",
  "propaganda",
  "discipline",
  "youth",
  "union",
  "secrecy",
  "women",
] as const
export type CommitteeDuty = (typeof committeeDuties)[number]

/** Each post and duty's name in Chinese and English, with its C11 code (党内职务). */
export const committeePostNames: Readonly<
  Record<CommitteePost | CommitteeDuty, { readonly zh: string; readonly en: string; readonly code: string }>
> = {
  secretary: { zh: "书记", en: "secretary", code: "001A" },
  "deputy-secretary": { zh: "副书记", en: "deputy secretary", code: "001B" },
  "committee-member": { zh: "委员", en: "committee member", code: "0000" },
  organization: { zh: "组织委员", en: "organization member", code: "030U" },
  propaganda: { zh: "宣传委员", en: "propaganda member", code: "031U" },
  discipline: { zh: "纪检委员", en: "discipline inspection member", code: "034U" },
  youth: { zh: "青年委员", en: "youth member", code: "035U" },
  union: { zh: "工会委员", en: "trade union member", code: "036U" },
  secrecy: { zh: "保密委员", en: "secrecy member", code: "037U" },
  women: { zh: "妇女委员", en: "women's member", code: "038U" },
}

/** One member on a branch's roll, with the posts they hold (any strings; only `committeePosts` count here). */
export interface RollMember {
  readonly posts: readonly string[]
}

/** Whom a sitting expects: the branch committee's members, or every member on the branch's roll. */
export interface ExpectedRoll<M extends RollMember> {
  readonly basis: "committee" | "branch"
  readonly members: readonly M[]
  /** The articles the choice rests on. */
  readonly citations: readonly Citation[]
}

/** Whether a member holds a post of the branch committee. */
export const onCommittee = (m: RollMember): boolean =>
  m.posts.some((p) => (committeePosts as readonly string[]).includes(p))

/**
 * The members a sitting of `types` expects (应到), from the branch's `roll` (full and probationary members, each
 * with its posts), in the roll's order.
 *
 * - A sitting that is only a branch committee meeting (`types` = `["committee-meeting"]`) expects the
 *   committee: the members holding a `committeePosts` post (BR 12: 党支部委员会会议须有半数以上委员到会方可召开 — the
 *   quorum is of the committee's members, not of the branch). A branch with no committee member on record gets
 *   an empty list (basis `committee`): the caller says so rather than count the branch.
 * - Any other sitting, including a committee meeting held together with another kind (a joint sitting with the
 *   general meeting, a theme day), expects the whole roll (BR 11: 党员大会 is of all members; lectures, theme days
 *   and org-life meetings are for every member).
 *
 * Pure; never fails. An empty `types` expects the whole roll.
 */
export const expectedRoll = <M extends RollMember>(
  types: readonly SittingType[],
  roll: readonly M[],
): ExpectedRoll<M> =>
  types.length > 0 && types.every((t) => t === "committee-meeting")
    ? { basis: "committee", members: roll.filter(onCommittee), citations: [br(12)] }
    : { basis: "branch", members: roll, citations: [br(11)] }

/**
 * 缺席原因: why an expected member did not attend, the kinds a meeting ledger records (缺席人员及原因: 事假, 病假,
 * 公假 (公出), 其他 with a note). The order is the order a form offers them.
 */
export const absenceKinds = ["personal", "sick", "official", "other"] as const
export type AbsenceKind = (typeof absenceKinds)[number]

/** Each absence kind's name in Chinese and English. */
export const absenceKindNames: Readonly<Record<AbsenceKind, { readonly zh: string; readonly en: string }>> = {
  personal: { zh: "事假", en: "personal leave" },
  sick: { zh: "病假", en: "sick leave" },
  official: { zh: "公假", en: "on official duty" },
  other: { zh: "其他", en: "other" },
}
