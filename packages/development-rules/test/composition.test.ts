import { describe, expect, it } from "vitest"
import { ageBandOf, compositionAnalysis, type PipelinePerson } from "../src/index.js"
import { d } from "./fixtures.js"

const people: PipelinePerson[] = [
  {
    orgId: "b1",
    role: "applicant",
    birthDate: d("2004-01-01"),
    occupation: "industrial-worker",
    gender: "female",
    ethnicity: "汉族",
    education: "vocational",
  },
  {
    orgId: "b1",
    role: "activist",
    birthDate: d("1995-01-01"),
    occupation: "highly-educated",
    gender: "male",
    education: "postgraduate",
  },
  {
    orgId: "b2",
    role: "development-object",
    birthDate: d("1985-06-01"),
    occupation: "industrial-worker",
    gender: "female",
    ethnicity: "回族",
  },
  { orgId: "b2", role: "activist", birthDate: d("1970-06-01") },
]

describe("composition analysis (DR 11)", () => {
  it("counts the pipeline by role and occupation group", () => {
    const c = compositionAnalysis(people, d("2026-12-31"))
    expect(c.total).toEqual({ key: "total", applicants: 1, activists: 2, developmentObjects: 1, total: 4 })
    expect(c.by.occupation.find((r) => r.key === "industrial-worker")).toEqual({
      key: "industrial-worker",
      applicants: 1,
      activists: 0,
      developmentObjects: 1,
      total: 2,
    })
    expect(c.by.occupation.find((r) => r.key === "other")?.total).toBe(1)
  })

  it("bands ages on the analysis date", () => {
    expect(ageBandOf(d("2001-01-01"), d("2026-12-31"))).toBe("18-25")
    expect(ageBandOf(d("2000-12-31"), d("2026-12-31"))).toBe("26-35")
    const c = compositionAnalysis(people, d("2026-12-31"))
    expect(c.by.ageBand.map((r) => [r.key, r.total])).toEqual([
      ["18-25", 1],
      ["26-35", 1],
      ["36-45", 1],
      ["56+", 1],
    ])
  })

  it("splits by gender, ethnicity, education and organization", () => {
    const c = compositionAnalysis(people, d("2026-12-31"))
    expect(c.by.gender.map((r) => [r.key, r.total])).toEqual([
      ["female", 2],
      ["male", 1],
      ["unknown", 1],
    ])
    expect(c.by.ethnicity.find((r) => r.key === "回族")?.developmentObjects).toBe(1)
    expect(c.by.education.find((r) => r.key === "postgraduate")?.activists).toBe(1)
    expect(c.by.organization.map((r) => [r.key, r.total])).toEqual([
      ["b1", 2],
      ["b2", 2],
    ])
  })
})
