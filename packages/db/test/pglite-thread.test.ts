import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Database, openDatabase, rowsOf } from "../src/database.js"
import { uniqueViolationOf } from "../src/unique-violation.js"

/** Resolves after one full turn of the event loop (timers, I/O, then the check phase). */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve))

describe("embedded PGlite on its own worker thread", () => {
  let database: Database
  beforeAll(async () => {
    database = await openDatabase({ dataDir: "memory:", migrate: false })
    await database.db.execute(sql`create table t (id int primary key, note text)`)
  })
  afterAll(() => database.close())

  it("leaves the event loop free while a long statement runs", async () => {
    // Seconds of work in PGlite. In process, PGlite runs it synchronously: no turn of the loop could complete
    // before the answer. On the worker thread, the loop keeps turning while it runs.
    let answered = false
    const long = database.db
      .execute(sql`select count(*)::int as n from generate_series(1, 2000000) g`)
      .then((r) => {
        answered = true
        return rowsOf<{ n: number }>(r)[0]?.n
      })
    await turn()
    expect(answered).toBe(false)
    expect(await long).toBe(2_000_000)
  })

  it("keeps a statement sent during another request's transaction out of that transaction", async () => {
    let seenDuring: Promise<number> | undefined
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into t values (1, 'uncommitted')`)
        // Another request's read, while this transaction is open: it must neither see the row nor run inside.
        seenDuring = database.db
          .execute(sql`select count(*)::int as n from t`)
          .then((r) => rowsOf<{ n: number }>(r)[0]?.n ?? -1)
        await turn()
        throw new Error("roll back")
      }),
    ).rejects.toThrow("roll back")
    expect(await seenDuring).toBe(0)
  })

  it("runs transactions one at a time, each whole", async () => {
    // Each transaction reads the running total and writes it back plus one; interleaved, some would be lost.
    await database.db.execute(sql`insert into t values (0, '0')`)
    await Promise.all(
      Array.from({ length: 20 }, () =>
        database.db.transaction(async (tx) => {
          const [row] = rowsOf<{ note: string }>(await tx.execute(sql`select note from t where id = 0`))
          await turn()
          await tx.execute(sql`update t set note = ${String(Number(row?.note) + 1)} where id = 0`)
        }),
      ),
    )
    const [row] = rowsOf<{ note: string }>(await database.db.execute(sql`select note from t where id = 0`))
    expect(row?.note).toBe("20")
  })

  it("hands back the driver's error fields (SQLSTATE, constraint) across the thread", async () => {
    await database.db.execute(sql`insert into t values (2, 'first')`)
    const error = await database.db.execute(sql`insert into t values (2, 'second')`).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(uniqueViolationOf(error)).toBe("t_pkey")
  })

  it("applies drizzle's own parsers on the main thread (timestamps stay text, as in process)", async () => {
    const [row] = rowsOf<{ at: unknown; n: unknown }>(
      await database.db.execute(sql`select timestamptz '2026-11-30 08:00:00+00' as at, 7::int8 as n`),
    )
    expect(row?.at).toBe("2026-11-30 08:00:00+00")
    expect(row?.n).toBe(7)
  })

  it("dumps the cluster and opens the dump again", async () => {
    const dump = await database.dumpDataDir?.()
    expect(dump).toBeInstanceOf(Blob)
    const copy = await openDatabase({ dataDir: "memory:", migrate: false, loadDataDir: dump as Blob })
    try {
      const [row] = rowsOf<{ note: string }>(await copy.db.execute(sql`select note from t where id = 2`))
      expect(row?.note).toBe("first")
    } finally {
      await copy.close()
    }
  })

  it("writes a dump into a folder without a database, which then opens as it is; never over one", async () => {
    const dump = (await database.dumpDataDir?.()) as Blob
    const dir = mkdtempSync(join(tmpdir(), "xf-db-load-"))
    try {
      const loaded = await openDatabase({ dataDir: dir, migrate: false, loadDataDir: dump })
      await loaded.db.execute(sql`insert into t values (3, 'in the folder')`)
      await loaded.close()
      expect(existsSync(join(dir, "pgdata", "PG_VERSION"))).toBe(true)
      await expect(openDatabase({ dataDir: dir, migrate: false, loadDataDir: dump })).rejects.toThrow(
        /holds one/,
      )
      const reopened = await openDatabase({ dataDir: dir, migrate: false })
      try {
        const rows = rowsOf<{ note: string }>(
          await reopened.db.execute(sql`select note from t where id >= 2 order by id`),
        )
        expect(rows.map((r) => r.note)).toEqual(["first", "in the folder"])
      } finally {
        await reopened.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
