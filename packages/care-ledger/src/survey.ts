import { compareDates, type PlainDate, type Verdict, verdict } from "@xianfeng/core"
import { em, local } from "./citations.js"

/**
 * The annual survey (摸底调查): a campaign in which each branch goes over its part of the ledger by a deadline —
 * confirming entries that still hold, adding what it finds and closing what no longer holds (each a ledger
 * event) — and then confirms that its part is done.
 */
export interface SurveyBranch {
  readonly orgId: string
  /** Entries of the branch open when the survey started. */
  readonly entries: number
  /** Of those, how many the branch has confirmed or closed since the survey started. */
  readonly reviewed: number
  /** The day the branch confirmed its part, if it has. */
  readonly confirmedOn?: PlainDate
}

/**
 * `CARE-SURVEY`: a branch that has confirmed is `ok` (`.confirmed`, or `.late` as a warning when after the
 * deadline); one that has not is `due` by the deadline (`.due`) or `overdue` after it (`.overdue`).
 */
export const surveyVerdict = (b: SurveyBranch, deadline: PlainDate, asOf: PlainDate): Verdict => {
  if (b.confirmedOn !== undefined)
    return compareDates(b.confirmedOn, deadline) > 0
      ? verdict(
          "warning",
          "CARE-SURVEY.late",
          [em(23), local()],
          { on: b.confirmedOn, dueBy: deadline },
          deadline,
        )
      : verdict("ok", "CARE-SURVEY.confirmed", [em(23), local()], { on: b.confirmedOn })
  return compareDates(asOf, deadline) > 0
    ? verdict(
        "overdue",
        "CARE-SURVEY.overdue",
        [em(23), local()],
        { left: b.entries - b.reviewed, dueBy: deadline },
        deadline,
      )
    : verdict(
        "due",
        "CARE-SURVEY.due",
        [em(23), local()],
        { left: b.entries - b.reviewed, dueBy: deadline },
        deadline,
      )
}

/** A branch may confirm its part only when every entry open at the start has been reviewed. */
export const canConfirmSurvey = (b: SurveyBranch): boolean => b.reviewed >= b.entries

export interface SurveyProgress {
  readonly branches: number
  readonly confirmed: number
  readonly entries: number
  readonly reviewed: number
}

export const surveyProgress = (branches: readonly SurveyBranch[]): SurveyProgress => ({
  branches: branches.length,
  confirmed: branches.filter((b) => b.confirmedOn !== undefined).length,
  entries: branches.reduce((s, b) => s + b.entries, 0),
  reviewed: branches.reduce((s, b) => s + Math.min(b.reviewed, b.entries), 0),
})

/**
 * `CARE-SURVEY` on confirming: a branch confirms its part only when every entry open at the start has been
 * confirmed or closed (`.unreviewed`, blocked, with how many are left); else `.ok`.
 */
export const confirmSurveyVerdict = (b: SurveyBranch): Verdict =>
  canConfirmSurvey(b)
    ? verdict("ok", "CARE-SURVEY.ok", [em(23), local()])
    : verdict("blocked", "CARE-SURVEY.unreviewed", [em(23), local()], { left: b.entries - b.reviewed })
