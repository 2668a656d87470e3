import { describe, expect, it } from "vitest"
import { absenceOfReason } from "../src/discipline/import.js"

describe("an imported absentee's reason", () => {
  it("takes the kind a ledger names first, and keeps the words after it", () => {
    expect(absenceOfReason("病假")).toEqual({ reasonKind: "sick", reason: "" })
    expect(absenceOfReason("病假：住院")).toEqual({ reasonKind: "sick", reason: "住院" })
    expect(absenceOfReason("事假, 家中有事")).toEqual({ reasonKind: "personal", reason: "家中有事" })
    expect(absenceOfReason("公出")).toEqual({ reasonKind: "official", reason: "" })
    expect(absenceOfReason("公假：外出培训")).toEqual({ reasonKind: "official", reason: "外出培训" })
    expect(absenceOfReason("其他：照顾老人")).toEqual({ reasonKind: "other", reason: "照顾老人" })
  })

  it("leaves a reason that names no kind as words alone, and a word that only begins like a kind", () => {
    expect(absenceOfReason("出差")).toEqual({ reasonKind: null, reason: "出差" })
    expect(absenceOfReason("")).toEqual({ reasonKind: null, reason: "" })
    expect(absenceOfReason("病假条未交")).toEqual({ reasonKind: null, reason: "病假条未交" })
  })
})
