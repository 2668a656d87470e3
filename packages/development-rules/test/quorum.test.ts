import { describe, expect, it } from "vitest"
import { type MeetingEvidence, meetingOutcome } from "../src/index.js"

const m = (x: Partial<MeetingEvidence>): MeetingEvidence => ({
  expectedVoters: 9,
  presentVoters: 5,
  writtenOpinions: 0,
  yesVotes: 5,
  noVotes: 0,
  abstentions: 0,
  probationaryPresent: 0,
  candidatesInBallot: 1,
  secretBallot: true,
  ...x,
})

describe("meetingOutcome (DR 19, 20)", () => {
  it("needs strictly more than half present: 5 of 9 yes, 5 of 10 no", () => {
    expect(meetingOutcome(m({})).quorum).toBe(true)
    expect(meetingOutcome(m({ expectedVoters: 10 })).quorum).toBe(false)
  })

  it("passes on yes votes above half of the expected, counting written opinions", () => {
    expect(meetingOutcome(m({ expectedVoters: 10, presentVoters: 6, yesVotes: 5, noVotes: 1 })).passed).toBe(
      false,
    )
    expect(
      meetingOutcome(m({ expectedVoters: 10, presentVoters: 6, writtenOpinions: 1, yesVotes: 6, noVotes: 1 }))
        .passed,
    ).toBe(true)
  })

  it("finds tallies that do not add up", () => {
    expect(meetingOutcome(m({ yesVotes: 6 })).consistent).toBe(false)
    expect(meetingOutcome(m({ presentVoters: 9, writtenOpinions: 1 })).consistent).toBe(false)
  })
})
