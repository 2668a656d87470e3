import { type FieldError, fieldError, isAfter, meetingOutcome, type PlainDate } from "@xianfeng/core"
import { Schema } from "effect"
import { Choice, ClockTime, Fields, IsoDate, List, NonNegativeInt, Text } from "./internal/schemas.js"
import { type SittingType, sittingTypes } from "./obligations.js"
import type { DisciplinePolicy } from "./policy.js"

// ---------------------------------------------------------------------------------------------------------
// One meeting record, entered once, serves every ledger: a sitting that is at once the general meeting, the
// theme party day and a party lecture is one record with three types, counted for each obligation. The
// contents follow common unit rules (reference §2 [P]): time, place, chair, recorder, attendance, absentees
// with reasons, agenda, resolutions and votes.
// ---------------------------------------------------------------------------------------------------------

export const SittingTypeSchema = Choice(sittingTypes)

/** Full and probationary members apart: probationary members attend but have no vote (PC 7). */
export const Headcount = Fields({ full: NonNegativeInt, probationary: NonNegativeInt })
export type Headcount = typeof Headcount.Type

export const Absentee = Fields({ memberId: Text, reason: Text })
export type Absentee = typeof Absentee.Type

/** 第一议题: what was studied first, and how (集中学习, 专题研讨, 观看视频…) [P]. */
export const FirstItem = Fields({ topic: Text, form: Text })
export type FirstItem = typeof FirstItem.Type

export const Resolution = Fields({ text: Text, owner: Text, deadline: IsoDate })
export type Resolution = typeof Resolution.Type

/** `ordinary` business needs at least half present (BR 11); `admission`/`conversion` more than half (DR 19). */
export const VoteMatter = Choice(["ordinary", "admission", "conversion"])
export type VoteMatter = typeof VoteMatter.Type

export const Vote = Fields({
  matter: VoteMatter,
  subject: Text,
  expectedVoters: NonNegativeInt,
  presentVoters: NonNegativeInt,
  writtenOpinions: NonNegativeInt,
  yesVotes: NonNegativeInt,
  noVotes: NonNegativeInt,
  abstentions: NonNegativeInt,
})
export type Vote = typeof Vote.Type

export const MeetingRecord = Fields({
  orgId: Text,
  types: List(SittingTypeSchema).check(
    Schema.isMinLength(1, { message: "至少选择一种会议类型 ¦ choose at least one kind of sitting" }),
  ),
  date: IsoDate,
  startTime: ClockTime,
  endTime: ClockTime,
  place: Text,
  chair: Text,
  recorder: Text,
  expected: Headcount,
  present: Headcount,
  /** The members present, when the form ticks them (the API checks they belong to the branch). */
  attendees: Schema.optionalKey(List(Text)),
  absentees: List(Absentee),
  observers: List(Text),
  firstItem: Schema.optionalKey(FirstItem),
  agenda: List(Text),
  resolutions: List(Resolution),
  votes: List(Vote),
})
export type MeetingRecord = typeof MeetingRecord.Type

/** Decodes untrusted input (a form, JSON) into a meeting record; the error names the field. */
export const decodeMeetingRecord = Schema.decodeUnknownResult(MeetingRecord)

const needsFirstItem: readonly SittingType[] = [
  "general-meeting",
  "committee-meeting",
  "group-meeting",
  "party-lecture",
]

/**
 * What the schema cannot see, as field errors (none when the record holds together):
 * - `date`: a meeting is not dated after the day it is entered (`asOf`);
 * - `endTime`: not before `startTime`;
 * - `present.full`, `present.probationary`: not more present than expected;
 * - `attendees`: as many ticked as present, no one twice, no one also absent;
 * - `absentees`: no more absentees than the expected minus the present;
 * - `firstItem`: required for 三会一课 when the district says so (`firstAgendaItemRequired`, [P]);
 * - `resolutions[i].deadline`: not before the meeting;
 * - `votes[i]`: voters present not more than the full members present, and the tally adds up
 *   (`meetingOutcome`'s `consistent`, DR 20: yes + no + abstentions ≤ present + written ≤ expected).
 */
