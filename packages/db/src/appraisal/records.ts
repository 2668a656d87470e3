/**
 * 评议考核 (Appraisal): every query of the area's records. Each takes the caller's `Scope`, so the
 * subtree condition is the one written in `platform/scope.ts`; each table has one write path.
 */
import type { PlainDate } from "@xianfeng/core"
import { asc, count, desc, eq } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { memberRowsInScope, orgInScope, type Scope, withinOf } from "../platform/scope.js"
import { type AppraisalRecord, appraisalRecords, orgs } from "../schema/index.js"

/** A record with its organization's name, as lists show it. */
export interface AppraisalRecordRow extends AppraisalRecord {
  readonly orgName: string
}

const columns = {
  id: appraisalRecords.id,
  orgId: appraisalRecords.orgId,
  title: appraisalRecords.title,
  onDate: appraisalRecords.onDate,
  note: appraisalRecords.note,
  recordedBy: appraisalRecords.recordedBy,
  recordedAt: appraisalRecords.recordedAt,
  version: appraisalRecords.version,
  orgName: orgs.name,
}

/**
 * One page of the records in the scope (or in the subtree of `orgId`, which must lie in it, else
 * `NotInScope`), newest first, with the total.
 */
export const appraisalRecordsInScope = async (
  db: XfDb,
  scope: Scope,
  query: { readonly orgId?: string | undefined; readonly page: number; readonly pageSize: number },
): Promise<{ readonly items: readonly AppraisalRecordRow[]; readonly total: number }> => {
  const within = await withinOf(db, scope, query.orgId)
  const where = memberRowsInScope(scope, within)
  const items = await db
    .select(columns)
    .from(appraisalRecords)
    .innerJoin(orgs, eq(orgs.id, appraisalRecords.orgId))
    .where(where)
    .orderBy(desc(appraisalRecords.onDate), asc(appraisalRecords.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
  const [total] = await db
    .select({ n: count() })
    .from(appraisalRecords)
    .innerJoin(orgs, eq(orgs.id, appraisalRecords.orgId))
    .where(where)
  return { items, total: total?.n ?? 0 }
}

/** What a new record holds. */
export interface NewAppraisalRecord {
  readonly orgId: string
  readonly title: string
  readonly onDate: PlainDate
  readonly note: string
  readonly recordedBy: string | null
  readonly recordedAt: Date
}

/**
 * The one write path of the table: stores records as they are, for callers that checked them (the scoped
 * insert below, the demo district, an import). Returns the stored rows in order.
 */
export const writeAppraisalRecords = async (
  db: XfDb,
  records: readonly NewAppraisalRecord[],
): Promise<readonly AppraisalRecord[]> =>
  records.length === 0
    ? []
    : db
        .insert(appraisalRecords)
        .values([...records])
        .returning()

/** A new record for an organization of the scope (else `NotInScope`), through the one write path. */
export const insertAppraisalRecord = async (
  db: XfDb,
  scope: Scope,
  record: NewAppraisalRecord,
): Promise<AppraisalRecordRow> => {
  const org = await orgInScope(db, scope, record.orgId)
  const [row] = await writeAppraisalRecords(db, [record])
  if (row === undefined) throw new Error("insert into appraisal_records returned no row")
  return { ...row, orgName: org.name }
}
