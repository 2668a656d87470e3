import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  applyCalendarCorrections,
  type CalendarAnswer,
  calendarCorrections,
  chineseWorkingCalendar,
  compareDates,
  countWorkingDays,
  date,
  extendCalendar,
  holidayOn,
  isWorkingDay,
  nthWorkingDay,
  type PlainDate,
  parseYearSchedule,
  withYearSchedules,
} from "../src/index.js"

const knownValue = <A>(a: CalendarAnswer<A>): A => {
  if (a._tag === "Unknown") throw new Error(`expected a known answer, missing ${a.missingYears.join(",")}`)
  return a.value
}

/** Any date in the years the bundled calendar covers (2004–2026). */
const coveredDate = fc
  .integer({ min: 0, max: date("2004-01-01").until(date("2026-12-31")).days })
  .map((n) => date("2004-01-01").add({ days: n }))

const calendar2027 = extendCalendar(chineseWorkingCalendar, 2027, {
  holidays: { "2027-01-01": "元旦", "2027-01-02": "元旦", "2027-01-03": "元旦" },
  makeUpWorkdays: ["2027-01-09"],
})

describe("isWorkingDay", () => {
  it("an ordinary Monday is a working day and a Saturday is not", () => {
    expect(isWorkingDay(date("2026-05-11"))).toEqual({ _tag: "Known", value: true })
    expect(isWorkingDay(date("2026-05-16"))).toEqual({ _tag: "Known", value: false })
  })

  it("the whole 2025-10-01..08 National Day holiday is off, weekdays included", () => {
    for (let d = date("2025-10-01"); d.day <= 8; d = d.add({ days: 1 })) {
      expect([d.toString(), isWorkingDay(d)]).toEqual([d.toString(), { _tag: "Known", value: false }])
    }
    expect(isWorkingDay(date("2025-10-09"))).toEqual({ _tag: "Known", value: true })
  })

  it("the weekend make-up days 2025-09-28 (Sunday) and 2025-10-11 (Saturday) are working days", () => {
    expect(date("2025-09-28").dayOfWeek).toBe(7)
    expect(date("2025-10-11").dayOfWeek).toBe(6)
    expect(isWorkingDay(date("2025-09-28"))).toEqual({ _tag: "Known", value: true })
    expect(isWorkingDay(date("2025-10-11"))).toEqual({ _tag: "Known", value: true })
  })

  it("says Unknown for a year the data does not cover instead of guessing from the weekday", () => {
    expect(isWorkingDay(date("2027-01-04"))).toEqual({ _tag: "Unknown", missingYears: [2027] })
    expect(isWorkingDay(date("2003-06-02"))).toEqual({ _tag: "Unknown", missingYears: [2003] })
  })
})

describe("holidayOn", () => {
  it("names the holiday in Chinese", () => {
    expect(holidayOn(date("2025-10-01"))).toBe("国庆节")
    expect(holidayOn(date("2026-02-17"))).toBe("春节")
    expect(holidayOn(date("2025-10-08"))).toBe("国庆节")
  })

  it("is undefined on a working day, a plain weekend and a make-up workday", () => {
    expect(holidayOn(date("2026-05-11"))).toBeUndefined()
    expect(holidayOn(date("2026-05-16"))).toBeUndefined()
    expect(holidayOn(date("2025-09-28"))).toBeUndefined()
  })
})

describe("chineseWorkingCalendar", () => {
  it("covers 2004 to 2026 and nothing else", () => {
    expect([...chineseWorkingCalendar.coveredYears].sort()).toEqual(
      Array.from({ length: 23 }, (_, i) => 2004 + i),
    )
  })
})

describe("countWorkingDays", () => {
  it("counts both ends: Monday 2026-05-11 to Friday 2026-05-15 is 5", () => {
    expect(countWorkingDays(date("2026-05-11"), date("2026-05-15"))).toEqual({ _tag: "Known", value: 5 })
    expect(countWorkingDays(date("2026-05-11"), date("2026-05-11"))).toEqual({ _tag: "Known", value: 1 })
  })

  it("skips the National Day holiday and counts the Saturday make-up day", () => {
    // 10-01..08 off, Thu 9 and Fri 10 working, Sat 11 make-up, Sun 12 off.
    expect(countWorkingDays(date("2025-10-01"), date("2025-10-12"))).toEqual({ _tag: "Known", value: 3 })
    // Sun 09-28 make-up, Mon 29, Tue 30.
    expect(countWorkingDays(date("2025-09-27"), date("2025-09-30"))).toEqual({ _tag: "Known", value: 3 })
  })

  it("is 0 when the range ends before it starts", () => {
    expect(countWorkingDays(date("2026-05-15"), date("2026-05-11"))).toEqual({ _tag: "Known", value: 0 })
  })

  it("a range touching 2027 is Unknown with missingYears [2027]", () => {
    expect(countWorkingDays(date("2026-12-01"), date("2027-01-31"))).toEqual({
      _tag: "Unknown",
      missingYears: [2027],
    })
    expect(countWorkingDays(date("2026-06-01"), date("2028-01-01"))).toEqual({
      _tag: "Unknown",
      missingYears: [2027, 2028],
    })
  })

  it("agrees with a day-by-day count using isWorkingDay over any range in 2004–2026", () => {
    fc.assert(
      fc.property(coveredDate, fc.integer({ min: 0, max: 400 }), (from, span) => {
        const to = from.add({ days: span })
        fc.pre(to.year <= 2026)
        let expected = 0
        for (let d: PlainDate = from; compareDates(d, to) <= 0; d = d.add({ days: 1 })) {
          if (knownValue(isWorkingDay(d))) expected++
        }
        expect(knownValue(countWorkingDays(from, to))).toBe(expected)
      }),
      { numRuns: 150 },
    )
  })
})

