import { sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  AUDIT_LANES,
  type AuditEntry,
  appendAudit,
  appendAuditBatch,
  appendAuditOnLane,
  createAuditAppender,
  verifyAuditChain,
} from "../src/audit.js"
import { type Database, rowsOf, type XfDb } from "../src/database.js"
import { backends } from "./support/backends.js"

// Group commit of the audit log (issue 18): reads hand their rows to an appender that writes them in batches,
// one lane's head locked per batch, while writes keep appending inside their own transactions. Every row must
// land, in a chain that verifies, whoever appends and however they interleave.

const entry = (action: string, i: number): AuditEntry => ({
  at: new Date(Date.UTC(2026, 10, 30, 8, 0, 0, i)),
  actorId: `u${i % 3}`,
  actorRole: "branch-secretary",
  action,
  objectType: "member",
  objectId: `m${i}`,
  result: "ok",
  details: { i, nested: { b: 1, a: [i, "两"] } },
})

const count = async (db: XfDb, action?: string) =>
  Number(
    rowsOf<{ n: string | number }>(
      await db.execute(
        action === undefined
          ? sql`select count(*) as n from audit_log`
          : sql`select count(*) as n from audit_log where action = ${action}`,
      ),
    )[0]?.n,
  )

const headOf = async (db: XfDb, lane: number) =>
  rowsOf<{ seq: string | number; hash: string }>(
    await db.execute(sql`select seq, hash from audit_lane_heads where lane = ${lane}`),
  )[0]

/** `db` whose `execute` waits until `open()`: what the appender sends is held, so the order is seen without timing. */
const gatedExecute = (db: XfDb) => {
  let open: () => void = () => {}
  const gate = new Promise<void>((r) => {
    open = r
  })
  let held = 0
  // Every `execute` reached from the handle is held: the handle's own and a prepared statement's (the appender's
  // statement is built with `db.select(…)…prepare(name)`, so the objects the chain returns are wrapped too).
  const wrap = <T extends object>(o: T): T =>
    new Proxy(o, {
      get: (target, prop, receiver) => {
        const v = Reflect.get(target, prop, receiver)
        if (typeof v !== "function") return v
        if (prop === "execute")
          return async (...args: unknown[]) => {
            held++
            await gate
            return v.apply(target, args)
          }
        return (...args: unknown[]) => {
          const out = v.apply(target, args)
          return out !== null && typeof out === "object" && !(out instanceof Promise) ? wrap(out) : out
        }
      },
    })
  return { db: wrap(db), open: () => open(), held: () => held }
}

/** Lets every pending callback run (no timer: only the event loop's turns). */
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r))
}

