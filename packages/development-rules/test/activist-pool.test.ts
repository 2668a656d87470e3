import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { activistPoolAnalysisStatus, decodeActivistPoolAnalysis, developmentRuleSets } from "../src/index.js"
import { d } from "./fixtures.js"

describe("yearly analysis of the activist pool (Art. 11 in both editions)", () => {
  const analysis = {
    on: "2026-11-20",
    orgId: "c01",
    analysedBy: "grassroots-committee",
    activists: 14,
    problems: "青年职工占比偏低",
    measures: "加强团组织推优",
  }

  it("decodes a record and refuses one without the measures the article asks for", () => {
    const ok = decodeActivistPoolAnalysis(analysis)
    expect(Result.isSuccess(ok) && ok.success.on.toString()).toBe("2026-11-20")
    expect(Result.isFailure(decodeActivistPoolAnalysis({ ...analysis, measures: "" }))).toBe(true)
  })

  it("is done when an analysis is dated in the year, due until 31 December, overdue after", () => {
    const done = activistPoolAnalysisStatus(
      [{ on: d("2026-11-20") }],
      2026,
      d("2026-12-01"),
      developmentRuleSets,
    )
    expect([done.status, done.code, done.params.on?.toString()]).toEqual([
      "ok",
      "DEV-POOL-ANALYSIS.done",
      "2026-11-20",
    ])
    expect(done.citations[0]).toMatchObject({ edition: "2026", article: 11 })
    const due = activistPoolAnalysisStatus(
      [{ on: d("2025-11-20") }],
      2026,
      d("2026-06-01"),
      developmentRuleSets,
    )
    expect([due.status, due.dueBy?.toString()]).toEqual(["due", "2026-12-31"])
    const overdue = activistPoolAnalysisStatus([], 2026, d("2027-01-01"), developmentRuleSets)
    expect(overdue.status).toBe("overdue")
  })

  it("cites the 2014 edition for a year under it", () => {
    const v = activistPoolAnalysisStatus([], 2020, d("2021-03-01"), developmentRuleSets)
    expect(v.citations[0]).toMatchObject({ edition: "2014", article: 11 })
  })
})
