import { compareDates, type FieldError, fieldError, type PlainDate } from "@xianfeng/core"
import { Result } from "effect"
import { dr } from "./citations.js"

// ---------------------------------------------------------------------------------------------------------
// A development step decided at a meeting links the meeting record (组织生活's 会议记录) instead of retyping
// its date, attendance and votes: one record, entered once. The app reads the meeting and passes it here as
// plain data; this module says which kind of sitting decides each step, fills the step's evidence from the
// meeting and names every field that does not fit. The quorum and the majority are then judged by the rules
// as for a typed record (DEV-QUORUM, on core's `meetingOutcome`).
// ---------------------------------------------------------------------------------------------------------

/** The steps decided at a sitting of the person's branch. */
export const meetingDecidedSteps = [
  "activist-decision",
  "development-object-decision",
  "admission-meeting",
  "conversion-meeting",
] as const
export type MeetingDecidedStep = (typeof meetingDecidedSteps)[number]

export const isMeetingDecidedStep = (step: string): step is MeetingDecidedStep =>
  (meetingDecidedSteps as readonly string[]).includes(step)

/** The sitting kinds that decide development steps (the `SittingType`s of 组织生活 with these names). */
export type DecidingSitting = "committee-meeting" | "general-meeting"

/** The articles that name the body deciding each step. */
export const decidingSittingCitations = {
  "activist-decision": [dr(8)],
  "development-object-decision": [dr(13)],
  "admission-meeting": [dr(19)],
  "conversion-meeting": [dr(32)],
} as const

/**
 * The kind of sitting that decides a step:
 * - 确定入党积极分子 and 确定发展对象: the branch committee (支部委员会), or the branch general meeting where the
 *   branch has no committee (DR 8, 13) — as the evidence's `decidedBy` says;
 * - 接收预备党员 and 预备党员转正: the branch general meeting (支部大会, DR 19, 32).
 */
export const decidingSittingOf = (step: MeetingDecidedStep, decidedBy?: unknown): DecidingSitting =>
  step === "admission-meeting" || step === "conversion-meeting"
    ? "general-meeting"
    : decidedBy === "general-meeting"
      ? "general-meeting"
      : "committee-meeting"

/** A vote of a meeting as recorded (the numbers of `@xianfeng/core`'s `VoteTally` and what it was on). */
export interface LinkedVote {
  /** `admission` and `conversion` are a person's ballot; `ordinary` is any other business. */
  readonly matter: string
  /** Whom the ballot was on: the person's name as the minutes give it (or their member id). */
  readonly subject: string
  readonly expectedVoters: number
  readonly presentVoters: number
  readonly writtenOpinions: number
  readonly yesVotes: number
  readonly noVotes: number
  readonly abstentions: number
}

/** A meeting record as this package reads it, passed in as plain data. */
export interface DecidingMeeting {
  readonly id: string
  /** The organization that sat. */
  readonly orgId: string
  /** Its sitting kinds: one sitting may be several at once. */
  readonly types: readonly string[]
  readonly on: PlainDate
  /** Probationary members present (they attend and do not vote, PC 7). */
  readonly presentProbationary: number
  readonly votes: readonly LinkedVote[]
}

/** The person whose step is decided: their branch and how the minutes name them. */
export interface DecidedPerson {
  readonly id: string
  readonly orgId: string
  readonly name: string
}

/** The step as the client sent it (raw evidence; the date may be left to the meeting). */
export interface StepAtMeeting {
  readonly step: string
  readonly on?: PlainDate | undefined
  readonly evidence: Readonly<Record<string, unknown>>
}

/** The step's date and its evidence with the meeting's figures filled in. */
export interface LinkedStep {
  readonly on: PlainDate
  readonly evidence: Record<string, unknown>
}

/** The evidence fields of `admission-meeting` and `conversion-meeting` a meeting record holds. */
export const meetingFilledFields = [
  "expectedVoters",
  "presentVoters",
  "writtenOpinions",
  "yesVotes",
  "noVotes",
  "abstentions",
  "probationaryPresent",
] as const

const matterOf = (step: "admission-meeting" | "conversion-meeting") =>
  step === "admission-meeting" ? "admission" : "conversion"

/** The votes of a meeting on one person's admission or conversion, with their index in the record. */
export const votesOnPerson = (
  meeting: Pick<DecidingMeeting, "votes">,
  step: "admission-meeting" | "conversion-meeting",
  person: Pick<DecidedPerson, "id" | "name">,
): readonly { readonly index: number; readonly vote: LinkedVote }[] =>
  meeting.votes.flatMap((vote, index) => {
    const subject = vote.subject.trim()
    return vote.matter === matterOf(step) && (subject === person.name.trim() || subject === person.id)
      ? [{ index, vote }]
      : []
  })

const kindName: Record<DecidingSitting, { en: string; zh: string }> = {
  "committee-meeting": { en: "a branch committee meeting", zh: "支部委员会会议" },
  "general-meeting": { en: "a branch general meeting", zh: "支部党员大会" },
}

