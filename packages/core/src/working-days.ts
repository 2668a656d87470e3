import data from "chinese-days/dist/chinese-days.json" with { type: "json" }
import { isAfter, type PlainDate } from "./date.js"

/**
 * The official working calendar: which dates are public holidays (including the days off in lieu) and
 * which weekend dates are make-up working days (调休上班). The default comes from the maintained
 * `chinese-days` package; a district can add a year the State Council has announced since that
 * package was released (`extendCalendar`).
 */
export interface WorkingCalendar {
  readonly holidays: ReadonlyMap<string, string>
  readonly makeUpWorkdays: ReadonlySet<string>
  readonly coveredYears: ReadonlySet<number>
}

/**
 * An answer that may not be known: a working-day question about a year the calendar data does not cover
 * says so instead of guessing from weekends alone.
 */
export type CalendarAnswer<A> =
  | { readonly _tag: "Known"; readonly value: A }
  | { readonly _tag: "Unknown"; readonly missingYears: readonly number[] }

const known = <A>(value: A): CalendarAnswer<A> => ({ _tag: "Known", value })

const holidayName = (raw: string) => raw.split(",")[1] ?? raw

const fromChineseDays = (): WorkingCalendar => {
  const holidays = new Map<string, string>()
  for (const [day, raw] of Object.entries(data.holidays as Record<string, string>))
    holidays.set(day, holidayName(raw))
  const makeUpWorkdays = new Set(Object.keys(data.workdays as Record<string, string>))
  const coveredYears = new Set([...holidays.keys()].map((d) => Number(d.slice(0, 4))))
  return { holidays, makeUpWorkdays, coveredYears }
}

/** The national calendar as published in `chinese-days` (2004 up to the latest year it holds). */
export const chineseWorkingCalendar: WorkingCalendar = fromChineseDays()

/** Adds (or replaces) one year's official arrangement. */
export const extendCalendar = (
  calendar: WorkingCalendar,
  year: number,
  arrangement: {
    readonly holidays: Readonly<Record<string, string>>
    readonly makeUpWorkdays: readonly string[]
  },
): WorkingCalendar => {
  const prefix = `${year}-`
  const holidays = new Map([...calendar.holidays].filter(([d]) => !d.startsWith(prefix)))
  for (const [d, name] of Object.entries(arrangement.holidays)) holidays.set(d, name)
  const makeUpWorkdays = new Set([...calendar.makeUpWorkdays].filter((d) => !d.startsWith(prefix)))
  for (const d of arrangement.makeUpWorkdays) makeUpWorkdays.add(d)
  return { holidays, makeUpWorkdays, coveredYears: new Set([...calendar.coveredYears, year]) }
}

const covers = (calendar: WorkingCalendar, d: PlainDate) => calendar.coveredYears.has(d.year)

const isWorkingDayUnchecked = (calendar: WorkingCalendar, d: PlainDate): boolean => {
  const iso = d.toString()
  if (calendar.makeUpWorkdays.has(iso)) return true
  if (calendar.holidays.has(iso)) return false
  return d.dayOfWeek <= 5
}

export const isWorkingDay = (
  d: PlainDate,
  calendar: WorkingCalendar = chineseWorkingCalendar,
): CalendarAnswer<boolean> =>
  covers(calendar, d)
    ? known(isWorkingDayUnchecked(calendar, d))
    : { _tag: "Unknown", missingYears: [d.year] }

/** The holiday's Chinese name (`春节`) when `d` is an official day off, otherwise undefined. */
export const holidayOn = (
  d: PlainDate,
  calendar: WorkingCalendar = chineseWorkingCalendar,
): string | undefined => calendar.holidays.get(d.toString())

const missingYearsBetween = (calendar: WorkingCalendar, from: PlainDate, to: PlainDate): number[] => {
  const out: number[] = []
  for (let y = from.year; y <= to.year; y++) if (!calendar.coveredYears.has(y)) out.push(y)
  return out
}

/** How many working days lie in [from, to], both ends included (0 when `to` is before `from`). */
export const countWorkingDays = (
  from: PlainDate,
  to: PlainDate,
  calendar: WorkingCalendar = chineseWorkingCalendar,
): CalendarAnswer<number> => {
  if (isAfter(from, to)) return known(0)
  const missing = missingYearsBetween(calendar, from, to)
  if (missing.length > 0) return { _tag: "Unknown", missingYears: missing }
  let n = 0
  for (let d = from; !isAfter(d, to); d = d.add({ days: 1 })) if (isWorkingDayUnchecked(calendar, d)) n++
  return known(n)
}

/**
 * The date on which `n` working days counted from `from` (included when it is a working day) are
 * complete: a public notice that starts on Monday 2026-05-11 and must last 5 working days ends on Friday
 * 2026-05-15.
 */
export const nthWorkingDay = (
  from: PlainDate,
  n: number,
  calendar: WorkingCalendar = chineseWorkingCalendar,
): CalendarAnswer<PlainDate> => {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive whole number, got ${n}`)
  let seen = 0
  for (let d = from; ; d = d.add({ days: 1 })) {
    if (!covers(calendar, d)) return { _tag: "Unknown", missingYears: [d.year] }
    if (isWorkingDayUnchecked(calendar, d) && ++seen === n) return known(d)
  }
}
