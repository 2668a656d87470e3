import { ageOn, checkPlacement, date, parseIdNumber } from "@xianfeng/core"
import { mulberry32 } from "@xianfeng/core/testing"
import { educationCodes, ethnicityCodes, occupationGroups } from "@xianfeng/db"
import { Result } from "effect"
import { Temporal } from "temporal-polyfill"
import { describe, expect, it } from "vitest"
import { uuidFrom, uuidOf } from "../src/ids.js"
import { DEMO_REGION_CODES, type DemoMember, generateDemoDistrict } from "../src/index.js"

const DEMO_AS_OF = date("2026-06-30")

const take = (it: Iterable<DemoMember>, n: number) => {
  const out: DemoMember[] = []
  for (const m of it) {
    out.push(m)
    if (out.length >= n) break
  }
  return out
}

describe("demo district", () => {
  const district = generateDemoDistrict({ seed: 42, asOf: DEMO_AS_OF })
  const all = [...district.members()]
  const share = (pred: (m: DemoMember) => boolean) => all.filter(pred).length / all.length

  it("comes out the same for the same seed and differently for another", () => {
    const again = generateDemoDistrict({ seed: 42, asOf: DEMO_AS_OF })
    expect(JSON.stringify(again.orgs)).toBe(JSON.stringify(district.orgs))
    expect(again.users).toEqual(district.users)
    expect(JSON.stringify(take(again.members(), 3000))).toBe(JSON.stringify(all.slice(0, 3000)))
    const other = generateDemoDistrict({ seed: 43, asOf: DEMO_AS_OF })
    const first = take(other.members(), 200)
    expect(first.filter((m, i) => m.idNumber === all[i]?.idNumber)).toHaveLength(0)
    expect(JSON.stringify(other.orgs.map((o) => o.name))).not.toBe(
      JSON.stringify(district.orgs.map((o) => o.name)),
    )
    // batches are the same members, cut into arrays
    const batched = [...generateDemoDistrict({ seed: 42, members: 250, asOf: DEMO_AS_OF }).memberBatches(100)]
    expect(batched.map((b) => b.length)).toEqual([100, 100, 50])
    expect(JSON.stringify(batched.flat())).toBe(JSON.stringify(all.slice(0, 250)))
  })

  it("builds a district tree: d1, 12 committees, general branches and about 600 branches", () => {
    const kinds = (k: string) => district.orgs.filter((o) => o.kind === k).length
    expect(district.orgs[0]).toMatchObject({ id: "d1", kind: "district-committee", path: "d1" })
    expect(district.orgs.filter((o) => o.parentId === "d1" && o.kind !== "party-group")).toHaveLength(12)
    expect(kinds("general-branch")).toBeGreaterThan(20)
    expect(kinds("branch")).toBeGreaterThan(550)
    expect(kinds("branch")).toBeLessThan(650)
    const seen = new Map<string, (typeof district.orgs)[number]>()
    for (const o of district.orgs) {
      const parent = o.parentId === null ? undefined : seen.get(o.parentId)
      expect(o.parentId === null || parent !== undefined).toBe(true)
      expect(Result.isSuccess(checkPlacement(o.kind, parent?.kind))).toBe(true)
      expect(o.path).toBe(parent === undefined ? o.id : `${parent.path}.${o.id}`)
      seen.set(o.id, o)
    }
    expect(new Set(district.orgs.map((o) => o.id)).size).toBe(district.orgs.length)
  })

  it("has demo logins at district, committee and two branches of different committees", () => {
    const byName = Object.fromEntries(district.users.map((u) => [u.username, u]))
    expect(byName.admin).toMatchObject({ role: "district-admin", orgId: "d1" })
    expect(byName.auditor).toMatchObject({ role: "auditor", orgId: "d1" })
    expect(byName.officer).toMatchObject({ role: "committee-officer", orgId: "c01" })
    const path = (id: string | undefined) => district.orgs.find((o) => o.id === id)?.path ?? ""
    expect(path(byName.secretary1?.orgId)).toMatch(/^d1\.c01\./)
    expect(path(byName.secretary2?.orgId)).toMatch(/^d1\.c05\./)
  })

  it("gives every member a valid, unique, fictitious ID number matching birth date and sex", () => {
    const seen = new Set<string>()
    for (const m of all) {
      const parsed = parseIdNumber(m.idNumber, { asOf: DEMO_AS_OF })
      if (Result.isFailure(parsed)) throw new Error(`${m.idNumber}: ${parsed.failure.message}`)
      expect(parsed.success.birthDate.equals(m.birthDate)).toBe(true)
      expect(parsed.success.sex).toBe(m.sex)
      expect(DEMO_REGION_CODES).toContain(parsed.success.region)
      seen.add(m.idNumber)
    }
    expect(seen.size).toBe(all.length)
  })

  it("mixes stages, sexes, ages, occupations, education and ethnicities realistically", () => {
    expect(all).toHaveLength(20_000)
    expect(share((m) => m.stage === "full")).toBeGreaterThan(0.85)
    expect(share((m) => m.stage === "full")).toBeLessThan(0.95)
    for (const stage of ["probationary", "development-object", "activist", "applicant"] as const) {
      expect(share((m) => m.stage === stage)).toBeGreaterThan(0.005)
      expect(share((m) => m.stage === stage)).toBeLessThan(0.06)
    }
    expect(share((m) => m.sex === "female")).toBeGreaterThan(0.25)
    expect(share((m) => m.sex === "female")).toBeLessThan(0.38)
    expect(share((m) => m.ethnicity === "01")).toBeGreaterThan(0.9)
    expect(share((m) => m.ethnicity !== "01")).toBeGreaterThan(0.01)
    expect(share((m) => ageOn(m.birthDate, DEMO_AS_OF) >= 61)).toBeGreaterThan(0.15)
    expect(share((m) => ageOn(m.birthDate, DEMO_AS_OF) <= 35)).toBeGreaterThan(0.1)
    for (const group of [
      "worker",
      "farmer",
      "professional",
      "civil-servant",
      "retired",
      "manager",
    ] as const) {
      expect(share((m) => m.occupationGroup === group)).toBeGreaterThan(0.04)
    }
    expect(share((m) => ["11", "12", "21"].includes(m.education))).toBeGreaterThan(0.3)
    for (const m of all) {
      expect(ethnicityCodes[m.ethnicity]).toBeDefined()
      expect(educationCodes[m.education]).toBeDefined()
      expect(occupationGroups[m.occupationGroup]).toBeDefined()
    }
  })

  it("dates each stage in order, from the 18th birthday on, and none after the as-of day", () => {
    const before = (a: Temporal.PlainDate | null, b: Temporal.PlainDate | null) =>
      a === null || b === null || Temporal.PlainDate.compare(a, b) <= 0
    for (const m of all) {
      const chain = [m.appliedOn, m.activistOn, m.developmentObjectOn, m.admittedOn, m.fullMemberOn]
      expect(ageOn(m.birthDate, m.appliedOn ?? DEMO_AS_OF)).toBeGreaterThanOrEqual(18)
      for (let i = 0; i < chain.length - 1; i++)
        expect(before(chain[i] ?? null, chain[i + 1] ?? null)).toBe(true)
      expect(before(m.fullMemberOn ?? m.admittedOn ?? m.appliedOn, DEMO_AS_OF)).toBe(true)
      expect(m.admittedOn !== null).toBe(m.stage === "full" || m.stage === "probationary")
      expect(m.fullMemberOn !== null).toBe(m.stage === "full")
    }
  })
})

describe("demo ids", () => {
  it("stay distinct when two members' PRNG streams share a seed", () => {
    const a = uuidFrom(mulberry32(42), 1)
    const b = uuidFrom(mulberry32(42), 2)
    expect(a).not.toBe(b)
    expect(a.slice(0, 23)).toBe(b.slice(0, 23))
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it("hash record keys into UUIDs, one per key", () => {
    const ids = new Set(Array.from({ length: 5000 }, (_, k) => uuidOf(`m/${k}`)))
    expect(ids.size).toBe(5000)
    expect(uuidOf("m/1")).toBe(uuidOf("m/1"))
  })
})
