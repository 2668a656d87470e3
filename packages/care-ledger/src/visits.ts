import {
  compareDates,
  type FieldError,
  festivalDate,
  fieldError,
  type PlainDate,
  Temporal,
  toLunar,
  type Verdict,
  verdict,
} from "@xianfeng/core"
import { Result } from "effect"
import { local, visit } from "./citations.js"
import { formatYuan } from "./money.js"
import type { CareCategory, CarePolicy } from "./policy.js"

/**
 * Festival visits (走访慰问): a plan per festival says who must be visited, by which leaders, with what budget,
 * and by when ("before the festival"). `new-year` 元旦 (1 January), `spring-festival` 春节 (lunar 1/1, from
 * core's lunar calendar), `july-1` 七一, `custom` (a district's own occasion, its date given).
 */
export const festivalKinds = ["new-year", "spring-festival", "july-1", "custom"] as const
export type FestivalKind = (typeof festivalKinds)[number]

/**
 * The festival's day in `year` (for the Spring Festival: the lunar new year that begins in `year`).
 * Errors: a year outside the lunar tables, or a `custom` festival without its date → `FieldError`.
 */
export const festivalDay = (
  kind: FestivalKind,
  year: number,
  customDate?: PlainDate,
): Result.Result<PlainDate, FieldError> => {
  if (kind === "new-year") return Result.succeed(Temporal.PlainDate.from({ year, month: 1, day: 1 }))
  if (kind === "july-1") return Result.succeed(Temporal.PlainDate.from({ year, month: 7, day: 1 }))
  if (kind === "spring-festival") return festivalDate("spring-festival", year)
  return customDate === undefined
    ? Result.fail(
        fieldError("festivalOn", "required", "a custom occasion needs its date", "自定节日须填写日期"),
      )
    : Result.succeed(customDate)
}

/** The last day visits count as "before the festival": the festival less the policy's lead days. */
export const visitDeadline = (festivalOn: PlainDate, policy: CarePolicy): PlainDate =>
  festivalOn.subtract({ days: policy.visitLeadDays })

/** A day on the plan's calendar: its Gregorian date and its lunar date in Chinese (正月初一). */
export const calendarDay = (d: PlainDate) => {
  const l = toLunar(d)
  return { date: d, lunarMonth: l.month, lunarDay: l.day, leap: l.leap, lunarZh: l.zh }
}

/** Someone the plan may visit: the ledger's categories of the entry and whether the member joined before 1949. */
export interface VisitCandidate {
  readonly targetId: string
  readonly categories: readonly CareCategory[]
}

/**
 * Who the plan must visit: every candidate who joined before 1949 (the circular's "must all be visited"), and
 * every candidate of a category the policy lists (`visitCategories`).
 */
export const mustVisit = (candidates: readonly VisitCandidate[], policy: CarePolicy): readonly string[] =>
  candidates
    .filter((c) => c.categories.some((cat) => cat === "pre-1949" || policy.visitCategories.includes(cat)))
    .map((c) => c.targetId)

/** The largest amount one visit may record: ¥1 million, far above any standard, so a typo is caught. */
export const MAX_VISIT_FEN = 100_000_000

/** A visit as recorded. */
export interface VisitInput {
  readonly targetId: string
  readonly visitedOn: PlainDate
  readonly visitors: readonly string[]
  readonly amountFen: number
  readonly asOf: PlainDate
}

/**
 * `CARE-VISIT`: a visit is to someone in the plan (`.not-in-plan`), recorded once (`.twice`), on a day not
 * after it is entered (`.future`), by at least one visitor (`.visitors`), with an amount of whole fen, 0 or
 * more (`.amount`) — each blocked; one after the deadline is kept with a warning (`.late`); else `.ok`.
 */
export const checkVisit = (
  v: VisitInput,
  plan: {
    readonly targets: ReadonlySet<string>
    readonly visited: ReadonlySet<string>
    readonly deadline: PlainDate
  },
): readonly Verdict[] => {
  const cites = [visit(), local()]
  if (!plan.targets.has(v.targetId)) return [verdict("blocked", "CARE-VISIT.not-in-plan", cites)]
  if (plan.visited.has(v.targetId)) return [verdict("blocked", "CARE-VISIT.twice", cites)]
  if (compareDates(v.visitedOn, v.asOf) > 0)
    return [verdict("blocked", "CARE-VISIT.future", cites, { on: v.visitedOn })]
  if (v.visitors.length === 0) return [verdict("blocked", "CARE-VISIT.visitors", cites)]
  if (!Number.isInteger(v.amountFen) || v.amountFen < 0 || v.amountFen > MAX_VISIT_FEN)
    return [verdict("blocked", "CARE-VISIT.amount", cites, { amount: v.amountFen })]
  if (compareDates(v.visitedOn, plan.deadline) > 0)
    return [
      verdict("warning", "CARE-VISIT.late", cites, { on: v.visitedOn, dueBy: plan.deadline }, plan.deadline),
    ]
  return [verdict("ok", "CARE-VISIT.ok", cites, { on: v.visitedOn })]
}

/** A plan's progress and its funds reconciled: the budget, what the visits gave, and what remains. */
export interface PlanProgress {
  readonly targets: number
  readonly visited: number
  readonly budgetFen: number
  readonly spentFen: number
  readonly remainingFen: number
  readonly verdict: Verdict
}

/**
 * `CARE-PLAN`: done (`.done`, ok) when every target is visited; otherwise `due` by the deadline or `overdue`
 * after it (`.open`); spending more than the budget warns (`.over-budget`) whatever the progress.
 */
export const planProgress = (
  targets: number,
  visits: readonly { readonly amountFen: number }[],
  budgetFen: number,
  deadline: PlainDate,
  asOf: PlainDate,
): PlanProgress => {
  const spentFen = visits.reduce((s, v) => s + v.amountFen, 0)
  const cites = [visit(), local()]
  const left = targets - visits.length
  const v =
    spentFen > budgetFen
      ? verdict("warning", "CARE-PLAN.over-budget", cites, {
          spent: spentFen,
          budget: budgetFen,
          spentYuan: formatYuan(spentFen),
          budgetYuan: formatYuan(budgetFen),
        })
      : left <= 0
        ? verdict("ok", "CARE-PLAN.done", cites, { visited: visits.length })
        : verdict(
            compareDates(asOf, deadline) > 0 ? "overdue" : "due",
            "CARE-PLAN.open",
            cites,
            { left, dueBy: deadline },
            deadline,
          )
  return {
    targets,
    visited: visits.length,
    budgetFen,
    spentFen,
    remainingFen: budgetFen - spentFen,
    verdict: v,
  }
}
