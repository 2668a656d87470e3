import { count, sql } from "drizzle-orm"
import type { XfDb } from "../database.js"
import type { IdVault } from "../id-vault.js"
import { members, type NewOrg, type NewUser, orgs, users } from "../schema/index.js"
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
  if (rows.length > 0) await tx.insert(orgs).values([...rows])
}

/** Writes the first users of a district at once (their password hashes made by the caller). */
export const writeUsers = async (tx: XfDb, rows: readonly NewUser[]): Promise<void> => {
  if (rows.length > 0) await tx.insert(users).values([...rows])
}

/**
 * Writes a batch of members at once, each through `memberRow` (pinyin keys, the ID number encrypted with its
 * blind index and mask), the same columns `insertMember` writes one at a time. Returns how many.
 */
export const writeMembers = async (
  tx: XfDb,
  vault: IdVault,
  inputs: readonly MemberInput[],
): Promise<number> => {
  if (inputs.length > 0) await tx.insert(members).values(inputs.map((m) => memberRow(vault, m)))
  return inputs.length
}
