import { and, asc, eq, sql } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { type NewUser, orgs, type User, users } from "../schema/index.js"
import { NotInScope, orgRowInScope, type Scope } from "./scope.js"

/**
 * The users' queries. A user "lies in" a scope when the org it acts for does; the login counters are
 * written here too (the one write path of a users row).
 */

const userViewColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  orgId: users.orgId,
  orgName: orgs.name,
  disabled: users.disabled,
}

/** A user as the admin lists it (no password hash, no counters). */
export interface UserViewRow {
  readonly id: string
  readonly username: string
  readonly displayName: string
  readonly role: User["role"]
  readonly orgId: string
  readonly orgName: string
  readonly disabled: boolean
}

/** The users acting for an org inside the scope, by username. */
export const usersInScope = async (db: XfDb, scope: Scope): Promise<UserViewRow[]> =>
  db
    .select(userViewColumns)
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(orgRowInScope(scope))
    .orderBy(asc(users.username))

/** The user, if it acts for an org inside the scope; otherwise `NotInScope`. */
export const userInScope = async (db: XfDb, scope: Scope, userId: string): Promise<UserViewRow> => {
  const [row] = await db
    .select(userViewColumns)
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(and(eq(users.id, userId), orgRowInScope(scope)))
    .limit(1)
  if (row === undefined) throw new NotInScope("user", userId)
  return row
}

/** Whether a username is taken (usernames are unique across the district). */
export const isUsernameTaken = async (db: XfDb, username: string): Promise<boolean> =>
  (await db.select({ id: users.id }).from(users).where(eq(users.username, username)).limit(1)).length > 0

/** Inserts a user (the password already hashed); returns its id. */
export const insertUser = async (
  tx: XfDb,
  input: Pick<NewUser, "username" | "displayName" | "role" | "orgId" | "passwordHash">,
): Promise<string> => {
  const [row] = await tx.insert(users).values(input).returning({ id: users.id })
  if (row === undefined) throw new Error("insert into users returned no row")
  return row.id
}

/** What an administrator may change on a user. A new password hash also clears a lockout. */
export interface UserPatch {
  readonly displayName?: string
  readonly role?: User["role"]
  readonly orgId?: string
  readonly disabled?: boolean
  readonly passwordHash?: string
}

/** Changes a user; call it after `userInScope`. */
export const updateUser = async (tx: XfDb, userId: string, patch: UserPatch): Promise<void> => {
  await tx
    .update(users)
    .set({ ...patch, ...(patch.passwordHash ? { failedLogins: 0, lockedUntil: null } : {}) })
    .where(eq(users.id, userId))
}

/** The user signing in as `username`, with the name of its org; undefined when there is none. */
export const userForLogin = async (
  db: XfDb,
  username: string,
): Promise<{ user: User; orgName: string } | undefined> =>
  (
    await db
      .select({ user: users, orgName: orgs.name })
      .from(users)
      .innerJoin(orgs, eq(orgs.id, users.orgId))
      .where(eq(users.username, username))
      .limit(1)
  )[0]

/**
 * Counts one wrong password: adds one to the user's failures, or, with `lockUntil`, locks the account until
 * then and starts counting again.
 */
export const recordFailedLogin = async (tx: XfDb, userId: string, lockUntil?: Date): Promise<void> => {
  await tx
    .update(users)
    .set(
      lockUntil === undefined
        ? { failedLogins: sql`${users.failedLogins} + 1` }
        : { failedLogins: 0, lockedUntil: lockUntil },
    )
    .where(eq(users.id, userId))
}

/** Forgets the failures and any lock after a good password. */
export const clearFailedLogins = async (tx: XfDb, userId: string): Promise<void> => {
  await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId))
}
