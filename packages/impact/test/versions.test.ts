import * as CareLedger from "@xianfeng/care-ledger"
import * as DevelopmentRules from "@xianfeng/development-rules"
import * as EducationTraining from "@xianfeng/education-training"
import * as InspectionScheduling from "@xianfeng/inspection-scheduling"
import { describe, expect, it } from "vitest"
import { careImpact } from "../src/care.js"
import { developmentImpact } from "../src/development.js"
import { disciplineImpact } from "../src/discipline.js"
import { educationImpact } from "../src/education.js"

const oneEdition = [
  ["care", careImpact, CareLedger, "the care rules", "党内关怀规则"],
  ["discipline", disciplineImpact, InspectionScheduling, "the discipline rules", "组织生活规则"],
  ["education", educationImpact, EducationTraining, "the education rules", "教育培训规则"],
] as const

describe("a version of an area's rules", () => {
  it.each(oneEdition)("%s: one edition, so asking for another names `edition`", (_, adapter, lib, en, zh) => {
    expect(adapter.version(lib, { label: "proposed", edition: "2014" })).toEqual({
      ok: false,
      problem: {
        field: "edition",
        message: `${en} have one edition; no edition 2014`,
        messageZh: `${zh}只有一个版本，没有2014版`,
      },
    })
  })

  it.each([
    ["development", developmentImpact, DevelopmentRules] as const,
    ...oneEdition.map(([a, adapter, lib]) => [a, adapter, lib] as const),
  ])("%s: an overlay key the policy lacks is refused as overlay.<key>", (_, adapter, lib) => {
    const v = adapter.version(lib, { label: "proposed", overlay: { noSuchKey: 1 } })
    expect(v.ok).toBe(false)
    if (!v.ok) expect(v.problem.field).toBe("overlay.noSuchKey")
  })

  it.each(oneEdition)("%s: no overlay gives the package's own policy", (_, adapter, lib) => {
    const v = adapter.version(lib, { label: "proposed" })
    expect(v.ok).toBe(true)
  })
})
