import { applyOverlay, type PlainDate, Temporal } from "@xianfeng/core"
import {
  decodeStepRecord,
  demoDistrictOverlay,
  deriveDates,
  developmentPolicy,
  developmentRuleSets,
  editionResolver,
  type History,
} from "@xianfeng/development-rules"
import { Result } from "effect"
import { stageColumnsOf } from "../development.js"
import type { UserRole } from "../schema/index.js"
import { approverOf, type DemoHistory, demoHistory } from "./histories.js"
import { branchTable, type DemoMember, demoMembers } from "./members.js"
import { type DemoOrg, demoOrgs } from "./orgs.js"
import { hashSeed, mulberry32, uuidFrom, uuidOf } from "./prng.js"

/** The one password of every demo login. Demo data only: never load it into a real deployment. */
export const DEMO_PASSWORD = "xianfeng-demo"

export interface DemoUser {
  readonly id: string
  readonly username: string
  readonly displayName: string
  readonly role: UserRole
  readonly orgId: string
}

export interface DemoDistrictOptions {
  readonly seed: number | string
  /** Default 20,000 (a district); up to 1,000,000 for benchmarks. */
  readonly members?: number
  /** The day the district is 'as of' (ages, stage dates); fixed by default so output never drifts. */
  readonly asOf?: PlainDate
}

export interface DemoDistrict {
  readonly seed: number | string
  readonly memberCount: number
  readonly asOf: PlainDate
  /** Parents before children. */
  readonly orgs: readonly DemoOrg[]
  readonly users: readonly DemoUser[]
  /** A fresh pass over the members each call, generated lazily. */
  members(): Generator<DemoMember>
  /** The same members in arrays of `size`. */
  memberBatches(size: number): Generator<DemoMember[]>
}

/** The demo district's development policy: the national defaults with `demoDistrictOverlay`. */
export const demoDevelopmentPolicy = Result.getOrThrow(applyOverlay(developmentPolicy, demoDistrictOverlay))
const editionOn = editionResolver(developmentRuleSets)

/** The history as the rules library reads it (the stored JSON, decoded by the library's schemas). */
export const demoHistoryForRules = (m: DemoMember): History => ({
  person: { birthDate: m.birthDate, migrant: false, gender: m.sex },
  records: m.development.map((r) =>
    Result.getOrThrow(decodeStepRecord({ step: r.step, on: r.onDate.toString(), evidence: r.evidence })),
  ),
})

/**
 * The same history without running the schemas (the generator knows its own evidence: only the notice holds
 * dates), for speed at a million members; the tests decode every record with `demoHistoryForRules`.
 */
const fastHistory = (m: DemoMember): History => ({
  person: { birthDate: m.birthDate, migrant: false, gender: m.sex },
  records: m.development.map((r) => {
    const e = r.evidence as Record<string, unknown>
    const evidence =
      r.step === "public-notice"
        ? {
            ...e,
            start: Temporal.PlainDate.from(String(e.start)),
            end: Temporal.PlainDate.from(String(e.end)),
          }
        : e
    return { step: r.step, on: r.onDate, evidence } as unknown as History["records"][number]
  }),
})

/**
 * Gives a member who is on the road to membership a development history anchored on the drawn stage date,
 * then takes the stage dates from the history as the rules library derives them, so the two always agree.
 */
const withDevelopment = (
  seed: number | string,
  m: DemoMember,
  byId: ReadonlyMap<string, DemoOrg>,
  asOf: PlainDate,
): DemoMember => {
  if (m.stage === "full") return m
  const branch = byId.get(m.orgId)
  if (branch === undefined) return m
  const anchorOn =
    m.stage === "applicant"
      ? m.appliedOn
      : m.stage === "activist"
        ? m.activistOn
        : m.stage === "development-object"
          ? m.developmentObjectOn
          : m.admittedOn
  if (anchorOn === null) return m
  const rng = mulberry32(hashSeed(seed, "development", m.id))
  const h: DemoHistory = demoHistory(
    rng,
    m.stage,
    anchorOn,
    asOf,
    { branch, approver: approverOf(branch, byId), sex: m.sex },
    demoDevelopmentPolicy,
    m.birthDate.add({ years: 18, days: 1 }),
  )
  const withRecords = { ...m, development: h.records.map((r, k) => ({ ...r, id: uuidOf(`${m.id}/${k}`) })) }
  const derived = deriveDates(fastHistory(withRecords), editionOn, demoDevelopmentPolicy, asOf)
  const { stage, ...dates } = stageColumnsOf(derived)
  return {
    ...withRecords,
    stage: stage ?? m.stage,
    appliedOn: dates.appliedOn ?? null,
    activistOn: dates.activistOn ?? null,
    developmentObjectOn: dates.developmentObjectOn ?? null,
    admittedOn: dates.admittedOn ?? null,
    fullMemberOn: dates.fullMemberOn ?? null,
    developmentProblem: h.problem ?? null,
  }
}

export const DEMO_AS_OF: PlainDate = Temporal.PlainDate.from("2026-06-30")

/**
 * A fictitious district (示范区), deterministic from `seed`: the district committee `d1`, 12 working,
 * township and system committees, two grassroots committees, general branches, about 600 branches, a
 * party group, and `members` members with realistic mixes of stage, age, sex, occupation, education and
 * ethnicity, and valid but fictitious ID numbers (see DEMO_REGION_CODES).
 */
export const generateDemoDistrict = (options: DemoDistrictOptions): DemoDistrict => {
  const { seed } = options
  const memberCount = options.members ?? 20_000
  if (!Number.isInteger(memberCount) || memberCount < 0 || memberCount > 5_000_000) {
    throw new RangeError("members must be an integer from 0 to 5,000,000")
  }
  const asOf = options.asOf ?? DEMO_AS_OF
  const orgs = demoOrgs(seed)
  const table = branchTable(orgs)
  const firstBranch = (under: string) => {
    const b = table.branches.find((o) => o.path.startsWith(`d1.${under}.`) && !o.temporary)
    if (b === undefined) throw new Error(`no branch under ${under}`)
    return b
  }
  const rng = mulberry32(hashSeed(seed, "users"))
  const user = (username: string, displayName: string, role: UserRole, orgId: string): DemoUser => ({
    id: uuidFrom(rng),
    username,
    displayName,
    role,
    orgId,
  })
  const secretary1 = firstBranch("c01")
  const secretary2 = firstBranch("c05")
  const users = [
    user("admin", "区委组织部管理员", "district-admin", "d1"),
    user("officer", "青溪镇党委组织委员", "committee-officer", "c01"),
    user(
      "secretary1",
      `${secretary1.name.replace(/党支部$/, "")}党支部书记`,
      "branch-secretary",
      secretary1.id,
    ),
    user(
      "secretary2",
      `${secretary2.name.replace(/党支部$/, "")}党支部书记`,
      "branch-secretary",
      secretary2.id,
    ),
    user("auditor", "安全审计员", "auditor", "d1"),
  ]
  const byId = new Map(orgs.map((o) => [o.id, o]))
  const members = function* (): Generator<DemoMember> {
    for (const m of demoMembers(seed, table, memberCount, asOf)) yield withDevelopment(seed, m, byId, asOf)
  }
  return {
    seed,
    memberCount,
    asOf,
    orgs,
    users,
    members,
    memberBatches: function* (size: number) {
      let batch: DemoMember[] = []
      for (const m of members()) {
        batch.push(m)
        if (batch.length >= size) {
          yield batch
          batch = []
        }
      }
      if (batch.length > 0) yield batch
    },
  }
}
