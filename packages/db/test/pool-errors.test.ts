import { sql } from "drizzle-orm"
import pg from "pg"
import { describe, expect, it } from "vitest"
import { testBackends } from "../src/testing.js"

// node-postgres reports a pooled connection the server ends while it sits idle (a restart, a terminated
// backend) as an 'error' event on the pool; without a listener that event ends the process. The pool must
// report it and carry on with a new connection.
const postgres = testBackends(process.env.TEST_DATABASE_URL, "xf_pool_test").filter(
  (b) => b.name === "postgres",
)

/** The rows of a raw query (both drivers answer `{ rows }`). */
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows

describe.runIf(postgres.length > 0)("a PostgreSQL pool whose idle connections the server ends", () => {
  it("survives, and the next query runs on a new connection", async () => {
    const backend = postgres[0]
    if (backend === undefined) return
    const database = await backend.open()
    try {
      const [before] = rowsOf<{ name: string; pid: number }>(
        await database.db.execute(sql`select current_database() as name, pg_backend_pid() as pid`),
      )
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
      await admin.connect()
      await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1", [
        before?.name,
      ])
      await admin.end()
      await new Promise((resolve) => setTimeout(resolve, 200))
      const [after] = rowsOf<{ pid: number }>(await database.db.execute(sql`select pg_backend_pid() as pid`))
      expect(after?.pid).toBeDefined()
      expect(after?.pid).not.toBe(before?.pid)
    } finally {
      await database.close()
    }
  })
})
