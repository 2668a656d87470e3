import {
  type Citation,
  type Period,
  type PlainDate,
  type Verdict,
  type VerdictParam,
  verdict,
} from "@xianfeng/core"
import type { DevelopmentPolicy } from "../policy.js"
import { dateOfDay, dayOf, periodEndDays } from "./days.js"

/** Pending mode of a 'within <period> of <from>' rule: due by the last day, overdue after it. */
export const dueOrOverdue = (
  id: string,
  from: PlainDate,
  period: Period,
  asOf: PlainDate,
  policy: DevelopmentPolicy,
  citations: readonly Citation[],
  params: Readonly<Record<string, VerdictParam>> = {},
): Verdict => {
  // Compared as epoch days: `end` is made (or taken from the shared dates) only for the verdict.
  const endDay = periodEndDays(from, period, policy.periodEnd)
  const end = dateOfDay(endDay)
  return dayOf(asOf) > endDay
    ? verdict("overdue", `${id}.overdue`, citations, { ...params, from, dueBy: end }, end)
    : verdict("due", `${id}.due`, citations, { ...params, from, dueBy: end }, end)
}

/** Record mode of the same rule: a warning when the step came after the last day. */
export const lateWarning = (
  id: string,
  from: PlainDate,
  period: Period,
  on: PlainDate,
  policy: DevelopmentPolicy,
  citations: readonly Citation[],
): Verdict[] => {
  const endDay = periodEndDays(from, period, policy.periodEnd)
  return dayOf(on) > endDay
    ? [verdict("warning", `${id}.late`, citations, { from, dueBy: dateOfDay(endDay), on })]
    : []
}
