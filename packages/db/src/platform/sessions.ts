import { and, eq, isNull, sql } from "drizzle-orm"
import type { XfDb, XfTx } from "../database.js"
import { apiTokens, calendarFeeds, rateLimits, sessions, type User } from "../schema/index.js"

/**
 * Who is calling, kept in the database so every API process agrees: browser sessions, bearer tokens for
 * machine clients and the per-minute counters that limit sign-in attempts. Tokens are stored as hashes only.
 */

/** The signed-in user as a request sees it: who, with which role, over which subtree (a `Scope`). */
export interface ActorRow {
  readonly userId: string
  readonly username: string
  readonly displayName: string
  readonly role: User["role"]
  readonly orgId: string
  readonly orgPath: string
  readonly orgName: string
}

/**
 * What identifies a caller: the hash of a session cookie's token, with the request's clock and the instant
 * before which a session counts as idle, or the hash of a bearer token.
 */
export type Credential =
  | {
      readonly kind: "session"
      readonly sessionId: string
      readonly now: Date
      readonly idleSince: Date
    }
  | { readonly kind: "token"; readonly tokenHash: string }

/**
 * The caller behind a credential (`ActorRow`); for a session, also its CSRF token and when it was last seen
 * (null for a bearer token).
 */
export interface CallerRow extends ActorRow {
  readonly csrfToken: string | null
  readonly lastSeenAt: Date | null
  /** When the session ends whatever its use (null for a bearer token). */
  readonly expiresAt: Date | null
}

/**
 * A process's cache of callers (`withCaller`): each entry is kept with the authentication epoch it was read
 * under (`auth_epoch`, moved by triggers on every change to sessions, tokens, users and orgs that a caller
 * depends on). `get` answers only an entry the credential may still use by what the entry itself says
 * (unexpired, not idle at the request's clock); `withCaller` then uses it only if the request's first
 * statement reads the same epoch.
 */
export interface CallerCache {
  get(credential: Credential): { readonly caller: CallerRow; readonly epoch: string } | undefined
  /** Keeps `caller`, read under `epoch`; an epoch newer than the cache's empties it first. */
  put(credential: Credential, caller: CallerRow, epoch: string): void
  /** The database's epoch moved past the cache's (seen in a request's first statement). */
  seen(epoch: string): void
}

/**
 * A cached caller's scope with the authentication epoch its cache entry was read under (`CallerCache.get`), for a
 * read that checks the epoch and sets the scope in its own one statement (`memberInScopeAtEpoch`,
 * `listMembersAtEpoch`) instead of in a transaction opened by `withCaller`.
 */
export interface EpochScope {
  readonly orgPath: string
  /** The authentication epoch (`auth_epoch.n`, digits) the cached caller was read under. */
  readonly epoch: string
}

/**
 * A one-statement read found the authentication epoch moved past `EpochScope.epoch`: it set no scope and read
 * nothing. The caller must be looked up again (`withCaller`), as a moved epoch means a session, token, user or
 * org it depends on may have changed; `epoch` is the one found, for `CallerCache.seen`.
 */
export class EpochMoved extends Error {
  readonly _tag = "EpochMoved"
  constructor(readonly epoch: string) {
    super(`the authentication epoch moved (now ${epoch}); the caller must be looked up again`)
  }
}

const paramsOf = (credential: Credential) =>
  credential.kind === "session"
    ? {
        sessionId: credential.sessionId,
        tokenHash: null,
        now: credential.now.toISOString(),
        idleSince: credential.idleSince.toISOString(),
      }
    : { sessionId: null, tokenHash: credential.tokenHash, now: null, idleSince: null }

/**
 * The one statement that finds the caller: `xf_caller` (migration 0032, SECURITY DEFINER, so row-level
 * security does not hide the caller's user and org before the scope is known). With `setScope`, the same
 * statement sets the transaction's scope to the caller's org path (`xf_set_scope`), as `withScope` would.
 * A named prepared statement: node-postgres parses it once per connection; PGlite, which has no named
 * statements across calls, parses it each time.
 */
