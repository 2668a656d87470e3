import { date } from "@xianfeng/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  type DecidingMeeting,
  decidingSittingOf,
  type LinkedVote,
  linkStepToMeeting,
  linkStillHolds,
  type MeetingEvidence,
  meetingOutcome,
} from "../src/index.js"

const person = { id: "m-1", orgId: "b1", name: "张三" }
const onZhang: LinkedVote = {
  matter: "admission",
  subject: "张三",
  expectedVoters: 9,
  presentVoters: 5,
  writtenOpinions: 0,
  yesVotes: 5,
  noVotes: 0,
  abstentions: 0,
}
const general: DecidingMeeting = {
  id: "mt-1",
  orgId: "b1",
  types: ["general-meeting", "party-lecture"],
  on: date("2026-05-12"),
  presentProbationary: 1,
  votes: [
    onZhang,
    {
      matter: "admission",
      subject: "李四",
      expectedVoters: 9,
      presentVoters: 5,
      writtenOpinions: 0,
      yesVotes: 3,
      noVotes: 2,
      abstentions: 0,
    },
  ],
}
const admission = { step: "admission-meeting", evidence: { candidatesInBallot: 1, secretBallot: true } }
const fields = (r: Result.Result<unknown, readonly { field: string; reason: string }[]>) =>
  Result.isFailure(r) ? r.failure.map((e) => `${e.field}:${e.reason}`) : []

describe("which sitting decides a step (DR 8, 13, 19, 32)", () => {
  it("admission and conversion are decided by the branch general meeting", () => {
    expect(decidingSittingOf("admission-meeting")).toBe("general-meeting")
    expect(decidingSittingOf("conversion-meeting", "branch-committee")).toBe("general-meeting")
  })
  it("activists and development objects by the branch committee, or the general meeting without one", () => {
    expect(decidingSittingOf("activist-decision", "branch-committee")).toBe("committee-meeting")
    expect(decidingSittingOf("development-object-decision", "general-meeting")).toBe("general-meeting")
  })
})

describe("linkStepToMeeting", () => {
  it("takes the date and the person's ballot from the meeting, not from typing", () => {
    const r = linkStepToMeeting(admission, general, person)
    expect(Result.isSuccess(r)).toBe(true)
    if (Result.isFailure(r)) return
    expect(r.success.on.toString()).toBe("2026-05-12")
    expect(r.success.evidence).toMatchObject({
      expectedVoters: 9,
      presentVoters: 5,
      yesVotes: 5,
      probationaryPresent: 1,
      candidatesInBallot: 1,
      secretBallot: true,
    })
  })

  it("the quorum is then judged on the meeting's numbers: 5 of 9 present is more than half, 4 of 9 is not", () => {
    const ok = linkStepToMeeting(admission, general, person)
    if (Result.isFailure(ok)) throw new Error("expected a link")
    expect(meetingOutcome(ok.success.evidence as MeetingEvidence).quorum).toBe(true)
    const thin = linkStepToMeeting(
      admission,
      { ...general, votes: [{ ...onZhang, presentVoters: 4, yesVotes: 4 }] },
      person,
    )
    if (Result.isFailure(thin)) throw new Error("expected a link")
    expect(meetingOutcome(thin.success.evidence as MeetingEvidence).quorum).toBe(false)
  })

  it("names the typed figure that disagrees with the meeting", () => {
    const r = linkStepToMeeting(
      { ...admission, evidence: { ...admission.evidence, yesVotes: 6, presentVoters: 5 } },
      general,
      person,
    )
    expect(fields(r)).toEqual(["evidence.yesVotes:disagrees-with-meeting"])
  })

  it("refuses another branch's meeting, the wrong kind, another date and a meeting without the person's vote", () => {
    expect(fields(linkStepToMeeting(admission, { ...general, orgId: "b2" }, person))).toEqual([
      "meetingId:other-organization",
    ])
    expect(
      fields(linkStepToMeeting(admission, { ...general, types: ["committee-meeting"] }, person)),
    ).toEqual(["meetingId:wrong-kind"])
    expect(fields(linkStepToMeeting({ ...admission, on: date("2026-05-13") }, general, person))).toEqual([
      "onDate:not-meeting-date",
    ])
    expect(fields(linkStepToMeeting(admission, general, { ...person, name: "王五" }))).toEqual([
      "meetingId:no-vote",
    ])
    expect(fields(linkStepToMeeting({ step: "conversion-meeting", evidence: {} }, general, person))).toEqual([
      "meetingId:no-vote",
    ])
    expect(fields(linkStepToMeeting({ step: "oath", evidence: {} }, general, person))).toEqual([
      "meetingId:not-decided-at-meeting",
    ])
  })

  it("a committee decision takes decidedBy from the meeting, and refuses a general meeting said to be the committee", () => {
    const committee = { ...general, types: ["committee-meeting"], votes: [] }
    const r = linkStepToMeeting(
      { step: "activist-decision", evidence: { source: "member-recommendation" } },
      committee,
      person,
    )
    expect(Result.isSuccess(r) && r.success.evidence.decidedBy).toBe("branch-committee")
    expect(
      fields(
        linkStepToMeeting(
          { step: "development-object-decision", evidence: { decidedBy: "branch-committee" } },
          general,
          person,
        ),
      ),
    ).toEqual(["meetingId:wrong-kind"])
  })
})

describe("linkStillHolds", () => {
  const linked = linkStepToMeeting(admission, general, person)
  if (Result.isFailure(linked)) throw new Error("expected a link")
  const record = { step: "admission-meeting", ...linked.success }
  it("holds while the edit leaves the person's ballot, the date and the kind alone", () => {
    expect(linkStillHolds(record, { ...general, votes: [...general.votes].reverse() }, person)).toEqual([])
  })
  it("breaks when the edit changes the ballot or the date", () => {
    const changed = { ...general, votes: [{ ...onZhang, yesVotes: 4, noVotes: 1 }] }
    expect(linkStillHolds(record, changed, person).map((e) => e.field)).toEqual([
      "evidence.yesVotes",
      "evidence.noVotes",
    ])
    expect(
      linkStillHolds(record, { ...general, on: date("2026-05-11") }, person).map((e) => e.reason),
    ).toEqual(["not-meeting-date"])
  })
})