describe.each(backends)("audit appender on $name", (backend) => {
  let database: Database | undefined
  const db = () => {
    if (database === undefined) throw new Error("database not open")
    return database.db
  }
  beforeAll(async () => {
    // As the API's role: the batch needs nothing the role lacks (the sequence, the partitions' function).
    database = await backend.open({ role: "xianfeng_app" })
  }, 300_000)
  afterAll(async () => {
    await database?.close()
  })

  it("chains a batch's rows on one lane in seq order, in the order given", async () => {
    const entries = [0, 1, 2, 3, 4].map((i) => entry("batch.order", i))
    const { lane, seqs } = await appendAuditBatch(db(), entries)
    expect(seqs).toHaveLength(5)
    const rows = rowsOf<{ seq: string | number; lane: number; object_id: string }>(
      await db().execute(
        sql`select seq, lane, object_id from audit_log where action = 'batch.order' order by seq`,
      ),
    )
    expect(rows.map((r) => r.object_id)).toEqual(["m0", "m1", "m2", "m3", "m4"])
    expect(rows.map((r) => Number(r.seq))).toEqual(seqs)
    expect(new Set(rows.map((r) => Number(r.lane)))).toEqual(new Set([lane]))
    const [head] = rowsOf<{ seq: string | number }>(
      await db().execute(sql`select seq from audit_lane_heads where lane = ${lane}`),
    )
    expect(Number(head?.seq)).toBe(seqs[4])
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true })
  })

  it("writes every entry of many concurrent reads, most of them in one batch, interleaved with in-transaction appends", async () => {
    const appender = createAuditAppender(db())
    const reads = Array.from({ length: 50 }, (_, i) => appender.append([entry("batch.read", i)]))
    const writes = Array.from({ length: 6 }, (_, i) =>
      db().transaction((tx) => appendAudit(tx, entry("batch.write", i))),
    )
    await Promise.all([...reads, ...writes])
    expect(await count(db(), "batch.read")).toBe(50)
    expect(await count(db(), "batch.write")).toBe(6)
    // Two lone batches start at once; the other 48 reads wait for one of them and go together.
    const [biggest] = rowsOf<{ n: string | number }>(
      await db().execute(
        sql`select count(*) as n from audit_log where action = 'batch.read' group by lane order by 1 desc limit 1`,
      ),
    )
    expect(Number(biggest?.n)).toBeGreaterThanOrEqual(48)
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true })
    await appender.close()
  })

  it("shares the lanes between two appenders (two processes) and writers without breaking a chain", async () => {
    const a = createAuditAppender(db(), { concurrency: 3 })
    const b = createAuditAppender(db(), { concurrency: 3 })
    const before = await count(db())
    const work: Promise<unknown>[] = []
    for (let i = 0; i < 40; i++) {
      work.push((i % 2 ? a : b).append([entry("two.read", i), entry("two.read-more", i)]))
      if (i % 8 === 0) work.push(db().transaction((tx) => appendAudit(tx, entry("two.write", i))))
    }
    await Promise.all(work)
    expect(await count(db())).toBe(before + 80 + 5)
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true })
    await Promise.all([a.close(), b.close()])
  })

  it("keeps two appenders given first lanes apart (the processes of one server), and refuses a lane that is none", async () => {
    expect(() => createAuditAppender(db(), { firstLane: AUDIT_LANES })).toThrow(RangeError)
    expect(() => createAuditAppender(db(), { firstLane: -1 })).toThrow(RangeError)
    const a = createAuditAppender(db(), { firstLane: 4 })
    const b = createAuditAppender(db(), { firstLane: 6 })
    // One entry at a time: each appender has one batch in flight, on its first lane.
    for (let i = 0; i < 6; i++) {
      await a.append([entry("first.a", i)])
      await b.append([entry("first.b", i)])
    }
    const lanes = rowsOf<{ action: string; lane: number }>(
      await db().execute(
        sql`select distinct action, lane from audit_log where action in ('first.a', 'first.b') order by 1`,
      ),
    ).map((r) => `${r.action}:${Number(r.lane)}`)
    expect(lanes).toEqual(["first.a:4", "first.b:6"])
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true })
    await Promise.all([a.close(), b.close()])
  })

  it("writes nothing of a failed batch, refuses each of its entries, and goes on with the next", async () => {
    const appender = createAuditAppender(db(), { concurrency: 1 })
    const before = await count(db())
    // The first goes alone; the next two wait and share a batch, which a row with no possible partition fails.
    const first = appender.append([entry("fail.first", 0)])
    const good = appender.append([entry("fail.good", 1)])
    const bad = appender.append([{ ...entry("fail.bad", 2), at: new Date("2300-01-01T00:00:00Z") }])
    await first
    await expect(good).rejects.toThrow()
    await expect(bad).rejects.toThrow()
    await appender.append([entry("fail.after", 3)])
    expect(await count(db())).toBe(before + 2)
    expect(await count(db(), "fail.good")).toBe(0)
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true })
    await appender.close()
  })

  it("waits on close for what is queued, and refuses appends after", async () => {
    const appender = createAuditAppender(db())
    const queued = Array.from({ length: 5 }, (_, i) => appender.append([entry("close.queued", i)]))
    await appender.close()
    expect(await count(db(), "close.queued")).toBe(5)
    await Promise.all(queued)
    await expect(appender.append([entry("close.late", 0)])).rejects.toThrow(/closed/)
  })

  it("writes a batch on a lane in one statement only when the lane's head is the one it was chained from", async () => {
    const lane = 3
    const head = await headOf(db(), lane)
    if (head === undefined) throw new Error("no head for lane 3")
    // A stale head: nothing is written, and the head found comes back.
    const stale = await appendAuditOnLane(db(), lane, "f".repeat(64), [entry("lane.stale", 0)])
    expect(stale).toEqual({ written: false, busy: false, head: head.hash })
    expect(await count(db(), "lane.stale")).toBe(0)
    // From the head: written in the given order, seq order within the lane, the head moved to the last row.
    const r = await appendAuditOnLane(
      db(),
      lane,
      head.hash,
      [0, 1, 2].map((i) => entry("lane.fresh", i)),
    )
    if (!r.written) throw new Error("not written")
    const rows = rowsOf<{
      seq: string | number
      lane: number
      object_id: string
      prev_hash: string
      hash: string
    }>(
      await db().execute(
        sql`select seq, lane, object_id, prev_hash, hash from audit_log where action = 'lane.fresh' order by seq`,
      ),
    )
    expect(rows.map((x) => x.object_id)).toEqual(["m0", "m1", "m2"])
    expect(rows.map((x) => Number(x.seq))).toEqual(r.seqs)
    expect(rows.map((x) => Number(x.lane))).toEqual([lane, lane, lane])
    expect(rows.map((x) => x.prev_hash)).toEqual([head.hash, rows[0]?.hash, rows[1]?.hash])
    expect(await headOf(db(), lane)).toEqual({ seq: expect.anything(), hash: r.hash })
    expect(Number((await headOf(db(), lane))?.seq)).toBe(r.seqs[2])
    expect(r.hash).toBe(rows[2]?.hash)
    // The same chain sent again (a retry after an unanswered call) is refused: the head has moved.
    const again = await appendAuditOnLane(
      db(),
      lane,
      head.hash,
      [0, 1, 2].map((i) => entry("lane.fresh", i)),
    )
    expect(again).toMatchObject({ written: false, busy: false, head: r.hash })
    expect(await count(db(), "lane.fresh")).toBe(3)
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true })
  })

  it("answers only once the batch is committed", async () => {
    const gate = gatedExecute(db())
    const appender = createAuditAppender(gate.db)
    let answered = false
    const read = appender.append([entry("durable.read", 0)]).then(() => {
      answered = true
    })
    await settle()
    expect(gate.held()).toBeGreaterThan(0)
    expect(answered).toBe(false)
    expect(await count(db(), "durable.read")).toBe(0)
    gate.open()
    await read
    expect(await count(db(), "durable.read")).toBe(1)
    await appender.close()
  })

  it("keeps one request's entries together and in order, and catches up when other appenders moved every lane", async () => {
    const appender = createAuditAppender(db(), { concurrency: 2 })
    await appender.append([entry("catch.warm", 0)])
    // Another process moves every lane: the heads this appender remembers are all stale now.
    for (let lane = 0; lane < AUDIT_LANES; lane++) {
      const head = await headOf(db(), lane)
      expect(
        await appendAuditOnLane(db(), lane, head?.hash ?? null, [entry("catch.other", lane)]),
      ).toMatchObject({
        written: true,
      })
    }
    await db().transaction((tx) => appendAudit(tx, entry("catch.write", 0)))
    const requests = Array.from({ length: 12 }, (_, i) =>
      appender.append([entry(`catch.req${i}`, 0), entry(`catch.req${i}`, 1), entry(`catch.req${i}`, 2)]),
    )
    await Promise.all(requests)
    for (let i = 0; i < 12; i++) {
      const rows = rowsOf<{ lane: number; object_id: string; prev_hash: string; hash: string }>(
        await db().execute(
          sql`select lane, object_id, prev_hash, hash from audit_log where action = ${`catch.req${i}`} order by seq`,
        ),
      )
      // Together on one lane, in the order given, each linked to the one before.
      expect(rows.map((x) => x.object_id)).toEqual(["m0", "m1", "m2"])
      expect(new Set(rows.map((x) => Number(x.lane))).size).toBe(1)
      expect(rows[1]?.prev_hash).toBe(rows[0]?.hash)
      expect(rows[2]?.prev_hash).toBe(rows[1]?.hash)
    }
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true })
    await appender.close()
  })

  it.runIf(backend.name === "postgres")(
    "skips a lane whose head another transaction holds, and waits for one only when all are held",
    async () => {
      const heads = await Promise.all(Array.from({ length: AUDIT_LANES }, (_, lane) => headOf(db(), lane)))
      const appender = createAuditAppender(db(), { concurrency: 1 })
      await db().transaction(async (tx) => {
        await tx.execute(sql`select lane from audit_lane_heads where lane = 5 for update`)
        // Lane 5 is held by an open transaction: the direct call says so, the appender writes elsewhere.
        expect(await appendAuditOnLane(db(), 5, heads[5]?.hash ?? null, [entry("held.direct", 0)])).toEqual({
          written: false,
          busy: true,
        })
        for (let i = 0; i < 10; i++) await appender.append([entry("held.read", i)])
      })
      const lanes = rowsOf<{ lane: number }>(
        await db().execute(sql`select distinct lane from audit_log where action = 'held.read'`),
      ).map((r) => Number(r.lane))
      expect(lanes).not.toContain(5)
      expect(await count(db(), "held.read")).toBe(10)
      // Every lane held: the batch waits for one instead of failing, and lands once it is free.
      let landed = false
      let waiting: Promise<void> = Promise.resolve()
      await db().transaction(async (tx) => {
        await tx.execute(sql`select lane from audit_lane_heads for update`)
        waiting = appender.append([entry("held.all", 0)]).then(() => {
          landed = true
        })
        await settle()
        expect(landed).toBe(false)
      })
      await waiting
      await appender.close()
      expect(landed).toBe(true)
      expect(await count(db(), "held.all")).toBe(1)
      expect(await verifyAuditChain(db())).toMatchObject({ ok: true })
    },
  )

  it("starts every PostgreSQL connection with JIT off (its compile time dwarfed short scoped reads)", async () => {
    if (backend.name !== "postgres") return
    for (const handle of [db(), database?.auditDb]) {
      if (handle === undefined) throw new Error("no auditDb on PostgreSQL")
      const [row] = rowsOf<{ jit: string }>(await handle.execute(sql`show jit`))
      expect(row?.jit).toBe("off")
    }
  })

  it("gives the appender a pool of its own on PostgreSQL, as the API's role", async () => {
    const auditDb = database?.auditDb
    if (backend.name !== "postgres") {
      expect(auditDb).toBeUndefined()
      return
    }
    if (auditDb === undefined) throw new Error("no auditDb on PostgreSQL")
    const [who] = rowsOf<{ r: string }>(await auditDb.execute(sql`select current_user as r`))
    expect(who?.r).toBe("xianfeng_app")
    const appender = createAuditAppender(auditDb)
    await Promise.all(Array.from({ length: 20 }, (_, i) => appender.append([entry("own.read", i)])))
    await appender.close()
    expect(await count(db(), "own.read")).toBe(20)
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true })
  })
})
