import {
  appraisalCycles,
  appraisalParticipants,
  appraisalUnqualifiedCases,
  type Database,
  users,
} from "@xianfeng/db"
import { count, eq } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEMO_MEMBER_LOGIN, DEMO_MEMBER_PENDING } from "../src/index.js"
import { backends, openSharedDemo, sharedDemoAsOf } from "./support/backends.js"

const asOf = sharedDemoAsOf

// The appraisal contributor on every backend: one cycle in progress, confirmed ones with results, member logins.
describe.each(backends)("the demo's appraisal on $name", (backend) => {
  let database: Database
  beforeAll(async () => {
    database = await openSharedDemo(backend)
  }, 600_000)
  afterAll(async () => {
    await database.close()
  })

  it("opens this year's cycle in secretary1's branch and confirms it in others", async () => {
    const { db } = database
    const cycles = await db.select().from(appraisalCycles)
    const [secretary] = await db.select().from(users).where(eq(users.username, "secretary1"))
    const open = cycles.filter((c) => c.state === "open")
    expect(open.map((c) => c.orgId)).toEqual([secretary?.orgId])
    expect(cycles.filter((c) => c.state === "confirmed").length).toBeGreaterThanOrEqual(5)
    expect(cycles.every((c) => c.year === asOf.year)).toBe(true)
    const [graded] = await db
      .select({ n: count() })
      .from(appraisalParticipants)
      .where(eq(appraisalParticipants.confirmedGrade, "excellent"))
    expect(graded?.n).toBeGreaterThan(0)
    const [cases] = await db.select({ n: count() }).from(appraisalUnqualifiedCases)
    expect(cases?.n).toBeGreaterThan(0)
  })

  it("gives member1 an active account and member2 one waiting for its code", async () => {
    const { db } = database
    const [m1] = await db.select().from(users).where(eq(users.username, DEMO_MEMBER_LOGIN))
    const [m2] = await db.select().from(users).where(eq(users.username, DEMO_MEMBER_PENDING))
    expect(m1).toMatchObject({ role: "member", disabled: false, passwordHash: "test-hash:xianfeng-demo" })
    expect(m2).toMatchObject({ role: "member", disabled: true })
    expect(m1?.memberId).not.toBeNull()
  })
})
