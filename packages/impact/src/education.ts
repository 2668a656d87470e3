import { date } from "@xianfeng/core"
import type * as EducationTraining from "@xianfeng/education-training"
import type { ImpactAdapter, ImpactPerson, KeyedVerdict } from "./adapter.js"
import { overlaidPolicy, refuseEdition } from "./versions.js"

type Lib = typeof EducationTraining

/**
 * A person's education part as a dataset holds it (ISO dates): the year judged, every study entry of that year
 * and the year before (class sessions attended, study meetings, online learning: the rules package's
 * `StudyEntry` without the member), the posts held with the day taken, 入党/转正 dates and an EM 23 exemption.
 * Entries are credited by the version's own `creditStudy` (so a change of `countedSources` or of the minutes in a
 * class hour shows too); a meeting's tenths are as the dataset gives them.
 */
export interface EducationPart {
  readonly year: number
  readonly entries: readonly {
    readonly source: EducationTraining.StudySource
    readonly ref: string
    readonly on: string
    readonly start?: number
    readonly end?: number
    readonly tenths: number
    readonly centralized: boolean
  }[]
  readonly posts?: readonly { readonly post: EducationTraining.CadrePost; readonly since: string }[]
  readonly admittedOn?: string
  readonly fullMemberOn?: string
  readonly exemption?: { readonly reason: EducationTraining.ExemptionReason; readonly studyBrought: string }
}

export interface EducationCase {
  readonly id: string
  readonly part: EducationPart
  readonly asOf: string
}

export interface EducationVersion {
  readonly lib: Lib
  readonly policy: EducationTraining.EducationPolicy
}

const isPart = (x: unknown): x is EducationPart =>
  typeof x === "object" &&
  x !== null &&
  typeof (x as { year?: unknown }).year === "number" &&
  Array.isArray((x as { entries?: unknown }).entries)

/** The rule a verdict belongs to, as its slot (`STUDY-CADRE-HOURS.centralized` → `cadre-hours`). */
const slotOf = (code: string): string => (code.split(".")[0] ?? code).replace(/^STUDY-/u, "").toLowerCase()

/**
 * 教育培训 (`@xianfeng/education-training`): a person's case is a year of study (EM 20–23, PL19): entries credited
 * once, then every minimum judged; a version is a district overlay on the education policy (e.g.
 * `{"memberMinHours": 40}`; the package has one edition, so `edition` is refused); a verdict is keyed by its rule.
 */
export const educationImpact: ImpactAdapter<EducationVersion, EducationCase> = {
  area: "education",
  packageName: "@xianfeng/education-training",
  packageDir: "education-training",
  load: () => import("@xianfeng/education-training"),
  version: (module, spec) => {
    const lib = module as Lib
    const refused = refuseEdition(spec, { en: "the education rules", zh: "教育培训规则" })
    if (refused !== undefined) return refused
    const policy = overlaidPolicy(lib.educationPolicy, spec)
    if (!policy.ok) return policy
    return { ok: true, value: { lib, policy: policy.value as EducationTraining.EducationPolicy } }
  },
  caseOf: (person: ImpactPerson, asOf: string) => {
    const part = person.education
    return isPart(part) ? { id: person.id, part, asOf: person.asOf ?? asOf } : undefined
  },
  evaluate: (c, v) => {
    const p = c.part
    const credited = v.lib.creditStudy(
      p.entries.map((e) => ({
        memberId: c.id,
        source: e.source,
        ref: e.ref,
        on: date(e.on),
        ...(e.start === undefined || e.end === undefined ? {} : { start: e.start, end: e.end }),
        tenths: e.tenths,
        centralized: e.centralized,
      })),
      v.policy,
    )
    const tenths = credited.filter((e) => e.on.year === p.year).reduce((n, e) => n + e.credited, 0)
    const verdicts = v.lib.judgeStudyYear(
      {
        memberId: c.id,
        year: p.year,
        tenths,
        centralizedDates: credited.filter((e) => e.centralized && e.credited > 0).map((e) => e.on),
        posts: (p.posts ?? []).map((x) => ({ post: x.post, since: date(x.since) })),
        admittedOn: p.admittedOn === undefined ? undefined : date(p.admittedOn),
        fullMemberOn: p.fullMemberOn === undefined ? undefined : date(p.fullMemberOn),
        exemption: p.exemption,
        asOf: date(c.asOf),
      },
      v.policy,
    )
    // The minimum a verdict quotes (`min`, and `short`, the distance to it) is the policy itself, not the person's
    // standing: left out, so a raised minimum reports those whose verdict changes (met → below, or back), not
    // everyone whose message would quote the new figure.
    return verdicts.map(
      (verdict): KeyedVerdict => ({
        slot: slotOf(verdict.code),
        verdict: {
          ...verdict,
          params: Object.fromEntries(
            Object.entries(verdict.params).filter(([k]) => k !== "min" && k !== "short"),
          ),
        },
      }),
    )
  },
}
