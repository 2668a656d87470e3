import { date, renderVerdict } from "@xianfeng/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  appraisalMessages,
  caseStatus,
  closeCorrected,
  nationalPolicy,
  takeStep,
  type UnqualifiedCase,
} from "../src/index.js"

const opened: UnqualifiedCase = { memberId: "m5", openedOn: date("2026-01-10"), steps: [] }
const ok = (r: Result.Result<UnqualifiedCase, unknown>) => Result.getOrThrow(r)
const reason = (r: Result.Result<UnqualifiedCase, { field: string; reason: string }>) =>
  Result.isFailure(r) ? `${r.failure.field}:${r.failure.reason}` : "ok"

describe("the ladder for a member graded unqualified (EM 28–31, PC 9)", () => {
  it("education comes first: a new case is due for criticism and education", () => {
    expect(caseStatus(opened, date("2026-01-11")).code).toBe("UNQ-CASE.open")
  })

  it("each step names the meeting that decided it and gets a due date from the policy", () => {
    const c = ok(
      takeStep(
        opened,
        { step: "criticism", decidedOn: date("2026-01-15"), meetingId: "meet-1" },
        nationalPolicy,
      ),
    )
    expect(c.steps[0]?.dueBy.toString()).toBe("2026-02-14")
    expect(caseStatus(c, date("2026-02-14")).status).toBe("due")
    expect(caseStatus(c, date("2026-02-15")).status).toBe("overdue")
    expect(
      reason(
        takeStep(
          opened,
          { step: "criticism", decidedOn: date("2026-01-15"), meetingId: " " },
          nationalPolicy,
        ),
      ),
    ).toBe("meetingId:required")
  })

  it("a time-limited correction lasts at most one year and needs help measures", () => {
    const base = { step: "correction" as const, decidedOn: date("2026-03-01"), meetingId: "meet-2" }
    expect(reason(takeStep(opened, { ...base, dueBy: date("2026-12-31") }, nationalPolicy))).toBe(
      "helpMeasures:required",
    )
    expect(
      reason(
        takeStep(opened, { ...base, dueBy: date("2027-03-02"), helpMeasures: "结对帮扶" }, nationalPolicy),
      ),
    ).toBe("dueBy:too-long")
    const c = ok(
      takeStep(opened, { ...base, dueBy: date("2027-03-01"), helpMeasures: "结对帮扶" }, nationalPolicy),
    )
    const after = caseStatus(c, date("2027-03-02"))
    expect(after.code).toBe("UNQ-STEP.correction.overdue")
    expect(renderVerdict(after, appraisalMessages, "zh-CN")).toContain("仍无转变的，应劝其退党")
  })

  it("the ladder goes forward only; removal closes the case", () => {
    const c1 = ok(
      takeStep(opened, { step: "reminder", decidedOn: date("2026-01-15"), meetingId: "m" }, nationalPolicy),
    )
    expect(
      reason(
        takeStep(c1, { step: "criticism", decidedOn: date("2026-01-20"), meetingId: "m" }, nationalPolicy),
      ),
    ).toBe("step:backwards")
    expect(
      reason(
        takeStep(c1, { step: "persuasion", decidedOn: date("2026-01-14"), meetingId: "m" }, nationalPolicy),
      ),
    ).toBe("decidedOn:before-last")
    const c2 = ok(
      takeStep(c1, { step: "persuasion", decidedOn: date("2026-02-01"), meetingId: "m" }, nationalPolicy),
    )
    const c3 = ok(
      takeStep(c2, { step: "removal", decidedOn: date("2026-04-01"), meetingId: "m" }, nationalPolicy),
    )
    expect(c3.closed?.outcome).toBe("removed")
    expect(
      reason(
        takeStep(c3, { step: "removal", decidedOn: date("2026-04-02"), meetingId: "m" }, nationalPolicy),
      ),
    ).toBe("step:closed")
  })

  it("a member who corrects closes the case", () => {
    const c = ok(
      takeStep(opened, { step: "criticism", decidedOn: date("2026-01-15"), meetingId: "m" }, nationalPolicy),
    )
    expect(caseStatus(ok(closeCorrected(c, date("2026-03-01"))), date("2026-03-02")).code).toBe(
      "UNQ-CASE.corrected",
    )
    expect(Result.isFailure(closeCorrected(opened, date("2026-03-01")))).toBe(true)
  })
})
