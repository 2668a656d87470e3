import { and, eq, gt, isNull, sql } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { apiTokens, calendarFeeds, orgs, rateLimits, sessions, type User, users } from "../schema/index.js"
import { asSystem } from "./scope.js"

/**
 * Who is calling, kept in the database so every API process agrees: browser sessions, bearer tokens for
 * machine clients and the per-minute counters that limit sign-in attempts. Tokens are stored as hashes only.
 */

const actorColumns = {
  userId: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  orgId: users.orgId,
  orgPath: orgs.path,
  orgName: orgs.name,
}

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
 * The user behind a bearer token (by its hash), unless the token was revoked or the user disabled. Unscoped
 * system work (`asSystem`): nobody's scope is known yet.
 */
export const actorOfToken = async (db: XfDb, tokenHash: string): Promise<ActorRow | undefined> =>
  asSystem(
    db,
    async (tx) =>
      (
        await tx
          .select(actorColumns)
          .from(apiTokens)
          .innerJoin(users, eq(users.id, apiTokens.userId))
          .innerJoin(orgs, eq(orgs.id, users.orgId))
          .where(
            and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), eq(users.disabled, false)),
          )
          .limit(1)
      )[0],
  )

/**
 * The user behind a session (by its id, the cookie's hash), with the session's CSRF token and when it was
 * last seen, unless it expired before `now`, was idle since `idleSince` or its user is disabled. Unscoped
 * system work (`asSystem`), like `actorOfToken`.
 */
export const actorOfSession = async (
  db: XfDb,
  sessionId: string,
  now: Date,
  idleSince: Date,
): Promise<(ActorRow & { csrfToken: string; lastSeenAt: Date }) | undefined> =>
  asSystem(
    db,
    async (tx) =>
      (
        await tx
          .select({ ...actorColumns, csrfToken: sessions.csrfToken, lastSeenAt: sessions.lastSeenAt })
          .from(sessions)
          .innerJoin(users, eq(users.id, sessions.userId))
          .innerJoin(orgs, eq(orgs.id, users.orgId))
          .where(
            and(
              eq(sessions.id, sessionId),
              gt(sessions.expiresAt, now),
              gt(sessions.lastSeenAt, idleSince),
              eq(users.disabled, false),
            ),
          )
          .limit(1)
      )[0],
  )

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
