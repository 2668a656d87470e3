/**
 * The caller's scope, written once. Every user acts in one organization subtree; each query that reads or
 * writes scoped data takes a `Scope` and puts the subtree condition inside the query, so an object outside it
 * is indistinguishable from a missing one (`NotInScope`, which the API answers as the same 404).
 */
import { and, eq, getTableColumns, type SQL, sql } from "drizzle-orm"
import type { XfDb, XfTx } from "../database.js"
import { onePerHandle } from "../internal/prepared.js"
import { conditionOff } from "../internal/scope-condition.js"
import { wholeRowsAsJson } from "../internal/whole-rows.js"
import { inSubtree, pathInSubtree } from "../org-tree.js"
import { members, orgs } from "../schema/index.js"
import { EpochMoved, type EpochScope } from "./sessions.js"

/** The root of the subtree a caller may see: its organization's id and path (`d1.c03`). */
export interface Scope {
  readonly orgId: string
  readonly orgPath: string
}

/**
 * Thrown by a scoped load when the object is missing or lies outside the scope; the API turns it into its
 * 404 problem. `objectType` is for logs only and never reaches the client, so scope leaks nothing.
 */
export class NotInScope extends Error {
  readonly _tag = "NotInScope"
  constructor(
    readonly objectType: "org" | "member" | "user" | string,
    readonly id: string,
  ) {
    super(`${objectType} ${id} is missing or outside the caller's scope`)
  }
}

// Under the test switch of @xianfeng/db/testing (`withoutScopeCondition`) the conditions below are `true`.
const inPath = (column: Parameters<typeof pathInSubtree>[0], path: string): SQL =>
  conditionOff() ? sql`true` : pathInSubtree(column, path)

/**
 * The condition "this org path (a column or an aliased expression) lies in the scope's subtree", for a
 * condition that reaches `orgs` through a subquery of its own (a class seen through its enrolled members).
 */
export const pathInScope = (column: Parameters<typeof pathInSubtree>[0], scope: Scope): SQL =>
  inPath(column, scope.orgPath)

/** The condition "this org row lies in the scope's subtree" (`orgs` must be in the query). */
export const orgRowInScope = (scope: Scope): SQL => inPath(orgs.path, scope.orgPath)

/**
 * The condition "this member row lies in the scope's subtree" for a query over `members` without `orgs`
 * (an UPDATE, say): its org is one of the subtree's.
 */
export const memberRowInScope = (scope: Scope): SQL =>
  conditionOff() ? sql`true` : inSubtree(members.orgId, scope.orgPath)

/**
 * The condition for a query over `members` joined with `orgs`: in the scope's subtree and, when `within` is
 * given (an org path already checked to lie in scope), in that smaller subtree too.
 */
export const memberRowsInScope = (scope: Scope, within?: string): SQL =>
  and(
    inPath(orgs.path, scope.orgPath),
    within === undefined || within === scope.orgPath ? undefined : inPath(orgs.path, within),
  ) as SQL

/** The org, if it lies inside the scope; otherwise `NotInScope`. */
export const orgInScope = async (db: XfDb, scope: Scope, orgId: string) => {
  const [org] = await db
    .select({ id: orgs.id, path: orgs.path, kind: orgs.kind, name: orgs.name, parentId: orgs.parentId })
    .from(orgs)
    .where(and(eq(orgs.id, orgId), orgRowInScope(scope)))
    .limit(1)
  if (org === undefined) throw new NotInScope("org", orgId)
  return org
}

/**
 * The path a listing covers: the scope's own subtree, or the subtree of `orgId` when given (checked to lie in
 * scope, else `NotInScope`).
 */
export const withinOf = async (db: XfDb, scope: Scope, orgId: string | undefined): Promise<string> =>
  orgId === undefined ? scope.orgPath : (await orgInScope(db, scope, orgId)).path

/** Options of a scoped member load. */
export interface MemberLoadOptions {
  /** Lock the member row (`FOR UPDATE`) for the rest of the transaction. */
  readonly lock?: boolean
}

/**
 * One member row joined with its organization's id, name and path, if the member lies inside the scope;
 * otherwise `NotInScope`. With `lock`, concurrent writers to the same member queue on the row.
 */
