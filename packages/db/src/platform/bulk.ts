import { count, getTableColumns, sql } from "drizzle-orm"
import { bulkInsert, streamsByCopy } from "../bulk-copy.js"
import type { XfDb } from "../database.js"
import type { IdVault } from "../id-vault.js"
import { members, type NewMember, type NewOrg, type NewUser, orgs, users } from "../schema/index.js"
import { type MemberInput, memberRow } from "./members.js"

/** True when no organization exists yet: the moment to offer (or load) a district's first data. */
export const hasNoOrganizations = async (db: XfDb): Promise<boolean> => {
  const [row] = await db.select({ n: count() }).from(orgs)
  return (row?.n ?? 0) === 0
}

/**
 * Inside a transaction: waits until no one else is loading a district (two starts at once against one server
 * queue here, and the second then finds the district there). Holds until the transaction ends.
 */
export const lockForDistrictLoad = async (tx: XfDb): Promise<void> => {
  await tx.execute(sql`lock table ${orgs} in exclusive mode`)
}

/**
 * Writes a whole organization tree at once, parents before children, with the paths already worked out (a
 * district's first load; `insertOrg` places one organization at a time and checks its placement).
 */
export const writeOrgTree = async (tx: XfDb, rows: readonly NewOrg[]): Promise<void> => {
  await bulkInsert(tx, orgs, rows)
}

/** Writes the first users of a district at once (their password hashes made by the caller). */
export const writeUsers = async (tx: XfDb, rows: readonly NewUser[]): Promise<void> => {
  await bulkInsert(tx, users, rows)
}

/** A batch of members prepared for `insertPreparedMembers`: each row's columns, derived by `memberRow`. */
export interface PreparedMembers {
  readonly count: number
  /** Every bulk column of each row (drizzle property names), the id made and the status defaulted. */
  readonly rows: readonly NewMember[]
}

/**
 * Prepares a batch of members for the bulk insert: each through `memberRow` (pinyin keys, the ID number
 * encrypted with its blind index and mask), the same columns `insertMember` writes one at a time. Pure CPU
 * work, so a caller may prepare the next batch while the database writes this one.
 */
export const prepareMembers = (vault: IdVault, inputs: readonly MemberInput[]): PreparedMembers => {
  const rows = inputs.map((m) => {
    const row = memberRow(vault, m) as Record<string, unknown>
    const out: Record<string, unknown> = {}
    for (const [key] of bulkMemberColumns) {
      const v = row[key]
      out[key] =
        v === undefined ? (key === "id" ? crypto.randomUUID() : key === "status" ? "normal" : null) : v
    }
    return out as NewMember
  })
  return { count: inputs.length, rows }
}

/**
 * The bulk insert of members prepared by `prepareMembers` (one write path with `writeMembers`, which is the
 * two in one): by COPY when the transaction streams by COPY (`streamBulkWritesByCopy`), else one INSERT from a
 * JSON parameter. Returns how many.
 */
export const insertPreparedMembers = async (tx: XfDb, prepared: PreparedMembers): Promise<number> => {
  if (prepared.count === 0) return 0
  // A load whose transaction streams by COPY (`streamBulkWritesByCopy`: the demo district) sends the same rows so.
  if (streamsByCopy(tx)) return bulkInsert(tx, members, prepared.rows)
  const json = JSON.stringify(
    prepared.rows.map((row) => {
      const out: Record<string, unknown> = {}
      for (const [key, column] of bulkMemberColumns) out[column.name] = (row as Record<string, unknown>)[key]
      return out
    }),
  )
  // One JSON parameter per batch, unpacked by the server: some twenty parameters a row cost more than the
  // insert itself (an import of 50,000 rows spent most of its time binding them).
  const names = bulkMemberColumns.map(([, c]) => `"${c.name}"`).join(", ")
  const types = bulkMemberColumns.map(([, c]) => `"${c.name}" ${c.getSQLType()}`).join(", ")
  await tx.execute(
    sql`${sql.raw(`insert into members (${names}) select ${names} from jsonb_to_recordset(`)}${json}${sql.raw(`::jsonb) as r(${types})`)}`,
  )
  return prepared.count
}

/** Writes a batch of members at once (`prepareMembers`, then `insertPreparedMembers`). Returns how many. */
export const writeMembers = async (
  tx: XfDb,
  vault: IdVault,
  inputs: readonly MemberInput[],
): Promise<number> => insertPreparedMembers(tx, prepareMembers(vault, inputs))

/** The columns a bulk member write fills: all but the version and the timestamps, which keep their defaults. */
const bulkMemberColumns = Object.entries(getTableColumns(members)).filter(
  ([key]) => key !== "version" && key !== "createdAt" && key !== "updatedAt",
)
