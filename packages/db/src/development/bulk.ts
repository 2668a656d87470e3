import type { PlainDate } from "@xianfeng/core"
import { sql } from "drizzle-orm"
import { bulkInsert, streamsByCopy } from "../bulk-copy.js"
import type { XfDb } from "../database.js"
import { developmentRecords } from "../schema/index.js"

/** A development record as a bulk load writes it (already checked by the rules' schemas). */
export interface BulkDevelopmentRecord {
  readonly id: string
  readonly memberId: string
  readonly step: string
  /** `YYYY-MM-DD`. */
  readonly onDate: string
  readonly evidence: unknown
}

/**
 * Writes many development records at once, for loads that checked them first (the demo district, an import):
 * one JSON parameter per batch, unpacked by the server, since a statement of five parameters a row costs more
 * than the insert itself; by COPY when the transaction streams by COPY (`streamBulkWritesByCopy`). Returns how many
 * were written.
 */
export const writeDevelopmentRecords = async (
  db: XfDb,
  records: readonly BulkDevelopmentRecord[],
): Promise<number> => {
  if (records.length === 0) return 0
  if (streamsByCopy(db))
    return bulkInsert(
      db,
      developmentRecords,
      records.map((r) => ({
        id: r.id,
        memberId: r.memberId,
        step: r.step,
        // the column's driver value is the text of the date, which the caller already gives
        onDate: r.onDate as unknown as PlainDate,
        evidence: r.evidence as Record<string, unknown>,
      })),
    )
  const rows = records.map((r) => ({
    id: r.id,
    member_id: r.memberId,
    step: r.step,
    on_date: r.onDate,
    evidence: r.evidence,
  }))
  await db.execute(sql`insert into ${developmentRecords} (id, member_id, step, on_date, evidence)
    select id, member_id, step, on_date, evidence
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(id uuid, member_id uuid, step text, on_date date, evidence jsonb)`)
  return records.length
}
