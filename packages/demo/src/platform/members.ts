import { makeIdNumber, type PlainDate } from "@xianfeng/core"
import { hashSeed, int, mulberry32, type Rng, weighted } from "@xianfeng/core/testing"
import type { MemberStage, MemberStatus, OccupationGroup, Sex } from "@xianfeng/db"
import { Temporal } from "temporal-polyfill"
import { uuidFrom } from "../ids.js"
import { demoName } from "../names.js"
import type { BranchProfile, DemoOrg } from "./orgs.js"

/** A member as the platform generates it: the columns of `members`, before any area adds its part. */
export interface PlatformMember {
  readonly id: string
  readonly orgId: string
  readonly name: string
  readonly sex: Sex
  readonly birthDate: PlainDate
  readonly ethnicity: string
  readonly education: string
  readonly occupationGroup: OccupationGroup
  readonly stage: MemberStage
  readonly idNumber: string
  readonly phone: string | null
  readonly appliedOn: PlainDate | null
  readonly activistOn: PlainDate | null
  readonly developmentObjectOn: PlainDate | null
  readonly admittedOn: PlainDate | null
  readonly fullMemberOn: PlainDate | null
  readonly status: MemberStatus
}

/**
 * Region codes of the demo ID numbers: a real province and prefecture with county `99`, which GB/T
 * 2260 leaves unused, so no demo number can belong to a real person's birthplace. Most members were
 * born in the (Zhejiang-like) home province.
 */
export const DEMO_REGION_CODES = ["330199", "110199", "320199", "340199", "510199"] as const
const REGION_TABLE = [
  ["330199", 88],
  ["110199", 3],
  ["320199", 3],
  ["340199", 3],
  ["510199", 3],
] as const

const STAGES = [
  ["full", 90.5],
  ["probationary", 3.5],
  ["development-object", 1.5],
  ["activist", 2.5],
  ["applicant", 2],
] as const satisfies readonly (readonly [MemberStage, number])[]

type Table<K extends string> = readonly (readonly [K, number])[]

const OCCUPATION: Readonly<Record<BranchProfile, Table<OccupationGroup>>> = {
  village: [
    ["farmer", 78],
    ["worker", 10],
    ["other", 12],
  ],
  community: [
    ["other", 35],
    ["retired", 35],
    ["worker", 10],
    ["professional", 10],
    ["manager", 10],
  ],
  "state-organ": [
    ["civil-servant", 85],
    ["professional", 10],
    ["worker", 5],
  ],
  school: [
    ["professional", 85],
    ["manager", 10],
    ["worker", 3],
    ["student", 2],
  ],
  hospital: [
    ["professional", 85],
    ["manager", 10],
    ["worker", 5],
  ],
  soe: [
    ["manager", 35],
    ["professional", 35],
    ["worker", 30],
  ],
  "non-public": [
    ["manager", 35],
    ["professional", 40],
    ["worker", 25],
  ],
  "social-org": [
    ["professional", 40],
    ["manager", 30],
    ["other", 30],
  ],
  industrial: [
    ["worker", 75],
    ["professional", 15],
    ["manager", 10],
  ],
  retiree: [["retired", 100]],
}

const EDUCATION: Readonly<Record<BranchProfile, Table<string>>> = {
  village: [
    ["71", 35],
    ["61", 20],
    ["81", 15],
    ["41", 10],
    ["22", 12],
    ["21", 8],
  ],
  community: [
    ["61", 25],
    ["22", 20],
    ["21", 20],
    ["71", 20],
    ["41", 15],
  ],
  "state-organ": [
    ["21", 60],
    ["12", 25],
    ["22", 10],
    ["11", 2],
    ["2B", 3],
  ],
  school: [
    ["21", 60],
    ["12", 30],
    ["22", 8],
    ["11", 2],
  ],
  hospital: [
    ["21", 50],
    ["12", 30],
    ["11", 8],
    ["22", 12],
  ],
  soe: [
    ["21", 45],
    ["22", 25],
    ["12", 10],
    ["61", 10],
    ["41", 10],
  ],
  "non-public": [
    ["21", 35],
    ["22", 30],
    ["12", 8],
    ["61", 12],
    ["41", 15],
  ],
  "social-org": [
    ["21", 45],
    ["22", 25],
    ["12", 20],
    ["61", 10],
  ],
  industrial: [
    ["61", 25],
    ["41", 20],
    ["47", 15],
    ["22", 20],
    ["21", 10],
    ["71", 10],
  ],
  retiree: [
    ["71", 25],
    ["61", 25],
    ["81", 15],
    ["41", 10],
    ["22", 10],
    ["21", 15],
  ],
}

