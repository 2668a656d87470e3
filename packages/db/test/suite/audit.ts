import { sql } from "drizzle-orm"
import { describe, expect, it } from "vitest"
import {
  appendAudit,
  auditHeads,
  rebuildAuditLaneHeads,
  verifyAuditChain,
  verifyAuditHeads,
} from "../../src/audit.js"
import type { XfDb } from "../../src/database.js"
import { auditLog } from "../../src/schema/index.js"
import type { SuiteContext } from "./context.js"

/** Runs `statement` with the append-only trigger off, as a superuser could, then turns it back on. */
const tamper = async (db: XfDb, statement: ReturnType<typeof sql>) =>
  db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`)
    await tx.execute(statement)
    await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`)
  })

export const auditSuite = (ctx: SuiteContext) =>
  describe("audit log", () => {
    it("chains rows appended in callers' transactions and verifies them", async () => {
      const { db } = ctx.database()
      const before = await verifyAuditChain(db)
      const baseline = before.ok ? before.rows : Number.NaN
      for (let i = 0; i < 5; i++) {
        await db.transaction((tx) =>
          appendAudit(tx, {
            actorId: "u1",
            actorRole: "district-admin",
            action: "member.read",
            objectType: "member",
            objectId: `m${i}`,
            result: "ok",
            details: { fields: ["name", "idNumberMasked"], ip: "127.0.0.1", nested: { b: 1, a: [1, "二"] } },
          }),
        )
      }
      // a rolled-back transaction leaves no row and no gap in the chain
      await expect(
        db.transaction(async (tx) => {
          await appendAudit(tx, { action: "member.update", result: "ok" })
          throw new Error("rollback")
        }),
      ).rejects.toThrow("rollback")
      // concurrent appends serialize on the advisory lock
      await Promise.all(
        [1, 2, 3].map((i) =>
          db.transaction((tx) => appendAudit(tx, { action: "auth.login", result: "ok", objectId: `c${i}` })),
        ),
      )
      expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: baseline + 8 })
    })

    it("refuses UPDATE, DELETE and TRUNCATE, even for a superuser", async () => {
      const { db } = ctx.database()
      await expect(db.execute(sql`update audit_log set result = 'denied'`)).rejects.toThrow()
      await expect(db.execute(sql`delete from audit_log`)).rejects.toThrow()
      await expect(db.execute(sql`truncate audit_log`)).rejects.toThrow()
      expect((await verifyAuditChain(db)).ok).toBe(true)
    })

    const rowSeqs = async (db: XfDb) =>
      (await db.select({ seq: auditLog.seq }).from(auditLog).orderBy(auditLog.seq)).map((r) => r.seq)

    it.each([
      ["result", (seq: number) => sql`update audit_log set result = 'denied' where seq = ${seq}`],
      [
        "details",
        (seq: number) => sql`update audit_log set details = '{"ip":"10.0.0.1"}' where seq = ${seq}`,
      ],
      ["at", (seq: number) => sql`update audit_log set at = at + interval '1 second' where seq = ${seq}`],
      [
        "hash recomputed by hand",
        (seq: number) => sql`update audit_log set object_id = 'mX', hash = md5('x') where seq = ${seq}`,
      ],
    ])("detects an edited %s", async (_, edit) => {
      const { db } = ctx.database()
      const seqs = await rowSeqs(db)
      const target = seqs[2] ?? 0
      const [original] = await db.select().from(auditLog).where(sql`seq = ${target}`)
      await tamper(db, edit(target))
      const verdict = await verifyAuditChain(db)
      expect(verdict).toMatchObject({ ok: false })
      expect(verdict.ok === false && [target, seqs[3]]).toContain(verdict.ok === false && verdict.brokenAt)
      if (original === undefined) throw new Error("setup")
      await tamper(
        db,
        sql`update audit_log set result = ${original.result}, details = ${JSON.stringify(original.details)}::jsonb,
              at = ${original.at.toISOString()}::timestamptz, object_id = ${original.objectId}, hash = ${original.hash}
            where seq = ${target}`,
      )
      expect((await verifyAuditChain(db)).ok).toBe(true)
    })

    it("detects a row moved to another lane", async () => {
      const { db } = ctx.database()
      expect((await verifyAuditChain(db)).ok).toBe(true)
      const [row] = await db
        .select({ seq: auditLog.seq, lane: auditLog.lane })
        .from(auditLog)
        .orderBy(auditLog.seq)
        .limit(1)
      if (row === undefined) throw new Error("empty log")
      await tamper(db, sql`update audit_log set lane = ${(row.lane + 1) % 8} where seq = ${row.seq}`)
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: row.seq })
      await tamper(db, sql`update audit_log set lane = ${row.lane} where seq = ${row.seq}`)
      expect((await verifyAuditChain(db)).ok).toBe(true)
    })

    it("detects the newest rows of a lane deleted, which the chain alone cannot, by the heads kept elsewhere", async () => {
      const { db } = ctx.database()
      for (let i = 0; i < 24; i++) {
        await db.transaction((tx) =>
          appendAudit(tx, { action: "member.read", objectId: `h${i}`, result: "ok" }),
        )
      }
      const heads = await auditHeads(db, new Date("2026-11-30T04:00:00Z"))
      expect(heads.lanes.length).toBeGreaterThan(1)
      expect(await verifyAuditHeads(db, heads)).toEqual({ ok: true })
      // Rows appended after the export are not the heads' business.
      await db.transaction((tx) => appendAudit(tx, { action: "member.read", result: "ok" }))
      expect(await verifyAuditHeads(db, heads)).toEqual({ ok: true })
      const [, head] = heads.lanes
      if (head === undefined) throw new Error("no second lane")
      const [newest] = await db
        .select({ seq: auditLog.seq })
        .from(auditLog)
        .where(sql`${auditLog.lane} = ${head.lane}`)
        .orderBy(sql`${auditLog.seq} desc`)
        .limit(1)
      await tamper(db, sql`delete from audit_log where lane = ${head.lane} and seq >= ${head.seq}`)
      expect(newest?.seq).toBeGreaterThanOrEqual(head.seq)
      expect((await verifyAuditChain(db)).ok).toBe(true)
      expect(await verifyAuditHeads(db, heads)).toEqual({
        ok: false,
        lane: head.lane,
        seq: head.seq,
        reason: `lane ${head.lane}: its head of 2026-11-30T04:00:00.000Z (seq ${head.seq}) is missing: rows were deleted from the end of the lane`,
      })
    })

    it("detects a deleted row at the next row of its lane", async () => {
      const { db } = ctx.database()
      const rows = await db
        .select({ seq: auditLog.seq, lane: auditLog.lane })
        .from(auditLog)
        .orderBy(auditLog.seq)
      const victim = rows.find((r, i) => rows.slice(i + 1).some((l) => l.lane === r.lane))
      if (victim === undefined) throw new Error("no lane holds two rows")
      const next = rows.find((r) => r.seq > victim.seq && r.lane === victim.lane)
      await tamper(db, sql`delete from audit_log where seq = ${victim.seq}`)
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: next?.seq })
    })

    it("verifies what retention kept from the heads of what it dropped", async () => {
      const { db } = ctx.database()
      // Earlier tests deleted rows behind the lane heads' back (tamper): a lane's next row would link to its deleted
      // newest row, which is how such a deletion shows in the chain from the next append on. Set the heads from
      // what the log holds, as retention leaves them.
      await db.transaction((tx) => rebuildAuditLaneHeads(tx))
      // Whatever earlier tests left, the part up to here is what retention drops; its heads are the anchors.
      const anchors = await auditHeads(db)
      const cut = Math.max(...anchors.lanes.map((l) => l.seq))
      for (let i = 0; i < 16; i++) {
        await db.transaction((tx) =>
          appendAudit(tx, { action: "member.read", objectId: `k${i}`, result: "ok" }),
        )
      }
      await tamper(db, sql`delete from audit_log where seq <= ${cut}`)
      // From the genesis hash the first kept row of a lane no longer links.
      expect((await verifyAuditChain(db)).ok).toBe(false)
      expect(await verifyAuditChain(db, 5, { from: anchors })).toEqual({ ok: true, rows: 16 })
      // A kept row removed after the cut is still found, at the next row of its lane.
      const kept = await db
        .select({ seq: auditLog.seq, lane: auditLog.lane })
        .from(auditLog)
        .orderBy(auditLog.seq)
      const first = kept.find((r, i) => kept.slice(i + 1).some((l) => l.lane === r.lane))
      if (first === undefined) throw new Error("no lane kept two rows")
      const next = kept.filter((r) => r.lane === first.lane && r.seq > first.seq)
      await tamper(db, sql`delete from audit_log where seq = ${first.seq}`)
      const verdict = await verifyAuditChain(db, 2_000, { from: anchors })
      expect(verdict.ok).toBe(false)
      expect(verdict).toMatchObject({ brokenAt: next[0]?.seq })
    })
  })
