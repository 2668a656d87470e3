/**
 * `evaluate` against a straightforward reference: every record judged against a plain history filtered to
 * its date (no shared cutter, no prerequisite answers kept per cut, derived dates worked out in full for
 * every situation, every rule of the set filtered afresh), on histories drawn by the bench's generator
 * (`generateHistory` of the testing entry) and on mutated ones. Whatever evaluate keeps or skips to be
 * fast must give the same evaluation, verdict for verdict.
 */
import {
  chineseWorkingCalendar,
  compareDates,
  type PlainDate,
  type RuleSet,
  ruleSetInForce,
  Temporal,
  type Verdict,
  verdict,
} from "@xianfeng/core"
import { mulberry32 } from "@xianfeng/core/testing"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  type DevelopmentPolicy,
  type DevelopmentRule,
  deriveDates,
  developmentRuleSets,
  dr14,
  type Edition,
  type Evaluation,
  editionResolver,
  evaluate,
  type History,
  isStepId,
  nationalPolicy,
  needsPublicNotice,
  type RuleContext,
  type StepId,
  type StepRecord,
  type StepState,
  type StepStatus,
  stepDefinition,
  steps,
} from "../src/index.js"
import { coveredByTransfer, isSatisfied } from "../src/internal/prerequisites.js"
import { trainingComplete } from "../src/rules/development-object.js"
import { exampleEvidence, generateHistory } from "../src/testing.js"
import { mutate, mutationArb } from "./generators.js"

type Sets = readonly RuleSet<DevelopmentRule>[]

/** The history as it stood on `on`, as a plain object: records dated on or before it, without `except`. */
const plainAsOf = (history: History, on: PlainDate, except?: StepRecord): History => ({
  person: history.person,
  records: history.records.filter((r) => compareDates(r.on, on) <= 0 && r !== except),
})

const judgeRef = (
  history: History,
  step: StepId,
  record: StepRecord | undefined,
  on: PlainDate,
  asOf: PlainDate,
  sets: Sets,
  policy: DevelopmentPolicy,
): Verdict[] => {
  const inForce = ruleSetInForce(sets, on)
  const set = inForce ?? [...sets].sort((a, b) => compareDates(a.effectiveFrom, b.effectiveFrom))[0]
  if (set === undefined) return []
  const editionOn = editionResolver(sets)
  const cut = plainAsOf(history, on, record)
  const ctx: RuleContext = {
    history: cut,
    step,
    record,
    on,
    asOf,
    edition: set.edition as Edition,
    editionOn,
    calendar: chineseWorkingCalendar,
    derived: deriveDates(cut, editionOn, policy, on),
  }
  const out: Verdict[] = inForce
    ? []
    : [verdict("warning", "DEV-EDITION.none", [dr14(1)], { on, from: set.effectiveFrom })]
  for (const rule of set.rules)
    if (rule.steps === "all" || (isStepId(step) && rule.steps.includes(step)))
      out.push(...rule.check(ctx, policy))
  return out
}

const stateOf = (vs: readonly Verdict[]): StepState =>
  vs.some((v) => v.status === "blocked")
    ? "blocked"
    : vs.some((v) => v.status === "overdue")
      ? "overdue"
      : vs.some((v) => v.status === "due")
        ? "due"
        : "allowed"

