import type { Database } from "../../src/database.js"
import { createIdVault } from "../../src/id-vault.js"

/** What each part of the shared suite gets: the open database of the backend under test. */
export interface SuiteContext {
  readonly name: "pglite" | "postgres"
  database(): Database
}

export const testVault = createIdVault(new Uint8Array(32).fill(7))

export const unwrap = <A, E>(r: { _tag: "Success"; success: A } | { _tag: "Failure"; failure: E }): A => {
  if (r._tag === "Failure") throw new Error(`expected success, got ${JSON.stringify(r.failure)}`)
  return r.success
}
