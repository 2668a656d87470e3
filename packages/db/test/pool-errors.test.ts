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

describe.runIf(postgres.length > 0)("a PostgreSQL pool whose idle connections the server ends", () => {
  it("survives, and the next query runs on a new connection", async () => {
    const backend = postgres[0]
    if (backend === undefined) return
    const database = await backend.open()
    try {
      const before = await database.db.execute(
        sql`select current_database() as name, pg_backend_pid() as pid`,
      )
      const { name, pid } = before.rows[0] as { name: string; pid: number }
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
      await admin.connect()
      await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1", [name])
      await admin.end()
      await new Promise((resolve) => setTimeout(resolve, 200))
      const after = await database.db.execute(sql`select pg_backend_pid() as pid`)
      expect((after.rows[0] as { pid: number }).pid).not.toBe(pid)
    } finally {
      await database.close()
    }
  })
})
