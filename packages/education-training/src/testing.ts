/**
 * Example data for the tests of this package and of everything above it (db, API, demo, browser tests): one
 * source, seeded, never exported from `.`. Uses core's one seeded PRNG.
 */
import { date, type PlainDate } from "@xianfeng/core"
import { int, mulberry32 } from "@xianfeng/core/testing"
import type { StudyEntry } from "./hours.js"
import { type StudySource, studySources } from "./policy.js"

/**
 * `count` study entries of `members` members in the `days` before `asOf`, the same for the same seed: a mix of
 * sources, timed and untimed, overlapping one another and sometimes repeated — what the overlap rule is for.
 */
export const exampleStudyEntries = (
  seed: number,
  count: number,
  members = 3,
  asOf: PlainDate = date("2026-11-30"),
  days = 6,
): readonly StudyEntry[] => {
  const rng = mulberry32(seed)
  return Array.from({ length: count }, (_, i) => {
    const source = studySources[int(rng, 0, 2)] as StudySource
    const start = int(rng, 8 * 60, 20 * 60)
    const length = int(rng, 15, 240)
    const timed = int(rng, 0, 4) > 0
    const repeat = int(rng, 0, 5) === 0
    const base = {
      memberId: `m${int(rng, 1, members)}`,
      source,
      ref: repeat ? `r${Math.max(0, i - 1)}` : `r${i}`,
      on: asOf.subtract({ days: int(rng, 0, days) }),
      tenths: int(rng, 1, Math.max(1, Math.floor(length / 4.5))),
      centralized: source === "class",
    }
    return timed ? { ...base, start, end: start + length } : base
  })
}
