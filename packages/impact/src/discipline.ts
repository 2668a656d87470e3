import { date } from "@xianfeng/core"
import type * as InspectionScheduling from "@xianfeng/inspection-scheduling"
import type { ImpactAdapter, ImpactPerson, KeyedVerdict } from "./adapter.js"
import { overlaidPolicy, refuseEdition } from "./versions.js"

type Lib = typeof InspectionScheduling

/**
 * A person's discipline part as a dataset holds it (ISO dates): what the standing alerts read. For each of
 * `orgLife` (the last sitting attended), `dues` (the last month paid) and `work` (the last assigned work
 * done), a date, `null` for none on record, or the key left out when the dataset does not hold that evidence
 * (the alert then says it cannot judge, as the API does while dues are not connected).
 */
export interface DisciplinePart {
  /** From when the branch is answerable for the member. */
  readonly since: string
  readonly orgLife?: string | null
  readonly dues?: string | null
  readonly work?: string | null
  readonly goodReason?: string
  readonly lostContactSince?: string
  readonly awaySince?: string
  readonly relationTransferred?: boolean
}

export interface DisciplineCase {
  readonly part: DisciplinePart
  readonly asOf: string
}

export interface DisciplineVersion {
  readonly lib: Lib
  readonly policy: InspectionScheduling.DisciplinePolicy
}

const isPart = (x: unknown): x is DisciplinePart =>
  typeof x === "object" && x !== null && typeof (x as { since?: unknown }).since === "string"

/** The part of a verdict's code that says what it concerns (`STANDING-SELF-LAPSE.dues-unknown` → `self-lapse`). */
const slotOf = (code: string): string => {
  const rule = code.split(".")[0] ?? code
  return rule.replace(/^STANDING-?/u, "").toLowerCase() || "standing"
}

/**
 * 组织生活与督查 (`@xianfeng/inspection-scheduling`): a person's case is what the standing alerts read (self-lapse
 * PC 9 / EM 31, lost contact EM 24, away EM 25); a version is a district overlay on the area's policy (the
 * package has one edition, so `edition` is refused); a verdict is keyed by the alert it belongs to.
 */
export const disciplineImpact: ImpactAdapter<DisciplineVersion, DisciplineCase> = {
  area: "discipline",
  packageName: "@xianfeng/inspection-scheduling",
  packageDir: "inspection-scheduling",
  load: () => import("@xianfeng/inspection-scheduling"),
  version: (module, spec) => {
    const lib = module as Lib
    const refused = refuseEdition(spec, { en: "the discipline rules", zh: "组织生活规则" })
    if (refused !== undefined) return refused
    const policy = overlaidPolicy(lib.disciplinePolicy, spec)
    if (!policy.ok) return policy
    return { ok: true, value: { lib, policy: policy.value as InspectionScheduling.DisciplinePolicy } }
  },
  caseOf: (person: ImpactPerson, asOf: string) => {
    const part = person.discipline
    return isPart(part) ? { part, asOf: person.asOf ?? asOf } : undefined
  },
  evaluate: (c, v) => {
    const p = c.part
    const evidence = (x: string | null | undefined) =>
      x === undefined ? v.lib.unknownEvidence : v.lib.lastOn(x === null ? undefined : date(x))
    const verdicts = v.lib.standingAlerts(
      {
        asOf: date(c.asOf),
        since: date(p.since),
        orgLife: evidence(p.orgLife),
        dues: evidence(p.dues),
        work: evidence(p.work),
        ...(p.goodReason === undefined ? {} : { goodReason: p.goodReason }),
        ...(p.lostContactSince === undefined ? {} : { lostContactSince: date(p.lostContactSince) }),
        ...(p.awaySince === undefined ? {} : { awaySince: date(p.awaySince) }),
        ...(p.relationTransferred === undefined ? {} : { relationTransferred: p.relationTransferred }),
      },
      v.policy,
    )
    return verdicts.map((verdict): KeyedVerdict => ({ slot: slotOf(verdict.code), verdict }))
  },
}
