import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  compareDates,
  date,
  dateOfInstant,
  dayNumber,
  daysBetween,
  formatDate,
  isAfter,
  isBefore,
  isOnOrAfter,
  isOnOrBefore,
  locales,
  maxDate,
  minDate,
  parseDate,
  Temporal,
} from "../src/index.js"
import { assertTotalParser, expectFieldError, success } from "./helpers.js"

/** Any civil date from 1423 to 7445: four-digit years, as ISO strings have. */
const anyDate = fc.integer({ min: -200_000, max: 2_000_000 }).map((n) => date("1970-01-01").add({ days: n }))

describe("date", () => {
  it("gives the same immutable instance for the same text, and the right day for every text", () => {
    expect(date("2026-07-01")).toBe(date("2026-07-01"))
    expect(date("2026-07-01").equals(Temporal.PlainDate.from("2026-07-01"))).toBe(true)
    // More distinct days than it keeps: each is still the day its text names.
    fc.assert(
      fc.property(anyDate, (d) => {
        expect(date(d.toString()).equals(d)).toBe(true)
      }),
      { numRuns: 25_000 },
    )
  })

  it("refuses a day the calendar does not have, every time it is asked", () => {
    expect(() => date("2026-02-29")).toThrow(RangeError)
    expect(() => date("2026-02-29")).toThrow(RangeError)
    expect(() => date("not a date")).toThrow(RangeError)
  })
})

describe("dayNumber", () => {
  it("is yyyymmdd", () => {
    expect(dayNumber(date("2026-07-01"))).toBe(20260701)
    expect(dayNumber(date("1949-10-01"))).toBe(19491001)
  })

  it("orders any two dates as compareDates does", () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        expect(Math.sign(dayNumber(a) - dayNumber(b))).toBe(Math.sign(compareDates(a, b)))
      }),
    )
  })
})

