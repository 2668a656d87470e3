import {
  type Citation,
  compareDates,
  isAfter,
  isBefore,
  type LocalizedText,
  type Period,
  type PlainDate,
  periodEnd,
  type RuleSet,
} from "@xianfeng/core"
import { dr, local } from "./citations.js"
import { deriveDates, editionResolver } from "./derived.js"
import type { History } from "./history.js"
import { recordsOf } from "./internal/records.js"
import type { DevelopmentPolicy } from "./policy.js"
import type { DevelopmentRule } from "./rule.js"

/** What a 一人一策 plan schedules. */
export type PlanItemKind = "talk" | "thought-report" | "training" | "activity" | "assessment"

export const planItemLabels: Readonly<Record<PlanItemKind, LocalizedText>> = {
  talk: { "zh-CN": "培养联系人谈话", en: "talk with a contact" },
  "thought-report": { "zh-CN": "思想汇报", en: "thought report" },
  training: { "zh-CN": "培训", en: "training" },
  activity: { "zh-CN": "参加党组织活动", en: "party activity" },
  assessment: { "zh-CN": "半年考察", en: "half-yearly assessment" },
}

export interface PlanItem {
  readonly kind: PlanItemKind
  /** The n-th item of its kind (1-based). */
  readonly seq: number
  readonly dueBy: PlainDate
  readonly citations: readonly Citation[]
}

export interface CultivationPlan {
  readonly role: "activist" | "development-object"
  readonly from: PlainDate
  readonly until: PlainDate
  readonly items: readonly PlanItem[]
}

/** Something done that counts towards the plan (talks, reports and activities are not development steps). */
export interface PlanActivity {
  readonly kind: PlanItemKind
  readonly on: PlainDate
}

export type PlanItemState = "done" | "due" | "overdue" | "planned"

export interface PlanProgress {
  readonly items: readonly (PlanItem & { readonly state: PlanItemState; readonly doneOn?: PlainDate })[]
  readonly done: number
  readonly overdue: number
  readonly due: number
}

const every = (
  kind: PlanItemKind,
  from: PlainDate,
  until: PlainDate,
  period: Period,
  policy: DevelopmentPolicy,
  citations: readonly Citation[],
): PlanItem[] => {
  const out: PlanItem[] = []
  for (let n = 1; n <= 200; n++) {
    const step: Period = {
      years: (period.years ?? 0) * n,
      months: (period.months ?? 0) * n,
      days: (period.days ?? 0) * n,
    }
    if ((step.years ?? 0) + (step.months ?? 0) + (step.days ?? 0) === 0) break
    const due = periodEnd(from, step, policy.periodEnd)
    if (isAfter(due, until)) break
    out.push({ kind, seq: n, dueBy: due, citations })
  }
  return out
}

/**
 * The 一人一策 plan for an activist or candidate for membership, from the start of cultivation up to `until`
 * (typically a year ahead): contacts' talks, thought reports and activities at the district's cadence [P],
 * half-yearly assessments (DR 11) and, for a candidate for membership, the centralized training (DR 17).
 * Undefined for anyone who is not (yet, or any longer) an activist or candidate for membership.
 */
export const cultivationPlan = (
  history: History,
  until: PlainDate,
  ruleSets: readonly RuleSet<DevelopmentRule>[],
  policy: DevelopmentPolicy,
): CultivationPlan | undefined => {
  const derived = deriveDates(history, editionResolver(ruleSets), policy, until)
  const since = derived.activistSince
  if (since === undefined || derived.admittedOn !== undefined) return undefined
  const role = derived.developmentObjectSince !== undefined ? "development-object" : "activist"
  const items: PlanItem[] = [
    ...every("talk", since, until, policy.cultivationTalkEvery, policy, [dr(10), local()]),
    ...every("thought-report", since, until, policy.thoughtReportEvery, policy, [local()]),
    ...every("activity", since, until, policy.activityEvery, policy, [dr(10), local()]),
    ...every("assessment", since, until, { months: 6 }, policy, [dr(11)]),
  ]
  if (derived.developmentObjectSince !== undefined) {
    const due = periodEnd(derived.developmentObjectSince, policy.trainingWithin, policy.periodEnd)
    items.push({ kind: "training", seq: 1, dueBy: due, citations: [dr(17)] })
  }
  items.sort((a, b) => compareDates(a.dueBy, b.dueBy) || a.kind.localeCompare(b.kind))
  return { role, from: since, until, items }
}

/**
 * Progress against a plan on `asOf`: the n-th activity of a kind fulfils the n-th item of that kind.
 * Assessments and trainings are read from the history's records; the rest come in `activities`.
 * An item is `due` within `dueWindow` days before its date, `overdue` after it.
 */
export const planProgress = (
  plan: CultivationPlan,
  history: History,
  activities: readonly PlanActivity[],
  asOf: PlainDate,
  dueWindow = 30,
): PlanProgress => {
  const fromHistory: PlanActivity[] = [
    ...recordsOf(history, "activist-assessment").map((r) => ({ kind: "assessment" as const, on: r.on })),
    ...recordsOf(history, "training").map((r) => ({ kind: "training" as const, on: r.on })),
  ]
  const doneBy = new Map<PlanItemKind, PlainDate[]>()
  for (const a of [...fromHistory, ...activities].filter((x) => !isAfter(x.on, asOf))) {
    const list = doneBy.get(a.kind) ?? []
    list.push(a.on)
    doneBy.set(a.kind, list)
  }
  for (const list of doneBy.values()) list.sort(compareDates)
  const items = plan.items.map((item) => {
    const doneOn = doneBy.get(item.kind)?.[item.seq - 1]
    if (doneOn !== undefined) return { ...item, state: "done" as const, doneOn }
    const state: PlanItemState = isBefore(item.dueBy, asOf)
      ? "overdue"
      : isBefore(item.dueBy, asOf.add({ days: dueWindow }))
        ? "due"
        : "planned"
    return { ...item, state }
  })
  const count = (s: PlanItemState) => items.filter((i) => i.state === s).length
  return { items, done: count("done"), overdue: count("overdue"), due: count("due") }
}
