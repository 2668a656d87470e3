import { renderVerdict } from "@xianfeng/core"
import { describe, expect, it } from "vitest"
import { activistPoolAnalysisCodes, developmentMessages, developmentRuleSets } from "../src/index.js"
import { check, d, evalAt, rec, validTimeline } from "./fixtures.js"

describe("developmentMessages", () => {
  const declared = new Set([
    ...developmentRuleSets.flatMap((s) => s.rules.flatMap((r) => r.codes)),
    // the yearly activist-pool analysis is an organization's check, not a rule on a person's steps
    ...activistPoolAnalysisCodes,
  ])

  it("has zh-CN and en templates for every code any rule declares", () => {
    for (const code of declared) {
      expect(developmentMessages[code]?.["zh-CN"], code).toBeTruthy()
      expect(developmentMessages[code]?.en, code).toBeTruthy()
    }
  })

  it("has no template for a code nobody emits", () => {
    const extra = Object.keys(developmentMessages).filter((c) => !declared.has(c) && c !== "DEV-EDITION.none")
    expect(extra).toEqual([])
  })

  it("renders every placeholder of emitted verdicts", () => {
    const h = validTimeline(d("2026-06-01"))
    const vs = [
      ...evalAt({ ...h, records: h.records.slice(0, 3) }, "2027-06-01").verdicts,
      ...check({ ...h, records: [] }, rec("apply", "2026-06-01"), undefined).filter(() => true),
      ...check(
        { person: { ...h.person, birthDate: d("2010-01-01") }, records: [] },
        rec("apply", "2026-06-01"),
      ),
    ]
    expect(vs.length).toBeGreaterThan(0)
    for (const v of vs)
      for (const locale of ["zh-CN", "en"] as const)
        expect(renderVerdict(v, developmentMessages, locale), v.code).not.toMatch(/\{\w+\}/)
  })
})
