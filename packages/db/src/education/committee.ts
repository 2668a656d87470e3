/**
 * 支部委员会: the posts of an organization's committee (书记, 副书记, 委员 with their 分工), kept in `education_roles`
 * (the rows whose role is one of `committeePosts`), the same rows the training rules and a 支委会's roll read.
 */
import { type FieldError, fieldError, type PlainDate } from "@xianfeng/core"
import {
  type CommitteeDuty,
  type CommitteePost,
  committeeDuties,
  committeePosts,
} from "@xianfeng/inspection-scheduling"
import { and, asc, eq, inArray, sql } from "drizzle-orm"
import { Result } from "effect"
import type { XfDb } from "../database.js"
import { orgInScope, type Scope } from "../platform/scope.js"
import { educationRoles, members, orgs } from "../schema/index.js"

/** One post of a committee, with who holds it and since when. */
export interface CommitteeSeat {
  readonly memberId: string
  readonly name: string
  readonly post: CommitteePost
  /** 委员分工, for a `committee-member` only. */
  readonly duty: CommitteeDuty | null
  readonly since: PlainDate
}

const postOrder = sql`array_position(array['secretary','deputy-secretary','committee-member']::text[], ${educationRoles.role})`

/**
 * The committee of organization `orgId` (in the scope, else `NotInScope`): the posts held by its own members,
 * secretary first, then deputies, then members, each by pinyin. Names are personal data: the caller audits.
 */
export const committeeOf = async (
  db: XfDb,
  scope: Scope,
  orgId: string,
): Promise<readonly CommitteeSeat[]> => {
  await orgInScope(db, scope, orgId)
  const rows = await db
    .select({
      memberId: educationRoles.memberId,
      name: members.name,
      post: educationRoles.role,
      duty: educationRoles.duty,
      since: educationRoles.since,
    })
    .from(educationRoles)
    .innerJoin(members, eq(members.id, educationRoles.memberId))
    .where(and(eq(members.orgId, orgId), inArray(educationRoles.role, [...committeePosts])))
    .orderBy(postOrder, asc(members.namePinyin), asc(members.id))
  return rows.map((r) => ({ ...r, post: r.post as CommitteePost, duty: r.duty ?? null }))
}

/** One post as a caller sets it: `since` left out keeps the day on record (or takes `today` for a new post). */
export interface CommitteeSeatInput {
  readonly memberId: string
  /** One of `committeePosts`; anything else is refused (`unknown-post`). */
  readonly post: string
  /** One of `committeeDuties`, or null; anything else is refused (`unknown-duty`). */
  readonly duty?: string | null | undefined
  readonly since?: PlainDate | undefined
}

/**
 * Replaces the committee of organization `orgId` (in the scope, else `NotInScope`) with `seats`, in the caller's
 * transaction, the organization's row locked so two editors cannot leave two secretaries. Fails, changing
 * nothing, with the field (`posts[i].memberId`, `posts[i].post`, `posts[i].duty`) and reason of the first seat
 * that does not fit: a member not a full or probationary member of the organization itself (`not-in-org`), a
 * member given two posts (`repeated`), a second secretary (`one-secretary`, BR: a branch has one secretary), a
 * duty on a post other than 委员 (`duty-not-allowed`). Returns the posts added and removed, for the audit row.
 */
export const setCommittee = async (
  tx: XfDb,
  scope: Scope,
  orgId: string,
  seats: readonly CommitteeSeatInput[],
  today: PlainDate,
): Promise<Result.Result<{ added: number; removed: number }, FieldError>> => {
  await orgInScope(tx, scope, orgId)
  await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, orgId)).for("update")
  const ids = [...new Set(seats.map((s) => s.memberId))]
  const own = new Set(
    ids.length === 0
      ? []
      : (
          await tx
            .select({ id: members.id })
            .from(members)
            .where(
              and(
                inArray(members.id, ids),
                eq(members.orgId, orgId),
                inArray(members.stage, ["full", "probationary"]),
              ),
            )
        ).map((r) => r.id),
  )
  const seen = new Set<string>()
  let secretaries = 0
  for (const [i, s] of seats.entries()) {
    if (!(committeePosts as readonly string[]).includes(s.post))
      return Result.fail(
        fieldError(
          `posts[${i}].post`,
          "unknown-post",
          `not a committee post (${committeePosts.join(", ")})`,
          "不是支部委员会的职务（书记、副书记、委员）",
        ),
      )
    if (s.duty != null && !(committeeDuties as readonly string[]).includes(s.duty))
      return Result.fail(
        fieldError(
          `posts[${i}].duty`,
          "unknown-duty",
          `not a committee member's duty (${committeeDuties.join(", ")})`,
          "不是委员的分工（组织、宣传、纪检、青年、工会、保密、妇女）",
        ),
      )
    if (!own.has(s.memberId))
      return Result.fail(
        fieldError(
          `posts[${i}].memberId`,
          "not-in-org",
          "not a full or probationary member of this organization",
          "不是本组织的正式党员或预备党员",
        ),
      )
    if (seen.has(s.memberId))
      return Result.fail(
        fieldError(
          `posts[${i}].memberId`,
          "repeated",
          "this member already holds a post",
          "该党员已担任职务",
        ),
      )
    seen.add(s.memberId)
    if (s.post === "secretary" && ++secretaries > 1)
      return Result.fail(
        fieldError(
          `posts[${i}].post`,
          "one-secretary",
          "a committee has one secretary",
          "一个支部只能有一名书记",
        ),
      )
    if (s.duty != null && s.post !== "committee-member")
      return Result.fail(
        fieldError(
          `posts[${i}].duty`,
          "duty-not-allowed",
          "only a committee member has a duty",
          "只有委员才有分工",
        ),
      )
  }
  const held = await tx
    .select({ memberId: educationRoles.memberId, role: educationRoles.role, since: educationRoles.since })
    .from(educationRoles)
    .innerJoin(members, eq(members.id, educationRoles.memberId))
    .where(and(eq(members.orgId, orgId), inArray(educationRoles.role, [...committeePosts])))
  const sinceOf = new Map(held.map((h) => [`${h.memberId}/${h.role}`, h.since]))
  if (held.length > 0)
    await tx.delete(educationRoles).where(
      and(
        inArray(
          educationRoles.memberId,
          held.map((h) => h.memberId),
        ),
        inArray(educationRoles.role, [...committeePosts]),
      ),
    )
  if (seats.length > 0)
    await tx.insert(educationRoles).values(
      seats.map((s) => ({
        memberId: s.memberId,
        role: s.post as CommitteePost,
        duty: s.post === "committee-member" ? ((s.duty ?? null) as CommitteeDuty | null) : null,
        since: s.since ?? sinceOf.get(`${s.memberId}/${s.post}`) ?? today,
      })),
    )
  const before = new Set(sinceOf.keys())
  const after = new Set(seats.map((s) => `${s.memberId}/${s.post}`))
  return Result.succeed({
    added: [...after].filter((k) => !before.has(k)).length,
    removed: [...before].filter((k) => !after.has(k)).length,
  })
}
