import { Result } from "effect"
import type { Citation, LocalizedText } from "./citation.js"
import { compareDates, isOnOrBefore, type PlainDate } from "./date.js"
import { type FieldError, fieldError } from "./errors.js"
import type { Verdict } from "./verdict.js"

/**
 * A rule is data with behaviour: an id (`DEV-AGE-MIN`), what it is called, the articles it rests on and a
 * function from the situation (`In`) and the district's policy (`P`) to verdicts.
 */
export interface Rule<In, P> {
  readonly id: string
  readonly title: LocalizedText
  readonly citations: readonly Citation[]
  readonly check: (input: In, policy: P) => readonly Verdict[]
}

/** A versioned list of rules in force from `effectiveFrom` (an edition of a regulation, or a district overlay). */
export interface RuleSet<R> {
  readonly id: string
  /** Semantic version of this rule set's encoding, e.g. `2026.1.0`. */
  readonly version: string
  /** The edition of the regulation it encodes, e.g. `2026`. */
  readonly edition: string
  readonly effectiveFrom: PlainDate
  readonly rules: readonly R[]
}

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/

export const isSemver = (v: string): boolean => SEMVER.test(v)

/** Builds a rule set, refusing a bad version or two rules with one id. */
export const makeRuleSet = <R extends { readonly id: string }>(
  spec: RuleSet<R>,
): Result.Result<RuleSet<R>, FieldError> => {
  if (!isSemver(spec.version)) {
    return Result.fail(
      fieldError(
        "version",
        "semver",
        `version "${spec.version}" is not semantic (1.2.3)`,
        `版本号"${spec.version}"不符合语义化版本格式`,
      ),
    )
  }
  const seen = new Set<string>()
  for (const r of spec.rules) {
    if (seen.has(r.id)) {
      return Result.fail(
        fieldError("rules", "duplicate-id", `rule id ${r.id} appears twice`, `规则编号${r.id}重复`),
      )
    }
    seen.add(r.id)
  }
  return Result.succeed(spec)
}

/**
 * The rule set in force on `on`: the one with the latest `effectiveFrom` not after it, or undefined before
 * the first. A step is judged by the edition in force on the step's own date.
 */
export const ruleSetInForce = <R>(sets: readonly RuleSet<R>[], on: PlainDate): RuleSet<R> | undefined => {
  let best: RuleSet<R> | undefined
  for (const s of sets) {
    if (
      isOnOrBefore(s.effectiveFrom, on) &&
      (best === undefined || compareDates(s.effectiveFrom, best.effectiveFrom) > 0)
    ) {
      best = s
    }
  }
  return best
}
