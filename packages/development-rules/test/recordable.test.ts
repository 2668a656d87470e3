import { describe, expect, it } from "vitest"
import { recordabilityOf, recordableNextSteps, stepDefinition } from "../src/index.js"
import { d, evalAt, history, rec, validTimeline } from "./fixtures.js"

const upTo = (step: string) => {
  const full = validTimeline(d("2026-06-01"))
  const i = full.records.findIndex((r) => r.step === step)
  return { ...full, records: full.records.slice(0, i + 1), at: full.records[i]?.on ?? d("2000-01-01") }
}
const optional = (s: string) => stepDefinition(s as "apply").optional

describe("recordability (judged on each record's date)", () => {
  it("keeps an approval past the 6-month limit today among the next steps, to be back-dated (DR 25)", () => {
    const h = upTo("committee-talk")
    const meeting = h.records.find((r) => r.step === "admission-meeting")?.on ?? d("2000-01-01")
    const asOf = meeting.add({ months: 7 })
    const e = evalAt(h, asOf)
    expect(e.steps.find((s) => s.step === "admission-approval")?.state).toBe("blocked")
    expect(e.nextSteps).not.toContain("admission-approval")
    const r = recordabilityOf(e).find((x) => x.step === "admission-approval")
    expect(r?.now).toBe(true)
    expect(r?.until?.toString()).toBe(meeting.add({ months: 6 }).toString())
    expect(recordableNextSteps(e, optional)).toContain("admission-approval")
  })

  it("does not offer the application before the 18th birthday, and says from when (DR 5)", () => {
    const h = history([], { birthDate: d("2009-03-10") })
    const e = evalAt(h, "2026-06-01")
    const r = recordabilityOf(e).find((x) => x.step === "apply")
    expect(r).toEqual({ step: "apply", now: false, from: d("2027-03-10") })
    expect(recordableNextSteps(e, optional)).not.toContain("apply")
  })

  it("does not offer the development-object decision within the year of cultivation (DR 13)", () => {
    const h = upTo("contacts-assigned")
    const e = evalAt(h, h.at.add({ days: 20 }))
    const r = recordabilityOf(e).find((x) => x.step === "development-object-decision")
    expect(r?.now).toBe(false)
    expect(r?.from?.toString()).toBe(e.derived.activistSince?.add({ years: 1 }).toString())
  })

  it("leaves out a step blocked for another reason than the clock", () => {
    const e = evalAt(history([rec("apply", "2026-06-01")]), "2026-06-05")
    expect(recordabilityOf(e).find((x) => x.step === "oath")).toBeUndefined()
  })
})
