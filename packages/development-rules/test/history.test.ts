import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { decodeStepRecord } from "../src/index.js"

describe("decodeStepRecord", () => {
  it("decodes a record typed into a form", () => {
    const r = decodeStepRecord({ step: "talk", on: "2026-06-01", evidence: { talkedBy: "王书记" } })
    expect(Result.isSuccess(r)).toBe(true)
    if (Result.isSuccess(r)) expect(r.success.on.toString()).toBe("2026-06-01")
  })

  it("names the exact field that is wrong", () => {
    const r = decodeStepRecord({
      step: "introducers",
      on: "2026-06-01",
      evidence: {
        introducers: [
          { name: "甲", status: "full", sanctions: [] },
          { name: "乙", status: "member", sanctions: [] },
        ],
      },
    })
    expect(Result.isFailure(r)).toBe(true)
    if (Result.isFailure(r)) expect(r.failure.field).toBe("evidence.introducers.1.status")
  })

  it("refuses a date that is not on the calendar", () => {
    const r = decodeStepRecord({ step: "talk", on: "2026-02-30", evidence: { talkedBy: "王" } })
    expect(Result.isFailure(r) && r.failure.field).toBe("on")
  })

  it("refuses an unknown step and unknown evidence fields", () => {
    expect(Result.isFailure(decodeStepRecord({ step: "coffee", on: "2026-06-01", evidence: {} }))).toBe(true)
    const extra = decodeStepRecord({
      step: "talk",
      on: "2026-06-01",
      evidence: { talkedBy: "王", mood: "good" },
    })
    expect(Result.isFailure(extra) && extra.failure.field).toBe("evidence.mood")
  })

  it("accepts a district step record", () => {
    expect(
      Result.isSuccess(decodeStepRecord({ step: "x-pre-admission-notice", on: "2026-06-01", evidence: {} })),
    ).toBe(true)
  })
})