/**
 * Fills a step from the meeting that decided it. Field errors (all of them, none when it fits):
 * - `meetingId` `not-decided-at-meeting`: the step is not one of `meetingDecidedSteps`;
 * - `meetingId` `other-organization`: the meeting is not of the person's branch (the organization that decides);
 * - `meetingId` `wrong-kind`: the meeting is not the sitting that decides the step (`decidingSittingOf`, with
 *   its article); for the two decisions with `decidedBy` left out, it is taken from the meeting;
 * - `onDate` `not-meeting-date`: the step's date is not the meeting's (left out, it is the meeting's);
 * - `meetingId` `no-vote` / `several-votes`: for admission and conversion, the meeting must hold exactly one
 *   ballot of that matter whose subject is the person's name (or member id);
 * - `evidence.<field>` `disagrees-with-meeting`: a typed figure differs from the meeting's.
 * On success the evidence carries the ballot's numbers and `probationaryPresent` from the meeting; what the
 * meeting record does not hold (`candidatesInBallot`, `secretBallot`, opinions heard, source) stays as sent.
 */
export const linkStepToMeeting = (
  step: StepAtMeeting,
  meeting: DecidingMeeting,
  person: DecidedPerson,
): Result.Result<LinkedStep, readonly FieldError[]> => {
  const errors: FieldError[] = []
  if (!isMeetingDecidedStep(step.step)) {
    return Result.fail([
      fieldError(
        "meetingId",
        "not-decided-at-meeting",
        `step "${step.step}" is not decided at a branch meeting; only the activist and development-object decisions, admission and conversion link one`,
        `步骤“${step.step}”不是由支部会议决定的；只有确定入党积极分子、确定发展对象、接收预备党员和预备党员转正可以关联会议记录`,
      ),
    ])
  }
  const s = step.step
  if (meeting.orgId !== person.orgId) {
    errors.push(
      fieldError(
        "meetingId",
        "other-organization",
        "the meeting is not of the person's branch, which decides the step",
        "该会议不是此人所在党支部的会议，不能据以决定这一步骤",
      ),
    )
  }
  const evidence: Record<string, unknown> = { ...step.evidence }
  const decision = s === "activist-decision" || s === "development-object-decision"
  if (decision && evidence.decidedBy === undefined) {
    // Left out: the meeting says who decided (a committee meeting, else a general meeting).
    if (meeting.types.includes("committee-meeting")) evidence.decidedBy = "branch-committee"
    else if (meeting.types.includes("general-meeting")) evidence.decidedBy = "general-meeting"
  }
  const kind = decidingSittingOf(s, evidence.decidedBy)
  if (!meeting.types.includes(kind)) {
    const article = decidingSittingCitations[s][0].article
    errors.push(
      fieldError(
        "meetingId",
        "wrong-kind",
        `this step is decided by ${kindName[kind].en} (DR ${article}); the chosen meeting is not ${kindName[kind].en}`,
        `这一步骤应由${kindName[kind].zh}决定（《发展党员工作细则》第${article}条），所选会议不是${kindName[kind].zh}`,
      ),
    )
  }
  if (step.on !== undefined && compareDates(step.on, meeting.on) !== 0) {
    errors.push(
      fieldError(
        "onDate",
        "not-meeting-date",
        `the step is dated ${step.on} but the meeting sat on ${meeting.on}`,
        `步骤日期${step.on}与会议日期${meeting.on}不一致`,
      ),
    )
  }
  if (s === "admission-meeting" || s === "conversion-meeting") {
    const found = votesOnPerson(meeting, s, person)
    const matter = matterOf(s)
    const matterZh = matter === "admission" ? "接收预备党员" : "预备党员转正"
    if (found.length === 0) {
      errors.push(
        fieldError(
          "meetingId",
          "no-vote",
          `the meeting records no ${matter} vote on ${person.name}`,
          `该会议记录中没有对${person.name}的${matterZh}表决`,
        ),
      )
    } else if (found.length > 1) {
      errors.push(
        fieldError(
          "meetingId",
          "several-votes",
          `the meeting records ${found.length} ${matter} votes on ${person.name}; it must be one`,
          `该会议记录中有${found.length}次对${person.name}的${matterZh}表决，应为一次`,
        ),
      )
    } else {
      const v = found[0]?.vote as LinkedVote
      const figures: Record<(typeof meetingFilledFields)[number], number> = {
        expectedVoters: v.expectedVoters,
        presentVoters: v.presentVoters,
        writtenOpinions: v.writtenOpinions,
        yesVotes: v.yesVotes,
        noVotes: v.noVotes,
        abstentions: v.abstentions,
        probationaryPresent: meeting.presentProbationary,
      }
      for (const f of meetingFilledFields) {
        const typed = evidence[f]
        if (typed !== undefined && typed !== figures[f]) {
          errors.push(
            fieldError(
              `evidence.${f}`,
              "disagrees-with-meeting",
              `${String(typed)} was typed but the meeting record says ${figures[f]}`,
              `填写的${String(typed)}与会议记录的${figures[f]}不一致`,
            ),
          )
        }
        evidence[f] = figures[f]
      }
    }
  }
  return errors.length > 0 ? Result.fail(errors) : Result.succeed({ on: step.on ?? meeting.on, evidence })
}

/**
 * Whether a meeting, as it would be after an edit, still decides a step linked to it as recorded: the same
 * person's branch, kind, date and figures. Empty when it does; otherwise the errors of `linkStepToMeeting` —
 * the app names them by the meeting's fields and refuses the edit (a decided step is not rewritten behind its
 * back; a record entered in error is removed first, then the meeting corrected and the step recorded again).
 */
export const linkStillHolds = (
  record: {
    readonly step: string
    readonly on: PlainDate
    readonly evidence: Readonly<Record<string, unknown>>
  },
  meeting: DecidingMeeting,
  person: DecidedPerson,
): readonly FieldError[] => {
  const linked = linkStepToMeeting(record, meeting, person)
  return Result.isFailure(linked) ? linked.failure : []
}
