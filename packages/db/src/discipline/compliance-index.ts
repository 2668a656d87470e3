/**
 * The monthly compliance index's stored answers (`discipline_compliance_index`): per organization and year, the
 * counts of its obligation-periods by the month they end in, stored when evaluated and re-evaluated at read time
 * only for the organizations whose row is missing, whose `recheck_on` has come (or whose `evaluated_on` lies
 * after today) or whose basis changed — the district policy, whether the organization has a committee (7 or
 * more full members), or its sittings and heart-to-heart talks of the year (their number, versions and last
 * recording). The heatmap and the quarter and year roll-ups read the counts, not the meetings.
 */
import type { PlainDate } from "@xianfeng/core"
import { and, asc, sql } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { pathInSubtree } from "../org-tree.js"
import { orgRowInScope, type Scope, withinOf } from "../platform/scope.js"
import {
  disciplineComplianceIndex as ci,
  disciplineMeetings as dm,
  disciplineTalks as dt,
  members,
  orgs,
  type StoredStatusCounts,
} from "../schema/index.js"

/** An organization of a subtree with what its year's compliance depends on, and its stored row. */
export interface ComplianceBasisRow {
  readonly id: string
  readonly parentId: string | null
  readonly kind: string
  readonly name: string
  readonly path: string
  /** 7 or more full members: a branch committee is elected (BR 9), so committee meetings are owed. */
  readonly hasCommittee: boolean
  /** A fingerprint of the year's sittings and talks: for each, count, versions, last recording (`<meetings>/<talks>`). */
  readonly sittings: string
  /** The stored row's basis, evaluation day, recheck day and months; null when there is none. */
  readonly storedBasis: string | null
  readonly evaluatedOn: PlainDate | null
  readonly recheckOn: PlainDate | null
  readonly months: readonly StoredStatusCounts[] | null
}

/** A committee is elected at this many full members (BR 9; as `subtreeSittings`' counts are read). */
const COMMITTEE_AT = 7

/**
 * Every organization in the subtree of `orgId` (default: the scope's root; must lie in the scope, else
 * `NotInScope`), ordered by path, with its parent, kind, name, whether it has a committee, a fingerprint of its
 * sittings and talks dated in `year`, and its stored index row for that year (if any) — one query, each
 * organization's meetings, talks and first full members read through their (org, date) and org indexes.
 */
export const complianceBasesOf = async (
  db: XfDb,
  scope: Scope,
  orgId: string | undefined,
  year: number,
): Promise<ComplianceBasisRow[]> => {
  const within = await withinOf(db, scope, orgId)
  const from = `${year}-01-01`
  const to = `${year}-12-31`
  const rows = await db
    .select({
      id: orgs.id,
      parentId: orgs.parentId,
      kind: orgs.kind,
      name: orgs.name,
      path: orgs.path,
      hasCommittee:
        sql<boolean>`(select count(*) from (select 1 from ${members} where ${members.orgId} = ${orgs.id} and ${members.stage} = 'full' limit ${COMMITTEE_AT}) as f) >= ${COMMITTEE_AT}`.mapWith(
          Boolean,
        ),
      sittings: sql<string>`coalesce((select count(*)::text || ':' || sum(${dm.version})::text || ':' || max(${dm.recordedAt})::text from ${dm} where ${dm.orgId} = ${orgs.id} and ${dm.onDate} >= ${from} and ${dm.onDate} <= ${to}), '0') || '/' || coalesce((select count(*)::text || ':' || sum(${dt.version})::text || ':' || max(${dt.recordedAt})::text from ${dt} where ${dt.orgId} = ${orgs.id} and ${dt.onDate} >= ${from} and ${dt.onDate} <= ${to}), '0')`,
      storedBasis: ci.basis,
      evaluatedOn: ci.evaluatedOn,
      recheckOn: ci.recheckOn,
      months: ci.months,
    })
    .from(orgs)
    .leftJoin(ci, and(sql`${ci.orgId} = ${orgs.id}`, sql`${ci.year} = ${year}`))
    .where(and(orgRowInScope(scope), within === scope.orgPath ? undefined : pathInSubtree(orgs.path, within)))
    .orderBy(asc(orgs.path))
  return rows
}

/** One organization's year to store. */
export interface ComplianceIndexEntry {
  readonly orgId: string
  readonly year: number
  readonly basis: string
  readonly evaluatedOn: PlainDate
  readonly recheckOn: PlainDate
  /** Twelve counts, January first. */
  readonly months: readonly StoredStatusCounts[]
}

/**
 * Stores (or replaces) index rows; the only write to discipline_compliance_index. Not scoped itself: the callers
 * pass organizations they loaded in scope (`complianceBasesOf`); row-level security holds it on PostgreSQL.
 */
export const saveComplianceIndex = async (
  db: XfDb,
  entries: readonly ComplianceIndexEntry[],
): Promise<void> => {
  for (let i = 0; i < entries.length; i += 500) {
    await db
      .insert(ci)
      .values(entries.slice(i, i + 500).map((e) => ({ ...e, months: [...e.months] })))
      .onConflictDoUpdate({
        target: [ci.orgId, ci.year],
        set: {
          basis: sql`excluded.basis`,
          evaluatedOn: sql`excluded.evaluated_on`,
          recheckOn: sql`excluded.recheck_on`,
          months: sql`excluded.months`,
        },
      })
  }
}
