import { date } from "@xianfeng/core"
import { auditLog, type Database } from "@xianfeng/db"
import { eq, sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { loadDemoDistrict } from "../src/index.js"
import { backends, testVault } from "./support/backends.js"

const postgres = backends.find((b) => b.name === "postgres")
const hashPassword = async (p: string) => `test-hash:${p}`

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : (r as { rows: T[] }).rows)

/**
 * Makes the server's clock defaults (`now()`) one fixed instant, so two loads a moment apart can be compared
 * column by column; every other default is deterministic for a given order of writes.
 */
const pinClock = async ({ db }: Database) => {
  const cols = rowsOf<{ t: string; c: string }>(
    await db.execute(sql`select table_name as t, column_name as c from information_schema.columns
      where table_schema = 'public' and column_default ilike '%now()%'`),
  )
  expect(cols.length).toBeGreaterThan(10)
  for (const { t, c } of cols)
    await db.execute(
      sql.raw(`alter table "${t}" alter column "${c}" set default timestamptz '2026-06-30 08:00:00+08'`),
    )
}

/**
 * Each table's row count and the md5 of its rows as text, sorted. Left out: the audit tables (a hash chain over
 * the moment each row was appended), the encrypted ID number (a fresh nonce each time; its blind index and mask
 * are compared), when a basis stamp last moved (its trigger sets the transaction's `now()`; the stamps are
 * compared), and the value of a member's dues and study-hours stamps and of an organization's dues stamp: they
 * move once per statement that writes the member's (or the organization's members') rows, and a COPY is one
 * statement where the INSERTs are several (which members and organizations have one is compared); and every
 * transaction id or snapshot (`care_dues_org_stamps.moved`, which transaction last wrote the stamp): two loads run
 * in different transactions.
 */
const contents = async ({ db }: Database): Promise<Record<string, string>> => {
  const tables = rowsOf<{ t: string; cols: string }>(
    await db.execute(sql`select table_name as t,
        string_agg(quote_ident(column_name), ', ' order by ordinal_position) as cols
      from information_schema.columns
      where table_schema = 'public' and table_name not like 'audit%'
        and not (table_name = 'members' and column_name = 'id_number_cipher')
        and not (table_name = 'discipline_basis_stamps' and column_name = 'updated_at')
        and not (table_name in ('care_dues_stamps', 'care_dues_org_stamps', 'education_study_stamps')
          and column_name = 'stamp')
        and udt_name not in ('xid8', 'pg_snapshot')
        and table_name in (select table_name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE')
      group by table_name order by table_name`),
  )
  const out: Record<string, string> = {}
  for (const { t, cols } of tables) {
    const [r] = rowsOf<{ n: number; h: string }>(
      await db.execute(
        sql.raw(`select count(*)::int as n, md5(coalesce(string_agg(x::text, E'\\n' order by x::text), '')) as h
          from (select ${cols} from "${t}") as x`),
      ),
    )
    out[t] = `${r?.n} rows, md5 ${r?.h}`
  }
  return out
}

// The COPY path against the INSERT path on PostgreSQL (PGlite always writes by INSERT): the same district, the
// same rows in every table.
describe.skipIf(postgres === undefined)("demo district load by COPY on PostgreSQL", () => {
  let byInsert: Database | undefined
  let byCopy: Database | undefined
  beforeAll(async () => {
    byInsert = await postgres?.open()
    byCopy = await postgres?.open()
  })
  afterAll(async () => {
    await byInsert?.close()
    await byCopy?.close()
  })
  it("writes exactly the rows the INSERTs write, in every table", { timeout: 600_000 }, async () => {
    if (byInsert === undefined || byCopy === undefined) throw new Error("databases not open")
    const options = {
      seed: 11,
      members: 1_500,
      asOf: date("2026-06-30"),
      vault: testVault,
      hashPassword,
      batchSize: 400,
      batchesPerTransaction: 2,
    }
    await pinClock(byInsert)
    await pinClock(byCopy)
    // Ids the application makes (`crypto.randomUUID()`, e.g. drizzle's `$defaultFn`) count up from one in each
    // load, so both loads give the same row the same id when they make them in the same order.
    let made = 0
    const counted = vi
      .spyOn(crypto, "randomUUID")
      .mockImplementation(() => `00000000-0000-4000-8000-${(++made).toString(16).padStart(12, "0")}` as const)
    try {
      await loadDemoDistrict(byInsert, { ...options, copy: false })
      const byInsertIds = made
      made = 0
      await loadDemoDistrict(byCopy, { ...options, copy: true })
      expect(made).toBe(byInsertIds)
    } finally {
      counted.mockRestore()
    }
    const a = await contents(byInsert)
    const b = await contents(byCopy)
    expect(Object.keys(a).length).toBeGreaterThan(30)
    // the bulk tables are not empty, so the comparison compares something
    for (const t of [
      "discipline_attendance",
      "care_dues_payments",
      "education_attendance",
      "education_online",
    ])
      expect(a[t]).not.toMatch(/^0 rows/)
    expect(b).toEqual(a)
    const details = async ({ db }: Database) =>
      (await db.select({ d: auditLog.details }).from(auditLog).where(eq(auditLog.action, "demo.load")))[0]?.d
    expect(await details(byCopy)).toEqual(await details(byInsert))
  })
})
