import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  cultivationPlan,
  decodeCultivationRecord,
  developmentRuleSets,
  nationalPolicy,
  planActivitiesOf,
  planProgress,
} from "../src/index.js"
import { d, history, rec } from "./fixtures.js"

const activist = history([
  rec("apply", "2026-01-05"),
  rec("talk", "2026-01-10"),
  rec("activist-decision", "2026-02-10"),
])

describe("cultivation records (talks, thought reports, activities)", () => {
  it("decodes a contact's talk with its date", () => {
    const r = decodeCultivationRecord({ kind: "talk", on: "2026-05-02", evidence: { talkedBy: "李明" } })
    expect(Result.isSuccess(r) && r.success.on.toString()).toBe("2026-05-02")
  })

  it("names the missing evidence field in both languages", () => {
    const r = decodeCultivationRecord({ kind: "thought-report", on: "2026-05-02", evidence: {} })
    if (Result.isSuccess(r)) throw new Error("decoded")
    expect(r.failure.field).toBe("evidence.submittedTo")
    expect(r.failure.messageZh).toMatch(/^evidence\.submittedTo的值无效/)
    expect(r.failure.message).toMatch(/^evidence\.submittedTo: /)
  })

  it("refuses an unknown kind and a date that does not exist", () => {
    const kind = decodeCultivationRecord({ kind: "party", on: "2026-05-02", evidence: {} })
    expect(Result.isFailure(kind) && kind.failure.field).toBe("kind")
    const day = decodeCultivationRecord({ kind: "talk", on: "2026-02-30", evidence: { talkedBy: "李明" } })
    expect(Result.isFailure(day) && day.failure.field).toBe("on")
  })

  it("a recorded talk fulfils the plan's first talk, so it is no longer overdue (DR 10)", () => {
    const plan = cultivationPlan(activist, d("2027-02-10"), developmentRuleSets, nationalPolicy)
    if (plan === undefined) throw new Error("no plan")
    const asOf = d("2026-08-01")
    const before = planProgress(plan, activist, [], asOf)
    const talk1 = before.items.find((i) => i.kind === "talk" && i.seq === 1)
    expect(talk1?.state).toBe("overdue")
    const activities = planActivitiesOf([
      { kind: "talk", on: d("2026-05-20") },
      { kind: "thought-report", on: d("2026-05-01") },
    ])
    const after = planProgress(plan, activist, activities, asOf)
    expect(after.items.find((i) => i.kind === "talk" && i.seq === 1)).toMatchObject({
      state: "done",
      doneOn: d("2026-05-20"),
    })
    expect(after.items.find((i) => i.kind === "thought-report" && i.seq === 1)?.state).toBe("done")
    expect(after.overdue).toBe(before.overdue - 2)
  })
})
