import { and, asc, desc, eq, gt, gte, lte, min, sql } from "drizzle-orm"
import { AUDIT_LANES, appendAudit } from "./audit.js"
import type { XfDb } from "./database.js"
import { type AuditRow, auditAnchors, auditLog } from "./schema/index.js"

/**
 * Retention of the audit log (审计记录保留; GB/T 22239-2019 8.1.4.3 d 对审计记录进行保护，定期备份; 网络安全法
 * 第二十一条: network logs kept at least six months). The policy keeps three full calendar years; this is the
 * monthly job that removes what is older, keeping the chain verifiable:
 *
 * 1. the cut is the first instant of a month (UTC); in each lane, the rows before the first row written at or
 *    after the cut are removed — a whole prefix of the lane, so the first kept row still names its
 *    predecessor's hash;
 * 2. those rows go to the caller's archive first (`write`, in `seq` order, in batches), in the same
 *    transaction that removes them, so a failed write removes nothing;
 * 3. each lane's anchor — the last removed row's `seq` and `hash` — goes to `audit_anchors`; the trigger of
 *    migration 0014 lets the owner's transaction delete only rows covered by an anchor, and only with
 *    `xianfeng.audit_prune` set; `xianfeng_app` can delete nothing;
 * 4. `verifyAuditChain` then starts each lane at its anchor (`storedAuditAnchors`), and an `audit.prune` row
 *    records the cut, the counts and the archive's name.
 *
 * Declarative partitioning by month would make step 3 a partition drop, but the table's key (`seq`) would have
 * to include the month, and a month's partition would have to exist before its first row: not worth it at a
 * district's volume (docs/security.md).
 */

/** The first instant (UTC) of the month `keepMonths` before the month of `now`: rows before it may go. */
export const retentionCut = (now: Date, keepMonths: number): Date =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - keepMonths, 1))

/** What one lane lost to a prune. */
export interface PrunedLane {
  readonly lane: number
  /** The last removed row: the anchor the lane's first kept row links to. */
  readonly seq: number
  readonly hash: string
  readonly rows: number
}

/** What a prune did: the cut, each lane's anchor and count, and the rows removed in all. */
export interface AuditPrune {
  readonly cutAt: Date
  readonly lanes: readonly PrunedLane[]
  readonly rows: number
}

/** Where the removed rows go before they are deleted: a name for the anchors, and a writer of batches. */
export interface AuditArchive {
  readonly name: string
  readonly write: (rows: readonly AuditRow[]) => Promise<void>
}

const BATCH = 5_000

/**
 * Removes the audit rows written before `cutAt` (see above), after writing them to `archive`. Run as the
 * owner (the trigger refuses everyone else, and `xianfeng_app` lacks DELETE); `cutAt` must be the first
 * instant of a month. Returns what was removed; a lane with nothing before the cut is left alone.
 */
export const pruneAuditLog = async (
  db: XfDb,
  options: { readonly cutAt: Date; readonly archive: AuditArchive; readonly now: Date },
): Promise<AuditPrune> => {
  const { cutAt, archive, now } = options
  if (cutAt.getTime() !== retentionCut(cutAt, 0).getTime()) {
    throw new Error(`the cut must be the first instant of a month (UTC), got ${cutAt.toISOString()}`)
  }
  if (cutAt.getTime() > now.getTime()) throw new Error("the cut lies in the future")
  return db.transaction(async (tx) => {
    const lanes: PrunedLane[] = []
    for (let lane = 0; lane < AUDIT_LANES; lane++) {
      // The first row of the lane at or after the cut; everything before it in the lane goes.
      const [firstKept] = await tx
        .select({ seq: min(auditLog.seq) })
        .from(auditLog)
        .where(and(eq(auditLog.lane, lane), gte(auditLog.at, cutAt)))
      const [last] = await tx
        .select({ seq: auditLog.seq, hash: auditLog.hash })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.lane, lane),
            firstKept?.seq == null ? undefined : sql`${auditLog.seq} < ${firstKept.seq}`,
          ),
        )
        .orderBy(desc(auditLog.seq))
        .limit(1)
      if (last === undefined) continue
      let after = 0
      let rows = 0
      for (;;) {
        const batch = await tx
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.lane, lane), gt(auditLog.seq, after), lte(auditLog.seq, last.seq)))
          .orderBy(asc(auditLog.seq))
          .limit(BATCH)
        if (batch.length === 0) break
        await archive.write(batch)
        rows += batch.length
        after = batch[batch.length - 1]?.seq ?? after
        if (batch.length < BATCH) break
      }
      lanes.push({ lane, seq: last.seq, hash: last.hash, rows })
    }
    const total = lanes.reduce((n, l) => n + l.rows, 0)
    if (lanes.length > 0) {
      await tx
        .insert(auditAnchors)
        .values(lanes.map((l) => ({ cutAt, ...l, archive: archive.name, prunedAt: now })))
      await tx.execute(sql`select set_config('xianfeng.audit_prune', 'on', true)`)
      for (const l of lanes) {
        await tx.delete(auditLog).where(and(eq(auditLog.lane, l.lane), lte(auditLog.seq, l.seq)))
      }
      await tx.execute(sql`select set_config('xianfeng.audit_prune', 'off', true)`)
    }
    await appendAudit(tx, {
      at: now,
      action: "audit.prune",
      result: "ok",
      details: { cutAt: cutAt.toISOString(), rows: total, archive: archive.name, lanes: lanes.length },
    })
    return { cutAt, lanes, rows: total }
  })
}
