import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import pg from "pg"
import { afterAll, describe, expect, it } from "vitest"
import { type ServerDatabase, signInOverHttp, startServerProcess } from "./server-process.js"
import { demoDatabase } from "./support.js"

// Group commit of the audit log (issue 18): a read answers only once its audit row is committed by the process's
// appender. A real API process is killed with SIGKILL in the middle of a stream of audited reads and started
// again: every read that was answered 200 must have its row, and the chain must verify (verify-audit), on the
// embedded PGlite and on PostgreSQL. On PostgreSQL a second process reads on throughout, sharing the lanes.

const verifyCli = fileURLToPath(new URL("../../../packages/db/dist/verify-audit.js", import.meta.url))

const memberIds = async (base: string, cookie: string): Promise<string[]> => {
  const ids: string[] = []
  for (let page = 1; page <= 3; page++) {
    const r = await fetch(`${base}/api/members?page=${page}&pageSize=100`, { headers: { cookie } })
    expect(r.status).toBe(200)
    ids.push(...((await r.json()) as { items: { id: string }[] }).items.map((m) => m.id))
  }
  return ids
}

/** The outcome of a stream of member reads: the ids answered 200, and how many reads got no answer. */
interface Stream {
  readonly answered: string[]
  failed: number
}

/**
 * Reads `ids` (each once) over `connections` parallel loops; `onAnswer` is called after each 200. A read that
 * gets no answer (the process was killed) is counted and its loop stops.
 */
const readAll = async (
  base: string,
  cookie: string,
  ids: readonly string[],
  connections: number,
  onAnswer: (n: number) => void = () => {},
): Promise<Stream> => {
  const stream: Stream = { answered: [], failed: 0 }
  let next = 0
  const loop = async () => {
    for (;;) {
      const id = ids[next++]
      if (id === undefined) return
      try {
        const r = await fetch(`${base}/api/members/${id}`, { headers: { cookie } })
        if (r.status === 200) {
          await r.arrayBuffer()
          stream.answered.push(id)
          onAnswer(stream.answered.length)
        } else throw new Error(`GET /api/members/${id}: ${r.status} ${await r.text()}`)
      } catch (e) {
        if (e instanceof Error && e.message.startsWith("GET ")) throw e
        stream.failed++
        return
      }
    }
  }
  await Promise.all(Array.from({ length: connections }, loop))
  return stream
}

const verifyAudit = (target: ServerDatabase) =>
  new Promise<{ code: number; out: string }>((resolve) => {
    execFile(
      process.execPath,
      [verifyCli, ...(target.kind === "postgres" ? ["--url", target.url] : ["--data-dir", target.dataDir])],
      { timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
    )
  })

/** The member ids of the `member.read` rows in the log, as many times as they occur. */
const readRows = async (target: ServerDatabase): Promise<string[]> => {
  if (target.kind === "postgres") {
    const client = new pg.Client({ connectionString: target.url })
    await client.connect()
    try {
      const r = await client.query<{ object_id: string }>(
        "select object_id from audit_log where action = 'member.read'",
      )
      return r.rows.map((row) => row.object_id)
    } finally {
      await client.end()
    }
  }
  const { openDatabase, rowsOf } = await import("@xianfeng/db")
  const { sql } = await import("drizzle-orm")
  const database = await openDatabase({ dataDir: target.dataDir, migrate: false })
  try {
    return rowsOf<{ object_id: string }>(
      await database.db.execute(sql`select object_id from audit_log where action = 'member.read'`),
    ).map((row) => row.object_id)
  } finally {
    await database.close()
  }
}

const backends: readonly ("pglite" | "postgres")[] = process.env.TEST_DATABASE_URL
  ? ["pglite", "postgres"]
  : ["pglite"]

describe.each(backends)("an API process killed mid-stream of audited reads, on %s", (kind) => {
  const cleanups: (() => Promise<void> | void)[] = []
  afterAll(async () => {
    for (const f of cleanups.reverse()) await f()
  })

  it("left a row for every read it answered, and a chain that verifies after the restart", async () => {
    // A copy of the run's demo district (a data folder, or a database), which the processes find already loaded.
    const copy = await demoDatabase(kind)
    cleanups.push(copy.drop)
    const target = copy.database
    const start = (t: ServerDatabase) => startServerProcess(t, { demo: copy.demo })
    let victim = await start(target)
    cleanups.push(() => {
      victim.child.kill("SIGKILL")
    })
    // On PostgreSQL a second process serves reads on the same lanes while the first one dies.
    const survivor = kind === "postgres" ? await start(target) : undefined
    if (survivor !== undefined) cleanups.push(() => void survivor.child.kill("SIGKILL"))

    const { cookie } = await signInOverHttp(victim.base, "admin")
    const ids = await memberIds(victim.base, cookie)
    expect(ids.length).toBe(300)
    const [first, second, third] = [ids.slice(0, 200), ids.slice(200, 260), ids.slice(260)]

    // 16 reads in flight; at the 40th answer the process is killed with the others still waiting.
    const doomed = victim
    const onVictim = readAll(doomed.base, cookie, first, 16, (n) => {
      if (n === 40) doomed.child.kill("SIGKILL")
    })
    const onSurvivor =
      survivor === undefined ? Promise.resolve(undefined) : readAll(survivor.base, cookie, second, 4)
    const killed = await onVictim
    await doomed.exited
    expect(doomed.child.signalCode).toBe("SIGKILL")
    expect(killed.answered.length).toBeGreaterThanOrEqual(40)
    expect(killed.answered.length).toBeLessThan(first.length)
    expect(killed.failed).toBeGreaterThan(0)
    const survived = await onSurvivor
    if (survived !== undefined) expect(survived.answered.length).toBe(second.length)

    // Restarted on the same data: the session still holds, reads are answered and chained after the crash.
    victim = await start(target)
    const after = await readAll(victim.base, cookie, third, 4)
    expect(after.answered.length).toBe(third.length)
    await victim.stop()
    await survivor?.stop()

    const verdict = await verifyAudit(target)
    expect(verdict).toMatchObject({ code: 0 })
    expect(verdict.out).toMatch(/audit log intact/)
    const rows = new Set(await readRows(target))
    const acknowledged = [...killed.answered, ...(survived?.answered ?? []), ...after.answered]
    expect(acknowledged.filter((id) => !rows.has(id))).toEqual([])
  }, 900_000)
})