export const memberInScope = async (
  db: XfDb,
  scope: Scope,
  memberId: string,
  options: MemberLoadOptions = {},
) => {
  const q = db
    .select({ member: members, orgName: orgs.name, orgPath: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(eq(members.id, memberId), orgRowInScope(scope)))
    .limit(1)
  const [row] = options.lock === true ? await q.for("update", { of: members }) : await q
  if (row === undefined) throw new NotInScope("member", memberId)
  return { ...row.member, orgName: row.orgName, orgPath: row.orgPath }
}

/** A scoped member as `memberInScope` returns it. */
export type ScopedMember = Awaited<ReturnType<typeof memberInScope>>

/** The member and its organization as `memberInScope` returns them, read as one JSON text (`wholeRowsAsJson`). */
const memberRow = wholeRowsAsJson({ ...getTableColumns(members), orgName: orgs.name, orgPath: orgs.path })

/**
 * `xf_member_read`, named: node-postgres parses it once per connection (PGlite, without named statements, each time);
 * built once per database handle (`onePerHandle`). One row of two fields whatever the function answered: the
 * epoch it moved to (null when it read), and the member as one JSON text (`[]` when no member is in scope), so
 * the drivers parse one text instead of a field per column.
 */
const memberReadStatement = onePerHandle((db: XfDb) =>
  db
    .select({ moved: sql<string | null>`min(r.moved)::text`, rows: memberRow.sql })
    .from(
      sql`xf_member_read(${sql.placeholder("epoch")}::bigint, ${sql.placeholder("scope")}::text, ${sql.placeholder("condition")}::boolean, ${sql.placeholder("id")}::uuid) with ordinality as r(moved, mem, org, n)`,
    )
    .prepare("xf_member_read"),
)

/**
 * `memberInScope` as one statement for a caller cached by the API process (`EpochScope`): the function
 * `xf_member_read` (custom migration `member_reads`) checks the authentication epoch, sets the scope row-level
 * security reads transaction-locally and reads the member, in a statement that is its own transaction. Run it
 * on the pool, outside any transaction (inside one it would work too, the scope then lasting to its end). The
 * columns are `memberInScope`'s, read from the function's whole rows; the rows it picks are compared with
 * `memberInScope`'s over the demo district by apps/api/test/one-statement-reads.test.ts.
 * @throws EpochMoved when the epoch is no longer `at.epoch` (nothing was read); NotInScope as `memberInScope`.
 */
export const memberInScopeAtEpoch = async (
  db: XfDb,
  at: EpochScope,
  memberId: string,
): Promise<ScopedMember> => {
  const [read] = await memberReadStatement(db).execute({
    epoch: at.epoch,
    scope: at.orgPath,
    condition: !conditionOff(),
    id: memberId,
  })
  if (read !== undefined && read.moved !== null) throw new EpochMoved(read.moved)
  const [member] = read === undefined ? [] : memberRow.decode(read.rows)
  if (member === undefined) throw new NotInScope("member", memberId)
  return member
}

/**
 * Runs `fn` in one transaction that first sets `xianfeng.scope_path` to the scope's path (transaction-local,
 * `xf_set_scope`, migration 0079): the row-level security policies of migration 0004 (docs/security.md) then show
 * the transaction only the rows of the scope's subtree, whatever its queries say. When that subtree is the whole
 * database (the path of its only root organization) `xf_set_scope` also marks the transaction
 * `xianfeng.scope_whole`, and the policies let every row through without checking each row's organization. This
 * binds only a role the policies bind (`xianfeng_app`, see `openDatabase`'s `role`); as the owner or on a default PGlite (a
 * superuser) the setting is harmless and the scope condition in each query is the one wall.
 */
export const withScope = <T>(db: XfDb, scope: Scope, fn: (tx: XfTx) => Promise<T>): Promise<T> =>
  db.transaction(async (tx) => {
    await tx.execute(sql`select xf_set_scope(${scope.orgPath})`)
    return fn(tx)
  })

/**
 * Runs `fn` in one transaction marked as unscoped system work (`xianfeng.system` = on): who is signing in, which
 * user a token or session belongs to. The row-level security policies let it see every row; keep it to
 * lookups that happen before anyone's scope is known.
 */
export const asSystem = <T>(db: XfDb, fn: (tx: XfTx) => Promise<T>): Promise<T> =>
  db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('xianfeng.system', 'on', true)`)
    return fn(tx)
  })
