import { date } from "@xianfeng/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  appraisalRecordsInScope,
  type Database,
  insertAppraisalRecord,
  insertOrg,
  NotInScope,
} from "../src/index.js"
import { testBackends } from "../src/testing.js"

// The area's queries on every backend: PGlite always, PostgreSQL when TEST_DATABASE_URL is set.
describe.each(testBackends(process.env.TEST_DATABASE_URL, "xf_appraisal"))("$name", (backend) => {
  let database: Database
  beforeAll(async () => {
    database = await backend.open()
    await database.db.transaction(async (tx) => {
      for (const org of [
        { id: "d1", kind: "district-committee", name: "区委" },
        { id: "c01", parentId: "d1", kind: "party-committee", name: "第一党委" },
        { id: "c02", parentId: "d1", kind: "party-committee", name: "第二党委" },
      ] as const) {
        const r = await insertOrg(tx, org)
        if (r._tag === "Failure") throw new Error(r.failure.message)
      }
    })
  })
  afterAll(async () => {
    await database.close()
  })

  const c01 = { orgId: "c01", orgPath: "d1.c01" }
  const record = (orgId: string, on: string) => ({
    orgId,
    title: `记录 ${on}`,
    onDate: date(on),
    note: "",
    recordedBy: null,
    recordedAt: new Date("2026-11-30T02:00:00Z"),
  })

  it("writes a record inside the scope and lists it, newest first, with the total", async () => {
    await insertAppraisalRecord(database.db, c01, record("c01", "2026-10-01"))
    await insertAppraisalRecord(database.db, c01, record("c01", "2026-11-01"))
    const page = await appraisalRecordsInScope(database.db, c01, { page: 1, pageSize: 10 })
    expect(page.total).toBe(2)
    expect(page.items.map((r) => r.onDate.toString())).toEqual(["2026-11-01", "2026-10-01"])
    expect(page.items[0]?.orgName).toBe("第一党委")
  })

  it("refuses a record for an organization outside the scope, and writes nothing", async () => {
    await expect(insertAppraisalRecord(database.db, c01, record("c02", "2026-11-01"))).rejects.toBeInstanceOf(
      NotInScope,
    )
    const district = { orgId: "d1", orgPath: "d1" }
    const all = await appraisalRecordsInScope(database.db, district, { page: 1, pageSize: 10 })
    expect(all.items.every((r) => r.orgId === "c01")).toBe(true)
  })

  it("does not show another subtree's records", async () => {
    const c02 = { orgId: "c02", orgPath: "d1.c02" }
    expect((await appraisalRecordsInScope(database.db, c02, { page: 1, pageSize: 10 })).total).toBe(0)
  })
})
