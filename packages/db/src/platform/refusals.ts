import { and, desc, gte, inArray, like } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { rateLimits, users } from "../schema/index.js"
import { countAttempt } from "./sessions.js"

/**
 * Refused requests (等保 安全审计 8.1.4.3: 审计记录应包括…事件是否成功): a cross-scope 404, a role's 403, a CSRF
 * refusal, a failed sign-in. Each is counted per kind and per who (the signed-in user, or the address when no
 * one is signed in) in a one-minute window, in the same table as the sign-in limit, so a flood is counted in
 * full while only the first few of each minute become audit rows.
 */

/** What was refused. */
export type RefusalKind = "scope" | "role" | "csrf" | "sign-in"

/** Who was refused: a user by id, or an address when nobody is signed in. */
export type Refused = { readonly userId: string } | { readonly ip: string }

const PREFIX = "refusal:"

const keyOf = (kind: RefusalKind, who: Refused): string =>
  `${PREFIX}${kind}:${"userId" in who ? `u:${who.userId}` : `ip:${who.ip}`}`

/** Counts one refusal in the minute of `at`; returns how many of this kind and who that minute has, this one included. */
export const countRefusal = (db: XfDb, kind: RefusalKind, who: Refused, at: Date): Promise<number> =>
  countAttempt(db, keyOf(kind, who), at)

/** One kind of refusal of one user or address in one minute. */
export interface RefusalWindow {
  readonly kind: RefusalKind
  readonly userId: string | null
  readonly username: string | null
  readonly ip: string | null
  /** The start of the minute (UTC). */
  readonly windowStart: Date
  readonly count: number
}

/**
 * The minutes since `since` in which one user or address was refused at least `atLeast` times of one kind,
 * most refusals first (at most `limit` rows). For the security administrator: repeated refusals are someone
 * probing the scope, a role or the sign-in.
 */
export const repeatedRefusals = async (
  db: XfDb,
  since: Date,
  atLeast: number,
  limit = 100,
): Promise<RefusalWindow[]> => {
  const rows = await db
    .select()
    .from(rateLimits)
    .where(
      and(
        like(rateLimits.key, `${PREFIX}%`),
        gte(rateLimits.windowStart, since),
        gte(rateLimits.count, atLeast),
      ),
    )
    .orderBy(desc(rateLimits.count), desc(rateLimits.windowStart))
    .limit(limit)
  const parsed = rows.map((r) => {
    const [, kind, by, ...rest] = r.key.split(":")
    const value = rest.join(":")
    return {
      kind: kind as RefusalKind,
      userId: by === "u" ? value : null,
      ip: by === "ip" ? value : null,
      windowStart: r.windowStart,
      count: r.count,
    }
  })
  const ids = [...new Set(parsed.flatMap((p) => (p.userId ? [p.userId] : [])))]
  const names = new Map(
    ids.length === 0
      ? []
      : (
          await db
            .select({ id: users.id, username: users.username })
            .from(users)
            .where(inArray(users.id, ids))
        ).map((u) => [u.id, u.username]),
  )
  return parsed.map((p) => ({ ...p, username: p.userId ? (names.get(p.userId) ?? null) : null }))
}
