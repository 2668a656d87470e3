import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  addPeriod,
  date,
  daysBetween,
  formatPeriod,
  hasElapsed,
  isWithin,
  type Period,
  type PeriodEnd,
  parsePeriod,
  periodEnd,
  periodEndConventions,
  subtractPeriod,
} from "../src/index.js"
import { assertTotalParser, expectFieldError, success } from "./helpers.js"

const anyDate = fc.integer({ min: -30_000, max: 60_000 }).map((n) => date("1970-01-01").add({ days: n }))
/** A date whose day exists in every month, so adding months or years never clamps it. */
const unclampedDate = anyDate.filter((d) => d.day <= 28)
const anyPeriod: fc.Arbitrary<Period> = fc
  .record(
    {
      years: fc.integer({ min: 0, max: 50 }),
      months: fc.integer({ min: 0, max: 40 }),
      days: fc.integer({ min: 0, max: 400 }),
    },
    { requiredKeys: [] },
  )
  .filter((p) => (p.years ?? 0) + (p.months ?? 0) + (p.days ?? 0) > 0)
const anyConvention = fc.constantFrom<PeriodEnd>(...periodEndConventions)

describe("addPeriod", () => {
  it("counts one year from the start to the anniversary", () => {
    expect(addPeriod(date("2025-03-10"), { years: 1 }).toString()).toBe("2026-03-10")
  })

  it("clamps to the last day of a shorter month", () => {
    expect(addPeriod(date("2024-01-31"), { months: 1 }).toString()).toBe("2024-02-29")
    expect(addPeriod(date("2025-01-31"), { months: 1 }).toString()).toBe("2025-02-28")
    expect(addPeriod(date("2024-02-29"), { years: 1 }).toString()).toBe("2025-02-28")
    expect(addPeriod(date("2025-08-31"), { months: 6 }).toString()).toBe("2026-02-28")
  })

  it("adds years, then months, then days", () => {
    expect(addPeriod(date("2025-01-31"), { months: 1, days: 1 }).toString()).toBe("2025-03-01")
    expect(addPeriod(date("2025-12-20"), { years: 1, months: 6, days: 30 }).toString()).toBe("2027-07-20")
  })

  it("adding months to a month-end lands on the target month's last day or on the same day", () => {
    const monthEnd = anyDate.map((d) => d.with({ day: d.daysInMonth }))
    fc.assert(
      fc.property(monthEnd, fc.integer({ min: 1, max: 60 }), (start, months) => {
        const end = addPeriod(start, { months })
        const target = start.toPlainYearMonth().add({ months })
        expect([end.year, end.month]).toEqual([target.year, target.month])
        expect(end.day).toBe(Math.min(start.day, end.daysInMonth))
        expect(end.day === end.daysInMonth || end.day === start.day).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})

describe("subtractPeriod", () => {
  it("clamps to month-end the same way", () => {
    expect(subtractPeriod(date("2024-03-31"), { months: 1 }).toString()).toBe("2024-02-29")
    expect(subtractPeriod(date("2025-02-28"), { years: 1 }).toString()).toBe("2024-02-28")
  })

  it("undoes a period of months and days: 2025-03-04 less 1 month 5 days is 2025-01-27", () => {
    const p = { months: 1, days: 5 }
    expect(addPeriod(date("2025-01-27"), p).toString()).toBe("2025-03-04")
    expect(subtractPeriod(date("2025-03-04"), p).toString()).toBe("2025-01-27")
  })

  it("adding then subtracting a period gives back the start when no clamping happened", () => {
    fc.assert(
      fc.property(unclampedDate, anyPeriod, (start, p) => {
        expect(subtractPeriod(addPeriod(start, p), p).toString()).toBe(start.toString())
      }),
      { numRuns: 400 },
    )
  })

  it("subtracting then adding days and months gives back the end when no clamping happened", () => {
    const noDays = anyPeriod.map(({ years, months }) => ({ years: years ?? 0, months: (months ?? 0) + 1 }))
    fc.assert(
      fc.property(unclampedDate, noDays, (end, p) => {
        expect(addPeriod(subtractPeriod(end, p), p).toString()).toBe(end.toString())
      }),
      { numRuns: 200 },
    )
  })
})

describe("periodEnd", () => {
  it("ends one year from 2025-03-10 on 2026-03-10 (anniversary) or 2026-03-09 (day before)", () => {
    expect(periodEnd(date("2025-03-10"), { years: 1 }, "anniversary").toString()).toBe("2026-03-10")
    expect(periodEnd(date("2025-03-10"), { years: 1 }, "day-before").toString()).toBe("2026-03-09")
  })

  it("the day-before end of a month from 31 January is 28 February, a day before the clamped anniversary", () => {
    expect(periodEnd(date("2025-01-31"), { months: 1 }, "day-before").toString()).toBe("2025-02-27")
  })

  it("under day-before is exactly one day before the anniversary", () => {
    fc.assert(
      fc.property(anyDate, anyPeriod, (start, p) => {
        const anniversary = periodEnd(start, p, "anniversary")
        expect(anniversary.equals(addPeriod(start, p))).toBe(true)
        expect(daysBetween(periodEnd(start, p, "day-before"), anniversary)).toBe(1)
      }),
      { numRuns: 300 },
    )
  })

  it("offers exactly the two conventions", () => {
    expect(periodEndConventions).toEqual(["anniversary", "day-before"])
  })
})

describe("isWithin", () => {
  const start = date("2026-01-15")
  it("'within one month' holds through the last day, inclusive", () => {
    expect(isWithin(start, date("2026-02-15"), { months: 1 }, "anniversary")).toBe(true)
    expect(isWithin(start, date("2026-02-16"), { months: 1 }, "anniversary")).toBe(false)
    expect(isWithin(start, date("2026-02-14"), { months: 1 }, "day-before")).toBe(true)
    expect(isWithin(start, date("2026-02-15"), { months: 1 }, "day-before")).toBe(false)
  })

  it("holds on the start day itself", () => {
    expect(isWithin(start, start, { days: 30 }, "day-before")).toBe(true)
  })
})

describe("hasElapsed", () => {
  const meeting = date("2025-03-10")
  it("a one-year probation from 2025-03-10 is complete on 2026-03-10, or 2026-03-09 under day-before", () => {
    expect(hasElapsed(meeting, date("2026-03-09"), { years: 1 }, "anniversary")).toBe(false)
    expect(hasElapsed(meeting, date("2026-03-10"), { years: 1 }, "anniversary")).toBe(true)
    expect(hasElapsed(meeting, date("2026-03-08"), { years: 1 }, "day-before")).toBe(false)
    expect(hasElapsed(meeting, date("2026-03-09"), { years: 1 }, "day-before")).toBe(true)
  })
})

describe("isWithin and hasElapsed at the boundary", () => {
  it("on the last day both hold; the day after only hasElapsed; the day before only isWithin", () => {
    fc.assert(
      fc.property(anyDate, anyPeriod, anyConvention, (start, p, c) => {
        const last = periodEnd(start, p, c)
        const after = last.add({ days: 1 })
        const before = last.subtract({ days: 1 })
        expect([isWithin(start, last, p, c), hasElapsed(start, last, p, c)]).toEqual([true, true])
        expect([isWithin(start, after, p, c), hasElapsed(start, after, p, c)]).toEqual([false, true])
        expect([isWithin(start, before, p, c), hasElapsed(start, before, p, c)]).toEqual([true, false])
      }),
      { numRuns: 300 },
    )
  })

  it("for any day, the period is either still running or has elapsed (both only on the last day)", () => {
    fc.assert(
      fc.property(
        anyDate,
        anyPeriod,
        anyConvention,
        fc.integer({ min: -800, max: 20_000 }),
        (start, p, c, k) => {
          const on = start.add({ days: k })
          const within = isWithin(start, on, p, c)
          const elapsed = hasElapsed(start, on, p, c)
          expect(within || elapsed).toBe(true)
          expect(within && elapsed).toBe(on.equals(periodEnd(start, p, c)))
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe("parsePeriod", () => {
  it("reads a period typed into a policy", () => {
    expect(success(parsePeriod({ months: 6 }))).toEqual({ months: 6 })
    expect(success(parsePeriod({ years: 1, months: 0, days: 15 }))).toEqual({ years: 1, months: 0, days: 15 })
  })

  it("refuses a zero period", () => {
    expectFieldError(parsePeriod({}), "period", "empty")
    expectFieldError(parsePeriod({ years: 0, days: 0 }, "extension"), "extension", "empty")
  })

  it("names an unknown unit", () => {
    const e = expectFieldError(parsePeriod({ weeks: 2 }), "period.weeks", "unknown-key")
    expect(e.message).toContain("weeks")
  })

  it("names a unit whose value is not a whole number from 0 to 1200", () => {
    expectFieldError(parsePeriod({ months: -1 }), "period.months", "range")
    expectFieldError(parsePeriod({ months: 1.5 }), "period.months", "range")
    expectFieldError(parsePeriod({ days: "30" }), "period.days", "range")
    expectFieldError(parsePeriod({ years: 1201 }), "period.years", "range")
    expectFieldError(parsePeriod({ years: Number.NaN }, "probation"), "probation.years", "range")
  })

  it("refuses what is not an object", () => {
    for (const bad of [null, undefined, "6 months", 6, [6], true])
      expectFieldError(parsePeriod(bad), "period", "type")
  })

  it("treats prototype names in JSON as unknown units", () => {
    expectFieldError(
      parsePeriod(JSON.parse('{"__proto__": {"years": 1}}')),
      "period.__proto__",
      "unknown-key",
    )
    expectFieldError(parsePeriod({ toString: 1 }), "period.toString", "unknown-key")
  })

  it("gives back every valid period unchanged", () => {
    fc.assert(
      fc.property(anyPeriod, (p) => {
        expect(success(parsePeriod(p))).toEqual(p)
      }),
      { numRuns: 200 },
    )
  })

  it("never throws, whatever it is fed", () => {
    assertTotalParser((x) => parsePeriod(x))
    assertTotalParser(
      (x) => parsePeriod(x),
      fc.dictionary(fc.constantFrom("years", "months", "days", "weeks"), fc.anything()),
    )
  })
})

describe("formatPeriod", () => {
  it("writes 1年6个月 and 1 year 6 months", () => {
    expect(formatPeriod({ years: 1, months: 6 }, "zh-CN")).toBe("1年6个月")
    expect(formatPeriod({ years: 1, months: 6 }, "en")).toBe("1 year 6 months")
  })

  it("writes days and singular units", () => {
    expect(formatPeriod({ days: 30 }, "zh-CN")).toBe("30天")
    expect(formatPeriod({ days: 30 }, "en")).toBe("30 days")
    expect(formatPeriod({ months: 1 }, "en")).toBe("1 month")
    expect(formatPeriod({ years: 2, days: 1 }, "en")).toBe("2 years 1 day")
  })

  it("leaves out zero units", () => {
    expect(formatPeriod({ years: 0, months: 6, days: 0 }, "zh-CN")).toBe("6个月")
  })
})
