import { sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type AuditEntry,
  appendAudit,
  appendAuditBatch,
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
})
