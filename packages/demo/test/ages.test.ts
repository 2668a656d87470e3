import { compareDates, date, type PlainDate } from "@xianfeng/core"
import { developmentRuleSets, evaluate } from "@xianfeng/development-rules"
import { describe, expect, it } from "vitest"
import { demoDevelopmentPolicy, demoHistoryForRules, generateDemoDistrict } from "../src/index.js"

/** What the pipeline's attention list shows on `asOf`: steps overdue, and steps due within 30 days. */
const attention = (asOf: PlainDate) => {
  const horizon = asOf.add({ days: 30 })
  let overdue = 0
  let dueSoon = 0
  let done = 0
  let latest = 0
  for (const m of generateDemoDistrict({ seed: 20260701, members: 5_000, asOf }).members()) {
    if (m.stage === "full") continue
    const e = evaluate(demoHistoryForRules(m), asOf, developmentRuleSets, demoDevelopmentPolicy)
    for (const s of e.steps) {
      if (s.state === "done") done++
      if (s.dueBy === undefined) continue
      if (s.state === "overdue") {
        overdue++
        latest = Math.max(latest, s.dueBy.until(asOf).days)
      } else if (s.state === "due" && compareDates(s.dueBy, horizon) <= 0) dueSoon++
    }
  }
  return { overdue, dueSoon, done, latest }
}

describe("the demo district never ages", () => {
  it("looks alike as of two days a year apart: some steps overdue, some due within 30 days, most done", () => {
    const a = attention(date("2026-06-30"))
    const b = attention(date("2027-06-30"))
    for (const x of [a, b]) {
      expect(x.overdue).toBeGreaterThan(0)
      expect(x.dueSoon).toBeGreaterThan(0)
      expect(x.done).toBeGreaterThan(10 * (x.overdue + x.dueSoon))
    }
    // Similar: neither count more than doubles or halves in a year.
    expect(b.overdue / a.overdue).toBeGreaterThan(0.5)
    expect(b.overdue / a.overdue).toBeLessThan(2)
    expect(b.dueSoon / a.dueSoon).toBeGreaterThan(0.5)
    expect(b.dueSoon / a.dueSoon).toBeLessThan(2)
  })
})
