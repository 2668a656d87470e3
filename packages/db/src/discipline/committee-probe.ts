/**
 * Whether an organization has an elected committee, as the discipline reads judge it (internal to the area's
 * queries; not exported from the package).
 */
import { type SQL, sql } from "drizzle-orm"
import { members } from "../schema/index.js"

/** A committee is elected at this many full members (BR 9; as `subtreeSittings`' counts are read). */
const COMMITTEE_AT = 7

/**
 * Whether the organization `orgId` (an SQL expression) has a committee: a bounded probe of at most
 * `COMMITTEE_AT` entries of the partial index `members_org_full_idx` (is there a `COMMITTEE_AT`th full member?).
 * Members are written by many areas, and a grouped pass over them would read the whole membership — a million
 * rows in the province — on every read.
 */
export const hasCommitteeSql = (orgId: SQL): SQL =>
  sql`exists (select 1 from ${members} where ${members.orgId} = ${orgId} and ${members.stage} = 'full' offset ${sql.raw(String(COMMITTEE_AT - 1))})`
