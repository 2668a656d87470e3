import { sql } from "drizzle-orm"
import { rowsOf, type XfDb } from "../database.js"

/**
 * The planner's statistics (`ANALYZE`) when the database holds members but has never gathered them: right after
 * the demo district or a first import is written, and on a data folder written before this was done. Embedded
 * PGlite has no autovacuum, so without this its tables are never analyzed and every plan is made blind (a
 * 20,000-member roll estimated at one row, joined by nested loops). PostgreSQL's autovacuum keeps them up to
 * date afterwards; on PGlite they stay as of this pass until the next one. Runs as the owner (ANALYZE needs
 * it). Returns whether it analyzed.
 */
export const analyzeIfNeverAnalyzed = async (db: XfDb): Promise<boolean> => {
  const result = await db.execute(sql`
    select (c.reltuples < 0 and exists (select 1 from members)) as blind
    from pg_class c
    where c.oid = to_regclass('members')`)
  const [row] = rowsOf<{ blind: boolean | null }>(result)
  if (row?.blind !== true) return false
  await db.execute(sql`analyze`)
  return true
}
