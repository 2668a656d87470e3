import { applyOverlay } from "@xianfeng/core"
import { mulberry32 } from "@xianfeng/core/testing"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  checkStep,
  decodeStepRecord,
  demoDistrictOverlay,
  developmentPolicy,
  developmentRuleSets,
  nationalPolicy,
  type StepRecord,
  stepIds,
} from "../src/index.js"
import {
  demoAdmissionRoad,
  demoRoadUntil,
  exampleEvidence,
  generateHistory,
  validTimeline,
} from "../src/testing.js"
import { d } from "./fixtures.js"

describe("the example data of the testing entry", () => {
  it("has example evidence for every step", () => {
    expect(Object.keys(exampleEvidence).sort()).toEqual([...stepIds].sort())
  })

  it("builds timelines whose every record the rules accept", () => {
    const h = validTimeline(d("2025-03-03"))
    const blocked = h.records.flatMap((r) =>
      checkStep(h, r, developmentRuleSets, nationalPolicy).filter((v) => v.status === "blocked"),
    )
    expect(blocked).toEqual([])
  })

  it("generates the same histories for the same seed", () => {
    const a = mulberry32(9)
    const b = mulberry32(9)
    const xs = Array.from({ length: 20 }, () => generateHistory(a))
    expect(JSON.stringify(Array.from({ length: 20 }, () => generateHistory(b)))).toBe(JSON.stringify(xs))
    for (const x of xs) expect(x.history.records.length).toBeGreaterThan(0)
  })

  it("has a demo road whose every record, sent as JSON, decodes and the demo district's rules accept on its day", () => {
    const demo = Result.getOrThrow(applyOverlay(developmentPolicy, demoDistrictOverlay))
    const records: StepRecord[] = []
    for (const [step, on, evidence] of demoAdmissionRoad) {
      const r = Result.getOrThrow(decodeStepRecord(JSON.parse(JSON.stringify({ step, on, evidence }))))
      const h = { person: { birthDate: d("1998-03-10"), migrant: false }, records }
      expect([
        step,
        checkStep(h, r, developmentRuleSets, demo).filter((v) => v.status === "blocked"),
      ]).toEqual([step, []])
      records.push(r)
    }
    expect(records.at(-1)?.step).toBe("archive")
  })

  it("cuts the demo road before a step, or through it", () => {
    expect(demoRoadUntil("admission-meeting").at(-1)?.[0]).toBe("application-form")
    expect(demoRoadUntil("committee-talk", { through: true }).at(-1)?.[0]).toBe("committee-talk")
    expect(() => demoRoadUntil("probation-extension")).toThrow(/no step/)
  })
})
