import { applyOverlay, applyOverlays } from "@xianfeng/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { demoDistrictOverlay, developmentPolicy, nationalPolicy } from "../src/index.js"
import { check, codes, d, evalAt, rec, validTimeline } from "./fixtures.js"

const demo = Result.getOrThrow(applyOverlay(developmentPolicy, demoDistrictOverlay))

describe("policy overlays", () => {
  it("has national defaults: anniversary, 3 days / 24 hours, 1–2 contacts, one pre-review level", () => {
    expect(nationalPolicy.periodEnd).toBe("anniversary")
    expect([nationalPolicy.trainingMinDays, nationalPolicy.trainingMinHours]).toEqual([3, 24])
    expect([nationalPolicy.contactsMin, nationalPolicy.contactsMax]).toEqual([1, 2])
    expect(nationalPolicy.preReviewLevels).toEqual(["party-committee"])
    expect(nationalPolicy.activistMinWait).toBeNull()
  })

  it("refuses an overlay with an unknown key or a bad value, naming it", () => {
    const unknown = applyOverlay(developmentPolicy, { trainingDays: 5 })
    expect(Result.isFailure(unknown) && unknown.failure.field).toBe("trainingDays")
    const bad = applyOverlay(developmentPolicy, { preReviewLevels: ["village"] })
    expect(Result.isFailure(bad) && bad.failure.field.startsWith("preReviewLevels")).toBe(true)
  })

  it("demo district: pre-review in three levels, in order (branch → party committee → org department)", () => {
    const full = validTimeline(d("2026-06-01"), undefined, { policy: demo })
    const i = full.records.findIndex((r) => r.step === "pre-review")
    const cut = { ...full, records: full.records.slice(0, i) }
    const at = full.records[i]?.on ?? d("2000-01-01")
    expect(codes(check(cut, rec("pre-review", at, { level: "org-department" }), demo))).toEqual([
      "DEV-PRE-REVIEW.level-order",
    ])
    expect(check(cut, rec("pre-review", at, { level: "branch" }), demo)).toEqual([])
    // one level passed is not enough for the application form
    const one = { ...cut, records: [...cut.records, rec("pre-review", at, { level: "branch" })] }
    expect(codes(check(one, rec("application-form", at), demo))).toEqual(["DEV-ORDER.missing"])
    expect(evalAt(one, at, demo).steps.find((s) => s.step === "pre-review")?.state).toBe("allowed")
    // nationally the single level suffices
    expect(
      check({ ...cut, records: [...cut.records, rec("pre-review", at)] }, rec("application-form", at)),
    ).toEqual([])
  })

  it("demo district: 5 days of training are required", () => {
    const full = validTimeline(d("2026-06-01"), undefined, { policy: demo })
    const i = full.records.findIndex((r) => r.step === "committee-review")
    const records = full.records
      .slice(0, i)
      .map((r) => (r.step === "training" ? rec("training", r.on, { days: 3, hours: 24 }) : r))
    const at = full.records[i]?.on ?? d("2000-01-01")
    expect(codes(check({ ...full, records }, rec("committee-review", at), demo))).toEqual([
      "DEV-TRAINING.too-short",
    ])
    expect(check({ ...full, records }, rec("committee-review", at))).toEqual([])
  })

  it("demo district: 6 months between application and activist", () => {
    const h = {
      person: validTimeline(d("2026-06-01")).person,
      records: [rec("apply", "2026-06-01"), rec("talk", "2026-06-05")],
    }
    expect(codes(check(h, rec("activist-decision", "2026-09-01"), demo))).toEqual([
      "DEV-ACTIVIST-WAIT.too-early",
    ])
    expect(check(h, rec("activist-decision", "2026-09-01"))).toEqual([])
  })

  it("demo district: an added step sits between pre-review and the branch meeting", () => {
    const full = validTimeline(d("2026-06-01"), undefined, { policy: demo })
    const i = full.records.findIndex((r) => r.step === "admission-meeting")
    const at = full.records[i]?.on ?? d("2000-01-01")
    const without = {
      ...full,
      records: full.records.slice(0, i).filter((r) => r.step !== "x-pre-admission-notice"),
    }
    expect(codes(check(without, rec("admission-meeting", at), demo))).toEqual(["DEV-ORDER.missing"])
    expect(evalAt(without, at, demo).nextSteps).toContain("x-pre-admission-notice")
    const withStep = { ...full, records: full.records.slice(0, i) }
    expect(check(withStep, rec("admission-meeting", at), demo)).toEqual([])
    // the step is unknown to a district without it
    expect(codes(check(withStep, { step: "x-pre-admission-notice", on: at, evidence: {} }))).toEqual([
      "DEV-ORDER.unknown-step",
    ])
  })

  it("refuses an added step placed after a step that does not exist", () => {
    const r = applyOverlay(developmentPolicy, {
      extraSteps: [{ id: "x-visit", name: { "zh-CN": "家访", en: "Home visit" }, after: "interview" }],
    })
    expect(Result.isFailure(r) && r.failure.field).toBe("extraSteps.0.after")
  })

  it("layers overlays: national → province → district", () => {
    const r = Result.getOrThrow(
      applyOverlays(developmentPolicy, [{ trainingMinDays: 4 }, { trainingMinHours: 32 }]),
    )
    expect([r.trainingMinDays, r.trainingMinHours]).toEqual([4, 32])
  })
})
