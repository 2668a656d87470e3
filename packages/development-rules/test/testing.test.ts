import { mulberry32 } from "@xianfeng/core/testing"
import { describe, expect, it } from "vitest"
import { checkStep, developmentRuleSets, nationalPolicy, stepIds } from "../src/index.js"
import { exampleEvidence, generateHistory, validTimeline } from "../src/testing.js"
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
})
