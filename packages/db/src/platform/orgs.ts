import { and, asc, eq, sql } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { memberOrgCounts, orgs } from "../schema/index.js"
import { NotInScope, orgInScope, orgRowInScope, type Scope } from "./scope.js"

/**
 * The organizations' queries as the API shows them: each org with its direct children and the members of its
 * whole subtree counted. Creating and moving an org (which keep `path`) are `insertOrg` and `moveOrg`
 * (org-tree.ts); renaming is here.
 */

// Correlated subqueries name the outer table explicitly: drizzle renders a bare column inside sql``
// unqualified, which would bind to the inner table instead.
const outerId = sql.raw(`"orgs"."id"`)
const outerPath = sql.raw(`"orgs"."path"`)
const outerParentId = sql.raw(`"orgs"."parent_id"`)

const orgViewColumns = {
  id: orgs.id,
  name: orgs.name,
  kind: orgs.kind,
  parentId: orgs.parentId,
  path: orgs.path,
  version: orgs.version,
  childCount: sql<number>`(select count(*)::int from ${orgs} c where c.parent_id = ${outerId})`.mapWith(
    Number,
  ),
  // The stored per-organization counts (every stage and status) summed over the subtree: the number counting its
  // members gives (member_org_counts, kept exact by triggers on members), a few rows per organization.
  memberCount:
    sql<number>`(select coalesce(sum(c.n), 0)::int from ${memberOrgCounts} c join ${orgs} mo on mo.id = c.org_id
    where mo.path = ${outerPath} or (mo.path ~>=~ (${outerPath} || '.') and mo.path ~<~ (${outerPath} || '/')))`.mapWith(
      Number,
    ),
}

/** An org with its counts: `childCount` direct children, `memberCount` members of every status in its whole subtree. */
export interface OrgViewRow {
  readonly id: string
  readonly name: string
  readonly kind: (typeof orgs.$inferSelect)["kind"]
  readonly parentId: string | null
  readonly path: string
  readonly version: number
  readonly childCount: number
  readonly memberCount: number
}

/** The org with its counts, if it lies in the scope; otherwise `NotInScope`. */
export const orgViewInScope = async (db: XfDb, scope: Scope, orgId: string): Promise<OrgViewRow> => {
  const [row] = await db
    .select(orgViewColumns)
    .from(orgs)
    .where(and(eq(orgs.id, orgId), orgRowInScope(scope)))
    .limit(1)
  if (row === undefined) throw new NotInScope("org", orgId)
  return row
}

/** The orgs directly under `orgId` (which must lie in the scope, else `NotInScope`), by id. */
export const orgChildrenInScope = async (db: XfDb, scope: Scope, orgId: string): Promise<OrgViewRow[]> => {
  await orgInScope(db, scope, orgId)
  return db
    .select(orgViewColumns)
    .from(orgs)
    .where(and(eq(orgs.parentId, orgId), orgRowInScope(scope)))
    .orderBy(asc(orgs.id))
}

/** An organization found by name: where it stands (its parent's name) so two 第一党支部 can be told apart. */
export interface OrgHitRow {
  readonly id: string
  readonly name: string
  readonly kind: (typeof orgs.$inferSelect)["kind"]
  readonly parentId: string | null
  readonly parentName: string | null
  readonly path: string
}

/**
 * The organizations of the scope whose name contains `text` (case-insensitive for Latin letters; the text is
 * taken literally, no wildcards), however deep in the tree: the shortest names first (an exact name leads), then
 * by id; at most `limit`. An empty text finds nothing.
 */
export const searchOrgsInScope = async (
  db: XfDb,
  scope: Scope,
  text: string,
  limit = 30,
): Promise<OrgHitRow[]> => {
  const q = text.trim()
  if (q === "") return []
  const parent = sql.raw(`"p"`)
  return db
    .select({
      id: orgs.id,
      name: orgs.name,
      kind: orgs.kind,
      parentId: orgs.parentId,
      parentName: sql<
        string | null
      >`(select ${parent}.name from ${orgs} ${parent} where ${parent}.id = ${outerParentId})`,
      path: orgs.path,
    })
    .from(orgs)
    .where(and(orgRowInScope(scope), sql`strpos(lower(${orgs.name}), lower(${q})) > 0`))
    .orderBy(sql`length(${orgs.name})`, asc(orgs.id))
    .limit(limit)
}

/**
 * Renames an org if it still has `expectedVersion`, bumping the version. Returns the new version, or
 * undefined when it was changed meanwhile (the API answers 409). Call it after a scoped load of the org.
 */
export const renameOrg = async (
  tx: XfDb,
  orgId: string,
  expectedVersion: number,
  names: { readonly name?: string; readonly shortName?: string | null },
): Promise<number | undefined> => {
  const [row] = await tx
    .update(orgs)
    .set({
      ...(names.name === undefined ? {} : { name: names.name }),
      ...(names.shortName === undefined ? {} : { shortName: names.shortName }),
      version: sql`${orgs.version} + 1`,
    })
    .where(and(eq(orgs.id, orgId), eq(orgs.version, expectedVersion)))
    .returning({ version: orgs.version })
  return row?.version
}
