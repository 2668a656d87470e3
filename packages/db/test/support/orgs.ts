import { insertOrg } from "../../src/index.js"

type Tx = Parameters<typeof insertOrg>[0]

/** Inserts `orgs` in order (each parent before its children), throwing with the reason on the first refused. */
export const insertOrgs = async (tx: Tx, orgs: readonly Parameters<typeof insertOrg>[1][]): Promise<void> => {
  for (const org of orgs) {
    const r = await insertOrg(tx, org)
    if (r._tag === "Failure") throw new Error(`${org.id}: ${r.failure.message}`)
  }
}
