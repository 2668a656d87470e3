import { date } from "@xianfeng/core"
import { arrearsComputedInScope, arrearsSummaryInScope, type Database, orgs, type Scope } from "@xianfeng/db"
import { asc, eq, isNull } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { backends, openSharedDemo, sharedDemoAsOf } from "./support/backends.js"

const asOf = sharedDemoAsOf

// The dashboard's arrears read from the dues-standing index must say what computing every member-month of the
// roll afresh says, on the demo district, for the district, a committee and a branch: first when every standing
// is computed and stored, then when every one is read back, then when the month has turned.
describe.each(backends)("the demo's dues arrears on $name", (backend) => {
  let database: Database
  const scopes: Scope[] = []
  beforeAll(async () => {
    database = await openSharedDemo(backend)
    const { db } = database
    const pick = async (kind: "district" | "party-committee" | "branch") => {
      const where = kind === "district" ? isNull(orgs.parentId) : eq(orgs.kind, kind)
      const [r] = await db
        .select({ orgId: orgs.id, orgPath: orgs.path })
        .from(orgs)
        .where(where)
        .orderBy(asc(orgs.path))
        .limit(1)
      if (r === undefined) throw new Error(`no ${kind}`)
      return r
    }
    scopes.push(await pick("district"), await pick("party-committee"), await pick("branch"))
  }, 600_000)
  afterAll(async () => {
    await database.close()
  })

  it("the index's read equals the full computation for the district, a committee and a branch", async () => {
    for (const on of [asOf, asOf, date("2026-12-01")])
      for (const scope of scopes) {
        const full = await arrearsComputedInScope(database.db, scope, on)
        expect({
          scope: scope.orgId,
          on: on.toString(),
          ...(await arrearsSummaryInScope(database.db, scope, on)),
        }).toEqual({ scope: scope.orgId, on: on.toString(), ...full })
      }
    const [district] = scopes
    expect((await arrearsComputedInScope(database.db, district as Scope, asOf)).members).toBeGreaterThan(0)
  })
})
