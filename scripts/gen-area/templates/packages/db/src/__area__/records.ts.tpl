/**
 * __titleZh__ (__titleEn__): every query of the area's records. Each takes the caller's `Scope`, so the
 * subtree condition is the one written in `platform/scope.ts`; each table has one write path.
 */
import type { PlainDate } from "@xianfeng/core"
import { asc, count, desc, eq } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { memberRowsInScope, orgInScope, type Scope, withinOf } from "../platform/scope.js"
import { __areaCamel__Records, type __AreaPascal__Record, orgs } from "../schema/index.js"

/** A record with its organization's name, as lists show it. */
export interface __AreaPascal__RecordRow extends __AreaPascal__Record {
  readonly orgName: string
}

const columns = {
  id: __areaCamel__Records.id,
  orgId: __areaCamel__Records.orgId,
  title: __areaCamel__Records.title,
  onDate: __areaCamel__Records.onDate,
  note: __areaCamel__Records.note,
  recordedBy: __areaCamel__Records.recordedBy,
  recordedAt: __areaCamel__Records.recordedAt,
  version: __areaCamel__Records.version,
  orgName: orgs.name,
}

/**
 * One page of the records in the scope (or in the subtree of `orgId`, which must lie in it, else
 * `NotInScope`), newest first, with the total.
 */
export const __areaCamel__RecordsInScope = async (
  db: XfDb,
  scope: Scope,
  query: { readonly orgId?: string | undefined; readonly page: number; readonly pageSize: number },
): Promise<{ readonly items: readonly __AreaPascal__RecordRow[]; readonly total: number }> => {
  const within = await withinOf(db, scope, query.orgId)
  const where = memberRowsInScope(scope, within)
  const items = await db
    .select(columns)
    .from(__areaCamel__Records)
    .innerJoin(orgs, eq(orgs.id, __areaCamel__Records.orgId))
    .where(where)
    .orderBy(desc(__areaCamel__Records.onDate), asc(__areaCamel__Records.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
  const [total] = await db
    .select({ n: count() })
    .from(__areaCamel__Records)
    .innerJoin(orgs, eq(orgs.id, __areaCamel__Records.orgId))
    .where(where)
  return { items, total: total?.n ?? 0 }
}

/** What a new record holds. */
export interface New__AreaPascal__Record {
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
export const write__AreaPascal__Records = async (
  db: XfDb,
  records: readonly New__AreaPascal__Record[],
): Promise<readonly __AreaPascal__Record[]> =>
  records.length === 0 ? [] : db.insert(__areaCamel__Records).values([...records]).returning()

/** A new record for an organization of the scope (else `NotInScope`), through the one write path. */
export const insert__AreaPascal__Record = async (
  db: XfDb,
  scope: Scope,
  record: New__AreaPascal__Record,
): Promise<__AreaPascal__RecordRow> => {
  const org = await orgInScope(db, scope, record.orgId)
  const [row] = await write__AreaPascal__Records(db, [record])
  if (row === undefined) throw new Error("insert into __area_snake___records returned no row")
  return { ...row, orgName: org.name }
}

