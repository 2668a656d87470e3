import { compareDates, renderVerdict, type Verdict } from "@xianfeng/core"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { developmentMessages, developmentRuleSets, type Evaluation, type History } from "../src/index.js"
import { check, d, evalAt, rec } from "./fixtures.js"
import { mutate, mutationArb, shiftYears, validHistoryArb } from "./generators.js"

const declared = new Set([
  "DEV-EDITION.none",
  ...developmentRuleSets.flatMap((s) => s.rules.flatMap((r) => r.codes)),
])
const runs = { numRuns: 200 }

/** Verdicts that depend on the working-day calendar (holidays move between years; some years are missing). */
const calendarDependent = (v: Verdict) => v.code.startsWith("DEV-PUBLIC-NOTICE.")

const summary = (e: Evaluation) =>
  e.steps
    .filter((s) => s.step !== "public-notice")
    .map((s) => [
      s.step,
      s.state,
      s.verdicts
        .filter((v) => !calendarDependent(v))
        .map((v) => `${v.status}:${v.code}`)
        .sort(),
    ])

const editionOn = (x: { toString(): string }) =>
  x.toString() >= "2026-05-11" ? "2026" : x.toString() >= "2014-05-28" ? "2014" : "none"

describe("properties over generated histories", () => {
  it("a history the rules accept breaks no rule: each record passes checkStep, evaluate finds nothing blocked or overdue", () => {
    fc.assert(
      fc.property(validHistoryArb, ({ history, asOf }) => {
        const sorted = [...history.records].sort((a, b) => compareDates(a.on, b.on))
        sorted.forEach((r, i) => {
          const before: History = { ...history, records: sorted.slice(0, i) }
          const blocked = check(before, r).filter((v) => v.status === "blocked")
          expect(blocked, `${r.step} ${r.on}`).toEqual([])
        })
        const e = evalAt(history, asOf)
        const bad = e.steps
          .filter((s) => s.state === "done")
          .flatMap((s) => s.verdicts)
          .filter((v) => v.status === "blocked" || v.status === "overdue")
        expect(bad).toEqual([])
        expect(e.steps.filter((s) => s.state === "overdue")).toEqual([])
      }),
      runs,
    )
  })

  it("every blocked verdict cites at least one article, and every emitted code is declared and rendered", () => {
    fc.assert(
      fc.property(validHistoryArb, mutationArb, ({ history, asOf }, m) => {
        const broken = mutate(history, m)
        const e = evalAt(broken, asOf.add({ days: Math.abs(m.days) }))
        for (const v of e.verdicts) {
          if (v.status === "blocked") expect(v.citations.length, v.code).toBeGreaterThan(0)
          expect(declared.has(v.code), v.code).toBe(true)
          for (const locale of ["zh-CN", "en"] as const)
            expect(renderVerdict(v, developmentMessages, locale), v.code).not.toMatch(/\{\w+\}/)
        }
      }),
      runs,
    )
  })

  it("dropping the application leaves every later history refused (the check can fail)", () => {
    fc.assert(
      fc.property(validHistoryArb, ({ history, asOf }) => {
        fc.pre(history.records.length >= 2)
        const broken = mutate(history, { kind: "drop", index: 0, days: 0 })
        expect(
          evalAt(broken, asOf).verdicts.some((v) => v.status === "blocked" && v.code === "DEV-ORDER.missing"),
        ).toBe(true)
      }),
      { numRuns: 100 },
    )
  })

  it("moving a whole history by whole years changes no verdict except working-day and edition ones", () => {
    fc.assert(
      fc.property(
        validHistoryArb,
        fc.integer({ min: 1, max: 3 }),
        mutationArb,
        ({ history, asOf }, years, m) => {
          const h = mutate(history, m)
          const dates = [...h.records.map((r) => r.on), asOf]
          fc.pre(dates.every((x) => editionOn(x) === editionOn(x.add({ years }))))
          // month-end clamping (Jan 31 + 1 month) differs between leap and common years, like holidays do
          fc.pre(dates.every((x) => x.day <= 28))
          const a = evalAt(h, asOf)
          const b = evalAt(shiftYears(h, years), asOf.add({ years }))
          expect(summary(b)).toEqual(summary(a))
          expect(b.derived.stage).toEqual(a.derived.stage)
        },
      ),
      runs,
    )
  })
})

describe("the shift comparison can fail", () => {
  it("notices a changed verdict when records move but the birth date does not", () => {
    const h: History = {
      person: { birthDate: d("2008-09-01"), migrant: false },
      records: [rec("apply", "2026-06-01")],
    }
    const moved: History = { ...h, records: shiftYears(h.records, 1) }
    expect(summary(evalAt(moved, d("2027-06-01")))).not.toEqual(summary(evalAt(h, d("2026-06-01"))))
  })
})
