import type { RuleSet } from "@xianfeng/core"
import { dayOf } from "./days.js"

/** The rule sets' start days, worked out once per list of sets. */
const startsOf = new WeakMap<readonly RuleSet<unknown>[], readonly number[]>()

/** The last list of sets asked about and its start days: evaluate asks about one list for every record. */
let lastSets: readonly RuleSet<unknown>[] | undefined
let lastStarts: readonly number[] = []

/**
 * core `ruleSetInForce` on epoch days: the set with the latest `effectiveFrom` not after `on` (the first of
 * equal ones), or undefined before the first.
 */
export const ruleSetInForceOn = <R>(sets: readonly RuleSet<R>[], on: number): RuleSet<R> | undefined => {
  let starts = sets === lastSets ? lastStarts : startsOf.get(sets)
  if (starts === undefined || starts.length !== sets.length) {
    starts = sets.map((s) => dayOf(s.effectiveFrom))
    startsOf.set(sets, starts)
  }
  lastSets = sets
  lastStarts = starts
  let best = -1
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i] as number
    if (from <= on && (best < 0 || from > (starts[best] as number))) best = i
  }
  return best < 0 ? undefined : sets[best]
}
