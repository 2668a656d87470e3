/**
 * 谈心谈话 (heart-to-heart talks, BR 19): every query of `discipline_talks`. Each takes the caller's `Scope`;
 * the table has one write path, `saveTalk`.
 */
import type { PlainDate } from "@xianfeng/core"
import { and, asc, eq, gte, inArray, lte } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { inSubtree } from "../org-tree.js"
import { orgInScope, orgRowInScope, type Scope, withinOf } from "../platform/scope.js"
import { type DisciplineTalk, disciplineTalks, members, orgs } from "../schema/index.js"

/** What a talk holds, as the route checked it. */
export interface TalkFields {
  readonly orgId: string
  readonly pair: string
  readonly onDate: PlainDate
  readonly firstMemberId: string
  readonly secondMemberId: string
  readonly topic: string
  readonly recordedBy: string | null
  readonly recordedAt: Date
}

/** A talk naming members who are not members of the talk's organization; nothing is written then. */
export interface TalkNotOfBranch {
  readonly _tag: "NotOfBranch"
  readonly memberIds: readonly string[]
}

/**
 * The one write path of talks: a new talk for an organization of the scope (else `NotInScope`) between two
 * of its members (else `NotOfBranch`).
 */
export const saveTalk = async (
  tx: XfDb,
  scope: Scope,
  talk: TalkFields,
): Promise<DisciplineTalk | TalkNotOfBranch> => {
  await orgInScope(tx, scope, talk.orgId)
  const ids = [talk.firstMemberId, talk.secondMemberId]
  const found = await tx
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.orgId, talk.orgId), inArray(members.id, ids)))
  const ok = new Set(found.map((m) => m.id))
  const strangers = ids.filter((id) => !ok.has(id))
  if (strangers.length > 0) return { _tag: "NotOfBranch", memberIds: strangers }
  const [row] = await tx.insert(disciplineTalks).values(talk).returning()
  if (row === undefined) throw new Error("insert into discipline_talks returned no row")
  return row
}

/** The talks of one organization of the scope (else `NotInScope`) dated `from`…`to`, oldest first. */
export const talksOfOrg = async (
  db: XfDb,
  scope: Scope,
  orgId: string,
  from: PlainDate,
  to: PlainDate,
): Promise<readonly DisciplineTalk[]> => {
  await orgInScope(db, scope, orgId)
  return db
    .select()
    .from(disciplineTalks)
    .where(
      and(
        eq(disciplineTalks.orgId, orgId),
        gte(disciplineTalks.onDate, from),
        lte(disciplineTalks.onDate, to),
      ),
    )
    .orderBy(asc(disciplineTalks.onDate), asc(disciplineTalks.id))
}

/**
 * The talks of the subtree of `orgId` (default: the scope's root; else `NotInScope`) dated `from`…`to`, as
 * sittings for a roll-up: id, organization, date, pair.
 */
export const subtreeTalks = async (
  db: XfDb,
  scope: Scope,
  orgId: string | undefined,
  from: PlainDate,
  to: PlainDate,
): Promise<
  readonly {
    readonly id: string
    readonly orgId: string
    readonly onDate: PlainDate
    readonly pair: string
  }[]
> => {
  const within = await withinOf(db, scope, orgId)
  return db
    .select({
      id: disciplineTalks.id,
      orgId: disciplineTalks.orgId,
      onDate: disciplineTalks.onDate,
      pair: disciplineTalks.pair,
    })
    .from(disciplineTalks)
    .where(
      and(
        inSubtree(disciplineTalks.orgId, within),
        gte(disciplineTalks.onDate, from),
        lte(disciplineTalks.onDate, to),
      ),
    )
    .orderBy(asc(disciplineTalks.onDate), asc(disciplineTalks.id))
}

/**
 * The talks of the organizations `orgIds` (each in the scope; the others are left out) dated `from`…`to`, as
 * sittings for their compliance: id, organization, date, pair — for re-evaluating only the stale rows of the
 * compliance index, without reading the whole subtree's talks. In batches of 1,000 organizations.
 */
export const talksOfOrgs = async (
  db: XfDb,
  scope: Scope,
  orgIds: readonly string[],
  from: PlainDate,
  to: PlainDate,
): Promise<{ id: string; orgId: string; onDate: PlainDate; pair: string }[]> => {
  const out: { id: string; orgId: string; onDate: PlainDate; pair: string }[] = []
  for (let i = 0; i < orgIds.length; i += 1000) {
    out.push(
      ...(await db
        .select({
          id: disciplineTalks.id,
          orgId: disciplineTalks.orgId,
          onDate: disciplineTalks.onDate,
          pair: disciplineTalks.pair,
        })
        .from(disciplineTalks)
        .innerJoin(orgs, eq(orgs.id, disciplineTalks.orgId))
        .where(
          and(
            orgRowInScope(scope),
            inArray(disciplineTalks.orgId, orgIds.slice(i, i + 1000)),
            gte(disciplineTalks.onDate, from),
            lte(disciplineTalks.onDate, to),
          ),
        )
        .orderBy(asc(disciplineTalks.onDate), asc(disciplineTalks.id))),
    )
  }
  return out
}
