import {
  chineseWorkingCalendar,
  addPeriod as coreAdd,
  ageOn as coreAge,
  compareDates as coreCompare,
  countWorkingDays as coreCount,
  hasElapsed as coreElapsed,
  periodEnd as coreEnd,
  subtractPeriod as coreSubtract,
  isWithin as coreWithin,
  type PlainDate,
  Temporal,
} from "@xianfeng/core"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  addPeriod,
  ageOn,
  compareDates,
  countWorkingDays,
  dateOfDay,
  dayOf,
  hasElapsed,
  isWithin,
  periodEnd,
  subtractPeriod,
} from "../src/internal/days.js"

const base = Temporal.PlainDate.from("1890-01-01")
/** Dates from 1890 to 2110, with month ends and 29 February drawn often. */
const dateArb: fc.Arbitrary<PlainDate> = fc.oneof(
  fc.integer({ min: 0, max: 80_000 }).map((k) => base.add({ days: k })),
  fc
    .record({ y: fc.integer({ min: 1890, max: 2110 }), m: fc.integer({ min: 1, max: 12 }), end: fc.nat(3) })
    .map(({ y, m, end }) => {
      const first = Temporal.PlainDate.from({ year: y, month: m, day: 1 })
      return first.with({ day: first.daysInMonth - end })
    }),
)
const periodArb = fc.record(
  { years: fc.nat(30), months: fc.nat(40), days: fc.nat(800) },
  { requiredKeys: [] },
)
const convArb = fc.constantFrom("anniversary" as const, "day-before" as const)
const iso = (d: PlainDate) => d.toString()

describe("epoch-day arithmetic agrees with Temporal", () => {
  it("epoch days round-trip and order like PlainDate.compare", () => {
    fc.assert(
      fc.property(dateArb, dateArb, (a, b) => {
        expect(iso(dateOfDay(dayOf(a)))).toBe(iso(a))
        expect(dayOf(a)).toBe(Temporal.PlainDate.from("1970-01-01").until(a).days)
        expect(compareDates(a, b)).toBe(coreCompare(a, b))
      }),
      { numRuns: 2000 },
    )
  })

  it("addPeriod, periodEnd, isWithin, hasElapsed, subtractPeriod, ageOn", () => {
    fc.assert(
      fc.property(dateArb, dateArb, periodArb, convArb, (a, b, p, c) => {
        const outcome = (f: () => unknown) => {
          try {
            const v = f()
            return v instanceof Temporal.PlainDate ? iso(v) : v
          } catch (e) {
            return `throws ${(e as Error).name}`
          }
        }
        expect(outcome(() => addPeriod(a, p))).toBe(outcome(() => coreAdd(a, p)))
        expect(outcome(() => periodEnd(a, p, c))).toBe(outcome(() => coreEnd(a, p, c)))
        expect(outcome(() => isWithin(a, b, p, c))).toBe(outcome(() => coreWithin(a, b, p, c)))
        expect(outcome(() => hasElapsed(a, b, p, c))).toBe(outcome(() => coreElapsed(a, b, p, c)))
        expect(iso(subtractPeriod(a, p))).toBe(iso(coreSubtract(a, p)))
        expect(ageOn(a, b)).toBe(coreAge(a, b))
      }),
      { numRuns: 2000 },
    )
  })

  it("countWorkingDays, across holidays, make-up days and years the calendar lacks", () => {
    const near = fc
      .integer({ min: 0, max: 12_000 })
      .map((k) => Temporal.PlainDate.from("2000-01-01").add({ days: k }))
    fc.assert(
      fc.property(near, fc.integer({ min: -5, max: 400 }), (a, n) => {
        const b = a.add({ days: n })
        expect(countWorkingDays(a, b, chineseWorkingCalendar)).toEqual(
          coreCount(a, b, chineseWorkingCalendar),
        )
      }),
      { numRuns: 1000 },
    )
  })
})
