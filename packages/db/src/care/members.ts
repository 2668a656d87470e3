/** Member facts the care area reads: the automatic ledger categories and the commendation quotas. */
import type { PlainDate } from "@xianfeng/core"
import { and, asc, count, eq } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { inSubtree } from "../org-tree.js"
import { memberRowsInScope, orgInScope, type Scope, withinOf } from "../platform/scope.js"
import { members, orgs } from "../schema/index.js"

/** Members on the roll (status normal) of the subtree of `orgId` (in scope, else `NotInScope`), with their dates. */
export const careMemberFactsInScope = async (
  db: XfDb,
  scope: Scope,
  orgId?: string,
): Promise<
  readonly {
    readonly id: string
    readonly name: string
    readonly orgId: string
    readonly stage: string
    readonly birthDate: PlainDate
    readonly admittedOn: PlainDate | null
    readonly fullMemberOn: PlainDate | null
  }[]
> => {
  const within = await withinOf(db, scope, orgId)
  return db
    .select({
      id: members.id,
      name: members.name,
      orgId: members.orgId,
      stage: members.stage,
      birthDate: members.birthDate,
      admittedOn: members.admittedOn,
      fullMemberOn: members.fullMemberOn,
    })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(memberRowsInScope(scope, within), eq(members.status, "normal")))
    .orderBy(asc(orgs.path), asc(members.namePinyin))
}

/** The direct children of `orgId` (in scope, else `NotInScope`) with the full members of each one's subtree. */
export const fullMembersOfChildren = async (
  db: XfDb,
  scope: Scope,
  orgId: string,
): Promise<readonly { readonly orgId: string; readonly fullMembers: number }[]> => {
  await orgInScope(db, scope, orgId)
  const children = await db
    .select({ id: orgs.id, path: orgs.path })
    .from(orgs)
    .where(eq(orgs.parentId, orgId))
  const out: { orgId: string; fullMembers: number }[] = []
  for (const c of children) {
    const [row] = await db
      .select({ n: count() })
      .from(members)
      .where(and(inSubtree(members.orgId, c.path), eq(members.stage, "full"), eq(members.status, "normal")))
    out.push({ orgId: c.id, fullMembers: row?.n ?? 0 })
  }
  return out
}
