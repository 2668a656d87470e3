import { describe, expect, it } from "vitest"
import { developmentRuleSets, evaluate, pipelineIndexEntryOf } from "../src/index.js"
import { corpus } from "./corpus.js"
import { d, evalAt, history, rec } from "./fixtures.js"

const itemsOn = (
  h: Parameters<typeof evaluate>[0],
  on: Parameters<typeof evaluate>[1],
  policy: Parameters<typeof evaluate>[3],
) => pipelineIndexEntryOf(evaluate(h, on, developmentRuleSets, policy), developmentRuleSets).items

describe("the pipeline index entry", () => {
  it("keeps the open deadlines and asks again the day after the first one passes", () => {
    const e = evalAt(history([rec("apply", "2026-06-01")]), "2026-06-10")
    const entry = pipelineIndexEntryOf(e, developmentRuleSets)
    const talk = entry.items.find((i) => i.step === "talk")
    if (talk === undefined) throw new Error("no talk due")
    expect(talk.state).toBe("due")
    expect(entry.evaluatedOn).toEqual(d("2026-06-10"))
    expect(entry.recheckOn.toString() <= talk.dueBy.add({ days: 1 }).toString()).toBe(true)
  })

  it("never asks later than the cap", () => {
    const e = evalAt(history([]), "2026-06-10")
    expect(
      pipelineIndexEntryOf(e, developmentRuleSets, { maxDays: 7 }).recheckOn.toString() <= "2026-06-17",
    ).toBe(true)
  })

  it("stays the answer of evaluate on every day before recheckOn (generated histories)", () => {
    for (const { history: h, asOf, policy } of corpus(150)) {
      const entry = pipelineIndexEntryOf(
        evaluate(h, asOf, developmentRuleSets, policy),
        developmentRuleSets,
        {
          records: h.records,
        },
      )
      const last = entry.recheckOn.subtract({ days: 1 })
      const middle = asOf.add({ days: Math.floor(last.since(asOf).days / 2) })
      for (const on of [middle, last]) expect(itemsOn(h, on, policy)).toEqual(entry.items)
    }
  })
})
