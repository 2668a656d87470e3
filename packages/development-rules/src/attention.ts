import { compareChinese, compareDates, type PlainDate } from "@xianfeng/core"
import type { StepStatus } from "./evaluate.js"

/** The days ahead the pipeline looks by default for steps coming due. */
export const ATTENTION_DAYS = 30

/** What `attentionOf` reads of a step: a full `StepStatus`, or a stored index entry with its name. */
export type AttentionStep = Pick<StepStatus, "step" | "name" | "state" | "dueBy">

/** One step of one person that needs attention: overdue, or due by the horizon. */
export interface AttentionItem<P, S extends AttentionStep = StepStatus> {
  readonly person: P
  readonly step: S
  readonly state: "overdue" | "due"
  readonly dueBy: PlainDate
}

/** One person's evaluated steps (`evaluate(…).steps`), with whatever identifies the person to the caller. */
export interface AttentionInput<P, S extends AttentionStep = StepStatus> {
  readonly person: P
  readonly steps: readonly S[]
}

/**
 * What the pipeline of an organization must look at on `asOf`: every step that is overdue (the deadline its
 * rule sets — e.g. the half-yearly assessment of DR 11 — has passed) and every step due within `withinDays`
 * days (due on or before `asOf + withinDays`); the verdicts on each step carry the article of its deadline. Most urgent first: overdue before due,
 * then the earlier deadline, then the person's name in Chinese collation; equal items keep the input order.
 */
export const attentionOf = <P extends { readonly name: string }, S extends AttentionStep = StepStatus>(
  people: Iterable<AttentionInput<P, S>>,
  asOf: PlainDate,
  withinDays: number = ATTENTION_DAYS,
): AttentionItem<P, S>[] => {
  const horizon = asOf.add({ days: withinDays })
  const items: AttentionItem<P, S>[] = []
  for (const { person, steps } of people) {
    for (const step of steps) {
      if (step.dueBy === undefined) continue
      if (step.state === "overdue" || (step.state === "due" && compareDates(step.dueBy, horizon) <= 0))
        items.push({ person, step, state: step.state, dueBy: step.dueBy })
    }
  }
  return items.sort(
    (a, b) =>
      (a.state === b.state ? 0 : a.state === "overdue" ? -1 : 1) ||
      compareDates(a.dueBy, b.dueBy) ||
      compareChinese(a.person.name, b.person.name),
  )
}
