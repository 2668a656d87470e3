import { dateOfInstant, type PlainDate } from "@xianfeng/core"
import type { AuditAppender, AuditEntry, IdVault, XfDb } from "@xianfeng/db"
import type { ProcessCallerCache } from "./auth/caller-cache.js"
import type { Config } from "./config.js"

/** What the routes need from the outside world; tests build their own. */
export interface Deps {
  readonly db: XfDb
  readonly vault: IdVault
  readonly config: Config
  /** The clock; the only place the API reads the time. */
  readonly now: () => Date
  /**
   * Writes the audit rows of reads in batches (group commit); `createApp` makes one on `db` when absent. The
   * system closes it on shutdown so no read waits on a batch that is never written.
   */
  readonly auditAppender?: AuditAppender
  /**
   * The process's cache of callers (`auth/caller-cache.ts`); `createApp` makes one when absent. Two apps in one
   * process may share one or not: each request checks an entry against the database's epoch either way.
   */
  readonly callerCache?: ProcessCallerCache
  /**
   * In a read being served (`withReadAudit`, every GET route with a transaction): the list `audit` adds the read's
   * rows to, group-committed by `auditAppender` before the read answers. Absent elsewhere: `audit` then writes its
   * row in the transaction it is given.
   */
  readonly readAudit?: AuditEntry[]
}

/** Today in the district (Asia/Shanghai), from the API's one clock. */
export const todayOf = (deps: Pick<Deps, "now">): PlainDate => dateOfInstant(deps.now())
