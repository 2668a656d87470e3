import {
  checkPlacement,
  childPath,
  type FieldError,
  fieldError,
  isInSubtree,
  type OrgId,
  type OrgKind,
  type OrgPath,
  parseOrgId,
} from "@xianfeng/core"
import { type AnyColumn, eq, type SQL, sql } from "drizzle-orm"
import { Result } from "effect"
import type { XfDb } from "./database.js"
import { type Org, orgs } from "./schema/index.js"

// Tree edits take this transaction-scoped lock so two concurrent moves cannot build a cycle.
const TREE_LOCK = 0x5846_4f54 // "XFOT"

/**
 * `path` lies in the subtree rooted at `scopePath` (the root included). The range uses the
 * `text_pattern_ops` operators, which the path index serves even with a bound parameter, and avoids
 * LIKE, whose `_` wildcard an org id may contain. ('/' is the byte after '.'.)
 */
export const pathInSubtree = (pathColumn: AnyColumn | SQL, scopePath: OrgPath): SQL =>
  sql`(${pathColumn} = ${scopePath} or (${pathColumn} ~>=~ ${`${scopePath}.`} and ${pathColumn} ~<~ ${`${scopePath}/`}))`

/**
 * The ids of every org in the subtree of `scopePath`, as a parenthesised subquery, so scope is applied
 * inside the query: `where(inArray(members.orgId, subtreeOrgIds(user.scopePath)))`.
 */
export const subtreeOrgIds = (scopePath: OrgPath): SQL =>
  sql`(select ${orgs.id} from ${orgs} where ${pathInSubtree(orgs.path, scopePath)})`

/** `orgIdColumn IN (subtree of scopePath)`. */
export const inSubtree = (orgIdColumn: AnyColumn | SQL, scopePath: OrgPath): SQL =>
  sql`${orgIdColumn} in ${subtreeOrgIds(scopePath)}`

export interface InsertOrgInput {
  readonly id: OrgId
  /** Undefined only for the district committee at the root. */
  readonly parentId?: OrgId | undefined
  readonly kind: OrgKind
  readonly name: string
  readonly shortName?: string | undefined
  readonly temporary?: boolean | undefined
}

const lockTree = (tx: XfDb) => tx.execute(sql`select pg_advisory_xact_lock(${TREE_LOCK})`)

const loadOrg = async (tx: XfDb, id: OrgId): Promise<Org | undefined> =>
  (await tx.select().from(orgs).where(eq(orgs.id, id)).limit(1))[0]

const notFound = (field: string, id: string) =>
  fieldError(field, "not-found", `no organization ${id}`, `组织${id}不存在`)

/**
 * Adds an org under its parent, with `path` computed from the parent's path and the placement checked
 * (a branch cannot hold a committee, …). Call it inside a transaction.
 */
export const insertOrg = async (tx: XfDb, input: InsertOrgInput): Promise<Result.Result<Org, FieldError>> => {
  const id = parseOrgId(input.id, "id")
  if (Result.isFailure(id)) return Result.fail(id.failure)
  await lockTree(tx)
  const parent = input.parentId === undefined ? undefined : await loadOrg(tx, input.parentId)
  if (input.parentId !== undefined && parent === undefined)
    return Result.fail(notFound("parentId", input.parentId))
  const placed = checkPlacement(input.kind, parent?.kind)
  if (Result.isFailure(placed)) return Result.fail(placed.failure)
  if ((await loadOrg(tx, input.id)) !== undefined) {
    return Result.fail(
      fieldError("id", "duplicate", `organization ${input.id} already exists`, `组织编号${input.id}已存在`),
    )
  }
  const [row] = await tx
    .insert(orgs)
    .values({
      id: input.id,
      parentId: parent?.id ?? null,
      kind: input.kind,
      name: input.name,
      shortName: input.shortName ?? null,
      temporary: input.temporary ?? false,
      path: childPath(parent?.path, input.id),
    })
    .returning()
  return row === undefined ? Result.fail(notFound("id", input.id)) : Result.succeed(row)
}

export interface MoveOrgInput {
  readonly id: OrgId
  readonly newParentId: OrgId
  /** When given, the move only happens if the org still has this version (else a `version` error). */
  readonly expectedVersion?: number | undefined
}

/**
 * Moves an org and its whole subtree under a new parent: one UPDATE rewrites every descendant's path.
 * Refuses a move into its own subtree and a placement the org kinds do not allow.
 */
export const moveOrg = async (tx: XfDb, input: MoveOrgInput): Promise<Result.Result<Org, FieldError>> => {
  await lockTree(tx)
  const org = await loadOrg(tx, input.id)
  if (org === undefined) return Result.fail(notFound("id", input.id))
  if (input.expectedVersion !== undefined && org.version !== input.expectedVersion) {
    return Result.fail(
      fieldError(
        "version",
        "conflict",
        "the organization was changed meanwhile",
        "该组织已被他人修改，请刷新后重试",
      ),
    )
  }
  const parent = await loadOrg(tx, input.newParentId)
  if (parent === undefined) return Result.fail(notFound("newParentId", input.newParentId))
  if (isInSubtree(parent.path, org.path)) {
    return Result.fail(
      fieldError(
        "newParentId",
        "cycle",
        "an organization cannot be moved under itself or its own subordinate",
        "不能将组织移到其自身或其下级组织之下",
      ),
    )
  }
  const placed = checkPlacement(org.kind, parent.kind)
  if (Result.isFailure(placed)) return Result.fail(placed.failure)
  const oldPath = org.path
  const newPath = childPath(parent.path, org.id)
  await tx
    .update(orgs)
    .set({
      path: sql`${newPath}::text || substr(${orgs.path}, ${oldPath.length + 1}::int)`,
      parentId: sql`case when ${orgs.id} = ${org.id} then ${parent.id}::text else ${orgs.parentId} end`,
      version: sql`case when ${orgs.id} = ${org.id} then ${orgs.version} + 1 else ${orgs.version} end`,
    })
    .where(pathInSubtree(orgs.path, oldPath))
  const moved = await loadOrg(tx, org.id)
  return moved === undefined ? Result.fail(notFound("id", org.id)) : Result.succeed(moved)
}
