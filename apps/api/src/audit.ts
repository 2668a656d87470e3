import { appendAudit, type XfDb } from "@xianfeng/db"
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
 * Writes one audit row inside the caller's transaction `tx`, so the row exists exactly when the work does.
 * Actor, role and UTC time come from the request; the row is chained to the previous one by `@xianfeng/db`.
 */
export const audit = (
  tx: XfDb,
  deps: Deps,
  actor: Pick<Actor, "userId" | "role"> | undefined,
  entry: AuditEntry,
) =>
  appendAudit(tx, {
    at: deps.now(),
    actorId: actor?.userId ?? null,
    actorRole: actor?.role ?? null,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    result: entry.result,
    details: entry.details ?? {},
  })
