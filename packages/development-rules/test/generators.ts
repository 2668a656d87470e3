import { compareDates, type PlainDate, Temporal } from "@xianfeng/core"
import fc from "fast-check"
import type { History, StepRecord } from "../src/index.js"
import { type GeneratedHistory, type Offsets, offsetRanges, validTimeline } from "../src/testing.js"

/** Offsets within every national limit (talk ≤ 1 month, approval ≤ 3 months, …). */
export const offsetsArb: fc.Arbitrary<Offsets> = fc.record(
  Object.fromEntries(
    Object.entries(offsetRanges).map(([k, [min, max]]) => [k, fc.integer({ min, max })]),
  ) as unknown as { [K in keyof Offsets]: fc.Arbitrary<number> },
)
const int = (min: number, max: number) => fc.integer({ min, max })

const dateArb = (from: string, to: string): fc.Arbitrary<PlainDate> => {
  const a = Temporal.PlainDate.from(from)
  const n = a.until(Temporal.PlainDate.from(to)).days
  return int(0, n).map((k) => a.add({ days: k }))
}

/** Application dates under the 2014 edition, across the change, and under 2026. */
export const startArb = fc.oneof(dateArb("2014-06-01", "2021-12-31"), dateArb("2024-06-01", "2026-12-31"))

/** A valid history cut at a random point; `asOf` is the date of its last record. */
export const validHistoryArb: fc.Arbitrary<GeneratedHistory> = fc
  .record({
    start: startArb,
    offsets: offsetsArb,
    migrant: fc.boolean(),
    cut: fc.double({ min: 0.02, max: 1, noNaN: true }),
  })
  .map(({ start, offsets, migrant, cut }) => {
    const full = validTimeline(start, offsets, { migrant })
    const sorted = [...full.records].sort((a, b) => compareDates(a.on, b.on))
    const n = Math.max(1, Math.ceil(sorted.length * cut))
    const records = sorted.slice(0, n)
    const asOf = records[records.length - 1]?.on ?? start
    return { history: { ...full, records }, asOf }
  })

/** Shifts every date of a history (record dates, evidence dates, person facts) by whole years. */
export const shiftYears = <T>(value: T, years: number): T => {
  const walk = (v: unknown): unknown => {
    if (v instanceof Temporal.PlainDate) return v.add({ years })
    if (Array.isArray(v)) return v.map(walk)
    if (typeof v === "object" && v !== null)
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
    return v
  }
  return walk(value) as T
}

/** Breaks a valid history in one random way, to reach refusals. */
export const mutationArb = fc.record({
  index: fc.nat(),
  kind: fc.constantFrom("drop", "move", "meeting", "introducers", "training", "approver", "duplicate"),
  days: int(-500, 500),
})

export const mutate = (h: History, m: { index: number; kind: string; days: number }): History => {
  if (h.records.length === 0) return h
  const i = m.index % h.records.length
  const target = h.records[i] as StepRecord
  const replace = (r: StepRecord) => ({ ...h, records: h.records.map((x, j) => (j === i ? r : x)) })
  switch (m.kind) {
    case "drop":
      return { ...h, records: h.records.filter((_, j) => j !== i) }
    case "move":
      return replace({ ...target, on: target.on.add({ days: m.days }) } as StepRecord)
    case "duplicate":
      return {
        ...h,
        records: [...h.records, { ...target, on: target.on.add({ days: Math.abs(m.days) }) } as StepRecord],
      }
    case "meeting":
      return target.step === "admission-meeting" || target.step === "conversion-meeting"
        ? replace({
            ...target,
            evidence: {
              ...target.evidence,
              presentVoters: 5,
              yesVotes: 5,
              noVotes: 0,
              abstentions: 0,
              writtenOpinions: 0,
            },
          } as StepRecord)
        : h
    case "introducers":
      return target.step === "introducers"
        ? replace({
            ...target,
            evidence: { introducers: target.evidence.introducers.slice(0, 1) },
          } as StepRecord)
        : h
    case "training":
      return target.step === "training"
        ? replace({ ...target, evidence: { ...target.evidence, days: 1, hours: 8 } } as StepRecord)
        : h
    case "approver":
      return target.step === "admission-approval"
        ? replace({
            ...target,
            evidence: { ...target.evidence, approver: { id: "g1", kind: "general-branch", path: "d1.g1" } },
          } as StepRecord)
        : h
    default:
      return h
  }
}
