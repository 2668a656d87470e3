import { date } from "@xianfeng/core"
import { describe, expect, it } from "vitest"
import { factsOf, type PersonInput } from "../src/index.js"

const person: PersonInput = {
  birthDate: date("1998-04-02"),
  sex: "female",
  ethnicity: "01",
  education: "21",
  occupationGroup: "farmer",
  orgId: "d1.c01.b01",
}

describe("the facts the rules read of a member record", () => {
  it("carries birth date, sex, ethnicity, organization, education level and priority group", () => {
    expect(factsOf(person, date("2026-06-30"))).toEqual({
      birthDate: date("1998-04-02"),
      migrant: false,
      gender: "female",
      ethnicity: "01",
      occupation: "young-farmer",
      orgId: "d1.c01.b01",
      education: "bachelor",
    })
  })

  it("takes the priority group on the date asked (a farmer past 35 is no longer a young farmer)", () => {
    expect(factsOf(person, date("2034-04-02")).occupation).toBe("other")
  })

  it("leaves the education out when the 学历 code is unknown", () => {
    expect(factsOf({ ...person, education: "" }, date("2026-06-30"))).not.toHaveProperty("education")
  })
})
