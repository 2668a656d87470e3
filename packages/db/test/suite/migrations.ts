import { readFileSync } from "node:fs"
import { join } from "node:path"
import { sql } from "drizzle-orm"
import { expect, it } from "vitest"
import { rowsOf } from "../../src/database.js"
import type { SuiteContext } from "./context.js"

const journal = JSON.parse(
  readFileSync(join(import.meta.dirname, "..", "..", "drizzle", "meta", "_journal.json"), "utf8"),
) as { entries: readonly unknown[] }

export const migrationSuite = (ctx: SuiteContext) => {
  it("creates every table and the append-only trigger", async () => {
    const { db } = ctx.database()
    const tables = rowsOf<{ table_name: string }>(
      await db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
      ),
    ).map((r) => r.table_name)
    expect(tables).toEqual([
      "api_tokens",
      "audit_log",
      "development_plans",
      "development_records",
      "discipline_attendance",
      "discipline_draws",
      "discipline_findings",
      "discipline_meetings",
      "discipline_orders",
      "discipline_records",
      "district_policies",
      "members",
      "orgs",
      "rate_limits",
      "sessions",
      "users",
    ])
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
    // One row per migration of the journal (4 before the discipline area, which added three).
    expect(Number(rows[0]?.n)).toBe(journal.entries.length)
    expect(journal.entries.length).toBe(7)
  })
}
