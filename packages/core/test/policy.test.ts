import { Result, Schema } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { applyOverlay, applyOverlays, definePolicy, policyKey } from "../src/index.js"
import { assertTotalParser, expectFieldError, success } from "./helpers.js"

const text = (s: string) => ({ "zh-CN": s, en: s })
const development = definePolicy("development", {
  probationEnd: policyKey({
    schema: Schema.Literals(["anniversary", "day-before"]),
    default: "anniversary" as "anniversary" | "day-before",
    description: text("probation end"),
    confidence: "?",
  }),
  noticeWorkingDays: policyKey({
    schema: Schema.Number,
    default: 5,
    description: text("notice length"),
    confidence: "V",
  }),
  visits: policyKey({
    schema: Schema.Struct({ minAge: Schema.Number, festivals: Schema.Array(Schema.String) }),
    default: { minAge: 80, festivals: ["spring-festival"] } as {
      minAge: number
      festivals: readonly string[]
    },
    description: text("visits"),
    confidence: "P",
  }),
})

describe("definePolicy", () => {
  it("takes the national defaults from the keys", () => {
    expect(development.id).toBe("development")
    expect(development.defaults).toEqual({
      probationEnd: "anniversary",
      noticeWorkingDays: 5,
      visits: { minAge: 80, festivals: ["spring-festival"] },
    })
  })
})

describe("policyKey", () => {
  it("keeps the declaration as given", () => {
    const key = { schema: Schema.Boolean, default: true, description: text("x"), confidence: "S" as const }
    expect(policyKey(key)).toBe(key)
  })
})

describe("applyOverlay", () => {
  it("an empty overlay gives the defaults", () => {
    expect(success(applyOverlay(development, {}))).toEqual(development.defaults)
  })

  it("a partial overlay overrides only its keys", () => {
    expect(success(applyOverlay(development, { probationEnd: "day-before" }))).toEqual({
      ...development.defaults,
      probationEnd: "day-before",
    })
  })

  it("does not change the defaults it starts from", () => {
    success(applyOverlay(development, { noticeWorkingDays: 7 }))
    expect(development.defaults.noticeWorkingDays).toBe(5)
  })

  it("names an unknown key", () => {
    const e = expectFieldError(applyOverlay(development, { noticeDays: 7 }), "noticeDays", "unknown-key")
    expect(e.message).toBe('development has no setting "noticeDays"')
  })

  it("treats Object.prototype names in untrusted JSON as unknown keys instead of throwing", () => {
    expectFieldError(applyOverlay(development, { toString: 1 }), "toString", "unknown-key")
    expectFieldError(applyOverlay(development, { constructor: 1 }), "constructor", "unknown-key")
    expectFieldError(
      applyOverlay(development, JSON.parse('{"__proto__": {"x": 1}}')),
      "__proto__",
      "unknown-key",
    )
  })

  it("names the key of a bad value", () => {
    expectFieldError(applyOverlay(development, { noticeWorkingDays: "7" }), "noticeWorkingDays", "invalid")
    expectFieldError(applyOverlay(development, { probationEnd: "end-of-month" }), "probationEnd", "invalid")
  })

  it("names the nested path of a bad value", () => {
    const e = expectFieldError(
      applyOverlay(development, { visits: { minAge: "80", festivals: [] } }),
      "visits.minAge",
      "invalid",
    )
    expect(e.message).toMatch(/^visits\.minAge: /)
    expect(e.messageZh).toMatch(/^设置项visits\.minAge的值无效/)
    expectFieldError(
      applyOverlay(development, { visits: { minAge: 80, festivals: ["a", 2] } }),
      "visits.festivals.1",
      "invalid",
    )
  })

  it("refuses an excess property inside a value", () => {
    expectFieldError(
      applyOverlay(development, { visits: { minAge: 80, festivals: [], extra: true } }),
      "visits.extra",
      "invalid",
    )
  })

  it("refuses an overlay that is not an object", () => {
    for (const bad of [null, "x", 1, [{ noticeWorkingDays: 7 }]])
      expectFieldError(applyOverlay(development, bad), "overlay", "type")
  })

  it("starts from a given base", () => {
    const base = { ...development.defaults, noticeWorkingDays: 7 }
    expect(success(applyOverlay(development, { probationEnd: "day-before" }, base))).toEqual({
      ...base,
      probationEnd: "day-before",
    })
  })

  it("never throws, whatever it is fed", () => {
    assertTotalParser((x) => applyOverlay(development, x))
    assertTotalParser(
      (x) => applyOverlay(development, x),
      fc.dictionary(
        fc.constantFrom("probationEnd", "noticeWorkingDays", "visits", "toString", "other"),
        fc.anything(),
      ),
    )
  })
})

describe("applyOverlays", () => {
  it("applies national, province and district overlays in order, the later winning", () => {
    const r = applyOverlays(development, [
      { noticeWorkingDays: 7 },
      { probationEnd: "day-before", noticeWorkingDays: 10 },
      { visits: { minAge: 70, festivals: ["mid-autumn"] } },
    ])
    expect(success(r)).toEqual({
      probationEnd: "day-before",
      noticeWorkingDays: 10,
      visits: { minAge: 70, festivals: ["mid-autumn"] },
    })
  })

  it("gives the defaults for no overlays", () => {
    expect(success(applyOverlays(development, []))).toEqual(development.defaults)
  })

  it("stops at the first bad overlay with its error", () => {
    expectFieldError(
      applyOverlays(development, [{ noticeWorkingDays: 7 }, { nope: 1 }, { noticeWorkingDays: "x" }]),
      "nope",
      "unknown-key",
    )
  })
})

describe("applyOverlay with an empty key", () => {
  it("names the empty key instead of leaving the field blank", () => {
    const r = applyOverlay(definePolicy("p", {}), { "": 1 })
    expect(Result.isFailure(r) && r.failure.field).toBe('overlay[""]')
  })
})
