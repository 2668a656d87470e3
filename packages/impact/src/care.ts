import type * as CareLedger from "@xianfeng/care-ledger"
import { date } from "@xianfeng/core"
import type { ImpactAdapter, ImpactPerson, KeyedVerdict } from "./adapter.js"
import { overlaidPolicy, refuseEdition } from "./versions.js"

type Lib = typeof CareLedger

/**
 * A person's care part as a dataset holds it (ISO dates): what the ledger's automatic categories and the dues
 * amount read. `dues` is left out when the dataset holds no dues basis.
 */
export interface CarePart {
  readonly birthDate: string
  readonly admittedOn?: string
  readonly fullMemberOn?: string
  readonly dues?: { readonly category: CareLedger.DuesCategory; readonly baseFen: number }
}

export interface CareCase {
  readonly part: CarePart
  readonly asOf: string
}

export interface CareVersion {
  readonly lib: Lib
  readonly policy: CareLedger.CarePolicy
}

const isPart = (x: unknown): x is CarePart =>
  typeof x === "object" && x !== null && typeof (x as { birthDate?: unknown }).birthDate === "string"

/**
 * 党内关怀 (`@xianfeng/care-ledger`): a person's case is their dates and dues basis; a version is a district
 * overlay on the care policy (one edition, so `edition` is refused); the verdicts are the ledger categories the
 * records alone give (slot `category`: the old-member thresholds) and the monthly dues (slot `dues`: the fixed
 * amounts, the rounding).
 */
export const careImpact: ImpactAdapter<CareVersion, CareCase> = {
  area: "care",
  packageName: "@xianfeng/care-ledger",
  packageDir: "care-ledger",
  load: () => import("@xianfeng/care-ledger"),
  version: (module, spec) => {
    const lib = module as Lib
    const refused = refuseEdition(spec, { en: "the care rules", zh: "党内关怀规则" })
    if (refused !== undefined) return refused
    const policy = overlaidPolicy(lib.carePolicy, spec)
    if (!policy.ok) return policy
    return { ok: true, value: { lib, policy: policy.value as CareLedger.CarePolicy } }
  },
  caseOf: (person: ImpactPerson, asOf: string) => {
    const part = person.care
    return isPart(part) ? { part, asOf: person.asOf ?? asOf } : undefined
  },
  evaluate: (c, v) => {
    const p = c.part
    const categories = v.lib
      .categoryVerdicts(
        {
          birthDate: date(p.birthDate),
          ...(p.admittedOn === undefined ? {} : { admittedOn: date(p.admittedOn) }),
          ...(p.fullMemberOn === undefined ? {} : { fullMemberOn: date(p.fullMemberOn) }),
        },
        date(c.asOf),
        v.policy,
      )
      .map((verdict): KeyedVerdict => ({ slot: verdict.code.split(".")[1] ?? "category", verdict }))
    return p.dues === undefined
      ? categories
      : [
          ...categories,
          { slot: "dues", verdict: v.lib.duesVerdict(p.dues.category, p.dues.baseFen, v.policy) },
        ]
  },
}
