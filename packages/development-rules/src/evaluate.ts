import {
  chineseWorkingCalendar,
  type LocalizedText,
  type PlainDate,
  type RuleSet,
  type Verdict,
  verdict,
  type WorkingCalendar,
} from "@xianfeng/core"
import { dr14, type Edition } from "./citations.js"
import {
  type ClosingStep,
  type CurrentStage,
  cancelledOnOf,
  closedByOf,
  type DerivedDates,
  deriveDates,
  type EditionOn,
  editionResolver,
  needsPublicNotice,
} from "./derived.js"
import type { History, StepRecord } from "./history.js"
import { dayOf } from "./internal/days.js"
import { coveredByTransfer, isSatisfied } from "./internal/prerequisites.js"
import { HistoryCutter, recordsOf } from "./internal/records.js"
import { ruleSetInForceOn } from "./internal/rule-sets.js"
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
 * steps a transfer brought along, anything after a cancellation or after a record that closed the procedure).
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

/**
 * Per rule set: its rules by the step they judge, in the set's order (built once per set); for a recorded
 * step all of them, for a pending step those that are not `recordsOnly` (the others give it no verdict).
 */
const rulesByStep = new WeakMap<RuleSet<DevelopmentRule>, Map<string, readonly DevelopmentRule[]>>()
const pendingRulesByStep = new WeakMap<RuleSet<DevelopmentRule>, Map<string, readonly DevelopmentRule[]>>()

/**
 * The sets asked about lately with their maps, searched by identity before the WeakMaps: evaluate asks for a
 * set's map for every record, the same two sets (the editions) over and over.
 */
const recentSets: RuleSet<DevelopmentRule>[] = []
const recentRecordMaps: Map<string, readonly DevelopmentRule[]>[] = []
const recentPendingMaps: Map<string, readonly DevelopmentRule[]>[] = []

/** The rule set's rules by step, built as steps are asked for (one map per set and mode, kept). */
const rulesOfSet = (
  set: RuleSet<DevelopmentRule>,
  pending: boolean,
): Map<string, readonly DevelopmentRule[]> => {
  for (let i = 0; i < recentSets.length; i++)
    if (recentSets[i] === set)
      return (pending ? recentPendingMaps[i] : recentRecordMaps[i]) as Map<string, readonly DevelopmentRule[]>
  let forRecords = rulesByStep.get(set)
  if (forRecords === undefined) {
    forRecords = new Map()
    rulesByStep.set(set, forRecords)
  }
  let forPending = pendingRulesByStep.get(set)
  if (forPending === undefined) {
    forPending = new Map()
    pendingRulesByStep.set(set, forPending)
  }
  if (recentSets.length >= 8) {
    recentSets.length = 0
    recentRecordMaps.length = 0
    recentPendingMaps.length = 0
  }
  recentSets.push(set)
  recentRecordMaps.push(forRecords)
  recentPendingMaps.push(forPending)
  return pending ? forPending : forRecords
}

const rulesFor = (
  set: RuleSet<DevelopmentRule>,
  byStep: Map<string, readonly DevelopmentRule[]>,
  step: StepId | DistrictStepId,
  pending: boolean,
): readonly DevelopmentRule[] => {
  let rules = byStep.get(step)
  if (rules === undefined) {
    rules = set.rules.filter(
      (r) =>
        (r.steps === "all" || (isStepId(step) && r.steps.includes(step))) &&
        !(pending && r.recordsOnly === true),
    )
    byStep.set(step, rules)
  }
  return rules
}

/** The first of the sets with the earliest `effectiveFrom` (what a stable sort by it puts first). */
const earliestOf = (sets: Sets): RuleSet<DevelopmentRule> | undefined => {
  let best: RuleSet<DevelopmentRule> | undefined
  for (const s of sets) if (best === undefined || dayOf(s.effectiveFrom) < dayOf(best.effectiveFrom)) best = s
  return best
}

