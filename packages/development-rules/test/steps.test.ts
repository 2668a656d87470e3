import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import {
  evidenceSchemas,
  IntroducersEvidence,
  MeetingEvidence,
  stageNames,
  stepDefinition,
  steps,
} from "../src/index.js"

describe("steps as data", () => {
  it("lists the 25 numbered steps of the five stages in chart order", () => {
    const numbered = steps.filter((s) => s.number !== undefined)
    expect(numbered.map((s) => s.number)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1))
    expect(new Set(numbered.map((s) => s.stage))).toEqual(new Set([1, 2, 3, 4, 5]))
    expect(Object.keys(stageNames)).toHaveLength(5)
  })

  it("gives every step names, actors, records and at least one citation", () => {
    for (const s of steps) {
      expect(s.name["zh-CN"].length, s.id).toBeGreaterThan(0)
      expect(s.actor.en.length, s.id).toBeGreaterThan(0)
      expect(s.record["zh-CN"].length, s.id).toBeGreaterThan(0)
      expect(s.citations.length, s.id).toBeGreaterThan(0)
      expect(evidenceSchemas[s.id], s.id).toBeDefined()
    }
  })

  it("places the higher committee agreement as step 8 and the oath as step 20", () => {
    expect(stepDefinition("higher-committee-agreement").number).toBe(8)
    expect(stepDefinition("oath").number).toBe(20)
  })

  it("decodes meeting evidence and names a bad field", () => {
    const ok = Schema.decodeUnknownResult(MeetingEvidence)({
      expectedVoters: 20,
      presentVoters: 12,
      writtenOpinions: 1,
      yesVotes: 12,
      noVotes: 0,
      abstentions: 0,
      probationaryPresent: 1,
      candidatesInBallot: 1,
      secretBallot: true,
    })
    expect(Result.isSuccess(ok)).toBe(true)
    const bad = Schema.decodeUnknownResult(MeetingEvidence)({
      expectedVoters: 20,
      presentVoters: -1,
      writtenOpinions: 1,
      yesVotes: 12,
      noVotes: 0,
      abstentions: 0,
      probationaryPresent: 1,
      candidatesInBallot: 1,
      secretBallot: true,
    })
    expect(Result.isFailure(bad)).toBe(true)
  })

  it("decodes introducers with dates as PlainDate", () => {
    const r = Schema.decodeUnknownResult(IntroducersEvidence)({
      introducers: [
        {
          name: "甲",
          status: "full",
          fullMemberSince: "2010-07-01",
          sanctions: [{ kind: "warning", imposedOn: "2025-02-30" }],
        },
      ],
    })
    expect(Result.isFailure(r)).toBe(true)
  })
})