describe("nthWorkingDay", () => {
  it("a notice starting Monday 2026-05-11 that lasts 5 working days ends Friday 2026-05-15", () => {
    expect(knownValue(nthWorkingDay(date("2026-05-11"), 5)).toString()).toBe("2026-05-15")
  })

  it("counts the start day only when it is a working day", () => {
    expect(knownValue(nthWorkingDay(date("2026-05-11"), 1)).toString()).toBe("2026-05-11")
    expect(knownValue(nthWorkingDay(date("2026-05-16"), 1)).toString()).toBe("2026-05-18")
  })

  it("jumps over the National Day holiday", () => {
    expect(knownValue(nthWorkingDay(date("2025-09-30"), 2)).toString()).toBe("2025-10-09")
    expect(knownValue(nthWorkingDay(date("2025-10-01"), 3)).toString()).toBe("2025-10-11")
  })

  it("is Unknown when the count runs into an uncovered year", () => {
    expect(nthWorkingDay(date("2026-12-30"), 5)).toEqual({ _tag: "Unknown", missingYears: [2027] })
  })

  it("refuses a count that is not a positive whole number", () => {
    expect(() => nthWorkingDay(date("2026-05-11"), 0)).toThrow(RangeError)
    expect(() => nthWorkingDay(date("2026-05-11"), 1.5)).toThrow(RangeError)
  })

  it("then counting from the start to the result gives back n", () => {
    const start = coveredDate.filter((d) => d.year <= 2025)
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: 200 }), (from, n) => {
        const end = knownValue(nthWorkingDay(from, n))
        expect(knownValue(isWorkingDay(end))).toBe(true)
        expect(knownValue(countWorkingDays(from, end))).toBe(n)
      }),
      { numRuns: 150 },
    )
  })
})

describe("extendCalendar", () => {
  it("makes 2027 known once its arrangement is added", () => {
    expect(isWorkingDay(date("2027-01-01"), calendar2027)).toEqual({ _tag: "Known", value: false })
    expect(isWorkingDay(date("2027-01-09"), calendar2027)).toEqual({ _tag: "Known", value: true })
    expect(holidayOn(date("2027-01-02"), calendar2027)).toBe("元旦")
    // 2026-12-28..31 Mon–Thu (4), 2027-01-01..03 off, 01-04..08 (5), Sat 01-09 make-up (1).
    expect(countWorkingDays(date("2026-12-28"), date("2027-01-09"), calendar2027)).toEqual({
      _tag: "Known",
      value: 10,
    })
    expect(knownValue(nthWorkingDay(date("2026-12-31"), 2, calendar2027)).toString()).toBe("2027-01-04")
  })

  it("leaves the calendar it extends unchanged", () => {
    expect(chineseWorkingCalendar.coveredYears.has(2027)).toBe(false)
    expect(isWorkingDay(date("2027-01-04"))._tag).toBe("Unknown")
  })

  it("replaces a year that is already covered", () => {
    const plain2025 = extendCalendar(chineseWorkingCalendar, 2025, { holidays: {}, makeUpWorkdays: [] })
    expect(isWorkingDay(date("2025-10-01"), plain2025)).toEqual({ _tag: "Known", value: true })
    expect(isWorkingDay(date("2025-09-28"), plain2025)).toEqual({ _tag: "Known", value: false })
    expect(holidayOn(date("2025-10-01"), plain2025)).toBeUndefined()
    expect(holidayOn(date("2026-02-17"), plain2025)).toBe("春节")
  })
})

