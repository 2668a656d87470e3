import { sql } from "drizzle-orm"
import { afterAll, describe, expect, it } from "vitest"
import { AUDIT_LANES, appendAudit, auditHash, GENESIS_HASH, verifyAuditChain } from "../src/audit.js"
import { auditPartitions } from "../src/audit-retention.js"
import { rowsOf } from "../src/database.js"
import { folderBeforeMigration, migrationIndex } from "./support/before-migration.js"

// The partitioning migration moves the rows an existing audit log holds: each into its month's partition, the
// chain unchanged, each lane's head seeded from its newest row, and new rows chaining on.

const partitioning = migrationIndex("audit_log_partitioned_by_month")

describe("the audit log partitioning migration on pglite", () => {
  const folder = folderBeforeMigration(partitioning)
  afterAll(() => folder.remove())

  it("moves an existing log into month partitions, chain and heads intact", async () => {
    expect(partitioning).toBeGreaterThan(0)
    // The migrations before it, as an older release shipped them.
    const old = await folder.openOld()
    const heads = new Map<number, string>()
    try {
      // Rows over three months in every lane, chained as the unpartitioned log chained them.
      for (let i = 0; i < 24; i++) {
        const lane = i % AUDIT_LANES
        const prevHash = heads.get(lane) ?? GENESIS_HASH
        const fields = {
          lane,
          at: new Date(Date.UTC(2026, 8 + (i % 3), 10, 8)),
          actorId: null,
          actorRole: null,
          action: "member.read",
          objectType: "member",
          objectId: `m${i}`,
          result: "ok",
          details: { i },
        }
        const hash = auditHash(prevHash, fields)
        heads.set(lane, hash)
        await old.db.execute(sql`insert into audit_log (lane, at, action, object_type, object_id, result, details, prev_hash, hash)
          values (${lane}, ${fields.at.toISOString()}::timestamptz, 'member.read', 'member', ${fields.objectId}, 'ok', ${JSON.stringify(fields.details)}::jsonb, ${prevHash}, ${hash})`)
      }
      expect(await verifyAuditChain(old.db)).toEqual({ ok: true, rows: 24 })
    } finally {
      await old.close()
    }
    const migrated = await folder.openMigrated()
    try {
      expect(await verifyAuditChain(migrated.db)).toEqual({ ok: true, rows: 24 })
      const placed = rowsOf<{ part: string; month: string; n: number | string }>(
        await migrated.db.execute(
          sql`select tableoid::regclass::text as part, to_char(at at time zone 'UTC', 'YYYY"m"MM') as month, count(*) as n from audit_log group by 1, 2 order by 2`,
        ),
      )
      expect(placed.map((p) => [p.part, Number(p.n)])).toEqual([
        ["audit_partitions.audit_log_y2026m09", 8],
        ["audit_partitions.audit_log_y2026m10", 8],
        ["audit_partitions.audit_log_y2026m11", 8],
      ])
      expect((await auditPartitions(migrated.db)).map((p) => p.name)).toEqual(
        expect.arrayContaining([
          "audit_log_y2026m09",
          "audit_log_y2026m10",
          "audit_log_y2026m11",
          "audit_log_y2026m12",
        ]),
      )
      const seeded = rowsOf<{ lane: number; hash: string }>(
        await migrated.db.execute(sql`select lane, hash from audit_lane_heads order by lane`),
      )
      expect(seeded.map((h) => [Number(h.lane), h.hash])).toEqual(
        [...heads.entries()].sort((a, b) => a[0] - b[0]),
      )
      for (let i = 0; i < 16; i++)
        await migrated.db.transaction((tx) => appendAudit(tx, { action: "member.read", result: "ok" }))
      expect(await verifyAuditChain(migrated.db)).toEqual({ ok: true, rows: 40 })
    } finally {
      await migrated.close()
    }
  }, 900_000)
})
