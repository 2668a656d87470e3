/**
 * The compliance calendar's stored answers (`discipline_calendar_index`), for the agenda (日程): per
 * organization what falls due next, stored when evaluated and re-evaluated at read time only for the
 * organizations whose row is missing, whose `recheck_on` has come (or whose `evaluated_on` lies after today)
 * or whose basis changed — the district policy, the count of full members, or the organization's sittings
 * and heart-to-heart talks (谈心谈话, counted in compliance; their number, versions and last recording). The agenda then reads the due dates by query.
 */
import type { PlainDate } from "@xianfeng/core"
import { and, asc, count, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { orgRowInScope, type Scope } from "../platform/scope.js"
import {
  type CalendarIndexItem,
  disciplineCalendarIndex as cal,
  disciplineMeetings,
  disciplineTalks,
  members,
  orgs,
} from "../schema/index.js"

/** An organization of the scope with what its calendar depends on, and its stored row's state. */
export interface CalendarBasisRow {
  readonly id: string
  readonly kind: string
  readonly name: string
  readonly fullMembers: number
  /**
   * A fingerprint of the organization's sittings and talks dated `since` or later: for each, count, versions,
   * last recording (`<meetings>/<talks>`).
   */
  readonly sittings: string
  /** The stored row's basis, evaluation day and recheck day; null when there is none. */
  readonly storedBasis: string | null
  readonly evaluatedOn: PlainDate | null
  readonly recheckOn: PlainDate | null
}

/**
 * Every organization of the scope's subtree with its kind, name, full members, a fingerprint of its sittings
 * dated `since` or later, and its stored calendar row (if any), in two aggregate queries and no per-row work.
 */
export const calendarBasesOf = async (
  db: XfDb,
  scope: Scope,
  since: PlainDate,
): Promise<CalendarBasisRow[]> => {
  const full = db
    .select({ orgId: members.orgId, n: count().as("n") })
    .from(members)
    .where(eq(members.stage, "full"))
    .groupBy(members.orgId)
    .as("full")
  const held = db
    .select({
      orgId: disciplineMeetings.orgId,
      print:
        sql<string>`count(*)::text || ':' || sum(${disciplineMeetings.version})::text || ':' || max(${disciplineMeetings.recordedAt})::text`.as(
          "print",
        ),
    })
    .from(disciplineMeetings)
    .where(gte(disciplineMeetings.onDate, since))
    .groupBy(disciplineMeetings.orgId)
    .as("held")
  const talked = db
    .select({
      orgId: disciplineTalks.orgId,
      talkPrint:
        sql<string>`count(*)::text || ':' || sum(${disciplineTalks.version})::text || ':' || max(${disciplineTalks.recordedAt})::text`.as(
          "talk_print",
        ),
    })
    .from(disciplineTalks)
    .where(gte(disciplineTalks.onDate, since))
    .groupBy(disciplineTalks.orgId)
    .as("talked")
  const rows = await db
    .select({
      id: orgs.id,
      kind: orgs.kind,
      name: orgs.name,
      fullMembers: sql<number>`coalesce(${full.n}, 0)`.mapWith(Number),
      sittings: sql<string>`coalesce(${held.print}, '0') || '/' || coalesce(${talked.talkPrint}, '0')`,
      storedBasis: cal.basis,
      evaluatedOn: cal.evaluatedOn,
      recheckOn: cal.recheckOn,
    })
    .from(orgs)
    .leftJoin(full, eq(full.orgId, orgs.id))
    .leftJoin(held, eq(held.orgId, orgs.id))
    .leftJoin(talked, eq(talked.orgId, orgs.id))
    .leftJoin(cal, eq(cal.orgId, orgs.id))
    .where(orgRowInScope(scope))
    .orderBy(asc(orgs.path))
  return rows
}

/** The sittings (id, organization, date, types) of the given organizations of the scope dated `from`…`to`. */
export const sittingsOfOrgs = async (
  db: XfDb,
  scope: Scope,
  orgIds: readonly string[],
  from: PlainDate,
  to: PlainDate,
): Promise<{ id: string; orgId: string; onDate: PlainDate; types: readonly string[] }[]> => {
  const out: { id: string; orgId: string; onDate: PlainDate; types: readonly string[] }[] = []
  for (let i = 0; i < orgIds.length; i += 1000) {
    out.push(
      ...(await db
        .select({
          id: disciplineMeetings.id,
          orgId: disciplineMeetings.orgId,
          onDate: disciplineMeetings.onDate,
          types: disciplineMeetings.types,
        })
        .from(disciplineMeetings)
        .innerJoin(orgs, eq(orgs.id, disciplineMeetings.orgId))
        .where(
          and(
            orgRowInScope(scope),
            inArray(disciplineMeetings.orgId, orgIds.slice(i, i + 1000)),
            gte(disciplineMeetings.onDate, from),
            lte(disciplineMeetings.onDate, to),
          ) as SQL,
        )
        .orderBy(asc(disciplineMeetings.onDate), asc(disciplineMeetings.id))),
    )
  }
  return out
}

/** One organization's calendar row to store. */
export interface CalendarIndexEntry {
  readonly orgId: string
  readonly basis: string
  readonly evaluatedOn: PlainDate
  readonly recheckOn: PlainDate
  readonly items: readonly CalendarIndexItem[]
}

/**
 * Stores (or replaces) calendar rows; the only write to discipline_calendar_index. Not scoped itself: the
 * callers pass organizations they loaded in scope (`calendarBasesOf`).
 */
export const saveCalendarIndex = async (db: XfDb, entries: readonly CalendarIndexEntry[]): Promise<void> => {
  for (let i = 0; i < entries.length; i += 500) {
    await db
      .insert(cal)
      .values(entries.slice(i, i + 500).map((e) => ({ ...e, items: [...e.items] })))
      .onConflictDoUpdate({
        target: cal.orgId,
        set: {
          basis: sql`excluded.basis`,
          evaluatedOn: sql`excluded.evaluated_on`,
          recheckOn: sql`excluded.recheck_on`,
          items: sql`excluded.items`,
        },
      })
  }
}

/** One stored calendar entry falling due in a window, with its organization. */
export interface CalendarDeadline extends CalendarIndexItem {
  readonly orgId: string
  readonly orgName: string
}

/**
 * The stored calendar entries of the scope's organizations whose due date lies in `from`…`to` (both
 * inclusive), soonest first; at most `limit` organizations are read, those with the soonest entry first.
 * Refresh the stale rows first (`calendarBasesOf`, `saveCalendarIndex`).
 */
export const calendarDeadlinesOf = async (
  db: XfDb,
  scope: Scope,
  from: PlainDate,
  to: PlainDate,
  limit: number,
): Promise<CalendarDeadline[]> => {
  const lo = from.toString()
  const hi = to.toString()
  const inWindow = sql`from jsonb_array_elements(${cal.items}) as it where it->>'dueBy' between ${lo} and ${hi}`
  const rows = await db
    .select({ orgId: orgs.id, orgName: orgs.name, items: cal.items })
    .from(cal)
    .innerJoin(orgs, eq(orgs.id, cal.orgId))
    .where(and(orgRowInScope(scope), sql`exists (select 1 ${inWindow})`) as SQL)
    .orderBy(sql`(select min(it->>'dueBy') ${inWindow})`, asc(orgs.path))
    .limit(limit)
  return rows
    .flatMap(({ items, ...org }) =>
      items.filter((i) => i.dueBy >= lo && i.dueBy <= hi).map((i) => ({ ...org, ...i })),
    )
    .sort((a, b) => (a.dueBy < b.dueBy ? -1 : a.dueBy > b.dueBy ? 1 : 0))
}
