import { Result } from "effect"
import { Lunar, Solar } from "lunar-typescript"
import { Temporal } from "temporal-polyfill"
import type { PlainDate } from "./date.js"
import { type FieldError, fieldError } from "./errors.js"

/** The lunar festivals on which party organizations visit old and needy members. */
export type LunarFestival = "spring-festival" | "dragon-boat" | "mid-autumn" | "double-ninth"

export const lunarFestivals: Readonly<
  Record<
    LunarFestival,
    { readonly month: number; readonly day: number; readonly zh: string; readonly en: string }
  >
> = {
  "spring-festival": { month: 1, day: 1, zh: "春节", en: "Spring Festival" },
  "dragon-boat": { month: 5, day: 5, zh: "端午节", en: "Dragon Boat Festival" },
  "mid-autumn": { month: 8, day: 15, zh: "中秋节", en: "Mid-Autumn Festival" },
  "double-ninth": { month: 9, day: 9, zh: "重阳节", en: "Double Ninth Festival" },
}

/** The range in which the lunar tables are trusted here. */
export const LUNAR_YEARS = { from: 1901, to: 2099 } as const

/** The Gregorian date of a lunar festival in the lunar year that begins in Gregorian `year`. */
export const festivalDate = (festival: LunarFestival, year: number): Result.Result<PlainDate, FieldError> => {
  if (!Number.isInteger(year) || year < LUNAR_YEARS.from || year > LUNAR_YEARS.to) {
    return Result.fail(
      fieldError(
        "year",
        "range",
        `year must be from ${LUNAR_YEARS.from} to ${LUNAR_YEARS.to}`,
        `年份应在${LUNAR_YEARS.from}到${LUNAR_YEARS.to}之间`,
      ),
    )
  }
  const { month, day } = lunarFestivals[festival]
  const solar = Lunar.fromYmd(year, month, day).getSolar()
  return Result.succeed(
    Temporal.PlainDate.from({ year: solar.getYear(), month: solar.getMonth(), day: solar.getDay() }),
  )
}

/** A date on the lunar calendar. `month` is negative-free; `leap` marks a leap month (闰月). */
export interface LunarDate {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly leap: boolean
  /** `二〇二六年正月初一` */
  readonly zh: string
}

export const toLunar = (d: PlainDate): LunarDate => {
  const lunar = Solar.fromYmd(d.year, d.month, d.day).getLunar()
  const m = lunar.getMonth()
  return {
    year: lunar.getYear(),
    month: Math.abs(m),
    day: lunar.getDay(),
    leap: m < 0,
    zh: `${lunar.getYearInChinese()}年${lunar.getMonthInChinese()}月${lunar.getDayInChinese()}`,
  }
}

/** Which lunar festival falls on `d`, if any (a leap month never holds a festival). */
export const festivalOn = (d: PlainDate): LunarFestival | undefined => {
  const l = toLunar(d)
  if (l.leap) return undefined
  for (const [name, f] of Object.entries(lunarFestivals) as [
    LunarFestival,
    (typeof lunarFestivals)[LunarFestival],
  ][]) {
    if (f.month === l.month && f.day === l.day) return name
  }
  return undefined
}
