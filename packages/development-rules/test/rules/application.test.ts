import { applyOverlay } from "@xianfeng/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { developmentPolicy } from "../../src/index.js"
import { check, codes, d, evalAt, history, rec } from "../fixtures.js"

describe("application (stage 1)", () => {
  it("refuses an applicant under 18 (DR 5)", () => {
    const vs = check(history([], { birthDate: d("2008-06-02") }), rec("apply", "2026-06-01"))
    expect(codes(vs)).toContain("DEV-AGE-MIN.too-young")
    const v = vs.find((x) => x.code === "DEV-AGE-MIN.too-young")
    expect(v?.params.eligibleOn?.toString()).toBe("2026-06-02")
    expect(v?.citations[0]?.article).toBe(5)
  })

  it("accepts an applicant on the 18th birthday (DR 5)", () => {
    const vs = check(history([], { birthDate: d("2008-06-01") }), rec("apply", "2026-06-01"))
    expect(vs.filter((v) => v.status === "blocked")).toEqual([])
  })

  it("refuses an application that does not accept the programme (DR 5, PC 1)", () => {
    expect(codes(check(history([]), rec("apply", "2026-06-01", { acceptsProgramme: false })))).toContain(
      "DEV-APPLY-PROGRAMME.not-accepted",
    )
  })

  it("makes the talk due within one month of the application, then overdue (DR 7)", () => {
    const h = history([rec("apply", "2026-06-10")])
    const due = evalAt(h, "2026-06-20").steps.find((s) => s.step === "talk")
    expect(due?.state).toBe("due")
    expect(due?.dueBy?.toString()).toBe("2026-07-10")
    expect(evalAt(h, "2026-07-10").steps.find((s) => s.step === "talk")?.state).toBe("due")
    const over = evalAt(h, "2026-07-11").steps.find((s) => s.step === "talk")
    expect(over?.state).toBe("overdue")
    expect(codes(over?.verdicts ?? [])).toContain("DEV-TALK-WITHIN.overdue")
  })

  it("ends 'within one month' the day before under the day-before convention (policy periodEnd)", () => {
    const policy = Result.getOrThrow(applyOverlay(developmentPolicy, { periodEnd: "day-before" }))
    const h = history([rec("apply", "2026-06-10")])
    expect(evalAt(h, "2026-07-10", policy).steps.find((s) => s.step === "talk")?.state).toBe("overdue")
  })

  it("warns when a talk is recorded more than a month after the application (DR 7)", () => {
    const h = history([rec("apply", "2026-06-10")])
    expect(codes(check(h, rec("talk", "2026-07-20")))).toEqual(["DEV-TALK-WITHIN.late"])
    expect(check(h, rec("talk", "2026-07-10"))).toEqual([])
  })

  it("refuses a talk before any application is on file (order)", () => {
    expect(codes(check(history([]), rec("talk", "2026-06-01")))).toEqual(["DEV-ORDER.missing"])
  })

  it("has no national minimum wait before becoming an activist (reference §1.1 step 3 [P])", () => {
    const h = history([rec("apply", "2026-06-01"), rec("talk", "2026-06-05")])
    expect(check(h, rec("activist-decision", "2026-06-06"))).toEqual([])
  })

  it("lets a district require 6 months between application and activist (policy activistMinWait)", () => {
    const policy = Result.getOrThrow(applyOverlay(developmentPolicy, { activistMinWait: { months: 6 } }))
    const h = history([rec("apply", "2026-06-01"), rec("talk", "2026-06-05")])
    const vs = check(h, rec("activist-decision", "2026-11-30"), policy)
    expect(codes(vs)).toEqual(["DEV-ACTIVIST-WAIT.too-early"])
    expect(check(h, rec("activist-decision", "2026-12-01"), policy)).toEqual([])
  })
})
