import { describe, expect, it } from "vitest"
import {
  cite,
  date,
  documents,
  isSemver,
  makeRuleSet,
  type Rule,
  type RuleSet,
  ruleSetInForce,
  verdict,
} from "../src/index.js"
import { expectFieldError, success } from "./helpers.js"

type AgeRule = Rule<{ readonly age: number }, { readonly minAge: number }>
const DR5 = cite(documents.developmentRules, "2026", 5)
const ageMin: AgeRule = {
  id: "DEV-AGE-MIN",
  title: { "zh-CN": "年满十八周岁", en: "At least 18" },
  citations: [DR5],
  check: ({ age }, { minAge }) =>
    age >= minAge
      ? [verdict("ok", "DEV-AGE-MIN.ok", [DR5])]
      : [verdict("blocked", "DEV-AGE-MIN.too-young", [DR5], { age })],
}
const edition = (version: string, effectiveFrom: string, rules: AgeRule[] = [ageMin]): RuleSet<AgeRule> => ({
  id: "development",
  version,
  edition: effectiveFrom.slice(0, 4),
  effectiveFrom: date(effectiveFrom),
  rules,
})

describe("isSemver", () => {
  it("accepts semantic versions, with pre-release and build", () => {
    for (const v of ["2026.1.0", "0.1.0", "1.0.0-rc.1", "1.0.0+build.5"])
      expect([v, isSemver(v)]).toEqual([v, true])
  })

  it("refuses two parts, leading zeros and a v prefix", () => {
    for (const v of ["2026.1", "01.0.0", "v1.0.0", "1.0.0.0", ""])
      expect([v, isSemver(v)]).toEqual([v, false])
  })
})

describe("makeRuleSet", () => {
  it("builds a rule set whose rules can be checked", () => {
    const set = success(makeRuleSet(edition("2026.1.0", "2026-01-01")))
    expect(set.rules.map((r) => r.id)).toEqual(["DEV-AGE-MIN"])
    expect(set.rules[0]?.check({ age: 17 }, { minAge: 18 }).map((v) => v.code)).toEqual([
      "DEV-AGE-MIN.too-young",
    ])
  })

  it("refuses a version that is not semantic", () => {
    const e = expectFieldError(makeRuleSet(edition("2026.1", "2026-01-01")), "version", "semver")
    expect(e.message).toContain("2026.1")
  })

  it("refuses two rules with one id, naming the id", () => {
    const e = expectFieldError(
      makeRuleSet(edition("2026.1.0", "2026-01-01", [ageMin, ageMin])),
      "rules",
      "duplicate-id",
    )
    expect(e.message).toContain("DEV-AGE-MIN")
  })
})

describe("ruleSetInForce", () => {
  const e2014 = edition("2014.1.0", "2014-06-10")
  const e2026 = edition("2026.1.0", "2026-03-01")
  const sets = [e2014, e2026]

  it("is undefined before the first edition", () => {
    expect(ruleSetInForce(sets, date("2014-06-09"))).toBeUndefined()
    expect(ruleSetInForce([], date("2026-05-11"))).toBeUndefined()
  })

  it("takes the new edition from its effectiveFrom day on", () => {
    expect(ruleSetInForce(sets, date("2014-06-10"))?.version).toBe("2014.1.0")
    expect(ruleSetInForce(sets, date("2026-02-28"))?.version).toBe("2014.1.0")
    expect(ruleSetInForce(sets, date("2026-03-01"))?.version).toBe("2026.1.0")
    expect(ruleSetInForce(sets, date("2030-01-01"))?.version).toBe("2026.1.0")
  })

  it("does not depend on the order of the list", () => {
    expect(ruleSetInForce([e2026, e2014], date("2020-01-01"))?.version).toBe("2014.1.0")
    expect(ruleSetInForce([e2026, e2014], date("2026-03-01"))?.version).toBe("2026.1.0")
  })
})
