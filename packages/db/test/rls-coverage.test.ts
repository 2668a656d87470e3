import { randomBytes } from "node:crypto"
import { sql } from "drizzle-orm"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Database, openDatabase, rowsOf } from "../src/database.js"
import { backends } from "./support/backends.js"

// The second wall must not depend on each new area remembering it (docs/security.md, "Row-level security"):
// every table that holds scoped data — it has an `org_id` or a `member_id` column — has row-level security
// switched on and at least one policy. A new area's table without them fails here, on the migrations as
// they stand, whatever its name.

describe.each(backends)("row-level security covers every scoped table on $name", (backend) => {
  let database: Database | undefined
  beforeAll(async () => {
    database = await backend.open()
  })
  afterAll(async () => {
    await database?.close()
  })

  it("finds row-level security and a policy on each table with org_id or member_id", async () => {
    if (database === undefined) throw new Error("database not open")
    const tables = rowsOf<{ table: string; rls: boolean; policies: number }>(
      await database.db.execute(sql`
        select c.relname as "table", c.relrowsecurity as rls,
               (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = current_schema() and c.relkind in ('r', 'p')
           and exists (select 1 from pg_attribute a
                        where a.attrelid = c.oid and not a.attisdropped and a.attname in ('org_id', 'member_id'))
         order by c.relname`),
    )
    // Not vacuous: the platform's and development's tables are among them.
    expect(tables.map((t) => t.table)).toEqual(expect.arrayContaining(["members", "development_records"]))
    const uncovered = tables.filter((t) => !t.rls || t.policies === 0).map((t) => t.table)
    expect(uncovered).toEqual([])
  })

  // A scope marked whole (migration 0079: the only root's path) sees every row without the per-row check. That
  // equals the check only while every guarded row names an organization or a member: a row with neither would be
  // hidden by the check and shown by the mark.
  it("finds each scoped table's organization (or, without one, its member) NOT NULL", async () => {
    if (database === undefined) throw new Error("database not open")
    const nullable = rowsOf<{ table: string; column: string }>(
      await database.db.execute(sql`
        select c.relname as "table", a.attname as "column"
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          join pg_attribute a on a.attrelid = c.oid and not a.attisdropped
         where n.nspname = current_schema() and c.relkind in ('r', 'p') and c.relrowsecurity
           and not a.attnotnull
           and (a.attname = 'org_id'
                or (a.attname = 'member_id' and not exists (
                      select 1 from pg_attribute o
                       where o.attrelid = c.oid and not o.attisdropped and o.attname = 'org_id')))
         order by 1, 2`),
    )
    expect(nullable).toEqual([])
  })
})

// A login that is only a member of `xianfeng_app` (docs/security.md, "Deploying it"): the API's pool connects
// with it (`appUrl`, from DATABASE_URL) while migrations run with the owner's URL (XF_DATABASE_OWNER_URL).
// PostgreSQL only: PGlite has one superuser connection.
const postgresUrl = process.env.TEST_DATABASE_URL
describe.runIf(postgresUrl !== undefined)("a separate login for the API on postgres", () => {
  const name = `xf_db_login_${randomBytes(5).toString("hex")}`
  const login = `${name}_api`
  let database: Database | undefined
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: postgresUrl })
    await client.connect()
    try {
      await client.query(statement)
    } finally {
      await client.end()
    }
  }
  beforeAll(async () => {
    await admin(`create database ${name}`)
    const owner = new URL(postgresUrl as string)
    owner.pathname = `/${name}`
    // The role xianfeng_app exists once the first migration ran on this server; make sure of it first.
    const first = await openDatabase({ url: owner.toString(), poolMax: 1 })
    await first.close()
    await admin(`create role ${login} login password 'only-a-test' in role xianfeng_app`)
    const app = new URL(owner)
    app.username = login
    app.password = "only-a-test"
    database = await openDatabase({ url: owner.toString(), appUrl: app.toString(), poolMax: 2 })
  })
  afterAll(async () => {
    await database?.close()
    await admin(`drop database if exists ${name} with (force)`)
    await admin(`drop role if exists ${login}`)
  })

  it("connects as the login, which is neither superuser nor owner and cannot become the owner", async () => {
    if (database === undefined) throw new Error("database not open")
    const [who] = rowsOf<{ login: string; su: boolean }>(
      await database.db.execute(
        sql`select session_user as login, (select rolsuper from pg_roles where rolname = session_user) as su`,
      ),
    )
    expect(who).toEqual({ login, su: false })
    await expect(database.db.execute(sql.raw("set role postgres"))).rejects.toThrow()
    // Row-level security binds it: without a scope it sees no member.
    const seen = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from members`))
    expect(seen[0]?.n).toBe(0)
  })
})
