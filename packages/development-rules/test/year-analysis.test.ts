import { date } from "@xianfeng/core"
import { describe, expect, it } from "vitest"
import { analysisDateOf, nationalPolicy, type PipelinePersonInput, yearAnalysis } from "../src/index.js"

const person = (orgId: string, stage: PipelinePersonInput["stage"]): PipelinePersonInput => ({
  orgId,
  stage,
  birthDate: date("1995-03-01"),
  sex: "female",
  ethnicity: "01",
  education: "21",
  occupationGroup: "worker",
})

describe("the yearly analysis of a pipeline (DR 11, DR 37)", () => {
  it("is taken on the year's last day, or today while the year runs", () => {
    expect(analysisDateOf(2025, date("2026-03-01")).toString()).toBe("2025-12-31")
    expect(analysisDateOf(2026, date("2026-03-01")).toString()).toBe("2026-03-01")
  })

  it("counts the pipeline and names the organizations that admitted nobody in the dormant window", () => {
    const people = [
      ...Array.from({ length: nationalPolicy.qualifyingPipeline }, () => person("quiet", "activist")),
      ...Array.from({ length: nationalPolicy.qualifyingPipeline }, () =>
        person("busy", "development-object"),
      ),
      person("busy", "applicant"),
    ]
    const a = yearAnalysis({
      year: 2026,
      today: date("2026-06-30"),
      people,
      admissions: [{ orgId: "busy", year: 2026, count: 1 }],
      policy: nationalPolicy,
    })
    expect(a.asOf.toString()).toBe("2026-06-30")
    expect(a.composition.total.total).toBe(people.length)
    expect(a.composition.total.applicants).toBe(1)
    expect(a.composition.by.occupation).toEqual([
      expect.objectContaining({ key: "industrial-worker", total: people.length }),
    ])
    expect(a.dormant.map((d) => d.orgId)).toEqual(["quiet"])
    expect(a.pipelines.find((p) => p.orgId === "busy")?.admissionsByYear).toEqual({ 2026: 1 })
  })
})
