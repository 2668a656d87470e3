import { chineseWorkingCalendar, type RuleSet } from "@xianfeng/core"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { Edition } from "../src/citations.js"
import { deriveDates, editionResolver } from "../src/derived.js"
import { type DevelopmentRule, developmentRuleSets, evaluate, nationalPolicy } from "../src/index.js"
import { historyAsOf } from "../src/internal/records.js"
import { steps } from "../src/steps.js"
import { mutate, mutationArb, validHistoryArb } from "./generators.js"

const runs = { numRuns: 200 }

/** The same rule sets with no rule marked `recordsOnly`: evaluate asks every rule about every pending step. */
const unmarked: RuleSet<DevelopmentRule>[] = developmentRuleSets.map((s) => ({
  ...s,
  rules: s.rules.map((r) => ({ ...r, recordsOnly: false })),
}))

describe("rules that judge only records (recordsOnly)", () => {
  it("are the rules that return early without a record, in both editions", () => {
    const marked = developmentRuleSets.map((s) => s.rules.filter((r) => r.recordsOnly === true).length)
    expect(marked.every((n) => n >= 19)).toBe(true)
  })

  it("give a pending step no verdict, on valid and broken histories", () => {
    fc.assert(
      fc.property(validHistoryArb, mutationArb, ({ history, asOf }, m) => {
        const broken = mutate(history, m)
        const on = asOf.add({ days: Math.abs(m.days) })
        for (const h of [history, broken])
          for (const set of developmentRuleSets) {
            const editionOn = editionResolver(developmentRuleSets)
            const cut = historyAsOf(h, on)
            const derived = deriveDates(cut, editionOn, nationalPolicy, on)
            for (const rule of set.rules.filter((r) => r.recordsOnly === true))
              for (const step of rule.steps === "all" ? steps.map((s) => s.id) : rule.steps) {
                const ctx = {
                  history: cut,
                  step,
                  record: undefined,
                  on,
                  asOf: on,
                  edition: set.edition as Edition,
                  editionOn,
                  calendar: chineseWorkingCalendar,
                  derived,
                }
                expect(rule.check(ctx, nationalPolicy), `${rule.id} ${step}`).toEqual([])
              }
          }
      }),
      runs,
    )
  })

  it("evaluate gives the same evaluation whether or not it skips them for pending steps", () => {
    fc.assert(
      fc.property(validHistoryArb, mutationArb, ({ history, asOf }, m) => {
        const broken = mutate(history, m)
        const on = asOf.add({ days: Math.abs(m.days) })
        for (const h of [history, broken])
          expect(evaluate(h, on, developmentRuleSets, nationalPolicy)).toEqual(
            evaluate(h, on, unmarked, nationalPolicy),
          )
      }),
      runs,
    )
  })
})