const callerStatement = (db: XfDb | XfTx, setScope: boolean) =>
  db
    .select({
      userId: sql<string>`c.user_id`,
      username: sql<string>`c.username`,
      displayName: sql<string>`c.display_name`,
      role: sql<User["role"]>`c.role`,
      orgId: sql<string>`c.org_id`,
      orgPath: sql<string>`c.org_path`,
      orgName: sql<string>`c.org_name`,
      csrfToken: sql<string | null>`c.csrf_token`,
      lastSeenAt: sql<Date | null>`c.last_seen_at`.mapWith(sessions.lastSeenAt),
      expiresAt: sql<Date | null>`c.expires_at`.mapWith(sessions.expiresAt),
      epoch: sql<string | null>`c.epoch`,
      ...(setScope ? { scope: sql<string>`xf_set_scope(c.org_path)` } : {}),
    })
    .from(
      sql`xf_caller(${sql.placeholder("sessionId")}, ${sql.placeholder("tokenHash")}, ${sql.placeholder("now")}::timestamptz, ${sql.placeholder("idleSince")}::timestamptz) as c`,
    )
    .prepare(setScope ? "xf_caller_scoped" : "xf_caller")

/**
 * The first statement of a request whose caller is cached: reads the authentication epoch and, only if it is
 * still the one the cached caller was read under, sets the transaction's scope to the caller's subtree in the
 * same statement. A moved epoch sets nothing (the caller is then looked up again).
 */
const scopeIfEpochStatement = (tx: XfTx) =>
  tx
    .select({
      epoch: sql<string>`e.n::text`,
      scope: sql<
        string | null
      >`case when e.n = ${sql.placeholder("epoch")}::bigint then xf_set_scope(${sql.placeholder("orgPath")}::text) end`,
    })
    .from(sql`auth_epoch as e`)
    .where(sql`e.id = 1`)
    .prepare("xf_scope_if_epoch")

const callerOfRow = (row: CallerRow & { scope?: string; epoch?: string | null }): CallerRow => ({
  userId: row.userId,
  username: row.username,
  displayName: row.displayName,
  role: row.role,
  orgId: row.orgId,
  orgPath: row.orgPath,
  orgName: row.orgName,
  csrfToken: row.csrfToken,
  lastSeenAt: row.lastSeenAt,
  expiresAt: row.expiresAt,
})

/**
 * The caller behind a credential, in one statement outside any transaction, unless the session expired
 * before `now`, was idle since `idleSince`, the token was revoked or the user is disabled. For a request
 * that needs no scoped transaction (a public route); a scoped request uses `withCaller`.
 */
export const callerOf = async (db: XfDb, credential: Credential): Promise<CallerRow | undefined> => {
  const [row] = await callerStatement(db, false).execute(paramsOf(credential))
  return row === undefined ? undefined : callerOfRow(row)
}

/**
 * Runs `fn` in one transaction whose first statement finds the caller behind `credential` and, in the same
 * statement, sets the transaction's scope to the caller's subtree (`xianfeng.scope_path`, as `withScope`
 * does): the session, the user, the role and the scope cost one statement, checked against the database on
 * every request, so a sign-out, password change, disable or role change in any API process holds on the next
 * request. When no caller is found (`undefined`), no scope is set and the transaction sees no scoped row;
 * `fn` is expected to refuse.
 *
 * With `cache`, a caller cached for the credential costs, instead of the look-up, a statement that reads the
 * authentication epoch and sets the scope only if the epoch is the entry's: any change in any process to what
 * the caller depends on has moved the epoch in the transaction that made it, so once that transaction has
 * committed, no request that starts after it uses the entry. A moved epoch (or no entry) falls back to the
 * look-up, which also gives the epoch its row was read under (same snapshot) for the cache.
 */
export const withCaller = <T>(
  db: XfDb,
  credential: Credential,
  fn: (tx: XfTx, caller: CallerRow | undefined) => Promise<T>,
  cache?: CallerCache,
): Promise<T> =>
  db.transaction(async (tx) => {
    const cached = cache?.get(credential)
    if (cached !== undefined) {
      const [check] = await scopeIfEpochStatement(tx).execute({
        epoch: cached.epoch,
        orgPath: cached.caller.orgPath,
      })
      if (check !== undefined && check.scope !== null) return fn(tx, cached.caller)
      if (check !== undefined) cache?.seen(check.epoch)
    }
    const [row] = await callerStatement(tx, true).execute(paramsOf(credential))
    if (row === undefined) return fn(tx, undefined)
    const caller = callerOfRow(row)
    // No epoch (its row gone): nothing could tell the entry stale, so nothing is cached.
    if (row.epoch !== null) cache?.put(credential, caller, row.epoch)
    return fn(tx, caller)
  })

