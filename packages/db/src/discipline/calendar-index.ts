/**
 * The compliance calendar's stored answers (`discipline_calendar_index`), for the agenda (日程): per
 * organization what falls due next, stored when evaluated and re-evaluated at read time only for the
 * organizations whose row is missing, whose `recheck_on` has come (or whose `evaluated_on` lies after today)
 * or whose basis changed — the district policy, whether a committee is elected, or the organization's sittings
 * and heart-to-heart talks (谈心谈话, counted in compliance; their years' basis stamps). The agenda then reads the
 * due dates by query.
 */
import type { PlainDate } from "@xianfeng/core"
import { and, asc, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { orgRowInScope, type Scope } from "../platform/scope.js"
import {
  type CalendarIndexItem,
  disciplineCalendarIndex as cal,
  disciplineBasisStamps,
  disciplineMeetings,
  orgs,
} from "../schema/index.js"
import { hasCommitteeSql } from "./committee-probe.js"

/** An organization of the scope with what its calendar depends on, and its stored row's state. */
export interface CalendarBasisRow {
  readonly id: string
  readonly kind: string
  readonly name: string
  /** A committee is elected (7 or more full members, BR 9): the bounded probe `hasCommitteeSql`. */
  readonly hasCommittee: boolean
  /**
   * A fingerprint of the organization's sittings and talks dated `since` or later: the basis stamps
   * (`discipline_basis_stamps`) of each year from `since`'s to the last stamped, `<year>:<stamp>` joined by `/`
   * — every write of a sitting or talk bumps its year's stamp in the same statement, so nothing is counted.
   */
  readonly sittings: string
  /** The stored row's basis, evaluation day and recheck day; null when there is none. */
  readonly storedBasis: string | null
  readonly evaluatedOn: PlainDate | null
  readonly recheckOn: PlainDate | null
}

/**
 * Every organization of the scope's subtree with its kind, name, whether it has a committee, a fingerprint of
 * its sittings dated in `since`'s year or later (their basis stamps), and its stored calendar row (if any). One
 * query joined by keys: at a province's million members and two years of sittings, the aggregates this used to
 * run over every member and sitting on each agenda read took seconds.
 */
export const calendarBasesOf = async (
  db: XfDb,
  scope: Scope,
  since: PlainDate,
): Promise<CalendarBasisRow[]> => {
  const stamps = sql`(select string_agg(bs.year::text || ':' || bs.stamp::text, '/' order by bs.year)
      from ${disciplineBasisStamps} as bs where bs.org_id = ${orgs.id} and bs.year >= ${since.year})`
  return db
    .select({
      id: orgs.id,
      kind: orgs.kind,
      name: orgs.name,
      hasCommittee: sql<boolean>`${hasCommitteeSql(sql`${orgs.id}`)}`,
      sittings: sql<string>`coalesce(${stamps}, '')`,
      storedBasis: cal.basis,
      evaluatedOn: cal.evaluatedOn,
      recheckOn: cal.recheckOn,
    })
    .from(orgs)
    .leftJoin(cal, eq(cal.orgId, orgs.id))
    .where(orgRowInScope(scope))
    .orderBy(asc(orgs.path))
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