export const validateMeeting = (
  m: MeetingRecord,
  asOf: PlainDate,
  policy: DisciplinePolicy,
): readonly FieldError[] => {
  const errors: FieldError[] = []
  const e = (field: string, reason: string, en: string, zh: string) =>
    errors.push(fieldError(field, reason, en, zh))
  if (isAfter(m.date, asOf)) {
    e(
      "date",
      "future",
      `a meeting cannot be dated ${m.date}, after today (${asOf})`,
      `会议日期（${m.date}）不能晚于今天（${asOf}）`,
    )
  }
  if (m.endTime < m.startTime)
    e("endTime", "before-start", "the meeting ends before it starts", "结束时间早于开始时间")
  for (const k of ["full", "probationary"] as const) {
    if (m.present[k] > m.expected[k]) {
      e(
        `present.${k}`,
        "more-than-expected",
        `${m.present[k]} present but only ${m.expected[k]} expected`,
        `实到${m.present[k]}人，多于应到${m.expected[k]}人`,
      )
    }
  }
  const presentTotal = m.present.full + m.present.probationary
  const expectedTotal = m.expected.full + m.expected.probationary
  if (m.attendees !== undefined) {
    const ticked = new Set(m.attendees)
    if (ticked.size !== m.attendees.length)
      e("attendees", "duplicate", "a member is ticked twice", "有党员被重复勾选")
    else if (ticked.size !== presentTotal) {
      e(
        "attendees",
        "count",
        `${ticked.size} ticked but ${presentTotal} present`,
        `勾选${ticked.size}人，与实到${presentTotal}人不符`,
      )
    }
    if (m.absentees.some((a) => ticked.has(a.memberId))) {
      e("absentees", "also-present", "a member is both present and absent", "有党员既在出席名单又在缺席名单")
    }
  }
  if (m.absentees.length > Math.max(0, expectedTotal - presentTotal)) {
    e(
      "absentees",
      "count",
      `${m.absentees.length} absentees but only ${expectedTotal - presentTotal} expected members are missing`,
      `缺席${m.absentees.length}人，多于应到未到的${Math.max(0, expectedTotal - presentTotal)}人`,
    )
  }
  if (
    policy.firstAgendaItemRequired &&
    m.firstItem === undefined &&
    m.types.some((t) => needsFirstItem.includes(t))
  ) {
    e(
      "firstItem",
      "required",
      "record the first agenda item (topic and form)",
      "请记录第一议题（学习内容和形式）",
    )
  }
  m.resolutions.forEach((r, i) => {
    if (isAfter(m.date, r.deadline)) {
      e(
        `resolutions[${i}].deadline`,
        "before-meeting",
        "a deadline cannot precede the meeting",
        "完成时限不能早于会议日期",
      )
    }
  })
  m.votes.forEach((v, i) => {
    if (v.presentVoters > m.present.full) {
      e(
        `votes[${i}].presentVoters`,
        "more-than-present",
        `${v.presentVoters} voters but ${m.present.full} full members present (probationary members do not vote)`,
        `表决人数${v.presentVoters}多于到会正式党员${m.present.full}人（预备党员没有表决权）`,
      )
    }
    if (!meetingOutcome(v).consistent) {
      e(
        `votes[${i}]`,
        "tally",
        "the tally does not add up: votes exceed voters present plus written opinions, or those exceed the expected",
        "票数不符：表决票多于到会人数加书面意见，或到会人数加书面意见多于应到人数",
      )
    }
  })
  return errors
}

/** How a vote at this sitting came out, with the quorum its matter needs (BR 11 for ordinary, DR 19 otherwise). */
export const voteOutcome = (v: Vote) =>
  meetingOutcome(v, v.matter === "ordinary" ? "at-least-half" : "more-than-half")
