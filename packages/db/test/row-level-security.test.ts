import { sql } from "drizzle-orm"
import { Temporal } from "temporal-polyfill"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { appendAudit } from "../src/audit.js"
import { type Database, rowsOf } from "../src/database.js"
import { insertOrg } from "../src/org-tree.js"
import { insertMember } from "../src/platform/members.js"
import { asSystem, withScope } from "../src/platform/scope.js"
import { members, orgs } from "../src/schema/index.js"
import { testVault, unwrap } from "./suite/context.js"
import { backends } from "./support/backends.js"

// Row-level security (migration 0004) binds the `xianfeng_app` role the API's queries take; it never binds a
// superuser or the tables' owner. PGlite always runs as a superuser, so a default PGlite database has this wall
// switched off; here it takes `xianfeng_app` with SET ROLE, as a PostgreSQL deployment connects as it.

const tree = async (owner: Database) => {
  await owner.db.transaction(async (tx) => {
    unwrap(await insertOrg(tx, { id: "r_d", kind: "district-committee", name: "区委" }))
    unwrap(await insertOrg(tx, { id: "r_c1", parentId: "r_d", kind: "township-committee", name: "一镇" }))
    unwrap(await insertOrg(tx, { id: "r_c1x", parentId: "r_d", kind: "working-committee", name: "工委" }))
    unwrap(await insertOrg(tx, { id: "r_b1", parentId: "r_c1", kind: "branch", name: "一支部" }))
    unwrap(await insertOrg(tx, { id: "r_b2", parentId: "r_c1x", kind: "branch", name: "二支部" }))
    for (const orgId of ["r_b1", "r_b2"]) {
      await insertMember(tx, testVault, {
        orgId,
        name: "张三",
        sex: "male",
        birthDate: Temporal.PlainDate.from("1980-02-29"),
        ethnicity: "01",
        education: "21",
        occupationGroup: "worker",
        stage: "full",
        admittedOn: Temporal.PlainDate.from("2005-07-01"),
      })
    }
  })
}

/** The database's own message for a refused query (drizzle wraps it as the cause). */
const refusal = async (work: Promise<unknown>): Promise<string> => {
  try {
    await work
  } catch (e) {
    return e instanceof Error && e.cause instanceof Error ? e.cause.message : String(e)
  }
  return "not refused"
}

const c1 = { orgId: "r_c1", orgPath: "r_d.r_c1" }

describe.each(backends)("row-level security on $name", (backend) => {
  let app: Database | undefined
  const db = () => {
    if (app === undefined) throw new Error("database not open")
    return app.db
  }
  beforeAll(async () => {
    app = await backend.open({ role: "xianfeng_app", ownerSetup: tree })
  })
  afterAll(async () => {
    await app?.close()
  })

  it("acts as a role that is neither superuser nor owner", async () => {
    const [who] = rowsOf<{ role: string; su: boolean }>(
      await db().execute(
        sql`select current_user as role, (select rolsuper from pg_roles where rolname = current_user) as su`,
      ),
    )
    expect(who).toEqual({ role: "xianfeng_app", su: false })
  })

  it("shows a transaction without a scope no scoped row", async () => {
    expect(await db().select({ id: orgs.id }).from(orgs)).toEqual([])
    expect(await db().select({ id: members.id }).from(members)).toEqual([])
  })

  it("shows a scoped transaction its subtree only, without a condition in the query", async () => {
    const seen = await withScope(db(), c1, (tx) => tx.select({ id: orgs.id }).from(orgs).orderBy(orgs.id))
    // r_c1x shares r_c1's prefix: the range condition, not a LIKE, keeps it out.
    expect(seen.map((o) => o.id)).toEqual(["r_b1", "r_c1"])
    const memberOrgs = await withScope(db(), c1, (tx) => tx.select({ orgId: members.orgId }).from(members))
    expect(memberOrgs).toEqual([{ orgId: "r_b1" }])
  })

  it("refuses to write a row outside the scope and leaves one outside it unchanged", async () => {
    expect(
      await refusal(
        withScope(db(), c1, (tx) =>
          tx.execute(sql`update members set org_id = 'r_b2' where org_id = 'r_b1'`),
        ),
      ),
    ).toMatch(/row-level security/)
    const changed = await withScope(db(), c1, (tx) =>
      tx.execute(sql`update members set phone = '13900000000' where org_id = 'r_b2'`),
    )
    expect(
      (changed as { rowCount?: number; affectedRows?: number }).rowCount ??
        (changed as { affectedRows?: number }).affectedRows,
    ).toBe(0)
    const phones = await asSystem(db(), (tx) => tx.select({ phone: members.phone }).from(members))
    expect(phones.map((p) => p.phone)).toEqual([null, null])
  })

  it("lets system work (sign-in lookups) see every row, explicitly", async () => {
    const all = await asSystem(db(), (tx) => tx.select({ id: orgs.id }).from(orgs))
    expect(all).toHaveLength(5)
  })

  it("lets the role append to the audit log but never change it, trigger or not", async () => {
    await db().transaction((tx) => appendAudit(tx, { action: "member.read", result: "ok" }))
    expect(
      await refusal(db().execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`)),
    ).toMatch(/must be owner/)
    expect(await refusal(db().execute(sql`delete from audit_log`))).toMatch(/permission denied/)
    expect(await refusal(db().execute(sql`update audit_log set result = 'x'`))).toMatch(/permission denied/)
  })
})

describe("PGlite without a role", () => {
  it("runs as a superuser, whom row-level security does not bind: there the scope condition is the one wall", async () => {
    const [pglite] = backends
    if (pglite === undefined) throw new Error("no backend")
    const database = await pglite.open({ ownerSetup: tree })
    try {
      const [who] = rowsOf<{ su: boolean }>(
        await database.db.execute(sql`select rolsuper as su from pg_roles where rolname = current_user`),
      )
      expect(who?.su).toBe(true)
      expect(await database.db.select({ id: orgs.id }).from(orgs)).toHaveLength(5)
    } finally {
      await database.close()
    }
  })
})
