import type { Verdict } from "@xianfeng/core"

/**
 * A dataset to judge: the district's people as of one day, each with one part per area (`development`: the
 * person's birth date and development records, as a district exports them). JSON all the way down, so a
 * district's own export and the generated demo district read the same.
 */
export interface ImpactDataset {
  /** ISO date the verdicts are judged on (a person may carry their own `asOf`). */
  readonly asOf: string
  readonly people: readonly ImpactPerson[]
}

export interface ImpactPerson {
  readonly id: string
  /** Full name; reports only ever show it masked (`张*`). */
  readonly name: string
  /** 18-character ID number; reports only ever show it masked. */
  readonly idNumber?: string
  /** The organization (branch) the person belongs to. */
  readonly org?: string
  readonly asOf?: string
  /** Each area's part, keyed by the adapter's `area`. */
  readonly [area: string]: unknown
}

/**
 * One version of an area's rules to judge by: which edition(s), which district overlay. The code that judges
 * is the package module the version is loaded from (the working tree's, or one built at a git revision).
 */
export interface VersionSpec {
  readonly label: string
  /**
   * Judge every record by this one edition (its rule set in force from the first set's date), as if it had
   * always applied; default: each record by the edition in force on its own date, as the package does.
   */
  readonly edition?: string
  /** A district overlay on the national policy (untrusted JSON: unknown keys and bad values are refused). */
  readonly overlay?: unknown
}

/** A verdict and where in the case it was given (development: the step); the pair is the verdict's key. */
export interface KeyedVerdict {
  readonly slot: string
  readonly verdict: Verdict
}

/** Why a version could not be set up (an unknown edition, an overlay the policy refuses). */
export interface ImpactProblem {
  readonly field: string
  readonly message: string
  readonly messageZh: string
}

/**
 * What a rules package implements so its rule changes can be reported: how to set up a version from the
 * package's module, which people of a dataset it judges, and how to judge one. A new area registers one of
 * these in `impactAdapters`; nothing else changes.
 */
export interface ImpactAdapter<Version = unknown, Case = unknown> {
  /** The dataset part it reads and the id the CLI and API use (`development`). */
  readonly area: string
  /** The package whose module `version` is given (built at a revision for "published against working tree"). */
  readonly packageName: string
  /** The package's workspace folder under `packages/`. */
  readonly packageDir: string
  /** The package module as imported from the working tree. */
  readonly load: () => Promise<unknown>
  readonly version: (lib: unknown, spec: VersionSpec) => { ok: true; value: Version } | ImpactFailure
  /** The person's case for this area, or undefined when the area has nothing of theirs. */
  readonly caseOf: (person: ImpactPerson, asOf: string) => Case | undefined
  /** Every verdict the version gives the case, keyed. */
  readonly evaluate: (c: Case, version: Version) => readonly KeyedVerdict[]
}

export interface ImpactFailure {
  readonly ok: false
  readonly problem: ImpactProblem
}