describe("calendarCorrections", () => {
  it("every entry names a State Council notice by its document number and date", () => {
    for (const c of calendarCorrections) {
      expect(c.notice.number).toMatch(/^国(办)?发明?电?〔\d{4}〕\d+号$/)
      expect(c.notice.title).toMatch(/^国务院/)
      expect(date(c.notice.published).toString()).toBe(c.notice.published)
      if (c.status === "holiday") expect(c.holiday?.length).toBeGreaterThan(0)
    }
  })

  it("the bundled calendar answers every corrected date as its notice says", () => {
    for (const c of calendarCorrections) {
      const d = date(c.date)
      const working = knownValue(isWorkingDay(d))
      if (c.status === "holiday") {
        expect([c.date, working, holidayOn(d)]).toEqual([c.date, false, c.holiday])
      } else if (c.status === "workday") {
        expect([c.date, working]).toEqual([c.date, true])
      } else {
        expect([c.date, working]).toEqual([c.date, d.dayOfWeek <= 5])
      }
    }
  })

  // 国办发明电〔2020〕1号: the 2020 Spring Festival holiday extended to 2 February; Saturday 1 February,
  // a make-up working day in the first notice, became a day off.
  it("2020-01-31 to 2020-02-02 are days off and work resumed on Monday 2020-02-03", () => {
    expect(knownValue(countWorkingDays(date("2020-01-24"), date("2020-02-02")))).toBe(0)
    expect(knownValue(nthWorkingDay(date("2020-01-24"), 1)).toString()).toBe("2020-02-03")
  })

  it("applyCalendarCorrections overrides the data and keeps the covered years", () => {
    const c = applyCalendarCorrections(chineseWorkingCalendar, [
      {
        date: "2025-10-01",
        status: "ordinary",
        notice: { title: "国务院测试", number: "国办发〔2099〕1号", published: "2099-01-01" },
      },
      {
        date: "2025-10-11",
        status: "ordinary",
        notice: { title: "国务院测试", number: "国办发〔2099〕1号", published: "2099-01-01" },
      },
      {
        date: "2027-01-04",
        status: "holiday",
        holiday: "测试",
        notice: { title: "国务院测试", number: "国办发〔2099〕1号", published: "2099-01-01" },
      },
    ])
    expect(isWorkingDay(date("2025-10-01"), c)).toEqual({ _tag: "Known", value: true })
    expect(isWorkingDay(date("2025-10-11"), c)).toEqual({ _tag: "Known", value: false })
    expect(isWorkingDay(date("2027-01-04"), c)._tag).toBe("Unknown")
  })
})

describe("parseYearSchedule", () => {
  const good = {
    year: 2027,
    notice: "国办发明电〔2026〕9号",
    holidays: { "2027-01-01": "元旦", "2027-01-02": "元旦", "2027-01-03": "元旦" },
    makeUpWorkdays: ["2027-01-09"],
  }

  it("a valid upload makes its year known; until then the year stays unknown", () => {
    expect(isWorkingDay(date("2027-01-04"))._tag).toBe("Unknown")
    const s = parseYearSchedule(good)
    if (s._tag !== "Success") throw new Error(JSON.stringify(s))
    const c = withYearSchedules(chineseWorkingCalendar, [s.success])
    expect(isWorkingDay(date("2027-01-01"), c)).toEqual({ _tag: "Known", value: false })
    expect(isWorkingDay(date("2027-01-09"), c)).toEqual({ _tag: "Known", value: true })
    expect(isWorkingDay(date("2027-01-04"), c)).toEqual({ _tag: "Known", value: true })
  })

  const bad: [string, unknown, string, string][] = [
    ["not an object", "2027", "schedule", "type"],
    ["a year out of range", { ...good, year: 1999 }, "year", "range"],
    ["no notice", { ...good, notice: " " }, "notice", "required"],
    [
      "a date in another year",
      { ...good, holidays: { "2026-12-31": "元旦" } },
      "holidays.2026-12-31",
      "year",
    ],
    ["not a real date", { ...good, holidays: { "2027-02-30": "春节" } }, "holidays.2027-02-30", "calendar"],
    ["no holidays", { ...good, holidays: {} }, "holidays", "required"],
    ["an empty holiday name", { ...good, holidays: { "2027-01-01": "" } }, "holidays.2027-01-01", "name"],
    ["a weekday make-up day", { ...good, makeUpWorkdays: ["2027-01-04"] }, "makeUpWorkdays[0]", "weekday"],
    [
      "a day both off and on",
      { ...good, holidays: { "2027-01-09": "元旦" }, makeUpWorkdays: ["2027-01-09"] },
      "makeUpWorkdays[0]",
      "both",
    ],
  ]
  it.each(bad)("refuses %s, naming the field", (_, input, field, reason) => {
    const r = parseYearSchedule(input)
    expect(r._tag).toBe("Failure")
    if (r._tag === "Failure")
      expect({ field: r.failure.field, reason: r.failure.reason }).toEqual({ field, reason })
  })

  it("never throws on any input", () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        expect(["Success", "Failure"]).toContain(parseYearSchedule(x)._tag)
      }),
    )
  })
})
