import { date, type PlainDate, type RuleSet } from "@xianfeng/core"
import type * as DevelopmentRules from "@xianfeng/development-rules"
import type { ImpactAdapter, ImpactPerson, KeyedVerdict } from "./adapter.js"
import { overlaidPolicy } from "./versions.js"

type Lib = typeof DevelopmentRules

/**
 * A person's development part as a dataset holds it: what the member record says of them and their records
 * (`on` an ISO date, `evidence` as stored) — the shape `GET /development/.../history` and the demo give.
 */
export interface DevelopmentPart {
  readonly birthDate: string
  readonly sex?: "male" | "female"
  readonly migrant?: boolean
  readonly records: readonly { readonly step: string; readonly on: string; readonly evidence: unknown }[]
}

export interface DevelopmentCase {
  readonly part: DevelopmentPart
  readonly asOf: PlainDate
}

export interface DevelopmentVersion {
  readonly lib: Lib
  readonly sets: readonly RuleSet<DevelopmentRules.DevelopmentRule>[]
  readonly policy: DevelopmentRules.DevelopmentPolicy
}

/** Histories decoded once per case and package module (two builds may read records differently). */
const decoded = new WeakMap<DevelopmentCase, Map<Lib, DevelopmentRules.History>>()

const historyOf = (c: DevelopmentCase, lib: Lib): DevelopmentRules.History => {
  let byLib = decoded.get(c)
  if (byLib === undefined) {
    byLib = new Map()
    decoded.set(c, byLib)
  }
  let h = byLib.get(lib)
  if (h === undefined) {
    const p = c.part
    h = {
      person: {
        birthDate: date(p.birthDate),
        migrant: p.migrant ?? false,
        ...(p.sex === undefined ? {} : { gender: p.sex }),
      },
      // A record the version cannot read is left out, as `historyOf` in the package does for stored rows.
      records: p.records.flatMap((r) => {
        const s = lib.storedStepRecord(r)
        return s === undefined ? [] : [s]
      }),
    }
    byLib.set(lib, h)
  }
  return h
}

const isPart = (x: unknown): x is DevelopmentPart =>
  typeof x === "object" &&
  x !== null &&
  typeof (x as { birthDate?: unknown }).birthDate === "string" &&
  Array.isArray((x as { records?: unknown }).records)

/**
 * Development (发展党员): a person's case is their history; a version is a set of editions and a policy; a
 * verdict is keyed by the step it was given on (`evaluate`'s step statuses).
 */
export const developmentImpact: ImpactAdapter<DevelopmentVersion, DevelopmentCase> = {
  area: "development",
  packageName: "@xianfeng/development-rules",
  packageDir: "development-rules",
  load: () => import("@xianfeng/development-rules"),
  version: (module, spec) => {
    const lib = module as Lib
    let sets = lib.developmentRuleSets
    if (spec.edition !== undefined) {
      const set = sets.find((s) => s.edition === spec.edition)
      const first = sets[0]
      if (set === undefined || first === undefined)
        return {
          ok: false,
          problem: {
            field: "edition",
            message: `no edition ${spec.edition} (known: ${sets.map((s) => s.edition).join(", ")})`,
            messageZh: `没有${spec.edition}版（现有：${sets.map((s) => s.edition).join("、")}）`,
          },
        }
      sets = [{ ...set, effectiveFrom: first.effectiveFrom }]
    }
    const policy = overlaidPolicy(lib.developmentPolicy, spec)
    if (!policy.ok) return policy
    return { ok: true, value: { lib, sets, policy: policy.value as DevelopmentRules.DevelopmentPolicy } }
  },
  caseOf: (person: ImpactPerson, asOf: string) => {
    const part = person.development
    return isPart(part) && part.records.length > 0 ? { part, asOf: date(asOf) } : undefined
  },
  evaluate: (c, v) => {
    const e = v.lib.evaluate(historyOf(c, v.lib), c.asOf, v.sets, v.policy)
    const out: KeyedVerdict[] = []
    for (const s of e.steps) for (const verdict of s.verdicts) out.push({ slot: s.step, verdict })
    return out
  },
}
