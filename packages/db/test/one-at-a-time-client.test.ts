import { sql } from "drizzle-orm"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Database } from "../src/database.js"
import { OneAtATimeClient } from "../src/internal/one-at-a-time-client.js"
import { testBackends } from "../src/testing.js"

// The agenda asks every area's source at once on one transaction. node-postgres 8 queued such statements itself
// with a deprecation warning (its queue goes in pg 9); the pools' clients now keep the queue themselves.
const postgres = testBackends(process.env.TEST_DATABASE_URL, "xf_one_at_a_time_test").filter(
  (b) => b.name === "postgres",
)

/** The rows of a raw query. */
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows

describe.runIf(postgres.length > 0)("statements asked together on one PostgreSQL transaction", () => {
  let database: Database
  const warnings: string[] = []
  const onWarning = (w: Error) => warnings.push(w.message)
  beforeAll(async () => {
    const backend = postgres[0]
    if (backend === undefined) throw new Error("no PostgreSQL backend")
    database = await backend.open()
    process.on("warning", onWarning)
  })
  afterAll(async () => {
    process.off("warning", onWarning)
    await database?.close()
  })

  it("run one after another in the order asked, with no driver queue (pg 9's removal) and no warning", async () => {
    const log = await database.db.transaction(async (tx) => {
      await tx.execute(sql`create temporary table one_at_a_time_log (n int, at timestamptz) on commit drop`)
      // The first sleeps, so the later ones are asked while it runs.
      await Promise.all(
        [1, 2, 3, 4].map((n) =>
          tx.execute(
            sql`insert into one_at_a_time_log select ${n}::int, clock_timestamp() from pg_sleep(${n === 1 ? 0.1 : 0})`,
          ),
        ),
      )
      return rowsOf<{ n: number }>(await tx.execute(sql`select n from one_at_a_time_log order by at, n`)).map(
        (r) => Number(r.n),
      )
    })
    expect(log).toEqual([1, 2, 3, 4])
    // Let a warning emitted on the last statement reach the listener. (pg warns once per process, and files share
    // a worker: when another file has spent it, the next test's look at the driver's queue still catches it.)
    await new Promise((resolve) => setImmediate(resolve))
    expect(warnings.filter((w) => w.includes("already executing"))).toEqual([])
  })

  it("never wait in the driver's own queue (a plain client's do), and answer each caller", async () => {
    /**
     * How many statements wait in node-postgres' queue (the one pg 9 removes) right after two are asked. (Two: pg
     * warns from the third on, and the plain client here should not put that warning in the run's output.)
     */
    const driverQueueAfterTwo = async (client: pg.Client) => {
      await client.connect()
      try {
        const asked = [1, 2].map((n) => client.query<{ n: number }>("select $1::int as n", [n]))
        const queued = (client as unknown as { _queryQueue: unknown[] })._queryQueue.length
        const answers = (await Promise.all(asked)).map((r) => r.rows[0]?.n)
        return { queued, answers }
      } finally {
        await client.end()
      }
    }
    const url = process.env.TEST_DATABASE_URL
    expect(await driverQueueAfterTwo(new pg.Client({ connectionString: url }))).toEqual({
      queued: 1,
      answers: [1, 2],
    })
    expect(await driverQueueAfterTwo(new OneAtATimeClient({ connectionString: url }))).toEqual({
      queued: 0,
      answers: [1, 2],
    })
    // The database's pools make theirs of this kind.
    const pool = (database.db as unknown as { $client: pg.Pool }).$client
    expect((pool as unknown as { options: { Client: unknown } }).options.Client).toBe(OneAtATimeClient)
  })

  it("sends the next statement as soon as the one before is answered, before its caller's code runs", async () => {
    // The first statement's caller then works 150 ms without yielding (as a source mapping its rows): the second
    // statement, asked beside the first, runs on the server meanwhile, not after that work.
    const BUSY_MS = 150
    const client = new OneAtATimeClient({ connectionString: process.env.TEST_DATABASE_URL })
    await client.connect()
    try {
      let busyEnded = 0
      const first = client.query("select 1 as x").then(() => {
        const until = Date.now() + BUSY_MS
        while (Date.now() < until) {
          // busy: nothing queued on promises runs meanwhile
        }
        busyEnded = Date.now()
      })
      const second = client.query<{ at: string }>("select extract(epoch from clock_timestamp()) * 1000 as at")
      await first
      const started = Number((await second).rows[0]?.at)
      // The server began the second statement during the caller's busy time (same machine, same clock).
      expect(busyEnded - started).toBeGreaterThan(BUSY_MS / 2)
    } finally {
      await client.end()
    }
  })

  it("keeps going after a statement fails: each caller gets its own answer or error", async () => {
    const answers = await Promise.allSettled([
      database.db.execute(sql`select 1 / 0 as x`),
      database.db.execute(sql`select 2 as x`),
    ])
    expect(answers[0]?.status).toBe("rejected")
    expect(answers[1]?.status === "fulfilled" && rowsOf<{ x: number }>(answers[1].value)[0]?.x).toBe(2)
    // Inside a transaction the failure aborts it, as PostgreSQL always did; the statements queued behind it are
    // refused by the server, not lost in the client, and the transaction rolls back.
    const inside = await database.db
      .transaction(async (tx) => {
        const both = await Promise.allSettled([
          tx.execute(sql`select 1 / 0 as x`),
          tx.execute(sql`select 2 as x`),
        ])
        throw new Error(
          both
            .map((a) => (a.status === "rejected" ? String((a.reason as Error).cause ?? a.reason) : "ok"))
            .join(" | "),
        )
      })
      .catch((e: Error) => e.message)
    expect(inside).toMatch(/division by zero \| .*current transaction is aborted/)
    const [after] = rowsOf<{ x: number }>(await database.db.execute(sql`select 3 as x`))
    expect(after?.x).toBe(3)
  })
})
