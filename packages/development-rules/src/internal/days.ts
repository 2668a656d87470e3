/**
 * Date arithmetic on epoch days (days since 1970-01-01 in the ISO calendar), with exactly the semantics of
 * the Temporal operations core uses (`PlainDate.compare`, `add` with `overflow: "constrain"`, core's
 * `periodEnd`, `subtractPeriod`, `ageOn`), but without the polyfill's cost: a Temporal `add` takes
 * microseconds, and evaluating one history used to do thousands of them. `test/days.test.ts` checks every
 * function here against the Temporal original.
 */
import {
  type CalendarAnswer,
  type Period,
  type PeriodEnd,
  type PlainDate,
  Temporal,
  type WorkingCalendar,
} from "@xianfeng/core"

const floorDiv = (a: number, b: number) => Math.floor(a / b)

/** Epoch day of a civil date (proleptic Gregorian). */
export const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year
  const era = floorDiv(y, 400)
  const yoe = y - era * 400
  const doy = floorDiv(153 * (month + (month > 2 ? -3 : 9)) + 2, 5) + day - 1
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy
  return era * 146097 + doe - 719468
}

const civilFromDays = (days: number): [number, number, number] => {
  const z = days + 719468
  const era = floorDiv(z, 146097)
  const doe = z - era * 146097
  const yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36524) - floorDiv(doe, 146096), 365)
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100))
  const mp = floorDiv(5 * doy + 2, 153)
  const day = doy - floorDiv(153 * mp + 2, 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day]
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
export const daysInMonth = (y: number, m: number): number =>
  m === 2 && isLeap(y) ? 29 : (monthDays[m - 1] ?? 31)

/**
 * The epoch days of the dates asked for last (most of them one evaluation's record dates, its `asOf` and the
 * deadlines worked out from them), in a ring of `RING` slots scanned by identity before the `WeakMap`. A
 * `WeakMap` look-up in a table as large as the polyfill's or `known` (every date seen since the last full
 * collection) costs about as much as reading a field through the polyfill, mostly in cache misses; an
 * evaluation asks for about 39 days of about 13 distinct dates (the bench's histories), and the ring answers
 * all but the first sight of each. Dates are immutable, so a slot left from an earlier evaluation still holds
 * the right day; the ring keeps at most `RING` dates alive.
 */
const RING = 32
const ringDates: (PlainDate | null)[] = []
const ringDays: number[] = []
for (let i = 0; i < RING; i++) {
  ringDates.push(null)
  ringDays.push(0)
}
let ringNext = 0

const remember = (d: PlainDate, n: number): void => {
  ringDates[ringNext] = d
  ringDays[ringNext] = n
  ringNext = (ringNext + 1) & (RING - 1)
}

/**
 * The epoch day of a date. Reading a polyfill date's fields goes through several internal calls per field,
 * and rules compare the same record dates again and again, so each date's day is remembered: in the ring,
 * and (for a date seen outside it, as `dateOfDay`'s shared dates and a policy's are) in `known`.
 */
const known = new WeakMap<PlainDate, number>()
export const dayOf = (d: PlainDate): number => {
  // Newest first: a rule asks again for the dates it has just compared.
  for (let k = 1; k <= RING; k++) {
    const i = (ringNext - k) & (RING - 1)
    if (ringDates[i] === d) return ringDays[i] as number
  }
  let n = known.get(d)
  if (n === undefined) {
    n = daysFromCivil(d.year, d.month, d.day)
    known.set(d, n)
  }
  remember(d, n)
  return n
}

/**
 * `dayOf` for a date most likely never seen before and asked for again only soon (a history's record dates,
 * read once per evaluation by `HistoryCutter`): worked out from its fields and put in the ring only, without
 * the `WeakMap`'s failed look-up and insertion. The same value as `dayOf`.
 */
export const dayOfFresh = (d: PlainDate): number => {
  const n = daysFromCivil(d.year, d.month, d.day)
  remember(d, n)
  return n
}

/**
 * The `PlainDate` of an epoch day. Built once per day and shared (dates are immutable); constructing one in
 * the polyfill costs more than everything else a rule does. The cache is bounded.
 */
const dates = new Map<number, PlainDate>()
export const dateOfDay = (days: number): PlainDate => {
  let d = dates.get(days)
  if (d === undefined) {
    const [y, m, day] = civilFromDays(days)
    d = new Temporal.PlainDate(y, m, day)
    known.set(d, days)
    if (dates.size >= 200_000) dates.clear()
    dates.set(days, d)
  }
  return d
}

