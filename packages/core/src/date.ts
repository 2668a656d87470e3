import { Result } from "effect"
import { Temporal } from "temporal-polyfill"
import { type FieldError, fieldError } from "./errors.js"

export { Temporal }

/** A civil date (no time, no zone), as every regulation counts them. */
export type PlainDate = Temporal.PlainDate

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * Parses an ISO calendar date `YYYY-MM-DD`. Only real dates pass: `2026-02-30` is an error, not March 2nd.
 */
export const parseDate = (input: unknown, field = "date"): Result.Result<PlainDate, FieldError> => {
  if (typeof input !== "string") {
    return Result.fail(
      fieldError(
        field,
        "type",
        `${field} must be a date string YYYY-MM-DD`,
        `${field}应为"年-月-日"格式的日期`,
      ),
    )
  }
  const m = ISO_DATE.exec(input)
  if (m === null) {
    return Result.fail(
      fieldError(
        field,
        "format",
        `${field} must look like 2026-05-11, got "${input}"`,
        `${field}格式应为2026-05-11，收到"${input}"`,
      ),
    )
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  try {
    return Result.succeed(Temporal.PlainDate.from({ year, month, day }, { overflow: "reject" }))
  } catch {
    return Result.fail(
      fieldError(
        field,
        "calendar",
        `${field} ${input} is not a day of the calendar`,
        `${field}（${input}）不是日历上存在的日期`,
      ),
    )
  }
}

// Parsed dates by their text: a PlainDate is immutable, so one instance per day can be shared, and parsing is
// the polyfill's slow part (tens of µs) — an agenda's or a ledger's rows name a few dozen days among thousands.
// Bounded: emptied when full. Only what parsed is kept (a refused text throws again, every time).
const parsed = new Map<string, PlainDate>()
const PARSED_MAX = 20_000

/**
 * Builds a date from known-good parts (for code and tests); use `parseDate` for anything a person typed.
 * `iso`: an ISO 8601 date (`YYYY-MM-DD`). Throws `RangeError` for a text that is not a day of the calendar.
 * Equal texts give the same (immutable) instance.
 */
export const date = (iso: string): PlainDate => {
  let d = parsed.get(iso)
  if (d === undefined) {
    d = Temporal.PlainDate.from(iso, { overflow: "reject" })
    if (parsed.size >= PARSED_MAX) parsed.clear()
    parsed.set(iso, d)
  }
  return d
}

/**
 * The civil date of an instant in a time zone: "today" for a district. The regulations' dates are civil dates
 * where the district is, so the default zone is China Standard Time (`Asia/Shanghai`, UTC+8 all year).
 * `instant` is a `Date` or epoch milliseconds; core reads no clock of its own.
 */
export const dateOfInstant = (instant: Date | number, zone = "Asia/Shanghai"): PlainDate =>
  Temporal.Instant.fromEpochMilliseconds(typeof instant === "number" ? instant : instant.getTime())
    .toZonedDateTimeISO(zone)
    .toPlainDate()

export const compareDates = (a: PlainDate, b: PlainDate): number => Temporal.PlainDate.compare(a, b)

/**
 * The date as one integer, `yyyymmdd` (2026-07-01 → 20260701; the polyfill build in use knows the ISO calendar
 * only, so its year, month and day are the ISO fields). Two dates' numbers order as `compareDates` orders them,
 * so a sort of many dates computes each number once and compares integers (the polyfill's `compare` costs
 * ~125 ns a call, and a sort of n dates makes n·log n of them).
 */
export const dayNumber = (d: PlainDate): number => d.year * 10_000 + d.month * 100 + d.day
export const isBefore = (a: PlainDate, b: PlainDate): boolean => compareDates(a, b) < 0
export const isAfter = (a: PlainDate, b: PlainDate): boolean => compareDates(a, b) > 0
export const isOnOrBefore = (a: PlainDate, b: PlainDate): boolean => compareDates(a, b) <= 0
export const isOnOrAfter = (a: PlainDate, b: PlainDate): boolean => compareDates(a, b) >= 0
export const minDate = (a: PlainDate, b: PlainDate): PlainDate => (isBefore(a, b) ? a : b)
export const maxDate = (a: PlainDate, b: PlainDate): PlainDate => (isAfter(a, b) ? a : b)
/** Whole days from `a` to `b` (negative when `b` is earlier). */
export const daysBetween = (a: PlainDate, b: PlainDate): number => a.until(b, { largestUnit: "days" }).days

/** Formats a date for a reader: `2026年5月11日` in Chinese, ISO in English. */
export const formatDate = (d: PlainDate, locale: Locale): string =>
  locale === "zh-CN" ? `${d.year}年${d.month}月${d.day}日` : d.toString()

export type Locale = "zh-CN" | "en"
export const locales: readonly Locale[] = ["zh-CN", "en"]
