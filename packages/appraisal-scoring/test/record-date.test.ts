import { applyOverlay, date, renderVerdict } from "@xianfeng/core"
import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { appraisalMessages, appraisalPolicy, checkRecord, isAccepted, nationalPolicy } from "../src/index.js"
import { exampleRecord, exampleRecords } from "../src/testing.js"

const asOf = date("2026-11-30")

describe("APPRAISAL-RECORD-DATE: a record is never dated after the day it is entered", () => {
  it("refuses a record dated tomorrow, citing the district's rule", () => {
    const verdicts = checkRecord({ on: date("2026-12-01"), asOf }, nationalPolicy)
    expect(verdicts.map((v) => [v.status, v.code])).toEqual([["blocked", "APPRAISAL-RECORD-DATE.future"]])
    expect(verdicts.map((v) => renderVerdict(v, appraisalMessages, "zh-CN")).join()).toContain(
      "不能晚于登记日",
    )
  })

  it("accepts a record dated today", () => {
    expect(isAccepted(checkRecord({ on: asOf, asOf }, nationalPolicy))).toBe(true)
  })

  it("warns on a record dated more than the district's 90 days back, and not on one 90 days back", () => {
    expect(checkRecord({ on: asOf.subtract({ days: 91 }), asOf }, nationalPolicy)[0]?.status).toBe("warning")
    expect(checkRecord({ on: asOf.subtract({ days: 90 }), asOf }, nationalPolicy)[0]?.status).toBe("ok")
  })

  it("takes the limit from a district overlay", () => {
    const policy = Result.getOrThrow(applyOverlay(appraisalPolicy, { backdateMaxDays: 30 }))
    expect(checkRecord({ on: asOf.subtract({ days: 31 }), asOf }, policy)[0]?.status).toBe("warning")
  })

  it("refuses an overlay that is not a whole number of days, naming the key", () => {
    const r = applyOverlay(appraisalPolicy, { backdateMaxDays: -1 })
    expect(Result.isFailure(r) && r.failure.field).toBe("backdateMaxDays")
  })

  it("has a message in both languages for every code it emits", () => {
    const codes = [
      ...checkRecord({ on: date("2026-12-01"), asOf }, nationalPolicy),
      ...checkRecord({ on: asOf.subtract({ days: 400 }), asOf }, nationalPolicy),
      ...checkRecord(exampleRecord(asOf), nationalPolicy),
    ].map((v) => v.code)
    for (const code of codes) {
      expect(appraisalMessages[code]?.["zh-CN"], code).toBeTruthy()
      expect(appraisalMessages[code]?.en, code).toBeTruthy()
    }
  })

  it("accepts every record dated on or before the day it is entered (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) =>
        exampleRecords(seed, 20, asOf).every((r) => isAccepted(checkRecord(r, nationalPolicy))),
      ),
    )
  })
})
