import {
  chineseWorkingCalendar,
  compareDates,
  type LocalizedText,
  type PlainDate,
  type RuleSet,
  ruleSetInForce,
  type Verdict,
  verdict,
  type WorkingCalendar,
  worstVerdict,
} from "@xianfeng/core"
import { dr14, type Edition } from "./citations.js"
import { type DerivedDates, deriveDates, editionResolver, needsPublicNotice } from "./derived.js"
import type { History, StepRecord } from "./history.js"
import { coveredByTransfer, isSatisfied } from "./internal/prerequisites.js"
import { historyAsOf } from "./internal/records.js"
import type { DevelopmentPolicy } from "./policy.js"
import type { DevelopmentRule, RuleContext } from "./rule.js"
import { trainingComplete } from "./rules/development-object.js"
import { type DistrictStepId, isStepId, type Stage, type StepId, stepDefinition, steps } from "./steps.js"

export interface EvaluateOptions {
  /** The working-day calendar (default: the national one in core); a district may extend it with a new year. */
  readonly calendar?: WorkingCalendar
}

/**
 * Where a step stands on `asOf`: `done` (on file), `allowed` (may be recorded now), `blocked` (may not, and
 * why), `due`/`overdue` (has a deadline), `not-applicable` (not on this person's path: notice under 2014,
 * steps a transfer brought along, anything after a cancellation).
 */
export type StepState = "done" | "allowed" | "blocked" | "due" | "overdue" | "not-applicable"

export interface StepStatus {
  readonly step: StepId | DistrictStepId
  readonly name: LocalizedText
  readonly stage: Stage
  readonly state: StepState
  readonly verdicts: readonly Verdict[]
  readonly dueBy?: PlainDate
  readonly records: readonly StepRecord[]
}

export interface Evaluation {
  readonly asOf: PlainDate
  /** The edition in force on `asOf`. */
  readonly edition: Edition | undefined
  readonly steps: readonly StepStatus[]
  /** Steps a secretary can take now, most urgent first (overdue, due, allowed); optional records excluded. */
  readonly nextSteps: readonly (StepId | DistrictStepId)[]
  readonly derived: DerivedDates
  /** Every verdict of every step. */
  readonly verdicts: readonly Verdict[]
}

type Sets = readonly RuleSet<DevelopmentRule>[]

const judge = (
  history: History,
  step: StepId | DistrictStepId,
  record: StepRecord | undefined,
  on: PlainDate,
  asOf: PlainDate,
  sets: Sets,
  policy: DevelopmentPolicy,
  calendar: WorkingCalendar,
): Verdict[] => {
  const inForce = ruleSetInForce(sets, on)
  const earliest = [...sets].sort((a, b) => compareDates(a.effectiveFrom, b.effectiveFrom))[0]
  const set = inForce ?? earliest
  if (set === undefined) return []
  const pre: Verdict[] =
    inForce === undefined
      ? [verdict("warning", "DEV-EDITION.none", [dr14(1)], { on, from: set.effectiveFrom })]
      : []
  const h = record ? historyAsOf(history, on, record) : historyAsOf(history, on)
  const editionOn = editionResolver(sets)
  const ctx: RuleContext = {
    history: h,
    step,
    record,
    on,
    asOf,
    edition: set.edition as Edition,
    editionOn,
    calendar,
    derived: deriveDates(h, editionOn, policy, on),
  }
  const applies = (r: DevelopmentRule) => r.steps === "all" || (isStepId(step) && r.steps.includes(step))
  return [...pre, ...set.rules.filter(applies).flatMap((r) => r.check(ctx, policy))]
}

/**
 * Verdicts for recording one step now (or on the record's date). The API refuses the write if any verdict
 * is `blocked`; `warning`s are shown and recorded. The step is judged by the edition in force on its date.
 */
export const checkStep = (
  history: History,
  proposed: StepRecord,
  ruleSets: Sets,
  policy: DevelopmentPolicy,
  options: EvaluateOptions = {},
): readonly Verdict[] =>
  judge(
    history,
    proposed.step,
    proposed,
    proposed.on,
    proposed.on,
    ruleSets,
    policy,
    options.calendar ?? chineseWorkingCalendar,
  )

export const isAccepted = (verdicts: readonly Verdict[]): boolean =>
  verdicts.every((v) => v.status !== "blocked")

const stateOf = (vs: readonly Verdict[]): StepState => {
  const worst = worstVerdict(vs.filter((v) => v.status !== "ok" && v.status !== "warning"))
  switch (worst?.status) {
    case "blocked":
      return "blocked"
    case "overdue":
      return "overdue"
    case "due":
      return "due"
    default:
      return "allowed"
  }
}

