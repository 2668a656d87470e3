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

/** What one counted wrong password did to the account. */
export type FailedLogin =
  /** Counted: `failures` in a row now; `lockedUntil` set when this one reached the limit. */
  | { readonly kind: "counted"; readonly failures: number; readonly lockedUntil: Date | null }
  /** Not counted: the account was already locked when the failure came to be counted. */
  | { readonly kind: "locked"; readonly lockedUntil: Date }

/** The user by id, with the name of its org (the second step of a sign-in); undefined when there is none. */
export const userForSignIn = async (
  db: XfDb,
  userId: string,
): Promise<{ user: User; orgName: string } | undefined> =>
  (
    await db
      .select({ user: users, orgName: orgs.name })
      .from(users)
      .innerJoin(orgs, eq(orgs.id, users.orgId))
      .where(eq(users.id, userId))
      .limit(1)
  )[0]

/**
 * Counts one wrong password in one statement (`UPDATE … RETURNING`), so simultaneous attempts cannot all
 * read the same count: the failure that reaches `limit` locks the account until `at + lockMs` and starts
 * counting again from 0. A failure counted while the account is locked changes nothing and says so — with 12
 * simultaneous wrong passwords and a limit of 5, exactly 5 are counted (the 5th locks) and 7 find the lock.
 */
export const recordFailedLogin = async (
  tx: XfDb,
  userId: string,
  at: Date,
  limit: number,
  lockMs: number,
): Promise<FailedLogin> => {
  const atSql = sql`${at.toISOString()}::timestamptz`
  const reaches = sql`${users.failedLogins} + 1 >= ${limit}`
  const [row] = await tx
    .update(users)
    .set({
      failedLogins: sql`case when ${reaches} then 0 else ${users.failedLogins} + 1 end`,
      lockedUntil: sql`case when ${reaches} then ${new Date(at.getTime() + lockMs).toISOString()}::timestamptz else null end`,
    })
    .where(and(eq(users.id, userId), sql`(${users.lockedUntil} is null or ${users.lockedUntil} <= ${atSql})`))
    .returning({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil })
  if (row !== undefined) {
    return row.lockedUntil === null
      ? { kind: "counted", failures: row.failedLogins, lockedUntil: null }
      : { kind: "counted", failures: limit, lockedUntil: row.lockedUntil }
  }
  const [now] = await tx.select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, userId))
  return { kind: "locked", lockedUntil: now?.lockedUntil ?? at }
}

/** Forgets the failures and any lock after a good password. */
export const clearFailedLogins = async (tx: XfDb, userId: string): Promise<void> => {
  await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId))
}

// ── the second factor's columns (TOTP, RFC 6238); the codes and challenges are in mfa.ts ──

/** Keeps a freshly generated secret (encrypted) until a code confirms it; replaces an unconfirmed one. */
export const setPendingMfaSecret = async (tx: XfDb, userId: string, cipher: string): Promise<void> => {
  await tx.update(users).set({ mfaPendingSecret: cipher }).where(eq(users.id, userId))
}

/** Makes the pending secret the user's second factor; `step` is the time step of the confirming code. */
export const confirmMfaSecret = async (tx: XfDb, userId: string, step: number): Promise<void> => {
  await tx
    .update(users)
    .set({ mfaSecret: users.mfaPendingSecret, mfaPendingSecret: null, mfaLastStep: step })
    .where(eq(users.id, userId))
}

/** Removes the second factor (and any pending secret). */
export const clearMfaSecret = async (tx: XfDb, userId: string): Promise<void> => {
  await tx
    .update(users)
    .set({ mfaSecret: null, mfaPendingSecret: null, mfaLastStep: null })
    .where(eq(users.id, userId))
}

/**
 * Accepts a TOTP code's time step once, in one statement: true when `step` is later than every step accepted
 * before (RFC 6238 §5.2: a verifier must not accept the second attempt of the same OTP), false for a replay.
 */
export const acceptMfaStep = async (tx: XfDb, userId: string, step: number): Promise<boolean> =>
  (
    await tx
      .update(users)
      .set({ mfaLastStep: step })
      .where(and(eq(users.id, userId), sql`(${users.mfaLastStep} is null or ${users.mfaLastStep} < ${step})`))
      .returning({ id: users.id })
  ).length === 1
