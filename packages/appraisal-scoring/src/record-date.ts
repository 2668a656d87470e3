import { daysBetween, isAfter, type PlainDate, type Rule, type Verdict, verdict } from "@xianfeng/core"
import { local } from "./citations.js"
import type { AppraisalPolicy } from "./policy.js"

/** A record of the area as the rule sees it: the day it says it happened, and the day it is entered. */
export interface RecordDateInput {
  /** The civil date the record states. */
  readonly on: PlainDate
  /** The day the record is entered (the caller's today; the package reads no clock). */
  readonly asOf: PlainDate
}

/**
 * `APPRAISAL-RECORD-DATE`: a record states what happened, so it is never dated after the day it is entered
 * (`blocked`, code `APPRAISAL-RECORD-DATE.future`); one dated more than `backdateMaxDays` before it is kept
 * with a `warning` (`APPRAISAL-RECORD-DATE.late-entry`), since late entries are how a ledger loses its truth.
 * Otherwise `ok`. The limit is local practice (district policy).
 */
export const recordDateRule: Rule<RecordDateInput, AppraisalPolicy> = {
  id: "APPRAISAL-RECORD-DATE",
  title: { "zh-CN": "记录日期", en: "Date of a record" },
  citations: [local()],
  check: ({ on, asOf }, policy): readonly Verdict[] => {
    if (isAfter(on, asOf)) {
      return [verdict("blocked", "APPRAISAL-RECORD-DATE.future", [local()], { on, asOf })]
    }
    const days = daysBetween(on, asOf)
    if (days > policy.backdateMaxDays) {
      return [
        verdict("warning", "APPRAISAL-RECORD-DATE.late-entry", [local()], {
          on,
          days,
          max: policy.backdateMaxDays,
        }),
      ]
    }
    return [verdict("ok", "APPRAISAL-RECORD-DATE.ok", [local()], { on })]
  },
}

/** Every rule of the area, in the order they are judged. */
export const appraisalRules = [recordDateRule] as const

/** Judges a record by every rule; a record is accepted when no verdict is `blocked`. */
export const checkRecord = (input: RecordDateInput, policy: AppraisalPolicy): readonly Verdict[] =>
  appraisalRules.flatMap((rule) => rule.check(input, policy))

/** No verdict blocks it. */
export const isAccepted = (verdicts: readonly Verdict[]): boolean =>
  verdicts.every((v) => v.status !== "blocked")
