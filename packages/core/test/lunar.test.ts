import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  date,
  festivalDate,
  festivalOn,
  LUNAR_YEARS,
  type LunarFestival,
  lunarFestivals,
  toLunar,
} from "../src/index.js"
import { expectFieldError, success } from "./helpers.js"

const festivals = Object.keys(lunarFestivals) as LunarFestival[]

describe("festivalDate", () => {
  it.each([
    ["spring-festival", 2026, "2026-02-17"],
    ["mid-autumn", 2025, "2025-10-06"],
    ["dragon-boat", 2026, "2026-06-19"],
    ["double-ninth", 2026, "2026-10-18"],
    ["dragon-boat", 2009, "2009-05-28"],
  ] as const)("%s of %i falls on %s", (festival, year, iso) => {
    expect(success(festivalDate(festival, year)).toString()).toBe(iso)
  })

  it("refuses a year outside the trusted tables with a FieldError on field year", () => {
    for (const year of [LUNAR_YEARS.from - 1, LUNAR_YEARS.to + 1, 2025.5, Number.NaN]) {
      const e = expectFieldError(festivalDate("spring-festival", year), "year", "range")
      expect(e.message).toBe("year must be from 1901 to 2099")
    }
  })

  it("answers at both ends of the range", () => {
    expect(success(festivalDate("spring-festival", LUNAR_YEARS.from)).toString()).toBe("1901-02-19")
    expect(success(festivalDate("double-ninth", LUNAR_YEARS.to)).year).toBe(2099)
  })

  it("the date it gives is that festival's lunar month and day, in the same year", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...festivals),
        fc.integer({ min: LUNAR_YEARS.from, max: LUNAR_YEARS.to }),
        (festival, year) => {
          const d = success(festivalDate(festival, year))
          const l = toLunar(d)
          expect(l).toMatchObject({
            year,
            month: lunarFestivals[festival].month,
            day: lunarFestivals[festival].day,
            leap: false,
          })
          expect(festivalOn(d)).toBe(festival)
          expect(d.year).toBe(year)
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe("toLunar", () => {
  it("Spring Festival 2026 is the first day of the first month", () => {
    expect(toLunar(date("2026-02-17"))).toEqual({
      year: 2026,
      month: 1,
      day: 1,
      leap: false,
      zh: "二〇二六年正月初一",
    })
  })

  it("marks a leap month: 2025-07-25 is the first day of the leap sixth month", () => {
    expect(toLunar(date("2025-07-25"))).toEqual({
      year: 2025,
      month: 6,
      day: 1,
      leap: true,
      zh: "二〇二五年闰六月初一",
    })
    expect(toLunar(date("2025-07-24"))).toMatchObject({ month: 6, day: 30, leap: false })
  })

  it("a date before Spring Festival belongs to the previous lunar year", () => {
    expect(toLunar(date("2025-01-28"))).toMatchObject({ year: 2024, month: 12, day: 29, leap: false })
  })
})

describe("festivalOn", () => {
  it("names the festival that falls on a date", () => {
    expect(festivalOn(date("2025-10-06"))).toBe("mid-autumn")
    expect(festivalOn(date("2026-02-17"))).toBe("spring-festival")
    expect(festivalOn(date("2026-10-18"))).toBe("double-ninth")
  })

  it("is undefined on other days", () => {
    expect(festivalOn(date("2026-05-11"))).toBeUndefined()
    expect(festivalOn(date("2026-02-18"))).toBeUndefined()
  })

  it("the fifth day of a leap fifth month is not Dragon Boat Festival", () => {
    expect(toLunar(date("2009-06-27"))).toMatchObject({ month: 5, day: 5, leap: true })
    expect(festivalOn(date("2009-06-27"))).toBeUndefined()
  })
})

describe("lunarFestivals", () => {
  it("names each festival in both languages with its lunar date", () => {
    expect(lunarFestivals["double-ninth"]).toEqual({
      month: 9,
      day: 9,
      zh: "重阳节",
      en: "Double Ninth Festival",
    })
    expect(festivals).toEqual(["spring-festival", "dragon-boat", "mid-autumn", "double-ninth"])
  })
})
