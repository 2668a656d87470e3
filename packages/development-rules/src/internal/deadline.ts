import {
  type Citation,
  type Period,
  type PlainDate,
  type Verdict,
  type VerdictParam,
  verdict,
} from "@xianfeng/core"
import type { DevelopmentPolicy } from "../policy.js"
import { isAfter, periodEnd } from "./days.js"

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
  const end = periodEnd(from, period, policy.periodEnd)
  return isAfter(asOf, end)
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
  const end = periodEnd(from, period, policy.periodEnd)
  return isAfter(on, end) ? [verdict("warning", `${id}.late`, citations, { from, dueBy: end, on })] : []
}
