import { describe, expect, it } from "vitest"
import {
  DR14_LAST_MAPPED,
  defineRule,
  developmentRuleSets,
  dr14,
  drIn,
  drInOrDistrict,
  type StepRecord,
} from "../src/index.js"
import { check, d, history, member, rec } from "./fixtures.js"

describe("2014 article numbers (dr14)", () => {
  it("keeps Arts. 1–17 and moves 2026 Arts. 18–36 one up (the 2014 edition has one more general article, 18)", () => {
    expect(dr14(17).article).toBe(17)
    expect(dr14(18).article).toBe(19)
    expect(dr14(25).article).toBe(26) // the approval deadline, reference §1.10
    expect(dr14(26).article).toBe(27) // direct admission
    expect(dr14(27).article).toBe(28) // posthumous admission
    expect(dr14(36).article).toBe(37)
    expect(DR14_LAST_MAPPED).toBe(36)
  })

  it("refuses to map an article above 36, or no article at all, instead of guessing", () => {
    for (const a of [37, 40, 41, 44, 0, -1, 2.5]) expect(() => dr14(a), String(a)).toThrow(RangeError)
    expect(() => drIn("2014", 40)).toThrow(/no confirmed 2014 counterpart/)
    expect(drIn("2026", 40).article).toBe(40)
  })

  it("throws when a rule citing an unmappable 2014 article is defined (a programming error, not a verdict)", () => {
    const define = () =>
      defineRule({
        id: "DEV-TEST",
        title: { "zh-CN": "测试", en: "test" },
        description: { "zh-CN": "测试", en: "test" },
        citations: [drIn("2014", 41)],
        steps: ["archive"],
        codes: [],
        check: () => [],
      })
    expect(define).toThrow(RangeError)
  })

  it("cites 2026 Arts. 40–41 under 2014 as district policy, explicitly (drInOrDistrict)", () => {
    expect(drInOrDistrict("2014", 41).document.id).toBe(drInOrDistrict("2014", 40).document.id)
    expect(drInOrDistrict("2014", 41).document.title["zh-CN"]).toContain("本区")
    expect(drInOrDistrict("2026", 41).article).toBe(41)
    expect(drInOrDistrict("2014", 26).article).toBe(27)
  })

  it("every citation of the Detailed Rules in both rule sets stays within the edition's articles", () => {
    for (const set of developmentRuleSets)
      for (const r of set.rules)
        for (const c of r.citations)
          if (c.document.id === "DR") expect(c.article, `${set.edition} ${r.id}`).toBeLessThanOrEqual(44)
  })
})

describe("introducers within a sanction's effect period (不宜, 2026 Art. 14 ¶2)", () => {
  const warned = member("乙", { sanctions: [{ kind: "warning", imposedOn: d("2019-10-01") }] })
  const base2014: StepRecord[] = [
    rec("apply", "2019-01-05"),
    rec("talk", "2019-01-10"),
    rec("activist-decision", "2019-02-10"),
    rec("activist-filing", "2019-02-11"),
    rec("contacts-assigned", "2019-02-11"),
    rec("development-object-decision", "2020-06-01"),
    rec("higher-committee-agreement", "2020-06-03", { kind: "filing" }),
  ]

  it("2026: warns, citing Art. 14 of the 2026 edition", () => {
    const recent = member("乙", { sanctions: [{ kind: "warning", imposedOn: d("2025-10-01") }] })
    const h = history(base2014.map((r) => ({ ...r, on: r.on.add({ years: 6 }) })))
    const v = check(h, rec("introducers", "2026-06-12", { introducers: [member("甲"), recent] })).find(
      (x) => x.code === "DEV-INTRODUCERS.sanction-period",
    )
    expect(v?.status).toBe("warning")
    expect(v?.citations.map((c) => `${c.document.id} ${c.edition} ${c.article}`)).toEqual(["DR 2026 14"])
  })

  it("2014: the 2014 wording is not confirmed, so the warning cites district policy first, then 2014 Art. 14", () => {
    const h = history(base2014)
    const v = check(h, rec("introducers", "2020-06-12", { introducers: [member("甲"), warned] })).find(
      (x) => x.code === "DEV-INTRODUCERS.sanction-period",
    )
    expect(v?.status).toBe("warning")
    expect(v?.citations[0]?.document.title["zh-CN"]).toContain("本区")
    expect(v?.citations[1]).toMatchObject({ edition: "2014", article: 14 })
  })
})
