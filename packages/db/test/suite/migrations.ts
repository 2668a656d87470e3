import { readFileSync } from "node:fs"
import { getTableName, sql } from "drizzle-orm"
import { expect, it } from "vitest"
import { rowsOf } from "../../src/database.js"
import { tables as schemaTables } from "../../src/schema/index.js"
import type { SuiteContext } from "./context.js"

const journal = JSON.parse(
  readFileSync(new URL("../../drizzle/meta/_journal.json", import.meta.url), "utf8"),
) as { entries: unknown[] }

export const migrationSuite = (ctx: SuiteContext) => {
  it("creates every table and the append-only trigger", async () => {
    const { db } = ctx.database()
    const tables = rowsOf<{ table_name: string }>(
      await db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
      ),
    ).map((r) => r.table_name)
    // Exactly the tables of the schema (every area's), and the platform's and development's among them.
    expect(tables).toEqual(
      Object.values(schemaTables)
        .map((t) => getTableName(t))
        .sort(),
    )
    expect(tables).toEqual(
      expect.arrayContaining([
        "api_tokens",
        "audit_log",
        "development_activist_pool_analyses",
        "development_cultivation_records",
        "development_pipeline_index",
        "development_plans",
        "development_records",
        "district_policies",
        "members",
        "mfa_challenges",
        "mfa_recovery_codes",
        "orgs",
        "rate_limits",
        "sessions",
        "users",
      ]),
    )
    const triggers = rowsOf<{ tgname: string }>(
      await db.execute(sql`select tgname from pg_trigger where tgrelid = 'audit_log'::regclass order by 1`),
    ).map((r) => r.tgname)
    expect(triggers).toEqual(["audit_log_no_truncate", "audit_log_no_update_delete"])
  })

  it("records every migration once", async () => {
    const { db } = ctx.database()
    const rows = rowsOf<{ n: number | string }>(
      await db.execute(sql`select count(*) as n from drizzle.__drizzle_migrations`),
    )
    // As many as the journal lists (4 before row-level security came): each one applied exactly once.
    expect(journal.entries.length).toBeGreaterThanOrEqual(5)
    expect(Number(rows[0]?.n)).toBe(journal.entries.length)
  })
}
