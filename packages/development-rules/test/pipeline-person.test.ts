import { date } from "@xianfeng/core"
import { describe, expect, it } from "vitest"
import { pipelinePersonOf } from "../src/index.js"

describe("a member record as the yearly analysis counts it (DR 11)", () => {
  const row = {
    orgId: "b1",
    stage: "activist" as const,
    birthDate: date("1992-05-01"),
    sex: "male" as const,
    ethnicity: "03",
    education: "61",
    occupationGroup: "farmer",
  }

  it("carries role, sex, ethnicity, education level and the priority group on the analysis date (a farmer of 36 is no longer young)", () => {
    expect(pipelinePersonOf(row, date("2026-12-31"))).toEqual({
      orgId: "b1",
      role: "activist",
      birthDate: date("1992-05-01"),
      gender: "male",
      ethnicity: "03",
      occupation: "young-farmer",
      education: "secondary",
    })
    expect(pipelinePersonOf(row, date("2028-05-01")).occupation).toBe("other")
  })

  it("leaves the education out when the 学历 code is unknown", () => {
    expect(pipelinePersonOf({ ...row, education: "" }, date("2026-12-31"))).not.toHaveProperty("education")
  })
})
