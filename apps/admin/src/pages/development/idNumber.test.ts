import { describe, expect, it } from "vitest"
import { checkDigit, isValidIdNumber } from "./idNumber"

describe("GB 11643 ID numbers", () => {
  it("computes the check character", () => {
    expect(checkDigit("11010519491231002")).toBe("X")
    expect(isValidIdNumber("11010519491231002X")).toBe(true)
    expect(isValidIdNumber("11010519491231002x")).toBe(true)
  })
  it("refuses a wrong check digit, a bad date or a short number", () => {
    expect(isValidIdNumber("110105194912310021")).toBe(false)
    expect(isValidIdNumber("110105194902300020")).toBe(false)
    expect(isValidIdNumber("1101051949123")).toBe(false)
  })
})