/**
 * What every rule judging on one date sees, whatever the step: the history as it stood then, the edition
 * in force, the derived dates. Evaluate builds one for the pending steps (a record, judged for its step
 * alone, gets only a context: `judgeRecord`).
 */
interface Situation {
  readonly history: History
  readonly record: StepRecord | undefined
  readonly on: PlainDate
  readonly asOf: PlainDate
  readonly set: RuleSet<DevelopmentRule>
  /** `set`'s rules by step, for a record or (without `record`) for pending steps (looked up once per situation). */
  readonly rules: Map<string, readonly DevelopmentRule[]>
  readonly inForce: boolean
  readonly editionOn: EditionOn
  readonly derived: DerivedDates
  /** The context rules see, made by the first `judgeIn` of this situation (only its step changes). */
  ctx: { -readonly [K in keyof RuleContext]: RuleContext[K] } | undefined
}

/**
 * The derived dates of a record's situation, worked out when a rule first asks. Every step's order check
 * reads `cancelledOn` and `closedBy` (found alone, as `deriveDates` finds them); the few rules that read
 * another field derive them all, once. The values are `deriveDates`' own.
 */
class DerivedOnDemand {
  /**
   * Keeps the shape of these objects alive between evaluations, as `CutHistory.keptShape` does for cuts
   * (internal/records.ts): otherwise a full collection between two evaluations frees it and throws away the
   * optimized code of every function that reads derived dates.
   */
  static readonly keptShape: DerivedOnDemand = new DerivedOnDemand(
    HistoryCutter.keptShape.cut(0),
    () => undefined,
    undefined as unknown as DevelopmentPolicy,
    undefined as unknown as PlainDate,
    true,
  )

  readonly #history: History
  readonly #editionOn: EditionOn
  readonly #policy: DevelopmentPolicy
  readonly #on: PlainDate
  #all: DerivedDates | undefined
  #cancelledOn: PlainDate | undefined | null
  #closedBy: { readonly step: ClosingStep; readonly on: PlainDate } | undefined | null

  /**
   * `closing`: whether the whole history holds a cancellation or a closing record (`HistoryCutter.closing`);
   * when it holds none, no cut of it does, and `cancelledOn` and `closedBy` are known to be undefined.
   */
  constructor(
    history: History,
    editionOn: EditionOn,
    policy: DevelopmentPolicy,
    on: PlainDate,
    closing: boolean,
  ) {
    this.#history = history
    this.#editionOn = editionOn
    this.#policy = policy
    this.#on = on
    this.#cancelledOn = closing ? null : undefined
    this.#closedBy = closing ? null : undefined
  }