const WOMEN: Readonly<Record<BranchProfile, number>> = {
  village: 0.15,
  community: 0.45,
  "state-organ": 0.35,
  school: 0.6,
  hospital: 0.6,
  soe: 0.28,
  "non-public": 0.3,
  "social-org": 0.45,
  industrial: 0.18,
  retiree: 0.22,
}

// GB/T 3304 codes: mostly 汉族; 畲族 is the home province's largest minority.
const ETHNICITY: Table<string> = [
  ["01", 960],
  ["22", 8],
  ["03", 8],
  ["11", 6],
  ["08", 5],
  ["15", 4],
  ["06", 4],
  ["02", 2],
  ["10", 1.5],
  ["04", 1.5],
]

const WORKING: ReadonlySet<BranchProfile> = new Set([
  "state-organ",
  "school",
  "hospital",
  "soe",
  "non-public",
  "social-org",
  "industrial",
])

// Dates are counted in days since 1970-01-01 while generating, and made PlainDates once at the end.
const DAY0 = Temporal.PlainDate.from("1970-01-01")
const toDays = (d: PlainDate) => DAY0.until(d).days
/** Civil date of an epoch day (H. Hinnant's days_from_civil inverse), without Temporal arithmetic. */
const fromDays = (z0: number): PlainDate => {
  const z = z0 + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return new Temporal.PlainDate(yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
}
const YEAR = 365.2425
/** The day someone born on `birth` turns `years` (a day late at worst, which only errs on the safe side). */
const birthday = (birth: number, years: number) => birth + Math.ceil(years * YEAR)

/** Which member falls in which branch: a cumulative table for a binary search. */
export interface BranchTable {
  readonly branches: readonly DemoOrg[]
  readonly cumulative: Float64Array
}

export const branchTable = (orgs: readonly DemoOrg[]): BranchTable => {
  const branches = orgs.filter((o) => o.kind === "branch")
  const cumulative = new Float64Array(branches.length)
  let sum = 0
  branches.forEach((b, i) => {
    sum += b.weight
    cumulative[i] = sum
  })
  return { branches, cumulative }
}

const pickBranch = (rng: Rng, t: BranchTable): DemoOrg => {
  const x = rng() * (t.cumulative[t.cumulative.length - 1] ?? 0)
  let lo = 0
  let hi = t.cumulative.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((t.cumulative[mid] ?? 0) > x) hi = mid
    else lo = mid + 1
  }
  const b = t.branches[lo]
  if (b === undefined) throw new Error("the demo district has no branches")
  return b
}

const mean = (rng: Rng, n: number) => {
  let s = 0
  for (let i = 0; i < n; i++) s += rng()
  return s / n
}

/** Age in years on `asOf`, by stage and branch profile. */
const ageFor = (rng: Rng, stage: MemberStage, profile: BranchProfile): number => {
  if (stage !== "full") {
    // The chain of dates before admission needs up to 3.6 years after the 18th birthday.
    const min = { applicant: 19, activist: 20, "development-object": 21, probationary: 22 }[stage]
    return min + (42 - min) * mean(rng, 2)
  }
  if (profile === "retiree") return 60 + 35 * rng() ** 1.4
  if (WORKING.has(profile)) return 23 + 37 * mean(rng, 2)
  return 23 + 70 * mean(rng, 3)
}

/** Tracks issued ID numbers: one bit per (region, birth day, sequence). Bounded, whatever the count. */
class IdRegistry {
  readonly #bits = new Map<string, Uint8Array>()
  /** Birth days from 1920-01-01 to 2029: 5 MB per region. */
  static readonly DAYS = 40_000
  static readonly FROM = toDays(Temporal.PlainDate.from("1920-01-01"))

