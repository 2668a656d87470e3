import { describe, expect, it } from "vitest"
import { check, codes, d, evalAt, history, member, rec } from "../fixtures.js"

const activist = [
  rec("apply", "2025-01-05"),
  rec("talk", "2025-01-10"),
  rec("activist-decision", "2025-02-10"),
]

describe("activists (stage 2)", () => {
  it("requires one or two cultivation contacts (DR 9)", () => {
    const h = history(activist)
    expect(codes(check(h, rec("contacts-assigned", "2025-02-12", { contacts: [] })))).toEqual([
      "DEV-CONTACTS.count",
    ])
    const three = [member("甲"), member("乙"), member("丙")]
    expect(codes(check(h, rec("contacts-assigned", "2025-02-12", { contacts: three })))).toEqual([
      "DEV-CONTACTS.count",
    ])
    expect(check(h, rec("contacts-assigned", "2025-02-12", { contacts: [member("甲")] }))).toEqual([])
  })

  it("requires contacts to be full members (DR 9)", () => {
    const vs = check(
      history(activist),
      rec("contacts-assigned", "2025-02-12", { contacts: [member("甲", { status: "probationary" })] }),
    )
    expect(codes(vs)).toEqual(["DEV-CONTACTS.not-full-member"])
  })

  it("makes an assessment due every six months, overdue after (DR 11)", () => {
    const h = history([...activist, rec("activist-assessment", "2025-08-01")])
    const s = evalAt(h, "2026-01-15").steps.find((x) => x.step === "activist-assessment")
    expect(s?.state).toBe("due")
    expect(s?.dueBy?.toString()).toBe("2026-02-01")
    expect(evalAt(h, "2026-02-02").steps.find((x) => x.step === "activist-assessment")?.state).toBe("overdue")
  })

  it("refuses a candidate for membership after less than one year as activist (DR 13)", () => {
    const h = history([
      ...activist,
      rec("activist-filing", "2025-02-11"),
      rec("contacts-assigned", "2025-02-11"),
    ])
    const vs = check(h, rec("development-object-decision", "2026-02-09"))
    expect(codes(vs)).toEqual(["DEV-CULTIVATION-MIN.too-early"])
    expect(vs[0]?.dueBy?.toString()).toBe("2026-02-10")
    expect(check(h, rec("development-object-decision", "2026-02-10"))).toEqual([])
  })

  it("counts cultivation continuously across a transfer (DR 12)", () => {
    const h = history([
      rec("transfer-in", "2025-09-01", { stage: "activist", activistSince: d("2025-03-01") }),
      rec("contacts-assigned", "2025-09-02"),
    ])
    expect(check(h, rec("development-object-decision", "2026-03-01"))).toEqual([])
    expect(codes(check(h, rec("development-object-decision", "2026-02-28")))).toEqual([
      "DEV-CULTIVATION-MIN.too-early",
    ])
  })

  it("refuses an unverifiable transfer (DR 34)", () => {
    expect(codes(check(history([]), rec("transfer-in", "2026-06-01", { verified: false })))).toContain(
      "DEV-TRANSFER.unverified",
    )
  })
})
