import { compareDates, type PlainDate, type RuleSet, Temporal } from "@xianfeng/core"
import type { Evaluation } from "./evaluate.js"
import type { DistrictStepId, StepId } from "./steps.js"

/** One step of a person that has a deadline and is still open: due until `dueBy`, overdue after it. */
export interface IndexedStep {
  readonly step: StepId | DistrictStepId
  readonly state: "due" | "overdue"
  readonly dueBy: PlainDate
}

/** What the pipeline keeps of one evaluation, and until when it stays the answer. */
export interface PipelineIndexEntry {
  /** The open steps with a deadline, as the evaluation on `evaluatedOn` found them. */
  readonly items: readonly IndexedStep[]
  readonly evaluatedOn: PlainDate
  /**
   * The first day the evaluation may differ: the day after any deadline, or the day a wait ends, a limit
   * passes, a derived date comes, or another edition comes into force — every date the verdicts, the derived
   * dates and the rule sets name, capped at `maxDays` after `evaluatedOn`. Before it the stored items are
   * what `evaluate` would answer.
   */
  readonly recheckOn: PlainDate
}

const dates = (values: Iterable<unknown>): PlainDate[] => {
  const out: PlainDate[] = []
  for (const v of values) if (v instanceof Temporal.PlainDate) out.push(v)
  return out
}

/**
 * The pipeline-index entry of an evaluation: its open steps with a deadline (state `due` or `overdue`) and the
 * day it must be evaluated again (`recheckOn`, at most `maxDays` ahead, default 30). Pass the history's
 * `records` when some may be dated after the evaluation (a record counts from its own day); the API never
 * stores one dated after today.
 */
export const pipelineIndexEntryOf = (
  e: Evaluation,
  ruleSets: readonly RuleSet<unknown>[],
  options: { readonly maxDays?: number; readonly records?: readonly { readonly on: PlainDate }[] } = {},
): PipelineIndexEntry => {
  const maxDays = options.maxDays ?? 30
  const items: IndexedStep[] = []
  const named: PlainDate[] = []
  for (const s of e.steps) {
    if (s.dueBy !== undefined) {
      named.push(s.dueBy)
      if (s.state === "due" || s.state === "overdue")
        items.push({ step: s.step, state: s.state, dueBy: s.dueBy })
    }
    for (const v of s.verdicts) {
      if (v.dueBy !== undefined) named.push(v.dueBy)
      named.push(...dates(Object.values(v.params)))
    }
  }
  named.push(...dates(Object.values(e.derived)))
  for (const r of ruleSets) named.push(r.effectiveFrom)
  for (const r of options.records ?? []) named.push(r.on)
  let recheckOn = e.asOf.add({ days: maxDays })
  // A comparison with `d` flips either on `d` (not before) or on the day after (not after).
  for (const d of named)
    for (const c of [d, d.add({ days: 1 })])
      if (compareDates(c, e.asOf) > 0 && compareDates(c, recheckOn) < 0) recheckOn = c
  return { items, evaluatedOn: e.asOf, recheckOn }
}
