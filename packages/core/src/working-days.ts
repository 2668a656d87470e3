import data from "chinese-days/dist/chinese-days.json" with { type: "json" }
import { Result } from "effect"
import { type CalendarCorrection, calendarCorrections } from "./calendar-corrections.js"
import { isAfter, type PlainDate, parseDate } from "./date.js"
import { type FieldError, fieldError } from "./errors.js"

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

/**
 * Applies corrections (see `calendarCorrections`) over a calendar; a correction in a year the calendar
 * does not cover does not make that year known.
 */
export const applyCalendarCorrections = (
  calendar: WorkingCalendar,
  corrections: readonly CalendarCorrection[],
): WorkingCalendar => {
  const holidays = new Map(calendar.holidays)
  const makeUpWorkdays = new Set(calendar.makeUpWorkdays)
  for (const c of corrections) {
    holidays.delete(c.date)
    makeUpWorkdays.delete(c.date)
    if (c.status === "holiday") holidays.set(c.date, c.holiday ?? "")
    if (c.status === "workday") makeUpWorkdays.add(c.date)
  }
  return { holidays, makeUpWorkdays, coveredYears: calendar.coveredYears }
}

const fromChineseDays = (): WorkingCalendar => {
  const holidays = new Map<string, string>()
  for (const [day, raw] of Object.entries(data.holidays as Record<string, string>))
    holidays.set(day, holidayName(raw))
  const makeUpWorkdays = new Set(Object.keys(data.workdays as Record<string, string>))
  const coveredYears = new Set([...holidays.keys()].map((d) => Number(d.slice(0, 4))))
  return applyCalendarCorrections({ holidays, makeUpWorkdays, coveredYears }, calendarCorrections)
}

/**
 * The national calendar as published in `chinese-days` (2004 up to the latest year it holds), with
 * core's `calendarCorrections` applied.
 */
export const chineseWorkingCalendar: WorkingCalendar = fromChineseDays()

/**
 * One year's arrangement as the State Council publishes it each November (国务院办公厅关于YYYY年部分节假日
 * 安排的通知), in the form a district uploads it: `{ year, notice, holidays: { "2027-01-01": "元旦", … },
 * makeUpWorkdays: ["2027-01-09", …] }`.
 */
export interface YearSchedule {
  readonly year: number
  /** The notice's document number (文号), e.g. `国办发明电〔2026〕7号`. */
  readonly notice: string
  readonly holidays: Readonly<Record<string, string>>
  readonly makeUpWorkdays: readonly string[]
}

const scheduleError = (field: string, reason: string, en: string, zh: string) =>
  Result.fail(fieldError(field, reason, en, zh))

/**
 * Validates an uploaded year schedule (untrusted JSON). Refuses, naming the field: a year outside
 * 2000–2100, an empty notice number, a date that is not a real `YYYY-MM-DD` or lies in another year, an
 * empty holiday name, no holidays at all, a make-up working day that is not a Saturday or Sunday, or a day
 * that is both.
 */
export const parseYearSchedule = (input: unknown): Result.Result<YearSchedule, FieldError> => {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return scheduleError("schedule", "type", "the schedule must be an object", "节假日安排应为对象")
  const o = input as Record<string, unknown>
  const year = o.year
  if (typeof year !== "number" || !Number.isInteger(year) || year < 2000 || year > 2100)
    return scheduleError("year", "range", "year must be a whole number 2000–2100", "年份应为2000至2100的整数")
  if (typeof o.notice !== "string" || o.notice.trim() === "" || o.notice.length > 100)
    return scheduleError(
      "notice",
      "required",
      "notice must name the State Council notice (1–100 characters)",
      "请填写国务院通知的文号（1至100字）",
    )
  const inYear = (value: unknown, field: string): Result.Result<string, FieldError> => {
    const d = parseDate(value, field)
    if (Result.isFailure(d)) return Result.fail(d.failure)
    if (d.success.year !== year)
      return scheduleError(field, "year", `${field} lies outside ${year}`, `${field}不在${year}年内`)
    return Result.succeed(d.success.toString())
  }
  if (typeof o.holidays !== "object" || o.holidays === null || Array.isArray(o.holidays))
    return scheduleError(
      "holidays",
      "type",
      "holidays must be an object date → name",
      "holidays应为“日期: 节日名”对象",
    )
  const holidays: Record<string, string> = {}
  for (const [day, name] of Object.entries(o.holidays as Record<string, unknown>)) {
    const d = inYear(day, `holidays.${day}`)
    if (Result.isFailure(d)) return Result.fail(d.failure)
    if (typeof name !== "string" || name.trim() === "" || name.length > 40)
      return scheduleError(
        `holidays.${day}`,
        "name",
        "the holiday needs a name (1–40 characters)",
        "请填写节日名称（1至40字）",
      )
    holidays[d.success] = name.trim()
  }
  if (Object.keys(holidays).length === 0)
    return scheduleError(
      "holidays",
      "required",
      "a schedule names at least one holiday",
      "节假日安排至少应有一天假日",
    )
  if (!Array.isArray(o.makeUpWorkdays) || o.makeUpWorkdays.length > 40)
    return scheduleError(
      "makeUpWorkdays",
      "type",
      "makeUpWorkdays must be a list of dates",
      "makeUpWorkdays应为日期列表",
    )
  const makeUpWorkdays: string[] = []
  for (const [i, day] of o.makeUpWorkdays.entries()) {
    const field = `makeUpWorkdays[${i}]`
    const d = inYear(day, field)
    if (Result.isFailure(d)) return Result.fail(d.failure)
    const dow = parseDate(d.success).pipe(Result.map((p) => p.dayOfWeek))
    if (Result.isSuccess(dow) && dow.success < 6)
      return scheduleError(
        field,
        "weekday",
        `${d.success} is a weekday: a make-up working day is a Saturday or Sunday`,
        `${d.success}是工作日，调休上班日应为周六或周日`,
      )
    if (holidays[d.success] !== undefined)
      return scheduleError(
        field,
        "both",
        `${d.success} cannot be both a holiday and a working day`,
        `${d.success}不能既放假又上班`,
      )
    makeUpWorkdays.push(d.success)
  }
  return Result.succeed({ year, notice: o.notice.trim(), holidays, makeUpWorkdays })
}

/** Adds every uploaded year (validated by `parseYearSchedule`) to a calendar, later years replacing. */
export const withYearSchedules = (
  calendar: WorkingCalendar,
  schedules: readonly YearSchedule[],
): WorkingCalendar => schedules.reduce((c, s) => extendCalendar(c, s.year, s), calendar)

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
