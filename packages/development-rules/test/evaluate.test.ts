import { describe, expect, it } from "vitest"
import { check, d, evalAt, history, rec, validTimeline } from "./fixtures.js"

describe("evaluate", () => {
  it("offers only the application to a person with no records", () => {
    const e = evalAt(history([]), "2026-06-01")
    expect(e.nextSteps).toEqual(["apply"])
    expect(e.derived.stage).toBe("not-started")
    expect(e.steps.find((s) => s.step === "talk")?.state).toBe("blocked")
    expect(e.edition).toBe("2026")
  })

  it("puts overdue steps first among the next steps", () => {
    const h = history([rec("apply", "2026-06-01")])
    const e = evalAt(h, "2026-08-01")
    expect(e.nextSteps[0]).toBe("talk")
    expect(e.steps.find((s) => s.step === "talk")?.state).toBe("overdue")
  })

  it("reports each stage as the history grows", () => {
    const full = validTimeline(d("2026-06-01"))
    const stageAfter = (step: string) => {
      const i = full.records.findIndex((r) => r.step === step)
      const cut = { ...full, records: full.records.slice(0, i + 1) }
      const at = full.records[i]?.on ?? d("2000-01-01")
      return evalAt(cut, at).derived.stage
    }
    expect(stageAfter("talk")).toBe(1)
    expect(stageAfter("activist-decision")).toBe(2)
    expect(stageAfter("public-notice")).toBe(3)
    expect(stageAfter("committee-review")).toBe(4)
    expect(stageAfter("admission-approval")).toBe(5)
    expect(stageAfter("conversion-approval")).toBe("member")
  })

  it("shows a recorded violation on the done step (evaluate agrees with checkStep)", () => {
    const h = history([rec("apply", "2026-06-01"), rec("talk", "2026-07-20")])
    const talk = evalAt(h, "2026-07-20").steps.find((s) => s.step === "talk")
    expect(talk?.state).toBe("done")
    expect(talk?.verdicts.map((v) => v.code)).toEqual(["DEV-TALK-WITHIN.late"])
    expect(
      check(history([rec("apply", "2026-06-01")]), rec("talk", "2026-07-20")).map((v) => v.code),
    ).toEqual(["DEV-TALK-WITHIN.late"])
  })

  it("ignores records dated after asOf", () => {
    const h = history([rec("apply", "2026-06-01"), rec("talk", "2026-06-10")])
    expect(evalAt(h, "2026-06-05").steps.find((s) => s.step === "talk")?.state).toBe("due")
  })
})
