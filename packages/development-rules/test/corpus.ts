import { applyOverlay, type PlainDate, Temporal } from "@xianfeng/core"
import { Result } from "effect"
import fc from "fast-check"
import {
  type DevelopmentPolicy,
  demoDistrictOverlay,
  developmentPolicy,
  type History,
  nationalPolicy,
  type StepRecord,
} from "../src/index.js"
import { member, rec } from "./fixtures.js"
import { mutate, mutationArb, validHistoryArb } from "./generators.js"

/**
 * A fixed corpus of histories for the golden test and the profiler: valid histories cut at random points,
 * some broken in one way, some with a transfer, an extension, a cancellation or a sanctioned introducer,
 * judged by several policies on or some time after the last record (so steps are due and overdue).
 */
export interface CorpusCase {
  readonly history: History
  readonly asOf: PlainDate
  readonly policy: DevelopmentPolicy
  readonly policyName: string
}

const overlay = (o: unknown): DevelopmentPolicy => Result.getOrThrow(applyOverlay(developmentPolicy, o))

export const corpusPolicies: readonly (readonly [string, DevelopmentPolicy])[] = [
  ["national", nationalPolicy],
  ["demo", overlay(demoDistrictOverlay)],
  ["day-before", overlay({ periodEnd: "day-before", approvalClockFrom: "submission" })],
  ["strict", overlay({ discouragedIntroducer: "blocked", contactsMin: 2, activistMinWait: { months: 3 } })],
]

const extraArb = fc.constantFrom(
  "none",
  "none",
  "none",
  "transfer-activist",
  "transfer-probationary",
  "extension",
  "cancellation",
  "sanctioned-introducer",
  "district-step",
)

const caseArb = fc.record({
  base: validHistoryArb,
  mutation: fc.option(mutationArb, { freq: 3 }),
  later: fc.constantFrom(0, 0, 3, 20, 45, 120, 400, 900),
  policy: fc.nat({ max: corpusPolicies.length - 1 }),
  extra: extraArb,
})

const addExtra = (h: History, extra: string, asOf: PlainDate): History => {
  const last = h.records.reduce<PlainDate>(
    (a, r) => (Temporal.PlainDate.compare(r.on, a) > 0 ? r.on : a),
    h.records[0]?.on ?? asOf,
  )
  const add = (r: StepRecord): History => ({ ...h, records: [...h.records, r] })
  switch (extra) {
    case "transfer-activist":
      return add(rec("transfer-in", h.records[0]?.on ?? asOf, { stage: "activist", activistSince: last }))
    case "transfer-probationary":
      return add({
        step: "transfer-in",
        on: last,
        evidence: {
          fromOrg: "外区某支部",
          stage: "probationary",
          admittedOn: last.subtract({ months: 2 }),
          postponeMonths: 4,
          verified: true,
        },
      })
    case "extension":
      return add(rec("probation-extension", last, { months: 6, meetingOn: last }))
    case "cancellation":
      return add(rec("probation-cancellation", last, { meetingOn: last }))
    case "sanctioned-introducer":
      return add(
        rec("introducers", last, {
          introducers: [
            member("李明", { sanctions: [{ kind: "warning", imposedOn: last.subtract({ months: 4 }) }] }),
            member("张华", {
              sanctions: [{ kind: "party-probation", imposedOn: last.subtract({ years: 1 }) }],
            }),
          ],
        }),
      )
    case "district-step":
      return add({ step: "x-pre-admission-notice", on: last, evidence: {} })
    default:
      return h
  }
}

/** `n` cases drawn with a fixed seed: the same cases on every machine and every run. */
export const corpus = (n: number, seed = 20260701): CorpusCase[] =>
  fc.sample(caseArb, { seed, numRuns: n }).map(({ base, mutation, later, policy, extra }) => {
    const [policyName, p] = corpusPolicies[policy] ?? ["national", nationalPolicy]
    const mutated = mutation === null ? base.history : mutate(base.history, mutation)
    const asOf = base.asOf.add({ days: later })
    return { history: addExtra(mutated, extra, asOf), asOf, policy: p, policyName }
  })

/** A canonical text of any value: dates tagged, undefined kept, key order kept (so any change shows). */
export const canonical = (v: unknown): string => {
  const walk = (x: unknown): unknown => {
    if (x instanceof Temporal.PlainDate) return { $date: x.toString() }
    if (x === undefined) return { $undefined: true }
    if (Array.isArray(x)) return x.map(walk)
    if (typeof x === "object" && x !== null)
      return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, walk(y)]))
    return x
  }
  return JSON.stringify(walk(v))
}
