import { date } from "@xianfeng/core"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { nextPeriod, parsePeriodKey, periodContaining, periodsBetween } from "../src/index.js"

describe("calendar periods", () => {
  it("names and bounds a month, a quarter and a year", () => {
    expect(periodContaining("month", date("2024-02-10"))).toMatchObject({
      key: "2024-02",
      end: date("2024-02-29"),
    })
    expect(periodContaining("quarter", date("2026-08-01"))).toMatchObject({
      key: "2026-Q3",
      start: date("2026-07-01"),
      end: date("2026-09-30"),
    })
    expect(periodContaining("year", date("2026-08-01"))).toMatchObject({
      key: "2026",
      end: date("2026-12-31"),
    })
  })

  it("lists the periods overlapping a span, and reads keys back", () => {
    expect(periodsBetween("quarter", date("2025-12-31"), date("2026-04-01")).map((p) => p.key)).toEqual([
      "2025-Q4",
      "2026-Q1",
      "2026-Q2",
    ])
    expect(parsePeriodKey("2026-Q2")?.start).toEqual(date("2026-04-01"))
    expect(parsePeriodKey("2026-13")).toBeUndefined()
  })

  it("tiles time: each period starts the day after the last ends (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20000 }),
        fc.constantFrom("month", "quarter", "year" as const),
        (d, c) => {
          const p = periodContaining(c, date("2000-01-01").add({ days: d }))
          return (
            nextPeriod(p).start.equals(p.end.add({ days: 1 })) && parsePeriodKey(p.key)?.start.equals(p.start)
          )
        },
      ),
    )
  })
})