  #dates(): DerivedDates {
    this.#all ??= deriveDates(this.#history, this.#editionOn, this.#policy, this.#on)
    return this.#all
  }

  get cancelledOn(): PlainDate | undefined {
    if (this.#cancelledOn === null) this.#cancelledOn = cancelledOnOf(this.#history)
    return this.#cancelledOn
  }

  get closedBy(): { readonly step: ClosingStep; readonly on: PlainDate } | undefined {
    if (this.#closedBy === null) this.#closedBy = closedByOf(this.#history)
    return this.#closedBy
  }

  get appliedOn(): PlainDate | undefined {
    return this.#dates().appliedOn
  }
  get activistSince(): PlainDate | undefined {
    return this.#dates().activistSince
  }
  get developmentObjectSince(): PlainDate | undefined {
    return this.#dates().developmentObjectSince
  }
  get preReviewPassedOn(): PlainDate | undefined {
    return this.#dates().preReviewPassedOn
  }
  get admittedOn(): PlainDate | undefined {
    return this.#dates().admittedOn
  }
  get approvedOn(): PlainDate | undefined {
    return this.#dates().approvedOn
  }
  get probationEnd(): PlainDate | undefined {
    return this.#dates().probationEnd
  }
  get extensionMonths(): number {
    return this.#dates().extensionMonths
  }
  get fullMemberSince(): PlainDate | undefined {
    return this.#dates().fullMemberSince
  }
  get stage(): CurrentStage {
    return this.#dates().stage
  }
}

/** The situation of the pending steps: all judged on `asOf` against the history then (`current`). */
const pendingSituation = (
  current: History,
  derived: DerivedDates,
  asOf: PlainDate,
  sets: Sets,
  editionOn: EditionOn,
): Situation | undefined => {
  const inForce = ruleSetInForceOn(sets, dayOf(asOf))
  const set = inForce ?? earliestOf(sets)
  if (set === undefined) return undefined
  return {
    history: current,
    record: undefined,
    on: asOf,
    asOf,
    set,
    rules: rulesOfSet(set, true),
    inForce: inForce !== undefined,
    editionOn,
    derived,
    ctx: undefined,
  }
}

/** The warning a date before the first edition gets: judged by the earliest edition (DR 2014 Art. 1). */
const editionWarning = (on: PlainDate, set: RuleSet<DevelopmentRule>): Verdict =>
  verdict("warning", "DEV-EDITION.none", [dr14(1)], { on, from: set.effectiveFrom })

/** The verdicts of `rules` on `ctx`, after `first` (the edition warning) if given. */
const runRules = (
  ctx: RuleContext,
  rules: readonly DevelopmentRule[],
  policy: DevelopmentPolicy,
  first: Verdict | undefined,
): readonly Verdict[] => {
  // The verdicts are collected into a new array only when two rules (or the edition warning and a rule) give
  // some; otherwise the one rule's own (read-only) array is the answer, usually an empty one.
  let out: readonly Verdict[] = first === undefined ? noVerdicts : [first]
  let owned = first !== undefined
  // Indexed loops: each rule's check is a different function returning arrays of different kinds, which
  // keeps for…of iteration here off V8's fast path.
  for (let i = 0; i < rules.length; i++) {
    const vs = (rules[i] as DevelopmentRule).check(ctx, policy)
    if (vs.length === 0) continue
    if (out.length === 0) {
      out = vs
      continue
    }
    const mine: Verdict[] = owned ? (out as Verdict[]) : out.slice()
    for (let j = 0; j < vs.length; j++) mine.push(vs[j] as Verdict)
    out = mine
    owned = true
  }
  return out
}

/**
 * A record judged on its own date, against the history as it stood then without it, by the edition in force
 * then: its step alone, so nothing of its situation is kept (a cut, its derived dates on demand, a context).
 */
const judgeRecord = (
  cutter: HistoryCutter,
  record: StepRecord,
  asOf: PlainDate,
  sets: Sets,
  editionOn: EditionOn,
  policy: DevelopmentPolicy,
  calendar: WorkingCalendar,
): readonly Verdict[] => {
  const on = record.on
  const onDay = dayOf(on)
  const inForce = ruleSetInForceOn(sets, onDay)
  const set = inForce ?? earliestOf(sets)
  if (set === undefined) return noVerdicts
  const history = cutter.cut(onDay, record)
  // The same fields in the same order as the pending situation's context (one shape for every rule).
  const ctx: RuleContext = {
    history,
    step: record.step,
    record,
    on,
    asOf,
    edition: set.edition as Edition,
    editionOn,
    calendar,
    // Read-only to rules: an absent field reads as undefined there as here (exact optional types aside).
    derived: new DerivedOnDemand(history, editionOn, policy, on, cutter.closing) as unknown as DerivedDates,
  }
  return runRules(
    ctx,
    rulesFor(set, rulesOfSet(set, false), record.step, false),
    policy,
    inForce === undefined ? editionWarning(on, set) : undefined,
  )
}

const judgeIn = (
  s: Situation | undefined,
  step: StepId | DistrictStepId,
  policy: DevelopmentPolicy,
  calendar: WorkingCalendar,
): readonly Verdict[] => {
  if (s === undefined) return noVerdicts
  // One context per situation, its step set before each step's rules run: rules read it during `check` and
  // keep nothing of it, and evaluate judges up to 32 steps against the pending situation.
  let ctx = s.ctx
  if (ctx === undefined || ctx.calendar !== calendar) {
    ctx = {
      history: s.history,
      step,
      record: s.record,
      on: s.on,
      asOf: s.asOf,
      edition: s.set.edition as Edition,
      editionOn: s.editionOn,
      calendar,
      derived: s.derived,
    }
    s.ctx = ctx
  } else ctx.step = step
  return runRules(
    ctx,
    rulesFor(s.set, s.rules, step, s.record === undefined),
    policy,
    s.inForce ? undefined : editionWarning(s.on, s.set),
  )
}

/** No verdicts (shared, never changed). */
const noVerdicts: readonly Verdict[] = []

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
  judgeRecord(
    new HistoryCutter(history),
    proposed,
    proposed.on,
    ruleSets,
    editionResolver(ruleSets),
    policy,
    options.calendar ?? chineseWorkingCalendar,
  )

export const isAccepted = (verdicts: readonly Verdict[]): boolean =>
  verdicts.every((v) => v.status !== "blocked")

/** The state the worst verdict gives (oks and warnings do not count), as `worstVerdict` would pick it. */
const stateOf = (vs: readonly Verdict[]): StepState => {
  let worst = 4
  for (const v of vs) {
    const rank = v.status === "blocked" ? 0 : v.status === "overdue" ? 1 : v.status === "due" ? 2 : 4
    if (rank < worst) worst = rank
  }
  return worst === 0 ? "blocked" : worst === 1 ? "overdue" : worst === 2 ? "due" : "allowed"
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
/** A pending step's status, with the first deadline among its verdicts. */
const withDue = (
  s: StepEntry,
  records: readonly StepRecord[],
  state: StepState,
  verdicts: readonly Verdict[],
): StepStatus => {
  let dueBy: PlainDate | undefined
  for (const v of verdicts)
    if (v.dueBy !== undefined) {
      dueBy = v.dueBy
      break
    }
  return dueBy === undefined
    ? { step: s.id, name: s.name, stage: s.stage, records, state, verdicts }
    : { step: s.id, name: s.name, stage: s.stage, records, state, verdicts, dueBy }
}

export const evaluate = (
  history: History,
  asOf: PlainDate,
  ruleSets: Sets,
  policy: DevelopmentPolicy,
  options: EvaluateOptions = {},
): Evaluation => {
  const calendar = options.calendar ?? chineseWorkingCalendar
  const cutter = new HistoryCutter(history)
  const asOfDay = dayOf(asOf)
  const current = cutter.cut(asOfDay)
  const editionOn = editionResolver(ruleSets)
  const derived = deriveDates(current, editionOn, policy, asOf)
  // Pending steps are all judged on asOf against the same history: one situation for all of them.
  const situation = pendingSituation(current, derived, asOf, ruleSets, editionOn)
  const all = stepsOf(policy)
  // The last extension in the history's order (not by date), as ever; with at most one on file (almost
  // always), its group says which without listing the cut's records.
  const extensions = recordsOf(current, "probation-extension")
  let lastExtension: StepRecord | undefined = extensions.length === 1 ? extensions[0] : undefined
  if (extensions.length > 1)
    for (const r of current.records) if (r.step === "probation-extension") lastExtension = r
  const lastExtensionDay = lastExtension === undefined ? undefined : dayOf(lastExtension.on)
  const statuses: StepStatus[] = []
  for (const s of all) {
    // The cut's own array (made for this evaluation, never changed) or a shared empty one: no copy.
    const records = recordsOf(current, s.id as StepId) as readonly StepRecord[]
    let recordVerdicts: readonly Verdict[] = noVerdicts
    let counting = 0
    for (let i = 0; i < records.length; i++) {
      const r = records[i] as StepRecord
      if (lastExtensionDay === undefined || !s.conversion || dayOf(r.on) > lastExtensionDay) counting++
      const vs = judgeRecord(cutter, r, asOf, ruleSets, editionOn, policy, calendar)
      if (vs.length > 0) recordVerdicts = recordVerdicts.length === 0 ? vs : [...recordVerdicts, ...vs]
    }
    let state: StepState = "done"
    let verdicts: readonly Verdict[] = recordVerdicts
    // A step still to do shows its first deadline (a recurring step too, once done).
    let due = false
    if (counting === 0) {
      const notApplicable =
        (derived.cancelledOn !== undefined && s.id !== "archive") ||
        (derived.closedBy !== undefined && s.id !== derived.closedBy.step) ||
        (derived.stage === "member" &&
          (s.id === "probation-extension" || s.id === "probation-cancellation")) ||
        (s.national && coveredByTransfer(current, s.id as StepId)) ||
        (s.id === "public-notice" && !needsPublicNotice(current, editionOn, asOf)) ||
        (s.id === "activist-assessment" && derived.admittedOn !== undefined)
      if (notApplicable) state = "not-applicable"
      else {
        const p = judgeIn(situation, s.id, policy, calendar)
        verdicts = recordVerdicts.length === 0 ? p : [...recordVerdicts, ...p]
        state = stateOf(p)
        due = true
      }
    } else if (s.recurring) {
      const incomplete =
        (s.id === "pre-review" && !isSatisfied(current, "@pre-review", policy, editionOn, asOf)) ||
        (s.id === "training" && !trainingComplete(current, policy))
      const pending = judgeIn(situation, s.id, policy, calendar)
      const p = incomplete ? pending : pending.filter((v) => v.status === "due" || v.status === "overdue")
      verdicts = p.length === 0 ? recordVerdicts : recordVerdicts.length === 0 ? p : [...recordVerdicts, ...p]
      state = stateOf(p)
      if (!incomplete && state === "allowed") state = "done"
      due = true
    }
    statuses.push(
      due
        ? withDue(s, records, state, verdicts)
        : { step: s.id, name: s.name, stage: s.stage, records, state, verdicts },
    )
  }
  const nextSteps = statuses
    .filter(
      (s, i) => !all[i]?.optional && (s.state === "allowed" || s.state === "due" || s.state === "overdue"),
    )
    .sort((a, b) => urgency[a.state] - urgency[b.state])
    .map((s) => s.step)
  const edition = ruleSetInForceOn(ruleSets, asOfDay)?.edition as Edition | undefined
  const verdicts: Verdict[] = []
  for (let i = 0; i < statuses.length; i++) {
    const vs = (statuses[i] as StepStatus).verdicts
    for (let j = 0; j < vs.length; j++) verdicts.push(vs[j] as Verdict)
  }
  return { asOf, edition, steps: statuses, nextSteps, derived, verdicts }
}

interface StepEntry {
  readonly id: StepId | DistrictStepId
  readonly name: LocalizedText
  readonly stage: Stage
  readonly recurring: boolean
  readonly optional: boolean
  /** One of the national steps (`isStepId`), not a district's own. */
  readonly national: boolean
  /** A conversion step (`conversion-…`): its records restart after a probation extension. */
  readonly conversion: boolean
}

/** The 25 steps and outcome records, then the district's own (per list of extra steps, built once). */
const stepLists = new WeakMap<DevelopmentPolicy["extraSteps"], readonly StepEntry[]>()
const stepsOf = (policy: DevelopmentPolicy): readonly StepEntry[] => {
  let list = stepLists.get(policy.extraSteps)
  if (list === undefined) {
    list = [
      ...steps.map((d) => ({
        id: d.id,
        name: d.name,
        stage: d.stage,
        recurring: d.recurring,
        optional: d.optional,
        national: true,
        conversion: d.id.startsWith("conversion-"),
      })),
      ...policy.extraSteps.map((x) => {
        const after = isStepId(x.after) ? stepDefinition(x.after).stage : 1
        return {
          id: x.id as DistrictStepId,
          name: x.name,
          stage: after,
          recurring: false,
          optional: false,
          // District ids start with "x-" (the policy's schema): worked out all the same, as before.
          national: isStepId(x.id),
          conversion: x.id.startsWith("conversion-"),
        }
      }),
    ]
    stepLists.set(policy.extraSteps, list)
  }
  return list
}
