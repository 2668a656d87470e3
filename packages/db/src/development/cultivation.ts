/** Cultivation records of the 一人一策 plan (development_cultivation_records): one write path and the read. */
import type { PlainDate } from "@xianfeng/core"
import { asc, eq } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { memberInScope, type Scope } from "../platform/scope.js"
import { type CultivationRecordRow, cultivationRecords } from "../schema/index.js"

/** A cultivation record to store, as `decodeCultivationRecord` accepted it. */
export interface CultivationEntry {
  readonly memberId: string
  readonly kind: string
  readonly onDate: PlainDate
  readonly evidence: Record<string, unknown>
  readonly recordedBy: string | null
  readonly recordedAt: Date
}

/**
 * Stores one talk, thought report or activity for a member inside the scope (else `NotInScope`); the only
 * write to development_cultivation_records. Write the audit row in the same transaction.
 */
export const recordCultivation = async (
  db: XfDb,
  scope: Scope,
  entry: CultivationEntry,
): Promise<CultivationRecordRow> => {
  await memberInScope(db, scope, entry.memberId)
  const [row] = await db.insert(cultivationRecords).values(entry).returning()
  if (row === undefined) throw new Error("insert into development_cultivation_records returned no row")
  return row
}

/**
 * A member's cultivation records in date order (then as recorded). Not scoped itself: the callers pass a
 * member they loaded in scope (`developmentCaseOf`).
 */
export const cultivationRecordsOf = async (db: XfDb, memberId: string): Promise<CultivationRecordRow[]> =>
  db
    .select()
    .from(cultivationRecords)
    .where(eq(cultivationRecords.memberId, memberId))
    .orderBy(asc(cultivationRecords.onDate), asc(cultivationRecords.recordedAt))
