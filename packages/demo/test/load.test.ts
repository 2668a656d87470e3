import { date } from "@xianfeng/core"
import {
  type Database,
  developmentRecords,
  loadDevelopmentPolicy,
  members,
  orgs,
  subtreeOrgIds,
  users,
  verifyAuditChain,
} from "@xianfeng/db"
import { count, eq, inArray } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { generateDemoDistrict, isEmpty, loadDemoDistrict } from "../src/index.js"
import { backends, testVault } from "./support/backends.js"

const hashPassword = async (p: string) => `test-hash:${p}`
const asOf = date("2026-06-30")

// The load runs on every backend available: PGlite always, PostgreSQL when TEST_DATABASE_URL is set.
describe.each(backends)("demo district load on $name", (backend) => {
  let opened: Database | undefined
  beforeAll(async () => {
    opened = await backend.open()
  })
  afterAll(async () => {
    await opened?.close()
  })
  it("loads into an empty database once, in batches, and is a no-op afterwards", async () => {
    if (opened === undefined) throw new Error("database not open")
    const database = opened
    const { db } = database
    expect(await isEmpty(db)).toBe(true)
    const options = {
      seed: 7,
      members: 1_234,
      asOf,
      vault: testVault,
      hashPassword,
      batchSize: 200,
      batchesPerTransaction: 3,
    }
    const result = await loadDemoDistrict(database, options)
    const district = generateDemoDistrict({ seed: 7, members: 1_234, asOf })
    expect(result).toEqual({ loaded: true, orgs: district.orgs.length, users: 8, members: 1_234 })
    expect(await isEmpty(db)).toBe(false)
    expect(await loadDemoDistrict(database, options)).toMatchObject({ loaded: false })
    const [n] = await db.select({ n: count() }).from(members)
    expect(n?.n).toBe(1_234)
    // every development record of the generated histories, and the district's own development settings
    const [r] = await db.select({ n: count() }).from(developmentRecords)
    let generated = 0
    for (const m of district.members()) generated += m.development.length
    expect(generated).toBeGreaterThan(500)
    expect(r?.n).toBe(generated)
    expect((await loadDevelopmentPolicy(db, "d1.c01")).policy.preReviewLevels).toHaveLength(3)

    const [admin] = await db.select().from(users).where(eq(users.username, "admin"))
    expect(admin).toMatchObject({
      role: "district-admin",
      orgId: "d1",
      passwordHash: "test-hash:xianfeng-demo",
    })

    // the stored rows decrypt back to the generated numbers
    const first = district.members().next().value
    const [row] = await db
      .select()
      .from(members)
      .where(eq(members.id, first?.id ?? ""))
    expect(testVault.decrypt(row?.idNumberCipher ?? "")).toBe(first?.idNumber)
    expect(row?.birthDate.equals(first?.birthDate ?? row.birthDate)).toBe(true)

    // subtree counts add up: d1 holds everyone, c01 some
    const inScope = async (path: string) =>
      (
        await db
          .select({ n: count() })
          .from(members)
          .where(inArray(members.orgId, subtreeOrgIds(path)))
      )[0]?.n
    expect(await inScope("d1")).toBe(1_234)
    const c01 = await inScope("d1.c01")
    expect(c01).toBeGreaterThan(0)
    expect(c01).toBeLessThan(1_234)
    const [branches] = await db.select({ n: count() }).from(orgs).where(eq(orgs.kind, "branch"))
    expect(branches?.n).toBe(district.orgs.filter((o) => o.kind === "branch").length)
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 1 })
  })
})
