import { and, eq, gt, isNull, sql } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { mfaChallenges, mfaRecoveryCodes } from "../schema/index.js"

/**
 * The second factor's recovery codes (single use, stored as hashes only) and the sign-ins waiting for a code.
 * The TOTP secret itself lives on the user (users.ts).
 */

/** Replaces a user's recovery codes with these hashes (sha256, hex). */
export const replaceRecoveryCodes = async (
  tx: XfDb,
  userId: string,
  hashes: readonly string[],
): Promise<void> => {
  await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId))
  if (hashes.length > 0) {
    await tx.insert(mfaRecoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })))
  }
}

/** Uses a recovery code at `at`, in one statement: true the first time, false when unknown or used. */
export const useRecoveryCode = async (tx: XfDb, userId: string, hash: string, at: Date): Promise<boolean> =>
  (
    await tx
      .update(mfaRecoveryCodes)
      .set({ usedAt: at })
      .where(
        and(
          eq(mfaRecoveryCodes.userId, userId),
          eq(mfaRecoveryCodes.codeHash, hash),
          isNull(mfaRecoveryCodes.usedAt),
        ),
      )
      .returning({ userId: mfaRecoveryCodes.userId })
  ).length === 1

/** Records a sign-in whose password was right, waiting for its code until `expiresAt`. */
export const insertMfaChallenge = async (
  tx: XfDb,
  challenge: { id: string; userId: string; expiresAt: Date },
): Promise<void> => {
  await tx.insert(mfaChallenges).values(challenge)
}

/** The user a live challenge (by its hash) waits for, unless it expired before `now`. */
export const mfaChallengeOf = async (
  db: XfDb,
  id: string,
  now: Date,
): Promise<{ userId: string; failures: number } | undefined> =>
  (
    await db
      .select({ userId: mfaChallenges.userId, failures: mfaChallenges.failures })
      .from(mfaChallenges)
      .where(and(eq(mfaChallenges.id, id), gt(mfaChallenges.expiresAt, now)))
      .limit(1)
  )[0]

/** Counts one wrong code on a challenge (one statement) and returns the failures so far. */
export const countMfaChallengeFailure = async (tx: XfDb, id: string): Promise<number> =>
  (
    await tx
      .update(mfaChallenges)
      .set({ failures: sql`${mfaChallenges.failures} + 1` })
      .where(eq(mfaChallenges.id, id))
      .returning({ failures: mfaChallenges.failures })
  )[0]?.failures ?? Number.POSITIVE_INFINITY

/** Ends a challenge (used, or given up after too many wrong codes); true when this call ended it. */
export const deleteMfaChallenge = async (tx: XfDb, id: string): Promise<boolean> =>
  (await tx.delete(mfaChallenges).where(eq(mfaChallenges.id, id)).returning({ id: mfaChallenges.id }))
    .length === 1

/** How many of a user's recovery codes are still unused. */
export const recoveryCodesLeft = async (db: XfDb, userId: string): Promise<number> =>
  (
    await db
      .select({ n: sql<number>`count(*)::int` })
      .from(mfaRecoveryCodes)
      .where(and(eq(mfaRecoveryCodes.userId, userId), isNull(mfaRecoveryCodes.usedAt)))
  )[0]?.n ?? 0
