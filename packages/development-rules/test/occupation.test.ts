import { date } from "@xianfeng/core"
import { describe, expect, it } from "vitest"
import { occupationOf, YOUNG_FARMER_MAX_AGE } from "../src/index.js"

const asOf = date("2026-06-30")
const person = (occupationGroup: string, education: string, birthDate: string) => ({
  occupationGroup,
  education,
  birthDate: date(birthDate),
})

describe("DR 37 priority group of a person", () => {
  it("counts a worker as an industrial worker whatever the education", () => {
    expect(occupationOf(person("worker", "21", "1980-01-01"), asOf)).toBe("industrial-worker")
  })

  it(`counts a farmer as a young farmer up to ${YOUNG_FARMER_MAX_AGE} on the day of the analysis`, () => {
    expect(occupationOf(person("farmer", "61", "1991-06-30"), asOf)).toBe("young-farmer") // 35 today
    expect(occupationOf(person("farmer", "61", "1990-06-30"), asOf)).toBe("other") // 36 today
    expect(occupationOf(person("farmer", "61", "1990-07-01"), asOf)).toBe("young-farmer") // 36 tomorrow
  })

  it("counts anyone else with a bachelor's degree or more as highly educated", () => {
    expect(occupationOf(person("teacher", "21", "1990-01-01"), asOf)).toBe("highly-educated")
    expect(occupationOf(person("", "11", "1990-01-01"), asOf)).toBe("highly-educated")
    expect(occupationOf(person("teacher", "22", "1990-01-01"), asOf)).toBe("other")
  })

  it("does not count an older farmer with a degree as highly educated: the farmer rule decides", () => {
    expect(occupationOf(person("farmer", "21", "1970-01-01"), asOf)).toBe("other")
  })
})
