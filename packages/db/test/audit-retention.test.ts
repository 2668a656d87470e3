import { sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { appendAudit, verifyAuditChain } from "../src/audit.js"
import { pruneAuditLog, retentionCut } from "../src/audit-retention.js"
import { type Database, rowsOf } from "../src/database.js"
import { type AuditRow, auditAnchors, auditLog } from "../src/schema/index.js"
import { backends } from "./support/backends.js"

// Retention (docs/security.md): the monthly job archives and removes the rows before a month's first instant,
// leaving each lane's anchor so the rest still verifies; nobody else can delete an audit row.

const day = (iso: string) => new Date(`${iso}T08:00:00Z`)

const refusal = async (work: Promise<unknown>): Promise<string> => {
  try {
    await work
  } catch (e) {
    return e instanceof Error && e.cause instanceof Error ? e.cause.message : String(e)
  }
  return "not refused"
}

describe.each(backends)("audit retention on $name", (backend) => {
  let database: Database | undefined
  const db = () => {
    if (database === undefined) throw new Error("database not open")
    return database.db
  }
  const archived: AuditRow[] = []
  beforeAll(async () => {
    database = await backend.open()
    // 60 rows over three months, spread over the lanes at random as the API writes them.
    for (let i = 0; i < 60; i++) {
      const at = day(i < 20 ? "2025-01-15" : i < 40 ? "2025-02-15" : "2025-03-15")
      await db().transaction((tx) =>
        appendAudit(tx, { at, action: "member.read", result: "ok", details: { i } }),
      )
    }
  })
  afterAll(async () => {
    await database?.close()
  })

  it("cuts at the first instant of a month, so many months back", () => {
    expect(retentionCut(new Date("2029-01-10T00:00:00Z"), 36).toISOString()).toBe("2026-01-01T00:00:00.000Z")
    expect(retentionCut(new Date("2026-03-31T23:59:59Z"), 1).toISOString()).toBe("2026-02-01T00:00:00.000Z")
  })

  it("refuses a DELETE of an audit row outside the job, even from the owner", async () => {
    expect(await refusal(db().execute(sql`delete from audit_log where true`))).toMatch(/append-only/)
    // The setting alone is not enough: no anchor covers the rows.
    expect(
      await refusal(
        db().transaction(async (tx) => {
          await tx.execute(sql`select set_config('xianfeng.audit_prune', 'on', true)`)
          await tx.execute(sql`delete from audit_log where true`)
        }),
      ),
    ).toMatch(/append-only/)
  })

  it("archives and removes the rows before the cut; the rest verifies from the stored anchors", async () => {
    const cutAt = new Date("2025-03-01T00:00:00Z")
    const result = await pruneAuditLog(db(), {
      cutAt,
      now: new Date("2028-04-02T00:00:00Z"),
      archive: { name: "audit-2025-02.jsonl", write: async (rows) => void archived.push(...rows) },
    })
    expect(result.rows).toBe(40)
    expect(archived).toHaveLength(40)
    expect(archived.every((r) => r.at < cutAt)).toBe(true)
    expect(new Set(archived.map((r) => (r.details as { i: number }).i))).toEqual(
      new Set(Array.from({ length: 40 }, (_, i) => i)),
    )
    const kept = await db().select().from(auditLog)
    // The 20 March rows and the job's own `audit.prune` row.
    expect(kept.filter((r) => r.action === "member.read")).toHaveLength(20)
    expect(kept.find((r) => r.action === "audit.prune")?.details).toMatchObject({ rows: 40 })
    const anchors = await db().select().from(auditAnchors)
    expect(anchors.reduce((n, a) => n + a.rows, 0)).toBe(40)
    expect(await verifyAuditChain(db())).toEqual({ ok: true, rows: 21 })
    // From the genesis instead of the anchors, the first kept row of a pruned lane no longer links.
    expect((await verifyAuditChain(db(), 2_000, { from: { at: "", lanes: [] } })).ok).toBe(false)
  })

  it("still finds a kept row removed later, and anchors that cannot be changed", async () => {
    const [victim] = rowsOf<{ seq: number }>(
      // A kept row with a later row in its lane (the lanes are chosen at random; deleting a lane's newest row
      // is what the exported heads catch, not the chain).
      await db().execute(
        sql`select seq from audit_log a where action = 'member.read' and exists (select 1 from audit_log b where b.lane = a.lane and b.seq > a.seq) order by seq limit 1`,
      ),
    )
    await db().execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`)
    await db().execute(sql`delete from audit_log where seq = ${victim?.seq ?? 0}`)
    await db().execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`)
    expect((await verifyAuditChain(db())).ok).toBe(false)
    expect(await refusal(db().execute(sql`update audit_anchors set seq = seq + 1`))).toMatch(/append-only/)
    expect(await refusal(db().execute(sql`delete from audit_anchors`))).toMatch(/append-only/)
  })

  it("refuses a cut that is not the first instant of a month", async () => {
    await expect(
      pruneAuditLog(db(), {
        cutAt: new Date("2025-03-02T00:00:00Z"),
        now: new Date("2028-04-02T00:00:00Z"),
        archive: { name: "x", write: async () => {} },
      }),
    ).rejects.toThrow(/first instant of a month/)
  })
})
