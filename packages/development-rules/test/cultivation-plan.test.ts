import { applyOverlay } from "@xianfeng/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  cultivationPlan,
  developmentPolicy,
  developmentRuleSets,
  nationalPolicy,
  planProgress,
} from "../src/index.js"
import { d, history, rec } from "./fixtures.js"

const activist = history([
  rec("apply", "2026-01-05"),
  rec("talk", "2026-01-10"),
  rec("activist-decision", "2026-02-10"),
])

describe("cultivation plans (一人一策)", () => {
  it("plans quarterly talks, reports and activities and half-yearly assessments for a year (DR 11; quarterly [P])", () => {
    const plan = cultivationPlan(activist, d("2027-02-10"), developmentRuleSets, nationalPolicy)
    expect(plan?.role).toBe("activist")
    const of = (k: string) => plan?.items.filter((i) => i.kind === k).map((i) => i.dueBy.toString())
    expect(of("thought-report")).toEqual(["2026-05-10", "2026-08-10", "2026-11-10", "2027-02-10"])
    expect(of("assessment")).toEqual(["2026-08-10", "2027-02-10"])
    expect(of("training")).toEqual([])
  })

  it("follows the district's cadence (policy thoughtReportEvery)", () => {
    const monthly = Result.getOrThrow(applyOverlay(developmentPolicy, { thoughtReportEvery: { months: 1 } }))
    const plan = cultivationPlan(activist, d("2027-02-10"), developmentRuleSets, monthly)
    expect(plan?.items.filter((i) => i.kind === "thought-report")).toHaveLength(12)
  })

  it("adds the centralized training for a candidate for membership (DR 17)", () => {
    const h = history([
      ...activist.records,
      rec("activist-filing", "2026-02-11"),
      rec("contacts-assigned", "2026-02-11"),
      rec("development-object-decision", "2027-02-15"),
      rec("higher-committee-agreement", "2027-02-20", { kind: "filing" }),
    ])
    // 2027 is judged by 2026 rules: no notice on file yet, so not yet a candidate for membership
    expect(cultivationPlan(h, d("2027-06-01"), developmentRuleSets, nationalPolicy)?.role).toBe("activist")
    const withNotice = history([
      ...h.records.slice(0, -1),
      rec("higher-committee-agreement", "2027-02-20"),
      rec("public-notice", "2027-03-01", { start: d("2027-02-22"), end: d("2027-03-01") }),
    ])
    const plan = cultivationPlan(withNotice, d("2027-06-01"), developmentRuleSets, nationalPolicy)
    expect(plan?.role).toBe("development-object")
    expect(plan?.items.find((i) => i.kind === "training")?.dueBy.toString()).toBe("2027-06-01")
  })

  it("has no plan for an applicant or a probationary member", () => {
    expect(
      cultivationPlan(
        history([rec("apply", "2026-01-05")]),
        d("2027-01-01"),
        developmentRuleSets,
        nationalPolicy,
      ),
    ).toBeUndefined()
  })

  it("marks items done, due and overdue", () => {
    const plan = cultivationPlan(activist, d("2027-02-10"), developmentRuleSets, nationalPolicy)
    if (plan === undefined) throw new Error("no plan")
    const h = history([...activist.records, rec("activist-assessment", "2026-08-01")])
    const p = planProgress(plan, h, [{ kind: "thought-report", on: d("2026-05-01") }], d("2026-08-20"))
    const state = (k: string, seq: number) => p.items.find((i) => i.kind === k && i.seq === seq)?.state
    expect(state("thought-report", 1)).toBe("done")
    expect(state("thought-report", 2)).toBe("overdue")
    expect(state("assessment", 1)).toBe("done")
    expect(state("talk", 3)).toBe("planned")
    expect(p.overdue).toBeGreaterThan(0)
  })
})
