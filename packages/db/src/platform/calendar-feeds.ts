/**
 * 日历订阅 (calendar feeds): the one write path of `calendar_feeds` and the lookup of a feed's user. A feed
 * token is a secret in a URL that a calendar app polls without a session, so it is stored as its sha256 only
 * and reads nothing but the agenda of its user's scope.
 */
import { and, eq } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { calendarFeeds, orgs, users } from "../schema/index.js"
import { asSystem } from "./scope.js"
import type { ActorRow } from "./sessions.js"

/** When the user's current feed token was made; undefined when they have none. */
export const calendarFeedOf = async (db: XfDb, userId: string): Promise<{ createdAt: Date } | undefined> =>
  (
    await db
      .select({ createdAt: calendarFeeds.createdAt })
      .from(calendarFeeds)
      .where(eq(calendarFeeds.userId, userId))
      .limit(1)
  )[0]

/**
 * Stores `tokenHash` as the user's one feed token at `at`, replacing any earlier one (so the old URL stops
 * working at once): create and rotate are the same write.
 */
export const setCalendarFeed = async (
  tx: XfDb,
  feed: { userId: string; tokenHash: string; at: Date },
): Promise<void> => {
  await tx
    .insert(calendarFeeds)
    .values({ userId: feed.userId, tokenHash: feed.tokenHash, createdAt: feed.at })
    .onConflictDoUpdate({
      target: calendarFeeds.userId,
      set: { tokenHash: feed.tokenHash, createdAt: feed.at },
    })
}

/** Revokes the user's feed token. @returns whether there was one. */
export const deleteCalendarFeed = async (tx: XfDb, userId: string): Promise<boolean> =>
  (
    await tx
      .delete(calendarFeeds)
      .where(eq(calendarFeeds.userId, userId))
      .returning({ u: calendarFeeds.userId })
  ).length > 0

/**
 * The user behind a feed token (by its hash), unless the token was revoked or replaced, or the user is
 * disabled. Unscoped system work (`asSystem`), like `actorOfToken`: nobody's scope is known yet.
 */
export const actorOfCalendarFeed = async (db: XfDb, tokenHash: string): Promise<ActorRow | undefined> =>
  asSystem(
    db,
    async (tx) =>
      (
        await tx
          .select({
            userId: users.id,
            username: users.username,
            displayName: users.displayName,
            role: users.role,
            orgId: users.orgId,
            orgPath: orgs.path,
            orgName: orgs.name,
          })
          .from(calendarFeeds)
          .innerJoin(users, eq(users.id, calendarFeeds.userId))
          .innerJoin(orgs, eq(orgs.id, users.orgId))
          .where(and(eq(calendarFeeds.tokenHash, tokenHash), eq(users.disabled, false)))
          .limit(1)
      )[0],
  )