export const compareDates = (a: PlainDate, b: PlainDate): number => Math.sign(dayOf(a) - dayOf(b))
export const isBefore = (a: PlainDate, b: PlainDate): boolean => dayOf(a) < dayOf(b)
export const isAfter = (a: PlainDate, b: PlainDate): boolean => dayOf(a) > dayOf(b)
export const isOnOrBefore = (a: PlainDate, b: PlainDate): boolean => dayOf(a) <= dayOf(b)
export const isOnOrAfter = (a: PlainDate, b: PlainDate): boolean => dayOf(a) >= dayOf(b)

/** Years and months, balanced, with the day clamped to the month's end; then days (Temporal ISO `add`). */
const addDays = (y: number, m: number, d: number, years: number, months: number, days: number): number => {
  const total = y * 12 + (m - 1) + years * 12 + months
  const ny = floorDiv(total, 12)
  const nm = total - ny * 12 + 1
  return daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm))) + days
}

/** Epoch day of `start + period` (core `addPeriod`: years, then months, clamping, then days). */
export const addPeriodDays = (start: PlainDate, p: Period): number => {
  // Temporal refuses a duration with no field at all (`{}`), and so did every rule that added one.
  if (p.years === undefined && p.months === undefined && p.days === undefined)
    throw new TypeError("No valid fields: days,months,years")
  const [y, m, d] = civilFromDays(dayOf(start))
  return addDays(y, m, d, p.years ?? 0, p.months ?? 0, p.days ?? 0)
}

/** core `addPeriod`. */
export const addPeriod = (start: PlainDate, p: Period): PlainDate => dateOfDay(addPeriodDays(start, p))

/** Epoch day of core `periodEnd(start, period, convention)`. */
export const periodEndDays = (start: PlainDate, p: Period, convention: PeriodEnd): number =>
  addPeriodDays(start, p) - (convention === "anniversary" ? 0 : 1)

/** core `periodEnd`. */
export const periodEnd = (start: PlainDate, p: Period, convention: PeriodEnd): PlainDate =>
  dateOfDay(periodEndDays(start, p, convention))

/** core `isWithin`. */
export const isWithin = (start: PlainDate, on: PlainDate, p: Period, convention: PeriodEnd): boolean =>
  dayOf(on) <= periodEndDays(start, p, convention)

/** core `hasElapsed`. */
export const hasElapsed = (start: PlainDate, on: PlainDate, p: Period, convention: PeriodEnd): boolean =>
  dayOf(on) >= periodEndDays(start, p, convention)

/** core `subtractPeriod`: days first, then years and months with clamping. */
export const subtractPeriod = (end: PlainDate, p: Period): PlainDate => {
  const [y, m, d] = civilFromDays(dayOf(end) - (p.days ?? 0))
  return dateOfDay(addDays(y, m, d, -(p.years ?? 0), -(p.months ?? 0), 0))
}

/** core `ageOn`: full years; a 29 February birthday is complete on 1 March in common years. */
export const ageOn = (birthDate: PlainDate, on: PlainDate): number => {
  const years = on.year - birthDate.year
  const dim = daysInMonth(on.year, birthDate.month)
  const birthday =
    birthDate.day <= dim
      ? daysFromCivil(on.year, birthDate.month, birthDate.day)
      : daysFromCivil(on.year, birthDate.month, dim) + 1
  return dayOf(on) >= birthday ? years : years - 1
}

/** `YYYY-MM-DD` of an epoch day, as `PlainDate.toString()` writes it. */
const isoOfDay = (days: number): string => {
  const [y, m, d] = civilFromDays(days)
  if (y < 0 || y > 9999) return dateOfDay(days).toString()
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`
}

/**
 * core `countWorkingDays`: working days in [from, to], both included; unknown when the calendar lacks a
 * year. Walks epoch days instead of `PlainDate.add({ days: 1 })`.
 */
export const countWorkingDays = (
  from: PlainDate,
  to: PlainDate,
  calendar: WorkingCalendar,
): CalendarAnswer<number> => {
  const a = dayOf(from)
  const b = dayOf(to)
  if (a > b) return { _tag: "Known", value: 0 }
  const missing: number[] = []
  for (let y = from.year; y <= to.year; y++) if (!calendar.coveredYears.has(y)) missing.push(y)
  if (missing.length > 0) return { _tag: "Unknown", missingYears: missing }
  let n = 0
  for (let day = a; day <= b; day++) {
    const iso = isoOfDay(day)
    // 1970-01-01 was a Thursday; ISO weekdays run Monday 1 … Sunday 7.
    const weekday = ((((day + 3) % 7) + 7) % 7) + 1
    if (calendar.makeUpWorkdays.has(iso) || (!calendar.holidays.has(iso) && weekday <= 5)) n++
  }
  return { _tag: "Known", value: n }
}
