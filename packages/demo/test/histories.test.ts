import { date } from "@xianfeng/core"
import { memberStageOf } from "@xianfeng/db"
import {
  checkStep,
  deriveDates,
  developmentRuleSets,
  editionResolver,
  evaluate,
} from "@xianfeng/development-rules"
import { describe, expect, it } from "vitest"
import { demoDevelopmentPolicy, demoHistoryForRules, generateDemoDistrict } from "../src/index.js"

const policy = demoDevelopmentPolicy

// The district is generated as of the day it is loaded: the histories hold on any day, here a fixed one and
// one well after the 2026 revision.
describe.each(["2026-06-30", "2027-11-30"])("demo development histories as of %s", (day) => {
  const asOf = date(day)
  const district = generateDemoDistrict({ seed: 20260701, members: 5_000, asOf })
  const people = [...district.members()].filter((m) => m.stage !== "full")

  it("gives everyone on the road to membership a history, the same for the same seed", () => {
    expect(people.length).toBeGreaterThan(300)
    for (const m of people) expect(m.development.length, m.stage).toBeGreaterThan(0)
    const again = [...generateDemoDistrict({ seed: 20260701, members: 5_000, asOf }).members()].filter(
      (m) => m.stage !== "full",
    )
    expect(JSON.stringify(again)).toBe(JSON.stringify(people))
  })

  it("holds only records the rules accept (the library decodes and checks every one)", () => {
    const refused: string[] = []
    for (const m of people) {
      const h = demoHistoryForRules(m)
      for (const r of h.records) {
        for (const v of checkStep(h, r, developmentRuleSets, policy))
          if (v.status === "blocked") refused.push(`${m.id} ${r.step} ${r.on}: ${v.code}`)
      }
    }
    expect(refused).toEqual([])
  })

  it("keeps each member's stage and stage dates equal to what the rules derive from the history", () => {
    const editionOn = editionResolver(developmentRuleSets)
    for (const m of people) {
      const d = deriveDates(demoHistoryForRules(m), editionOn, policy, district.asOf)
      expect(memberStageOf(d)).toBe(m.stage)
      expect(m.appliedOn?.toString()).toBe(d.appliedOn?.toString())
      expect(m.activistOn?.toString()).toBe(d.activistSince?.toString())
      expect(m.admittedOn?.toString()).toBe(d.admittedOn?.toString())
    }
  })

  it("leaves some people with a deliberate problem a secretary will see as overdue or blocked", () => {
    const seen = new Map<string, number>()
    for (const m of people) {
      const e = evaluate(demoHistoryForRules(m), district.asOf, developmentRuleSets, policy)
      const overdue = e.steps.filter((s) => s.state === "overdue").map((s) => s.step)
      if (m.developmentProblem === null) {
        expect(overdue, `${m.stage} ${m.id}`).toEqual([])
        continue
      }
      seen.set(m.developmentProblem, (seen.get(m.developmentProblem) ?? 0) + 1)
      const expected = {
        "talk-overdue": "talk",
        "assessment-overdue": "activist-assessment",
        "approval-overdue": "admission-approval",
        "oath-overdue": "oath",
        "short-training": undefined,
      }[m.developmentProblem]
      if (expected) expect(overdue).toContain(expected)
      else expect(e.steps.find((s) => s.step === "committee-review")?.state).toBe("blocked")
    }
    expect(seen.get("talk-overdue")).toBeGreaterThan(0)
    expect(seen.get("assessment-overdue")).toBeGreaterThan(0)
    expect(seen.get("short-training")).toBeGreaterThan(0)
    expect(seen.get("approval-overdue")).toBeGreaterThan(0)
    const share = [...seen.values()].reduce((a, b) => a + b, 0) / people.length
    expect(share).toBeGreaterThan(0.03)
    expect(share).toBeLessThan(0.2)
  })
})
