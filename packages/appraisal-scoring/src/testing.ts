/**
 * Example data for the tests of this package and of everything above it (db, API, demo, browser tests): one
 * source, seeded, never exported from `.`. Uses core's one seeded PRNG.
 */
import { date, type PlainDate } from "@xianfeng/core"
import { int, mulberry32 } from "@xianfeng/core/testing"
import type { RecordDateInput } from "./record-date.js"

/** A record that every rule accepts. */
export const exampleRecord = (asOf: PlainDate = date("2026-11-30")): RecordDateInput => ({
  on: asOf.subtract({ days: 7 }),
  asOf,
})

/** `count` records spread over the `days` before `asOf`, the same for the same seed. */
export const exampleRecords = (
  seed: number,
  count: number,
  asOf: PlainDate,
  days = 365,
): readonly RecordDateInput[] => {
  const rng = mulberry32(seed)
  return Array.from({ length: count }, () => ({ on: asOf.subtract({ days: int(rng, 0, days) }), asOf }))
}
