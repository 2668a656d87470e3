import { type PlainDate, Temporal, type Verdict } from "@xianfeng/core"
import type { Evaluation } from "./evaluate.js"
import type { DistrictStepId, StepId } from "./steps.js"

/**
 * Blocking codes that only say "not yet": the step may bear a date from the day in the named parameter on
 * (DR 5 the 18th birthday, DR 8/12/13 the waits, DR 31 the end of probation, and the district's lead time
 * for the conversion application).
 */
const notBefore: Readonly<Record<string, string>> = {
  "DEV-AGE-MIN.too-young": "eligibleOn",
  "DEV-ACTIVIST-WAIT.too-early": "earliest",
  "DEV-CULTIVATION-MIN.too-early": "earliest",
  "DEV-CONVERSION-APPLICATION.too-early": "earliest",
  "DEV-CONVERSION-MEETING.before-end": "probationEnd",
}

/** Blocking codes that only say "too late on this day": a record dated on or before the parameter passes (DR 25). */
const notAfter: Readonly<Record<string, string>> = {
  "DEV-APPROVAL-WITHIN.beyond-limit": "limit",
}

const dateParam = (v: Verdict, key: string | undefined): PlainDate | undefined => {
  const p = key === undefined ? undefined : v.params[key]
  return p instanceof Temporal.PlainDate ? p : undefined
}

/** Whether and when a step still to do can be recorded, judged on the evaluation's `asOf`. */
export interface Recordability {
  readonly step: StepId | DistrictStepId
  /** The step can be recorded now with some date on or before `asOf`. */
  readonly now: boolean
  /** Blocked only because its date would lie after `asOf`: it can be recorded from this day on. */
  readonly from?: PlainDate
  /** Blocked on `asOf` only by a time limit: a record dated on or before this day is accepted (补录). */
  readonly until?: PlainDate
}

/**
 * Each pending step's recordability on `e.asOf`. A step blocked only by clock verdicts is judged by the
 * dates they name, not by `asOf` alone: a 3-month-old approval that is past the 6-month limit today can still
 * be entered with the date it was given (`until`), while a step that only waits for a future day is not
 * offered before it (`from`). Steps that are done or not applicable are left out; so is any step with another
 * blocking verdict.
 */
export const recordabilityOf = (e: Evaluation): readonly Recordability[] => {
  const out: Recordability[] = []
  for (const s of e.steps) {
    if (s.state === "not-applicable" || s.state === "done") continue
    if (s.state !== "blocked") {
      out.push({ step: s.step, now: true })
      continue
    }
    let from: PlainDate | undefined
    let until: PlainDate | undefined
    let other = false
    for (const v of s.verdicts) {
      if (v.status !== "blocked") continue
      const f = dateParam(v, notBefore[v.code])
      const u = dateParam(v, notAfter[v.code])
      if (f !== undefined && (from === undefined || Temporal.PlainDate.compare(f, from) > 0)) from = f
      else if (u !== undefined && (until === undefined || Temporal.PlainDate.compare(u, until) < 0)) until = u
      else if (f === undefined && u === undefined) other = true
    }
    if (other || (from !== undefined && until !== undefined && Temporal.PlainDate.compare(from, until) > 0))
      continue
    if (from !== undefined && Temporal.PlainDate.compare(from, e.asOf) > 0)
      out.push({ step: s.step, now: false, from })
    else if (until !== undefined) out.push({ step: s.step, now: true, until })
  }
  return out
}

/**
 * The steps a secretary can record now, judged on each record's own date rather than on `asOf` alone: the
 * evaluation's `nextSteps` (allowed, due, overdue), then steps blocked today only by a time limit that a
 * back-dated record still meets (`until`). Optional records are left out, as in `nextSteps`.
 */
export const recordableNextSteps = (
  e: Evaluation,
  optional: (step: StepId | DistrictStepId) => boolean,
): readonly (StepId | DistrictStepId)[] => {
  const late = recordabilityOf(e)
    .filter((r) => r.until !== undefined && !optional(r.step))
    .map((r) => r.step)
  return [...e.nextSteps, ...late.filter((s) => !e.nextSteps.includes(s))]
}