describe("parseDate", () => {
  it("reads an ISO date into a civil date", () => {
    const d = success(parseDate("2026-05-11"))
    expect([d.year, d.month, d.day]).toEqual([2026, 5, 11])
  })

  it("accepts 29 February only in a leap year", () => {
    expect(success(parseDate("2024-02-29")).toString()).toBe("2024-02-29")
    expectFieldError(parseDate("2025-02-29"), "date", "calendar")
  })

  it("refuses a day the calendar does not have instead of rolling over to March", () => {
    const e = expectFieldError(parseDate("2026-02-30"), "date", "calendar")
    expect(e.message).toContain("2026-02-30")
    expectFieldError(parseDate("2026-13-01"), "date", "calendar")
  })

  it("refuses other spellings with a format error that quotes the input", () => {
    for (const s of ["2026-5-11", "2026/05/11", "20260511", " 2026-05-11", "2026-05-11T00:00", ""]) {
      expectFieldError(parseDate(s), "date", "format")
    }
    expect(expectFieldError(parseDate("2026-5-11"), "date", "format").messageZh).toContain("2026-5-11")
  })

  it("refuses a non-string with a type error naming the caller's field", () => {
    expectFieldError(parseDate(20260511, "meetingDate"), "meetingDate", "type")
    expectFieldError(parseDate(new Date(2026, 4, 11), "meetingDate"), "meetingDate", "type")
  })

  it("never throws, whatever it is fed", () => {
    assertTotalParser((x) => parseDate(x))
    assertTotalParser((x) => parseDate(x), fc.string({ maxLength: 12 }))
  })

  it("round-trips: the ISO string of any date parses back to the same date", () => {
    fc.assert(
      fc.property(anyDate, (d) => {
        const parsed = success(parseDate(d.toString()))
        expect(parsed.equals(d)).toBe(true)
        expect(parsed.toString()).toBe(d.toString())
      }),
      { numRuns: 300 },
    )
  })

  it("round-trips: any string it accepts is given back unchanged by toString", () => {
    const isoLike = fc
      .tuple(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`)
    fc.assert(
      fc.property(isoLike, (s) => {
        const r = parseDate(s)
        if (r._tag === "Success") expect(r.success.toString()).toBe(s)
        else expect(r.failure.reason).toBe("calendar")
      }),
      { numRuns: 300 },
    )
  })
})

describe("date", () => {
  it("builds a date from a known-good ISO string", () => {
    expect(date("2025-10-01").dayOfWeek).toBe(3)
  })

  it("throws on a date that does not exist, since it is for code, not for input", () => {
    expect(() => date("2026-02-30")).toThrow(RangeError)
  })

  it("is the same Temporal the package re-exports", () => {
    expect(date("2026-05-11")).toBeInstanceOf(Temporal.PlainDate)
  })
})

describe("comparisons", () => {
  const a = date("2026-05-10")
  const b = date("2026-05-11")

  it("compareDates orders by calendar", () => {
    expect([compareDates(a, b), compareDates(b, a), compareDates(a, date("2026-05-10"))]).toEqual([-1, 1, 0])
  })

  it("isBefore and isAfter are strict", () => {
    expect([isBefore(a, b), isBefore(b, a), isBefore(a, a)]).toEqual([true, false, false])
    expect([isAfter(b, a), isAfter(a, b), isAfter(a, a)]).toEqual([true, false, false])
  })

  it("isOnOrBefore and isOnOrAfter include the same day", () => {
    expect([isOnOrBefore(a, b), isOnOrBefore(a, a), isOnOrBefore(b, a)]).toEqual([true, true, false])
    expect([isOnOrAfter(b, a), isOnOrAfter(a, a), isOnOrAfter(a, b)]).toEqual([true, true, false])
  })

  it("minDate and maxDate pick the earlier and the later date", () => {
    expect(minDate(b, a).toString()).toBe("2026-05-10")
    expect(maxDate(a, b).toString()).toBe("2026-05-11")
  })

  it("daysBetween counts whole days, negative backwards, across a leap day", () => {
    expect(daysBetween(date("2024-02-01"), date("2024-03-01"))).toBe(29)
    expect(daysBetween(date("2025-02-01"), date("2025-03-01"))).toBe(28)
    expect(daysBetween(date("2026-05-11"), date("2026-05-01"))).toBe(-10)
    expect(daysBetween(date("2025-01-01"), date("2026-01-01"))).toBe(365)
  })

  it("daysBetween agrees with adding days", () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        expect(daysBetween(d, d.add({ days: n }))).toBe(n)
      }),
      { numRuns: 200 },
    )
  })
})

describe("formatDate", () => {
  it("writes 2026年5月11日 in Chinese and ISO in English", () => {
    expect(formatDate(date("2026-05-11"), "zh-CN")).toBe("2026年5月11日")
    expect(formatDate(date("2026-05-11"), "en")).toBe("2026-05-11")
    expect(formatDate(date("2025-10-01"), "zh-CN")).toBe("2025年10月1日")
  })

  it("the Chinese form carries the same year, month and day", () => {
    fc.assert(
      fc.property(anyDate, (d) => {
        const m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(formatDate(d, "zh-CN"))
        expect(m?.slice(1).map(Number)).toEqual([d.year, d.month, d.day])
        expect(success(parseDate(formatDate(d, "en"))).equals(d)).toBe(true)
      }),
      { numRuns: 200 },
    )
  })

  it("the product speaks Chinese and English", () => {
    expect(locales).toEqual(["zh-CN", "en"])
  })
})

describe("dateOfInstant", () => {
  it("is the civil date in China Standard Time by default: 2026-11-29T16:00Z is already the 30th in Beijing", () => {
    expect(dateOfInstant(new Date("2026-11-29T16:00:00Z")).toString()).toBe("2026-11-30")
    expect(dateOfInstant(Date.parse("2026-11-29T15:59:59Z")).toString()).toBe("2026-11-29")
  })
  it("takes another zone when given", () => {
    expect(dateOfInstant(new Date("2026-11-29T16:00:00Z"), "UTC").toString()).toBe("2026-11-29")
  })
})
