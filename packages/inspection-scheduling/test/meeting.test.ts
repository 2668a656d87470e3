import { date } from "@xianfeng/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  decodeMeetingRecord,
  type MeetingRecord,
  nationalPolicy,
  validateMeeting,
  voteOutcome,
} from "../src/index.js"
import { exampleMeeting } from "../src/testing.js"

const asOf = date("2026-11-30")
const fields = (m: MeetingRecord) => validateMeeting(m, asOf, nationalPolicy).map((e) => e.field)

describe("a meeting record", () => {
  it("accepts the example: one sitting that is the general meeting, the theme party day and a lecture", () => {
    expect(fields(exampleMeeting(asOf))).toEqual([])
  })

  it("refuses a meeting dated after today, naming the date", () => {
    expect(fields({ ...exampleMeeting(asOf), date: date("2026-12-01") })).toEqual(["date"])
  })

  it("refuses more present than expected, full and probationary members apart", () => {
    const m = exampleMeeting(asOf)
    expect(fields({ ...m, present: { full: 10, probationary: 1 }, absentees: [] })).toEqual(["present.full"])
    expect(fields({ ...m, present: { full: 8, probationary: 2 }, absentees: [] })).toEqual([
      "present.probationary",
    ])
  })

  it("DR 20: refuses a tally that does not add up, naming the vote", () => {
    const m = exampleMeeting(asOf)
    const vote = m.votes[0]
    if (!vote) throw new Error("example has a vote")
    expect(fields({ ...m, votes: [{ ...vote, yesVotes: 8, noVotes: 1 }] })).toEqual(["votes[0]"])
  })

  it("PC 7: probationary members do not vote, so voters cannot outnumber the full members present", () => {
    const m = exampleMeeting(asOf)
    const vote = m.votes[0]
    if (!vote) throw new Error("example has a vote")
    expect(fields({ ...m, votes: [{ ...vote, presentVoters: 9, yesVotes: 9 }] })).toEqual([
      "votes[0].presentVoters",
    ])
  })

  it("BR 11: ordinary business votes with at least half present; DR 19: an admission needs more than half", () => {
    const tally = {
      subject: "x",
      expectedVoters: 10,
      presentVoters: 5,
      writtenOpinions: 0,
      yesVotes: 5,
      noVotes: 0,
      abstentions: 0,
    }
    expect(voteOutcome({ ...tally, matter: "ordinary" }).quorum).toBe(true)
    expect(voteOutcome({ ...tally, matter: "admission" }).quorum).toBe(false)
  })

  it("checks attendance ticks, absentees, the first agenda item, resolution deadlines and times", () => {
    const m = exampleMeeting(asOf)
    expect(fields({ ...m, attendees: ["m1", "m2"] })).toEqual(["attendees"])
    expect(fields({ ...m, absentees: [...m.absentees, { memberId: "m8", reason: "病假" }] })).toEqual([
      "absentees",
    ])
    const { firstItem: _, ...withoutFirst } = m
    expect(fields(withoutFirst)).toEqual(["firstItem"])
    expect(fields({ ...m, resolutions: [{ text: "x", owner: "y", deadline: date("2026-01-01") }] })).toEqual([
      "resolutions[0].deadline",
    ])
    expect(fields({ ...m, endTime: "13:00" })).toEqual(["endTime"])
  })

  it("decodes form input, naming the field of a bad value in both languages", () => {
    const input = {
      ...exampleMeeting(asOf),
      date: "2026-02-30",
      resolutions: [],
    }
    const r = decodeMeetingRecord(input)
    expect(Result.isFailure(r)).toBe(true)
    const bad = decodeMeetingRecord({ ...input, date: "2026-11-20", types: [] })
    expect(Result.isFailure(bad) && String(bad.failure)).toContain("至少选择一种会议类型")
    const ok = decodeMeetingRecord({
      ...input,
      date: "2026-11-20",
      resolutions: [{ text: "x", owner: "y", deadline: "2026-12-20" }],
    })
    expect(Result.isSuccess(ok) && ok.success.date.equals(date("2026-11-20"))).toBe(true)
  })
})
