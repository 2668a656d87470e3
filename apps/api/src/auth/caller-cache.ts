import type { CallerCache, CallerRow, Credential } from "@xianfeng/db"
import { LRUCache } from "lru-cache"

/** How many callers a process keeps, and for how long at most (a backstop: the epoch is what keeps it right). */
export interface CallerCacheOptions {
  /** Most entries kept; the least recently used goes first (default 10,000). */
  readonly max?: number
  /** Milliseconds an entry lives after it was read from the database (default 30,000). */
  readonly ttlMs?: number
}

const keyOf = (credential: Credential): string =>
  credential.kind === "session" ? `s:${credential.sessionId}` : `t:${credential.tokenHash}`

/**
 * The process's cache of who is behind a session or a bearer token (`withCaller` in `@xianfeng/db`). Every
 * entry belongs to one authentication epoch, the cache's; an entry is answered only while the credential may
 * still use it by what the entry says: a session not expired at the request's clock (`expiresAt`) and not idle
 * (`lastSeenAt` after the request's `idleSince` — another process may have seen it since, so an entry that looks
 * idle is only a miss). Whether the database still agrees is the request's first statement's question (the
 * epoch); here an epoch newer than the cache's empties it. Entries older than `ttlMs` are dropped however
 * quiet the epoch has been.
 */
export const createCallerCache = (options: CallerCacheOptions = {}) => {
  const entries = new LRUCache<string, { caller: CallerRow; epoch: string }>({
    max: options.max ?? 10_000,
    ttl: options.ttlMs ?? 30_000,
  })
  let epoch = -1n
  const moveTo = (next: string) => {
    const n = BigInt(next)
    if (n > epoch) {
      entries.clear()
      epoch = n
    }
    return n === epoch
  }
  return {
    get(credential) {
      const hit = entries.get(keyOf(credential))
      if (hit === undefined || credential.kind === "token") return hit
      const { expiresAt, lastSeenAt } = hit.caller
      if (expiresAt === null || expiresAt.getTime() <= credential.now.getTime()) return undefined
      if (lastSeenAt === null || lastSeenAt.getTime() <= credential.idleSince.getTime()) return undefined
      return hit
    },
    put(credential, caller, at) {
      // An entry read under an older epoch than the cache's (a statement that began before another's) is
      // not kept: it may predate a change the cache has already seen.
      if (moveTo(at)) entries.set(keyOf(credential), { caller, epoch: at })
    },
    seen(at) {
      moveTo(at)
    },
    /** Drops the entry of `credential` (its session was just touched: the next request reads it again). */
    forget(credential: Credential) {
      entries.delete(keyOf(credential))
    },
    /** Entries held now (for tests). */
    get size() {
      return entries.size
    },
  } satisfies CallerCache & Record<string, unknown>
}

export type ProcessCallerCache = ReturnType<typeof createCallerCache>
