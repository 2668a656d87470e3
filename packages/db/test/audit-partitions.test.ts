import { sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { AUDIT_LANES, appendAudit, auditHeads, verifyAuditChain, verifyAuditHeads } from "../src/audit.js"
import { auditPartitions, pruneAuditLog } from "../src/audit-retention.js"
import { type Database, rowsOf, type XfDb } from "../src/database.js"
import { backends } from "./support/backends.js"

// The audit log partitioned by month (migration audit_log_partitioned_by_month, docs/security.md): each row in
// its month's partition, created on demand with the next month's; retention drops whole months and the rest
// still verifies; the API's role cannot reach, detach or drop a partition.

const day = (iso: string) => new Date(`${iso}T08:00:00Z`)

const refusal = async (work: Promise<unknown>): Promise<string> => {
  try {
    await work
  } catch (e) {
    return e instanceof Error && e.cause instanceof Error ? e.cause.message : String(e)
  }
  return "not refused"
}

const append = (db: XfDb, at: Date, i: number) =>
  db.transaction((tx) => appendAudit(tx, { at, action: "member.read", result: "ok", details: { i } }))

const partitionNames = async (db: XfDb) => (await auditPartitions(db)).map((p) => p.name)

describe.each(backends)("audit log partitions on $name", (backend) => {
  let database: Database | undefined
  const db = () => {
    if (database === undefined) throw new Error("database not open")
    return database.db
  }
  let stragglerSeq = 0
  beforeAll(async () => {
    database = await backend.open()
    let i = 0
    for (const month of ["2025-01-15", "2025-02-15", "2025-03-15"])
      for (let n = 0; n < 5; n++) await append(db(), day(month), i++)
    // April rows until every lane holds one, then a row dated March (a clock set back) after them.
    for (;;) {
      const [lanes] = rowsOf<{ n: number | string }>(
        await db().execute(sql`select count(distinct lane) as n from audit_log where at >= '2025-04-01'`),
      )
      if (Number(lanes?.n) === AUDIT_LANES || i > 400) break
      await append(db(), day("2025-04-15"), i++)
    }
    stragglerSeq = (await append(db(), day("2025-03-20"), i++)).seq
    // Some 30 transactions after a migrated open: minutes on a loaded 2-core box.
  }, 600_000)
  afterAll(async () => {
    await database?.close()
  })

  it("puts each row in its month's partition and creates the next month's ahead, no others", async () => {
    const rows = rowsOf<{ part: string; month: string }>(
      await db().execute(
        sql`select tableoid::regclass::text as part, to_char(at at time zone 'UTC', 'YYYY"m"MM') as month from audit_log`,
      ),
    )
    expect(rows.length).toBeGreaterThan(15)
    for (const r of rows) expect(r.part).toBe(`audit_partitions.audit_log_y${r.month}`)
    const names = await partitionNames(db())
    // The months written and each next month; the migration also made this month's and the next.
    expect(names).toEqual(
      expect.arrayContaining([
        "audit_log_y2025m01",
        "audit_log_y2025m02",
        "audit_log_y2025m03",
        "audit_log_y2025m04",
        "audit_log_y2025m05",
      ]),
    )
    expect(names).not.toContain("audit_log_y2024m12")
    expect(names).not.toContain("audit_log_y2025m06")
  })

  it("drops the months before the cut, keeps a month that holds a kept row, and the rest verifies", async () => {
    const heads = await auditHeads(db())
    const archived: number[] = []
    const result = await pruneAuditLog(db(), {
      cutAt: new Date("2025-04-01T00:00:00Z"),
      now: new Date("2025-05-02T00:00:00Z"),
      archive: {
        name: "audit-before-2025-04.jsonl",
        write: async (rows) => void archived.push(...rows.map((r) => r.seq)),
      },
    })
    expect(result.rows).toBe(15)
    expect(archived).toHaveLength(15)
    expect(result.droppedPartitions).toEqual(["audit_log_y2025m01", "audit_log_y2025m02"])
    const names = await partitionNames(db())
    expect(names).not.toContain("audit_log_y2025m01")
    expect(names).toContain("audit_log_y2025m03")
    // March keeps only the row written after its lane's first April row; its other rows were deleted.
    const march = rowsOf<{ seq: number | string }>(
      await db().execute(sql`select seq from audit_partitions.audit_log_y2025m03`),
    )
    expect(march.map((r) => Number(r.seq))).toEqual([stragglerSeq])
    const verdict = await verifyAuditChain(db())
    expect(verdict.ok).toBe(true)
    // From the genesis hash instead of the anchors, the first kept row of a lane no longer links.
    expect((await verifyAuditChain(db(), 2_000, { from: { at: "", lanes: [] } })).ok).toBe(false)
    expect(await verifyAuditHeads(db(), heads)).toEqual({ ok: true })
    // New rows chain on, in every lane, after the prune.
    for (let i = 0; i < 16; i++) await append(db(), day("2025-05-20"), 1000 + i)
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true })
  })

  it("finds the newest month's partition dropped by the owner through the heads kept elsewhere", async () => {
    for (let i = 0; i < 12; i++) await append(db(), day("2025-06-10"), 2000 + i)
    const heads = await auditHeads(db(), new Date("2025-06-11T00:00:00Z"))
    await db().execute(sql`alter table audit_log detach partition audit_partitions.audit_log_y2025m06`)
    await db().execute(sql`drop table audit_partitions.audit_log_y2025m06`)
    // The chain alone cannot see it: every remaining row still links to its predecessor.
    expect((await verifyAuditChain(db())).ok).toBe(true)
    expect(await verifyAuditHeads(db(), heads)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/missing: rows were deleted from the end of the lane/),
    })
  })
})

describe.each(backends)("audit log partitions and the API's role on $name", (backend) => {
  let database: Database | undefined
  const db = () => {
    if (database === undefined) throw new Error("database not open")
    return database.db
  }
  beforeAll(async () => {
    database = await backend.open({ role: "xianfeng_app" })
  }, 600_000)
  afterAll(async () => {
    await database?.close()
  })

  it("lets the role append to a month without a partition, and never reach, detach or drop one", async () => {
    const [who] = rowsOf<{ role: string }>(await db().execute(sql`select current_user as role`))
    expect(who?.role).toBe("xianfeng_app")
    await append(db(), day("2024-07-15"), 1)
    expect(await partitionNames(db())).toEqual(
      expect.arrayContaining(["audit_log_y2024m07", "audit_log_y2024m08"]),
    )
    const part = sql`audit_partitions.audit_log_y2024m07`
    expect(await refusal(db().execute(sql`select * from ${part}`))).toMatch(/permission denied/)
    expect(await refusal(db().execute(sql`delete from ${part}`))).toMatch(/permission denied/)
    expect(await refusal(db().execute(sql`truncate ${part}`))).toMatch(/permission denied/)
    expect(await refusal(db().execute(sql`drop table ${part}`))).toMatch(/permission denied|must be owner/)
    expect(await refusal(db().execute(sql`alter table audit_log detach partition ${part}`))).toMatch(
      /permission denied|must be owner/,
    )
    expect(await refusal(db().execute(sql`update audit_lane_heads set hash = 'x' where false`))).toBe(
      "not refused",
    )
    expect(await refusal(db().execute(sql`delete from audit_lane_heads`))).toMatch(/permission denied/)
    expect(await refusal(db().execute(sql`insert into audit_lane_heads values (99, 0, 'x')`))).toMatch(
      /permission denied/,
    )
    expect(await partitionNames(db())).toContain("audit_log_y2024m07")
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true })
  })
})
