import { isSemver, makeRuleSet } from "@xianfeng/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { developmentRuleSets, rules2014, rules2026 } from "../src/index.js"
import { check, codes, d, evalAt, history, rec, validTimeline } from "./fixtures.js"

describe("two editions side by side (reference §1.10)", () => {
  it("are valid core rule sets effective 2014-05-28 and 2026-05-11", () => {
    for (const s of developmentRuleSets) {
      expect(Result.isSuccess(makeRuleSet(s))).toBe(true)
      expect(isSemver(s.version)).toBe(true)
    }
    expect(rules2014.effectiveFrom.toString()).toBe("2014-05-28")
    expect(rules2026.effectiveFrom.toString()).toBe("2026-05-11")
  })

  it("have exactly the 2026-only rules as difference", () => {
    const ids14 = new Set(rules2014.rules.map((r) => r.id))
    const only26 = rules2026.rules.map((r) => r.id).filter((id) => !ids14.has(id))
    expect(only26.sort()).toEqual(["DEV-MEETING-AFTER-PREREVIEW", "DEV-OATH-WITHIN", "DEV-PUBLIC-NOTICE"])
  })

  it("cite the 2014 edition in 2014 rules and the 2026 edition in 2026 rules", () => {
    const eds = (rs: typeof rules2014) =>
      new Set(
        rs.rules
          .flatMap((r) => r.citations)
          .filter((c) => c.document.id === "DR")
          .map((c) => c.edition),
      )
    expect(eds(rules2014)).toEqual(new Set(["2014"]))
    expect(eds(rules2026)).toEqual(new Set(["2026"]))
  })

  it("judge a history from 2025 to 2027 step by step by the edition in force on each date", () => {
    // Filing in April 2026 (2014 rules): no notice needed. The oath in 2027 is judged by 2026 rules.
    const h = validTimeline(d("2025-02-03"))
    const agreement = h.records.find((r) => r.step === "higher-committee-agreement")
    expect((agreement?.on.toString() ?? "9999") < "2026-05-11").toBe(true)
    expect(h.records.some((r) => r.step === "public-notice")).toBe(false)
    const last =
      h.records
        .map((r) => r.on.toString())
        .sort()
        .at(-1) ?? ""
    const e = evalAt(h, last)
    expect(e.verdicts.filter((v) => v.status === "blocked" || v.status === "overdue")).toEqual([])
    expect(e.derived.stage).toBe("member")
  })

  it("refuses a filing made after 2026-05-11 even for an object decided before", () => {
    const h = history([
      rec("apply", "2025-01-05"),
      rec("talk", "2025-01-10"),
      rec("activist-decision", "2025-02-10"),
      rec("activist-filing", "2025-02-11"),
      rec("contacts-assigned", "2025-02-11"),
      rec("development-object-decision", "2026-05-04"),
    ])
    expect(check(h, rec("higher-committee-agreement", "2026-05-08", { kind: "filing" }))).toEqual([])
    expect(codes(check(h, rec("higher-committee-agreement", "2026-05-11", { kind: "filing" })))).toEqual([
      "DEV-OBJECT-HIGHER.agreement-required",
    ])
  })

  it("the same late oath is a warning under 2026 and fine under 2014", () => {
    const oathLate = (start: string) => {
      const h = validTimeline(d(start))
      const approved = h.records.find((r) => r.step === "admission-approval")?.on ?? d("2000-01-01")
      const cut = {
        ...h,
        records: h.records.filter((r) => r.on.toString() <= approved.toString() && r.step !== "oath"),
      }
      return codes(check(cut, rec("oath", approved.add({ months: 2 }))))
    }
    expect(oathLate("2026-06-01")).toEqual(["DEV-OATH-WITHIN.late"])
    expect(oathLate("2019-06-03")).toEqual([])
  })
})
