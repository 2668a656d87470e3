/**
 * Members' own accounts (党员账号): issued per branch by its secretary with one-time activation codes (only the
 * code's SHA-256 is stored; each good once, until it expires), activated by the member with a password of their
 * own; and what a member may read about themself — who has viewed their record.
 */
import { createHash } from "node:crypto"
import { and, eq, gt, isNull, sql } from "drizzle-orm"
import { rowsOf, type XfDb } from "../database.js"
import { memberInScope, orgInScope, type Scope } from "../platform/scope.js"
import { appraisalActivations, members, users } from "../schema/index.js"

/**
 * The SHA-256 under which an activation code is kept: of the code without dashes or spaces, in capitals, so
 * `abcd efgh` and `ABCD-EFGH` agree.
 */
export const activationCodeHash = (code: string): string =>
  createHash("sha256")
    .update(`xf-activation:${code.replace(/[\s-]/g, "").toUpperCase()}`)
    .digest("hex")

/** One account to issue: for a member of the scope, with the hash of its new code. */
export interface ActivationEntry {
  readonly memberId: string
  readonly username: string
  readonly codeHash: string
  readonly expiresAt: Date
  readonly recordedBy: string | null
}

/**
 * Issues an activation code for each member (loaded in scope, else `NotInScope`): makes the member's account the
 * first time (role `member`, disabled, with an unusable password until activation), and voids every earlier
 * unused code of the member. The one write path of `appraisal_activations`. Returns the usernames in order.
 */
export const issueActivations = async (
  db: XfDb,
  scope: Scope,
  entries: readonly ActivationEntry[],
  at: Date,
): Promise<readonly { readonly memberId: string; readonly username: string; readonly name: string }[]> => {
  const out: { memberId: string; username: string; name: string }[] = []
  for (const e of entries) {
    const member = await memberInScope(db, scope, e.memberId)
    const [existing] = await db
      .select({ id: users.id, username: users.username })
      .from(users)
      .where(eq(users.memberId, e.memberId))
      .limit(1)
    const user =
      existing ??
      (
        await db
          .insert(users)
          .values({
            username: e.username,
            displayName: member.name,
            // Not a hash any password verifies against: the account cannot sign in before activation.
            passwordHash: "!activation-pending",
            role: "member",
            orgId: member.orgId,
            memberId: member.id,
            disabled: true,
          })
          .returning({ id: users.id, username: users.username })
      )[0]
    if (user === undefined) throw new Error("insert into users returned no row")
    await db
      .update(appraisalActivations)
      .set({ expiresAt: at })
      .where(and(eq(appraisalActivations.memberId, e.memberId), isNull(appraisalActivations.usedAt)))
    await db.insert(appraisalActivations).values({
      userId: user.id,
      memberId: member.id,
      orgId: member.orgId,
      codeHash: e.codeHash,
      expiresAt: e.expiresAt,
      recordedBy: e.recordedBy,
    })
    out.push({ memberId: member.id, username: user.username, name: member.name })
  }
  return out
}

/**
 * Spends an activation code (system work: nobody is signed in yet): when a code with this hash is unused and not
 * expired at `at`, marks it used, sets the account's password and enables it, in one statement each; returns the
 * username, or undefined for a wrong, used or expired code (the caller cannot tell which, nor can a guesser).
 */
export const spendActivation = async (
  db: XfDb,
  codeHash: string,
  passwordHash: string,
  at: Date,
): Promise<{ readonly userId: string; readonly username: string } | undefined> => {
  const [used] = await db
    .update(appraisalActivations)
    .set({ usedAt: at })
    .where(
      and(
        eq(appraisalActivations.codeHash, codeHash),
        isNull(appraisalActivations.usedAt),
        gt(appraisalActivations.expiresAt, at),
      ),
    )
    .returning({ userId: appraisalActivations.userId })
  if (used === undefined) return undefined
  const [user] = await db
    .update(users)
    .set({ passwordHash, disabled: false, failedLogins: 0, lockedUntil: null })
    .where(and(eq(users.id, used.userId), eq(users.role, "member")))
    .returning({ userId: users.id, username: users.username })
  return user
}

/** The member record a `member` user signs in as; undefined for any other user. */
export const memberIdOfUser = async (db: XfDb, userId: string): Promise<string | undefined> =>
  (
    await db
      .select({ memberId: users.memberId })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.role, "member")))
      .limit(1)
  )[0]?.memberId ?? undefined

/** Whether each member of a list already has an account (and whether it is active). */
export const memberAccountsOf = async (
  db: XfDb,
  scope: Scope,
  orgId: string,
): Promise<readonly { memberId: string; username: string; active: boolean }[]> => {
  await orgInScope(db, scope, orgId)
  return db
    .select({
      memberId: sql<string>`${users.memberId}`,
      username: users.username,
      active: sql<boolean>`not ${users.disabled}`,
    })
    .from(users)
    .innerJoin(members, eq(members.id, users.memberId))
    .where(eq(members.orgId, orgId))
}

/** One view of a member's record, as the member is shown it: never the viewer's id or name. */
export interface RecordView {
  readonly at: Date
  readonly action: string
  readonly viewerRole: string | null
  readonly viewerOrg: string | null
}

/**
 * Who has viewed (or changed) a member's record, newest first, at most 200: the audit rows about the member but
 * the member's own, each with the viewer's role and organization (`xf_record_viewers`, migration 0013). Call it
 * only for the signed-in member's own record.
 */
export const recordViewersOf = async (
  db: XfDb,
  memberId: string,
  selfUserId: string,
): Promise<readonly RecordView[]> => {
  const list = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`select "at", "action", "viewer_role", "viewer_org" from xf_record_viewers(${memberId}::uuid, ${selfUserId})`,
    ),
  )
  return list.map((r) => ({
    at: r.at instanceof Date ? r.at : new Date(String(r.at)),
    action: String(r.action),
    viewerRole: r.viewer_role === null ? null : String(r.viewer_role),
    viewerOrg: r.viewer_org === null ? null : String(r.viewer_org),
  }))
}
