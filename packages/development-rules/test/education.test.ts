import { describe, expect, it } from "vitest"
import { educationOf } from "../src/index.js"

describe("education level of a national 学历 code", () => {
  it("reads every doctoral and master's code (1x) as postgraduate", () => {
    for (const code of ["10", "11", "12", "13", "14", "19"]) expect(educationOf(code)).toBe("postgraduate")
  })

  it("reads 大学本科 codes as bachelor and 大专/中专 codes as vocational", () => {
    for (const code of ["21", "23", "24", "2A", "2B"]) expect(educationOf(code)).toBe("bachelor")
    for (const code of ["22", "2C", "2D", "41", "44", "47"]) expect(educationOf(code)).toBe("vocational")
  })

  it("reads 高中/初中 as secondary and 小学 as primary", () => {
    expect(educationOf("61")).toBe("secondary")
    expect(educationOf("71")).toBe("secondary")
    expect(educationOf("81")).toBe("primary")
  })

  it("leaves an unknown or missing code undefined (filed as 'not given')", () => {
    for (const code of ["", "90", "x", "2"]) expect(educationOf(code)).toBeUndefined()
  })
})