  /** The first free sequence of the right parity from `start` on; odd for men (GB 11643). */
  claim(region: string, birth: number, start: number, sex: Sex): number {
    let bits = this.#bits.get(region)
    if (bits === undefined) {
      bits = new Uint8Array((IdRegistry.DAYS * 1000) / 8)
      this.#bits.set(region, bits)
    }
    const day = birth - IdRegistry.FROM
    if (day < 0 || day >= IdRegistry.DAYS) throw new RangeError("demo birth date out of range")
    const base = day * 1000
    const parity = sex === "male" ? 1 : 0
    for (let k = 0; k < 500; k++) {
      const seq = ((((start >> 1) + k) % 500) << 1) | parity
      const bit = base + seq
      const byte = bits[bit >> 3] ?? 0
      if ((byte & (1 << (bit & 7))) === 0) {
        bits[bit >> 3] = byte | (1 << (bit & 7))
        return seq
      }
    }
    throw new RangeError("more than 500 demo members share a birthday, region and sex")
  }
}

const phoneFor = (rng: Rng): string | null =>
  rng() < 0.12 ? null : `1380013${String(int(rng, 0, 9999)).padStart(4, "0")}` // the well-known sample number

/**
 * The district's members, one at a time, `count` of them, the same for the same seed. Each member draws
 * from its own stream, so nothing but the ID registry grows while iterating.
 */
export function* demoMembers(
  seed: number | string,
  table: BranchTable,
  count: number,
  asOf: PlainDate,
): Generator<PlatformMember> {
  const today = toDays(asOf)
  const base = hashSeed(seed, "members")
  const ids = new IdRegistry()
  for (let i = 0; i < count; i++) {
    const rng = mulberry32(hashSeed(base, i))
    const branch = pickBranch(rng, table)
    const profile = branch.profile ?? "community"
    const stage = weighted(rng, STAGES)
    const women = WOMEN[profile] + (stage === "full" ? 0 : 0.12)
    const sex: Sex = rng() < women ? "female" : "male"
    const age = ageFor(rng, stage, profile)
    const birth = today - Math.floor(age * YEAR) - int(rng, 0, 364)
    const adult = birthday(birth, 18)
    let occupation = weighted(rng, OCCUPATION[profile])
    if (age >= 62 && profile !== "village" && occupation !== "retired") occupation = "retired"

    // Dates along the road to membership, walked back from the latest one (all after the 18th birthday).
    let admitted: number | null = null
    let full: number | null = null
    let developmentObject: number | null = null
    let activist: number | null = null
    let applied: number
    if (stage === "applicant") applied = today - int(rng, 10, 300)
    else {
      if (stage === "full") {
        const earliest = adult + 1300
        const latest = today - 366 - int(rng, 0, 60)
        admitted = earliest + Math.floor(rng() * Math.max(0, latest - earliest))
        full = toDays(fromDays(admitted).add({ years: 1 }))
      } else if (stage === "probationary") admitted = today - int(rng, 10, 360)
      developmentObject = admitted === null ? today - int(rng, 10, 300) : admitted - int(rng, 90, 300)
      if (stage === "activist") developmentObject = null
      activist =
        developmentObject === null ? today - int(rng, 30, 600) : developmentObject - int(rng, 366, 700)
      applied = activist - int(rng, 30, 300)
    }
    if (applied < adult) applied = adult
    const status: MemberStatus =
      stage !== "full"
        ? "normal"
        : weighted(rng, [
            ["normal", 996],
            ["lost-contact", 3],
            ["suspended", 1],
          ])

    const region = weighted(rng, REGION_TABLE)
    const seq = ids.claim(region, birth, int(rng, 0, 999), sex)
    const birthDate = fromDays(birth)
    const d = (x: number | null) => (x === null ? null : fromDays(x))
    yield {
      id: uuidFrom(rng, i),
      orgId: branch.id,
      name: demoName(rng, sex),
      sex,
      birthDate,
      ethnicity: weighted(rng, ETHNICITY),
      education: weighted(rng, EDUCATION[profile]),
      occupationGroup: occupation,
      stage,
      idNumber: makeIdNumber(region, birthDate, seq),
      phone: phoneFor(rng),
      appliedOn: d(applied),
      activistOn: d(activist),
      developmentObjectOn: d(developmentObject),
      admittedOn: d(admitted),
      fullMemberOn: d(full),
      status,
    }
  }
}
