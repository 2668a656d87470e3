import { describe, expect, it } from "vitest"
import { formatHours } from "./hours"

describe("formatHours", () => {
  it("shows at most two decimals and drops float noise", () => {
    expect(formatHours(32 - 30.8)).toBe("1.2")
    expect(formatHours(0.1 + 0.2)).toBe("0.3")
    expect(formatHours(2 / 3)).toBe("0.67")
    expect(formatHours(32)).toBe("32")
    expect(formatHours(30.8)).toBe("30.8")
    expect(formatHours(0)).toBe("0")
  })
  it("shows a dash for no value", () => {
    expect(formatHours(undefined)).toBe("—")
    expect(formatHours(Number.NaN)).toBe("—")
  })
})