/** evaluate, written the plain way (national policy: no district steps). */
const reference = (history: History, asOf: PlainDate, sets: Sets, policy: DevelopmentPolicy): Evaluation => {
  const editionOn = editionResolver(sets)
  const current = plainAsOf(history, asOf)
  const derived = deriveDates(current, editionOn, policy, asOf)
  const lastExtension = current.records.filter((r) => r.step === "probation-extension").at(-1)
  const statuses: StepStatus[] = steps.map((s) => {
    const records = current.records
      .filter((r) => r.step === s.id)
      .sort((a, b) => compareDates(a.on, b.on)) as StepRecord[]
    const recordVerdicts = records.flatMap((r) => judgeRef(history, s.id, r, r.on, asOf, sets, policy))
    const counting = records.filter(
      (r) =>
        lastExtension === undefined ||
        !s.id.startsWith("conversion-") ||
        compareDates(r.on, lastExtension.on) > 0,
    ).length
    const base = { step: s.id, name: s.name, stage: s.stage, records }
    const withDue = (state: StepState, verdicts: readonly Verdict[]): StepStatus => {
      const dueBy = verdicts.find((v) => v.dueBy !== undefined)?.dueBy
      return dueBy === undefined ? { ...base, state, verdicts } : { ...base, state, verdicts, dueBy }
    }
    if (counting === 0) {
      const notApplicable =
        (derived.cancelledOn !== undefined && s.id !== "archive") ||
        (derived.closedBy !== undefined && s.id !== derived.closedBy.step) ||
        (derived.stage === "member" &&
          (s.id === "probation-extension" || s.id === "probation-cancellation")) ||
        coveredByTransfer(current, s.id) ||
        (s.id === "public-notice" && !needsPublicNotice(current, editionOn, asOf)) ||
        (s.id === "activist-assessment" && derived.admittedOn !== undefined)
      if (notApplicable) return { ...base, state: "not-applicable", verdicts: recordVerdicts }
      const p = judgeRef(history, s.id, undefined, asOf, asOf, sets, policy)
      return withDue(stateOf(p), [...recordVerdicts, ...p])
    }
    if (s.recurring) {
      const incomplete =
        (s.id === "pre-review" && !isSatisfied(current, "@pre-review", policy, editionOn, asOf)) ||
        (s.id === "training" && !trainingComplete(current, policy))
      const pending = judgeRef(history, s.id, undefined, asOf, asOf, sets, policy)
      const p = incomplete ? pending : pending.filter((v) => v.status === "due" || v.status === "overdue")
      const state = stateOf(p)
      return withDue(!incomplete && state === "allowed" ? "done" : state, [...recordVerdicts, ...p])
    }
    return { ...base, state: "done", verdicts: recordVerdicts }
  })
  const urgency = { overdue: 0, due: 1, allowed: 2 } as Record<StepState, number>
  const nextSteps = statuses
    .filter(
      (s) =>
        !stepDefinition(s.step as StepId).optional &&
        (s.state === "allowed" || s.state === "due" || s.state === "overdue"),
    )
    .sort((a, b) => urgency[a.state] - urgency[b.state])
    .map((s) => s.step)
  const edition = ruleSetInForce(sets, asOf)?.edition as Edition | undefined
  return { asOf, edition, steps: statuses, nextSteps, derived, verdicts: statuses.flatMap((s) => s.verdicts) }
}

/** JSON with sorted keys, dates as their ISO text and `undefined` kept visible. */
const canonical = (v: unknown): string => {
  const walk = (x: unknown): unknown => {
    if (x instanceof Temporal.PlainDate) return { $date: x.toString() }
    if (x === undefined) return { $undefined: true }
    if (Array.isArray(x)) return x.map(walk)
    if (typeof x === "object" && x !== null)
      return Object.fromEntries(
        Object.entries(x)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, y]) => [k, walk(y)]),
      )
    return x
  }
  return JSON.stringify(walk(v))
}

const runs = { numRuns: 300 }

describe("evaluate equals the straightforward reference", () => {
  it("on histories of the bench's generator, judged up to 400 days after the last record", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const { history, asOf } = generateHistory(mulberry32(seed))
        const fast = evaluate(history, asOf, developmentRuleSets, nationalPolicy)
        expect(canonical(fast)).toBe(canonical(reference(history, asOf, developmentRuleSets, nationalPolicy)))
      }),
      runs,
    )
  })

  it("on mutated histories (records moved, dropped, doubled), where verdicts block", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), mutationArb, (seed, m) => {
        const { history, asOf } = generateHistory(mulberry32(seed))
        const broken = mutate(history, m)
        const on = asOf.add({ days: Math.abs(m.days) })
        const fast = evaluate(broken, on, developmentRuleSets, nationalPolicy)
        const slow = reference(broken, on, developmentRuleSets, nationalPolicy)
        expect(canonical(fast)).toBe(canonical(slow))
        expect(fast.verdicts.length).toBe(slow.verdicts.length)
      }),
      runs,
    )
  })

  it("with an outcome record added (cancellation, direct or posthumous admission, non-recognition)", () => {
    const outcomes = [
      "probation-cancellation",
      "direct-admission",
      "posthumous-admission",
      "membership-not-recognised",
    ] as const
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom(...outcomes),
        fc.nat(),
        fc.integer({ min: -60, max: 120 }),
        (seed, step, at, days) => {
          const { history, asOf } = generateHistory(mulberry32(seed))
          const after = history.records[at % history.records.length] as StepRecord
          const outcome = { step, on: after.on.add({ days }), evidence: exampleEvidence[step] } as StepRecord
          const records = [...history.records]
          records.splice(at % (records.length + 1), 0, outcome)
          const changed: History = { ...history, records }
          const on = compareDates(outcome.on, asOf) > 0 ? outcome.on : asOf
          const fast = evaluate(changed, on, developmentRuleSets, nationalPolicy)
          expect(canonical(fast)).toBe(canonical(reference(changed, on, developmentRuleSets, nationalPolicy)))
        },
      ),
      runs,
    )
  })
})
