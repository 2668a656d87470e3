import { Result } from "effect"
import { isOnOrAfter, isOnOrBefore, type PlainDate } from "./date.js"
import { type FieldError, fieldError } from "./errors.js"

/** A span the regulations speak of: 'one year', 'six months', 'one month', '30 days'. */
export interface Period {
  readonly years?: number
  readonly months?: number
  readonly days?: number
}

/**
 * Where a period counted from a start date ends. The regulations do not say whether 'one year' from
 * 2025-03-10 ends on 2026-03-10 (the anniversary, most practice) or on 2026-03-09 (the day before), so it
 * is a district policy:
 * - `anniversary`: the period's last day is start + period;
 * - `day-before`: the period's last day is start + period − 1 day.
 * A minimum ('at least one year') is met from the last day on; a limit ('within one month') holds until
 * the last day, inclusive.
 */
export type PeriodEnd = "anniversary" | "day-before"

export const periodEndConventions: readonly PeriodEnd[] = ["anniversary", "day-before"]

/**
 * Adds a period. Years, then months, then days, as Temporal does; a day that does not exist in the target
 * month is clamped to its last day: 2024-01-31 + 1 month = 2024-02-29, 2024-02-29 + 1 year = 2025-02-28.
 */
export const addPeriod = (start: PlainDate, period: Period): PlainDate =>
  start.add(period, { overflow: "constrain" })

/**
 * Subtracts a period, clamping to month-end the same way as `addPeriod`. The parts are undone in reverse
 * order (days, then months and years), so `subtractPeriod(addPeriod(d, p), p)` is `d` whenever adding did
 * not clamp; Temporal's own `subtract` takes months first and misses by days for `{ months: 1, days: 5 }`.
 */
export const subtractPeriod = (end: PlainDate, period: Period): PlainDate =>
  end
    .subtract({ days: period.days ?? 0 })
    .subtract({ years: period.years ?? 0, months: period.months ?? 0 }, { overflow: "constrain" })

/** The last day of a period that starts on `start`. */
export const periodEnd = (start: PlainDate, period: Period, convention: PeriodEnd): PlainDate => {
  const anniversary = addPeriod(start, period)
  return convention === "anniversary" ? anniversary : anniversary.subtract({ days: 1 })
}

/** 'within <period> of start': true while `on` is not later than the period's last day. */
export const isWithin = (start: PlainDate, on: PlainDate, period: Period, convention: PeriodEnd): boolean =>
  isOnOrBefore(on, periodEnd(start, period, convention))

/** 'at least <period> since start': true from the period's last day on. */
export const hasElapsed = (start: PlainDate, on: PlainDate, period: Period, convention: PeriodEnd): boolean =>
  isOnOrAfter(on, periodEnd(start, period, convention))

/** Checks a period typed into a policy or a form: whole non-negative numbers, not all zero. */
export const parsePeriod = (input: unknown, field = "period"): Result.Result<Period, FieldError> => {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return Result.fail(
      fieldError(
        field,
        "type",
        `${field} must be an object like {"months": 6}`,
        `${field}应为形如{"months": 6}的期限`,
      ),
    )
  }
  const out: { years?: number; months?: number; days?: number } = {}
  for (const [k, v] of Object.entries(input)) {
    if (k !== "years" && k !== "months" && k !== "days") {
      return Result.fail(
        fieldError(
          `${field}.${k}`,
          "unknown-key",
          `${field} has no unit "${k}" (years, months, days)`,
          `${field}没有单位"${k}"（可用years、months、days）`,
        ),
      )
    }
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 1200) {
      return Result.fail(
        fieldError(
          `${field}.${k}`,
          "range",
          `${field}.${k} must be a whole number from 0 to 1200`,
          `${field}.${k}应为0到1200之间的整数`,
        ),
      )
    }
    out[k] = v
  }
  if ((out.years ?? 0) + (out.months ?? 0) + (out.days ?? 0) === 0) {
    return Result.fail(fieldError(field, "empty", `${field} must not be zero`, `${field}不能为零`))
  }
  return Result.succeed(out)
}

/** Renders a period for a reader: `1年6个月`, `1 year 6 months`. */
export const formatPeriod = (period: Period, locale: "zh-CN" | "en"): string => {
  const parts: string[] = []
  const { years = 0, months = 0, days = 0 } = period
  if (locale === "zh-CN") {
    if (years) parts.push(`${years}年`)
    if (months) parts.push(`${months}个月`)
    if (days) parts.push(`${days}天`)
    return parts.join("")
  }
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`
  if (years) parts.push(unit(years, "year"))
  if (months) parts.push(unit(months, "month"))
  if (days) parts.push(unit(days, "day"))
  return parts.join(" ")
}
