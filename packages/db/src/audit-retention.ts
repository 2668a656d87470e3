import { and, asc, desc, eq, gt, gte, lte, min, sql } from "drizzle-orm"
import { AUDIT_LANES, appendAudit } from "./audit.js"
import { rowsOf, type XfDb } from "./database.js"
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
 * The log is partitioned by month (migration `audit_log_partitioned_by_month`), so step 3's removal is mostly a
 * partition drop: a month's partition that holds only removed rows is detached and dropped; a month that also
 * holds a kept row (one written before the cut but after its lane's first kept row — a clock set back) keeps its
 * partition, and only its removed rows are deleted, through the trigger as above.
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

/** What a prune did: the cut, each lane's anchor and count, the rows removed in all, the partitions dropped. */
export interface AuditPrune {
  readonly cutAt: Date
  readonly lanes: readonly PrunedLane[]
  readonly rows: number
  /** Names of the dropped month partitions (`audit_log_y2025m01`, …), oldest first. */
  readonly droppedPartitions: readonly string[]
}

/** The month partitions of `audit_log` (schema `audit_partitions`) with the first instant of their month, oldest first. */
export const auditPartitions = async (
  db: XfDb,
): Promise<readonly { readonly name: string; readonly month: Date }[]> => {
  const rows = rowsOf<{ name: string }>(
    await db.execute(sql`
      select c.relname as name from pg_inherits i
        join pg_class c on c.oid = i.inhrelid
        join pg_namespace n on n.oid = c.relnamespace
       where i.inhparent = 'public.audit_log'::regclass and n.nspname = 'audit_partitions'`),
  )
  return rows
    .flatMap(({ name }) => {
      const m = /^audit_log_y(\d{4})m(\d{2})$/.exec(name)
      return m === null ? [] : [{ name, month: new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) }]
    })
    .sort((a, b) => a.month.getTime() - b.month.getTime())
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
    const dropped: string[] = []
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
      // A partition wholly before the cut whose every row an anchor covers goes as a whole.
      const covered = sql.join(
        lanes.map((l) => sql`(lane = ${l.lane} and seq <= ${l.seq})`),
        sql` or `,
      )
      for (const p of await auditPartitions(tx)) {
        const end = new Date(Date.UTC(p.month.getUTCFullYear(), p.month.getUTCMonth() + 1, 1))
        if (end.getTime() > cutAt.getTime()) continue
        const [kept] = rowsOf<{ n: number | string }>(
          await tx.execute(
            sql`select count(*) as n from ${sql.identifier("audit_partitions")}.${sql.identifier(p.name)} where not (${covered})`,
          ),
        )
        if (Number(kept?.n ?? 0) > 0) continue
        await tx.execute(
          sql`alter table audit_log detach partition audit_partitions.${sql.identifier(p.name)}`,
        )
        await tx.execute(sql`drop table audit_partitions.${sql.identifier(p.name)}`)
        dropped.push(p.name)
      }
      // What is left before the cut: the removed rows of a month that also holds a kept row.
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
      details: {
        cutAt: cutAt.toISOString(),
        rows: total,
        archive: archive.name,
        lanes: lanes.length,
        droppedPartitions: dropped,
      },
    })
    return { cutAt, lanes, rows: total, droppedPartitions: dropped }
  })
}
