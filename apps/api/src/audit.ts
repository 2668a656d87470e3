import { type AuditAppender, appendAudit, type AuditEntry as DbAuditEntry, type XfDb } from "@xianfeng/db"
import type { Actor } from "./auth/actor.js"
import type { Deps } from "./deps.js"

export interface AuditEntry {
  readonly action: string
  readonly objectType?: string
  readonly objectId?: string
  readonly result: "ok" | "denied" | "failed" | "refused"
  readonly details?: Record<string, unknown>
}

/**
 * Records one audited event. In a request that writes (every method but GET) the row is written inside the
 * caller's transaction `tx`, so it exists exactly when the work does. In a read (`withReadAudit`, every GET
 * route) it is kept for the process's audit appender, which writes it in a batch with other requests' rows
 * before the read answers: the read's transaction holds no lock of the audit log. Actor, role and UTC time come
 * from the request; the row is chained to the previous one of its lane by `@xianfeng/db`.
 */
export const audit = async (
  tx: XfDb,
  deps: Deps,
  actor: Pick<Actor, "userId" | "role"> | undefined,
  entry: AuditEntry,
): Promise<void> => {
  const row: DbAuditEntry = {
    at: deps.now(),
    actorId: actor?.userId ?? null,
    actorRole: actor?.role ?? null,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    result: entry.result,
    details: entry.details ?? {},
  }
  const deferred = deps.readAudit
  if (deferred !== undefined) deferred.push(row)
  else await appendAudit(tx, row)
}

/**
 * Serves a read (`run`) whose audit rows go through `appender`: `run` is given the list its request's `audit` calls
 * collect into (the handlers' `deps.readAudit`), and once it is done — its transaction committed — they are handed
 * to the appender and waited for, so the read answers only after its rows are durable (a read of personal data is
 * never shown unrecorded). They are written when `run` throws too, as a transaction that committed on the way out
 * would have kept them; when they cannot be written, the read fails with that error instead of answering.
 *
 * The list is passed, not kept in an `AsyncLocalStorage`: on Node 20 one live `AsyncLocalStorage` makes every
 * promise of the process pay for its context (a promise hook), a few percent of a read's CPU.
 */
export const withReadAudit = async <T>(
  appender: AuditAppender,
  run: (readAudit: DbAuditEntry[]) => Promise<T>,
): Promise<T> => {
  const entries: DbAuditEntry[] = []
  let outcome: { ok: true; value: T } | { ok: false; error: unknown }
  try {
    outcome = { ok: true, value: await run(entries) }
  } catch (error) {
    outcome = { ok: false, error }
  }
  await appender.append(entries)
  if (!outcome.ok) throw outcome.error
  return outcome.value
}