const urgency: Readonly<Record<StepState, number>> = {
  overdue: 0,
  due: 1,
  allowed: 2,
  blocked: 3,
  done: 4,
  "not-applicable": 5,
}

/**
 * Everything about a person's development on `asOf`: each step's state with its verdicts, the next steps,
 * and the derived dates (probation end, party age start, current stage). Each record is judged by the
 * edition in force on its own date; pending steps by the edition in force on `asOf`.
 */
export const evaluate = (
  history: History,
  asOf: PlainDate,
  ruleSets: Sets,
  policy: DevelopmentPolicy,
  options: EvaluateOptions = {},
): Evaluation => {
  const calendar = options.calendar ?? chineseWorkingCalendar
  const current = historyAsOf(history, asOf)
  const editionOn = editionResolver(ruleSets)
  const derived = deriveDates(current, editionOn, policy, asOf)
  const all: {
    id: StepId | DistrictStepId
    name: LocalizedText
    stage: Stage
    recurring: boolean
    optional: boolean
  }[] = [
    ...steps.map((d) => ({
      id: d.id,
      name: d.name,
      stage: d.stage,
      recurring: d.recurring,
      optional: d.optional,
    })),
    ...policy.extraSteps.map((x) => {
      const after = isStepId(x.after) ? stepDefinition(x.after).stage : 1
      return { id: x.id as DistrictStepId, name: x.name, stage: after, recurring: false, optional: false }
    }),
  ]
  const lastExtension = current.records.filter((r) => r.step === "probation-extension").at(-1)
  const statuses: StepStatus[] = all.map((s) => {
    const records = current.records
      .filter((r) => r.step === s.id)
      .slice()
      .sort((a, b) => compareDates(a.on, b.on))
    const counting = records.filter(
      (r) =>
        lastExtension === undefined ||
        !s.id.startsWith("conversion-") ||
        compareDates(r.on, lastExtension.on) > 0,
    )
    const recordVerdicts = records.flatMap((r) =>
      judge(history, s.id, r, r.on, asOf, ruleSets, policy, calendar),
    )
    const base = { step: s.id, name: s.name, stage: s.stage, records }
    const pending = () => judge(history, s.id, undefined, asOf, asOf, ruleSets, policy, calendar)
    const withDue = (vs: readonly Verdict[], state: StepState): StepStatus => {
      const dueBy = vs.find((v) => v.dueBy !== undefined)?.dueBy
      return dueBy === undefined ? { ...base, state, verdicts: vs } : { ...base, state, verdicts: vs, dueBy }
    }
    if (counting.length === 0) {
      const notApplicable =
        (derived.cancelledOn !== undefined && s.id !== "archive") ||
        (derived.stage === "member" &&
          (s.id === "probation-extension" || s.id === "probation-cancellation")) ||
        (isStepId(s.id) && coveredByTransfer(current, s.id)) ||
        (s.id === "public-notice" && !needsPublicNotice(current, editionOn, asOf)) ||
        (s.id === "activist-assessment" && derived.admittedOn !== undefined)
      if (notApplicable) return { ...base, state: "not-applicable", verdicts: recordVerdicts }
      const vs = [...recordVerdicts, ...pending()]
      return withDue(vs, stateOf(pending()))
    }
    if (s.recurring) {
      const incomplete =
        (s.id === "pre-review" && !isSatisfied(current, "@pre-review", policy, editionOn, asOf)) ||
        (s.id === "training" && !trainingComplete(current, policy))
      if (incomplete) {
        const p = pending()
        return withDue([...recordVerdicts, ...p], stateOf(p))
      }
      const p = pending().filter((v) => v.status === "due" || v.status === "overdue")
      const state = stateOf(p)
      return withDue([...recordVerdicts, ...p], state === "allowed" ? "done" : state)
    }
    return { ...base, state: "done", verdicts: recordVerdicts }
  })
  const optional = new Set(all.filter((s) => s.optional).map((s) => s.id))
  const nextSteps = statuses
    .filter(
      (s) => !optional.has(s.step) && (s.state === "allowed" || s.state === "due" || s.state === "overdue"),
    )
    .sort((a, b) => urgency[a.state] - urgency[b.state])
    .map((s) => s.step)
  const edition = ruleSetInForce(ruleSets, asOf)?.edition as Edition | undefined
  return { asOf, edition, steps: statuses, nextSteps, derived, verdicts: statuses.flatMap((s) => s.verdicts) }
}
