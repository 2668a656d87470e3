/**
 * The monthly compliance index's stored answers (`discipline_compliance_index`): per organization and year, the
 * counts of its obligation-periods by the month they end in, stored when evaluated and re-evaluated at read time
 * only for the organizations whose row is missing, whose `recheck_on` has come (or whose `evaluated_on` lies
 * after today) or whose basis changed — the district policy, whether the organization has a committee (7 or
 * more full members), or its sittings and heart-to-heart talks of the year (their number, versions and last
 * recording). The heatmap and the quarter and year roll-ups read the counts, not the meetings.
 */
import type { PlainDate } from "@xianfeng/core"
import { and, asc, eq, sql } from "drizzle-orm"
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
 * sittings and talks dated in `year`, and its stored index row for that year (if any).
 *
 * One query: the year's meetings and talks of the subtree are aggregated per organization in one grouped pass
 * each (through `discipline_meetings_org_basis_idx` and `discipline_talks_org_basis_idx`, which hold the
 * fingerprint's columns, so the pass reads the index and not the table) and joined to the subtree's
 * organizations and their stored rows. Whether a committee is elected stays a bounded probe per organization
 * (at most `COMMITTEE_AT` entries of `members_org_idx` each): a grouped pass over the members would read the whole
 * membership — a million rows in the province — on every read.
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
  const inTree = and(
    orgRowInScope(scope),
    within === scope.orgPath ? undefined : pathInSubtree(orgs.path, within),
  )
  const meetingsOf = db
    .select({
      orgId: dm.orgId,
      print:
        sql<string>`count(*)::text || ':' || sum(${dm.version})::text || ':' || max(${dm.recordedAt})::text`.as(
          "meetings_print",
        ),
    })
    .from(dm)
    .innerJoin(orgs, eq(orgs.id, dm.orgId))
    .where(and(inTree, sql`${dm.onDate} >= ${from}`, sql`${dm.onDate} <= ${to}`))
    .groupBy(dm.orgId)
    .as("year_meetings")
  const talksOf = db
    .select({
      orgId: dt.orgId,
      print:
        sql<string>`count(*)::text || ':' || sum(${dt.version})::text || ':' || max(${dt.recordedAt})::text`.as(
          "talks_print",
        ),
    })
    .from(dt)
    .innerJoin(orgs, eq(orgs.id, dt.orgId))
    .where(and(inTree, sql`${dt.onDate} >= ${from}`, sql`${dt.onDate} <= ${to}`))
    .groupBy(dt.orgId)
    .as("year_talks")
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
      sittings: sql<string>`coalesce(${meetingsOf.print}, '0') || '/' || coalesce(${talksOf.print}, '0')`,
      storedBasis: ci.basis,
      evaluatedOn: ci.evaluatedOn,
      recheckOn: ci.recheckOn,
      months: ci.months,
    })
    .from(orgs)
    .leftJoin(meetingsOf, eq(meetingsOf.orgId, orgs.id))
    .leftJoin(talksOf, eq(talksOf.orgId, orgs.id))
    .leftJoin(ci, and(eq(ci.orgId, orgs.id), eq(ci.year, year)))
    .where(inTree)
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
