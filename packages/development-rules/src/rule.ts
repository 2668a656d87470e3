import type { Citation, LocalizedText, PlainDate, Rule, Verdict, WorkingCalendar } from "@xianfeng/core"
import type { Edition } from "./citations.js"
import type { DerivedDates, EditionOn } from "./derived.js"
import type { History, StepRecord } from "./history.js"
import type { DevelopmentPolicy } from "./policy.js"
import type { DistrictStepId, StepId } from "./steps.js"

/**
 * What a development rule looks at. Two modes:
 * - a record (`record` set): judging a step that is recorded or proposed on `on`;
 *   `history` holds only what was on file by then;
 * - pending (`record` undefined): the step is not done yet; is it allowed, due or overdue on `asOf`?
 */
export interface RuleContext {
  readonly history: History
  readonly step: StepId | DistrictStepId
  readonly record: StepRecord | undefined
  readonly on: PlainDate
  readonly asOf: PlainDate
  /** The edition in force on `on` (the step's own date). */
  readonly edition: Edition
  readonly editionOn: EditionOn
  readonly calendar: WorkingCalendar
  /**
   * The derived dates as of `on`. Read its fields; when judging a record they are worked out on first read
   * (getters, not own properties), so spreading or listing the object's keys does not give them.
   */
  readonly derived: DerivedDates
}

/** A development rule: a core `Rule` plus the steps it judges and every verdict code it can emit. */
export interface DevelopmentRule extends Rule<RuleContext, DevelopmentPolicy> {
  /** Steps the rule judges; "all" for rules about every step (order, district steps). */
  readonly steps: readonly StepId[] | "all"
  readonly codes: readonly string[]
  readonly description: LocalizedText
  /**
   * True when the rule judges only a step's own record (`ctx.record` set) and gives a pending step no verdict
   * (its `check` returns an empty list whenever `ctx.record` is undefined). `evaluate` then does not ask it
   * about pending steps; `test/records-only.test.ts` checks the claim.
   */
  readonly recordsOnly?: boolean
}

export const defineRule = (spec: {
  id: string
  title: LocalizedText
  description: LocalizedText
  citations: readonly Citation[]
  steps: readonly StepId[] | "all"
  codes: readonly string[]
  recordsOnly?: boolean
  check: (ctx: RuleContext, policy: DevelopmentPolicy) => readonly Verdict[]
}): DevelopmentRule => ({ ...spec, codes: spec.codes.map((c) => `${spec.id}.${c}`) })