/** The user behind a bearer token (by its hash), unless the token was revoked or the user disabled. */
export const actorOfToken = async (db: XfDb, tokenHash: string): Promise<ActorRow | undefined> => {
  const row = await callerOf(db, { kind: "token", tokenHash })
  if (row === undefined) return undefined
  const { csrfToken: _csrf, lastSeenAt: _seen, expiresAt: _ends, ...actor } = row
  return actor
}

/**
 * The user behind a session (by its id, the cookie's hash), with the session's CSRF token and when it was
 * last seen, unless it expired before `now`, was idle since `idleSince` or its user is disabled.
 */
export const actorOfSession = async (
  db: XfDb,
  sessionId: string,
  now: Date,
  idleSince: Date,
): Promise<(ActorRow & { csrfToken: string; lastSeenAt: Date }) | undefined> => {
  const row = await callerOf(db, { kind: "session", sessionId, now, idleSince })
  if (row === undefined || row.csrfToken === null || row.lastSeenAt === null) return undefined
  return { ...row, csrfToken: row.csrfToken, lastSeenAt: row.lastSeenAt }
}

/** Marks a session seen at `at` (the sliding idle timeout). */
export const touchSession = async (db: XfDb, sessionId: string, at: Date): Promise<void> => {
  await db
    .update(sessions)
    .set({ lastSeenAt: sql`${at.toISOString()}::timestamptz` })
    .where(eq(sessions.id, sessionId))
}

/** Starts a session: `id` is the hash of the cookie's token; it lasts until `expiresAt`. */
export const insertSession = async (
  tx: XfDb,
  session: { id: string; userId: string; csrfToken: string; at: Date; expiresAt: Date },
): Promise<void> => {
  await tx.insert(sessions).values({
    id: session.id,
    userId: session.userId,
    csrfToken: session.csrfToken,
    createdAt: session.at,
    lastSeenAt: session.at,
    expiresAt: session.expiresAt,
  })
}

/** Ends a session. */
export const deleteSession = async (tx: XfDb, sessionId: string): Promise<void> => {
  await tx.delete(sessions).where(eq(sessions.id, sessionId))
}

/** Stores a bearer token by its hash, for `userId`, named by its owner. */
export const insertApiToken = async (
  tx: XfDb,
  token: { tokenHash: string; userId: string; name: string; at: Date },
): Promise<void> => {
  await tx
    .insert(apiTokens)
    .values({ tokenHash: token.tokenHash, userId: token.userId, name: token.name, createdAt: token.at })
}

/** Revokes every live bearer token of a user at `at`. */
export const revokeApiTokens = async (tx: XfDb, userId: string, at: Date): Promise<void> => {
  await tx
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
}

/**
 * Ends every session and revokes every bearer token and the calendar feed token of a user at `at`: after a
 * password change or reset, a role change or a disable, nothing issued before it stays valid (re-enabling the
 * user brings none back).
 * @returns how many sessions ended and tokens were revoked (the feed token counted with the tokens).
 */
export const endAllSessionsOf = async (
  tx: XfDb,
  userId: string,
  at: Date,
): Promise<{ sessions: number; tokens: number }> => {
  const ended = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id })
  const revoked = await tx
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ hash: apiTokens.tokenHash })
  const feeds = await tx
    .delete(calendarFeeds)
    .where(eq(calendarFeeds.userId, userId))
    .returning({ userId: calendarFeeds.userId })
  return { sessions: ended.length, tokens: revoked.length + feeds.length }
}

/**
 * Counts one attempt under `key` in the minute of `at` (a fixed window, shared by every API process) and
 * returns the attempts in that minute so far, this one included.
 */
export const countAttempt = async (db: XfDb, key: string, at: Date): Promise<number> => {
  const windowStart = new Date(Math.floor(at.getTime() / 60_000) * 60_000)
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.windowStart],
      set: { count: sql`${rateLimits.count} + 1` },
    })
    .returning({ count: rateLimits.count })
  return row?.count ?? 0
}
