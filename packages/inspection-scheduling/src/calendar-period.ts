import { compareDates, isAfter, isOnOrBefore, type PlainDate, periodEnd, Temporal } from "@xianfeng/core"

/** How often an obligation recurs: 每月 monthly, 每季度 quarterly, 每年 yearly. */
export type Cadence = "month" | "quarter" | "year"
export const cadences: readonly Cadence[] = ["month", "quarter", "year"]

const MONTHS: Readonly<Record<Cadence, number>> = { month: 1, quarter: 3, year: 12 }

/**
 * A calendar month, quarter or year. `key` names it stably (`2026-03`, `2026-Q1`, `2026`); `start` and `end`
 * are its first and last days (inclusive), the end found with core's period arithmetic.
 */
export interface CalendarPeriod {
  readonly cadence: Cadence
  readonly key: string
  readonly start: PlainDate
  readonly end: PlainDate
}

const keyOf = (cadence: Cadence, start: PlainDate): string =>
  cadence === "year"
    ? `${start.year}`
    : cadence === "quarter"
      ? `${start.year}-Q${Math.floor((start.month - 1) / 3) + 1}`
      : `${start.year}-${String(start.month).padStart(2, "0")}`

const startingOn = (cadence: Cadence, start: PlainDate): CalendarPeriod => ({
  cadence,
  key: keyOf(cadence, start),
  start,
  end: periodEnd(start, { months: MONTHS[cadence] }, "day-before"),
})

/** The month, quarter or year that contains `on`. */
export const periodContaining = (cadence: Cadence, on: PlainDate): CalendarPeriod => {
  const firstMonth =
    cadence === "year" ? 1 : cadence === "quarter" ? on.month - ((on.month - 1) % 3) : on.month
  return startingOn(cadence, Temporal.PlainDate.from({ year: on.year, month: firstMonth, day: 1 }))
}

/** The period after `p`. */
export const nextPeriod = (p: CalendarPeriod): CalendarPeriod => startingOn(p.cadence, p.end.add({ days: 1 }))

/** The period before `p`. */
export const previousPeriod = (p: CalendarPeriod): CalendarPeriod =>
  periodContaining(p.cadence, p.start.subtract({ days: 1 }))

/** Every period of `cadence` that overlaps `from`…`to` (inclusive), oldest first; empty when `from` > `to`. */
export const periodsBetween = (
  cadence: Cadence,
  from: PlainDate,
  to: PlainDate,
): readonly CalendarPeriod[] => {
  // Periods are immutable and date arithmetic is slow: a district roll-up asks for the same span per
  // organization, so the answer is kept (a bounded cache; the result is the same with or without it).
  const key = `${cadence}|${from.toString()}|${to.toString()}`
  const known = spans.get(key)
  if (known !== undefined) return known
  const out: CalendarPeriod[] = []
  if (!isAfter(from, to))
    for (let p = periodContaining(cadence, from); isOnOrBefore(p.start, to); p = nextPeriod(p)) out.push(p)
  if (spans.size >= 256) spans.clear()
  spans.set(key, out)
  return out
}

const spans = new Map<string, readonly CalendarPeriod[]>()

/** `on` falls within `p`. */
export const inPeriod = (p: CalendarPeriod, on: PlainDate): boolean =>
  compareDates(p.start, on) <= 0 && compareDates(on, p.end) <= 0

/** Parses a period key (`2026`, `2026-Q3`, `2026-07`); `undefined` when it is not one. */
export const parsePeriodKey = (key: string): CalendarPeriod | undefined => {
  const m = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/.exec(key)
  if (!m) return undefined
  const year = Number(m[1])
  if (m[2])
    return periodContaining(
      "quarter",
      Temporal.PlainDate.from({ year, month: (Number(m[2]) - 1) * 3 + 1, day: 1 }),
    )
  if (m[3]) return periodContaining("month", Temporal.PlainDate.from({ year, month: Number(m[3]), day: 1 }))
  return periodContaining("year", Temporal.PlainDate.from({ year, month: 1, day: 1 }))
}
