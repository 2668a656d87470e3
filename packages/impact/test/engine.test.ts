import { cite, date, documents, verdict } from "@xianfeng/core"
import { describe, expect, it } from "vitest"
import { kindOf, maskIdNumber, maskName, ruleOf } from "../src/index.js"

const c14 = cite(documents.developmentRules, "2014", 10)
const c26 = cite(documents.developmentRules, "2026", 11)

describe("kinds of change", () => {
  it("a verdict that becomes blocked is newly blocked, and the reverse no longer blocked", () => {
    const ok = verdict("allowed", "DEV-X.ok", [c14])
    const blocked = verdict("blocked", "DEV-X.ok", [c14])
    expect(kindOf(ok, blocked)).toBe("newly-blocked")
    expect(kindOf(undefined, blocked)).toBe("newly-blocked")
    expect(kindOf(blocked, ok)).toBe("no-longer-blocked")
    expect(kindOf(blocked, undefined)).toBe("no-longer-blocked")
  })
  it("a moved deadline is a new due date; other articles are a new citation; the same verdict is no change", () => {
    const due = verdict("due", "DEV-X.due", [c14], {}, date("2026-06-01"))
    expect(kindOf(due, verdict("due", "DEV-X.due", [c14], {}, date("2026-07-01")))).toBe("new-due-date")
    expect(kindOf(due, verdict("due", "DEV-X.due", [c26], {}, date("2026-06-01")))).toBe("new-citation")
    expect(kindOf(due, verdict("due", "DEV-X.due", [c14], {}, date("2026-06-01")))).toBeUndefined()
    expect(kindOf(verdict("warning", "DEV-X.w", [c14]), undefined)).toBe("other")
  })
  it("a verdict code names its rule before the first dot", () => {
    expect(ruleOf("DEV-AGE-MIN.too-young")).toBe("DEV-AGE-MIN")
  })
})

describe("masking", () => {
  it("a name keeps its first character only", () => {
    expect(maskName("张三丰")).toBe("张*")
    expect(maskName("李四")).toBe("李*")
  })
  it("an ID number keeps its region and last four characters", () => {
    expect(maskIdNumber("11010119900307123X")).toBe("110101********123X")
    expect(maskIdNumber("12345")).toBe("*****")
  })
})
