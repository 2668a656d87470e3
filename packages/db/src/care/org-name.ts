import { eq } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { orgs } from "../schema/index.js"

/**
 * The name a plan, survey or campaign keeps of the organization that runs it (its `org_name`), read once when the
 * row is written: the callers below that organization see the row but not the organization's own row.
 */
export const runningOrgName = async (db: XfDb, orgId: string): Promise<string> => {
  const [org] = await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, orgId)).limit(1)
  if (org === undefined) throw new Error(`no organization ${orgId} to run a care plan, survey or campaign`)
  return org.name
}
