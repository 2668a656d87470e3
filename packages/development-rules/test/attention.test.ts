import { compareDates, date, type PlainDate } from "@xianfeng/core"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { ATTENTION_DAYS, attentionOf, type StepState, type StepStatus } from "../src/index.js"

const step = (state: StepState, dueBy?: string): StepStatus => ({
  step: "activist-assessment",
  name: { "zh-CN": "考察", en: "assessment" },
  stage: 2,
  state,
  verdicts: [],
  records: [],
  ...(dueBy === undefined ? {} : { dueBy: date(dueBy) }),
})
const asOf = date("2026-06-01")

describe("what the pipeline must look at", () => {
  it("lists overdue steps, and due steps within the days asked, most urgent first", () => {
    const items = attentionOf(
      [
        { person: { name: "张三" }, steps: [step("due", "2026-06-20"), step("done"), step("allowed")] },
        { person: { name: "李四" }, steps: [step("overdue", "2026-05-30"), step("due", "2026-09-01")] },
        { person: { name: "王五" }, steps: [step("overdue", "2026-03-01"), step("due", "2026-06-10")] },
      ],
      asOf,
    )
    expect(items.map((i) => [i.person.name, i.state, i.dueBy.toString()])).toEqual([
      ["王五", "overdue", "2026-03-01"],
      ["李四", "overdue", "2026-05-30"],
      ["王五", "due", "2026-06-10"],
      ["张三", "due", "2026-06-20"],
    ])
  })

  it(`looks ${ATTENTION_DAYS} days ahead by default; a step due on the horizon is in, the day after is out`, () => {
    const people = [
      { person: { name: "甲" }, steps: [step("due", "2026-07-01")] },
      { person: { name: "乙" }, steps: [step("due", "2026-07-02")] },
    ]
    expect(attentionOf(people, asOf).map((i) => i.person.name)).toEqual(["甲"])
    expect(attentionOf(people, asOf, 31).map((i) => i.person.name)).toEqual(["甲", "乙"])
  })

  it("orders people with the same deadline by name in Chinese collation", () => {
    const items = attentionOf(
      [
        { person: { name: "赵" }, steps: [step("due", "2026-06-05")] },
        { person: { name: "安" }, steps: [step("due", "2026-06-05")] },
      ],
      asOf,
    )
    expect(items.map((i) => i.person.name)).toEqual(["安", "赵"])
  })

  it("property: every item is overdue or due by the horizon, and the list is sorted by urgency", () => {
    const state = fc.constantFrom<StepState>("done", "allowed", "blocked", "due", "overdue", "not-applicable")
    const day = fc.integer({ min: -200, max: 200 })
    const people = fc.array(
      fc.record({
        person: fc.record({ name: fc.constantFrom("甲", "乙", "丙") }),
        steps: fc.array(
          fc
            .tuple(state, fc.option(day, { nil: undefined }))
            .map(([s, d]) => step(s, d === undefined ? undefined : asOf.add({ days: d }).toString())),
        ),
      }),
    )
    fc.assert(
      fc.property(people, fc.integer({ min: 1, max: 365 }), (ps, days) => {
        const horizon: PlainDate = asOf.add({ days })
        const items = attentionOf(ps, asOf, days)
        const expected = ps
          .flatMap((p) => p.steps)
          .filter(
            (s) =>
              s.dueBy !== undefined &&
              (s.state === "overdue" || (s.state === "due" && compareDates(s.dueBy, horizon) <= 0)),
          )
        expect(items).toHaveLength(expected.length)
        for (const [a, b] of items.slice(1).map((x, i) => [items[i], x] as const)) {
          if (a === undefined) continue
          const rank = (x: typeof a) => (x.state === "overdue" ? 0 : 1)
          expect(rank(a) < rank(b) || (rank(a) === rank(b) && compareDates(a.dueBy, b.dueBy) <= 0)).toBe(true)
        }
      }),
    )
  })
})
