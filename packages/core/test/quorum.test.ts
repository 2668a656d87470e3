import { describe, expect, it } from "vitest"
import { hasQuorum, meetingOutcome, type VoteTally } from "../src/index.js"

const tally = (x: Partial<VoteTally>): VoteTally => ({
  expectedVoters: 10,
  presentVoters: 5,
  writtenOpinions: 0,
  yesVotes: 0,
  noVotes: 0,
  abstentions: 0,
  ...x,
})

describe("quorum: 半数以上 for ordinary business (BR 11, 12), 超过半数 for admission and conversion (DR 19, 32)", () => {
  it("BR 11: 5 of 10 voting members present may vote on ordinary business", () => {
    expect(hasQuorum(5, 10, "at-least-half")).toBe(true)
    expect(hasQuorum(4, 10, "at-least-half")).toBe(false)
  })

  it("DR 19: 5 of 10 present may not vote on an admission; 6 of 10 may", () => {
    expect(hasQuorum(5, 10, "more-than-half")).toBe(false)
    expect(hasQuorum(6, 10, "more-than-half")).toBe(true)
  })

  it("a body with no one expected never has a quorum", () => {
    expect(hasQuorum(0, 0, "at-least-half")).toBe(false)
  })

  it("meetingOutcome defaults to the admission quorum and takes the ordinary one when asked", () => {
    expect(meetingOutcome(tally({})).quorum).toBe(false)
    expect(meetingOutcome(tally({}), "at-least-half").quorum).toBe(true)
  })

  it("BR 11: a motion passes on yes votes above half of those who should attend, not of those present", () => {
    expect(meetingOutcome(tally({ presentVoters: 6, yesVotes: 5, noVotes: 1 }), "at-least-half").passed).toBe(
      false,
    )
    expect(meetingOutcome(tally({ presentVoters: 6, yesVotes: 6 }), "at-least-half").passed).toBe(true)
  })
})
