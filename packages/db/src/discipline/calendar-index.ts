/**
 * The compliance calendar's stored answers (`discipline_calendar_index`), for the agenda (日程): per
 * organization what falls due next, stored when evaluated and re-evaluated at read time only for the
 * organizations whose row is missing, whose `recheck_on` has come (or whose `evaluated_on` lies after today)
 * or whose basis changed — the district policy, whether a committee is elected, or the organization's sittings
 * and heart-to-heart talks (谈心谈话, counted in compliance; their years' basis stamps). The staleness check runs
 * in SQL and ships only the stale organizations; what falls due is stored one row per obligation-period
 * (`discipline_calendar_items`, indexed by due date), so the agenda's window reads the soonest rows and stops.
 */
import type { PlainDate } from "@xianfeng/core"
import { and, asc, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm"
import { rowsOf, type XfDb } from "../database.js"
import { orgRowInScope, type Scope } from "../platform/scope.js"
import {
  type CalendarIndexItem,
  disciplineCalendarIndex as cal,
  disciplineBasisStamps,
  disciplineMeetings,
  disciplineCalendarItems as items,
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

/** The fingerprint of an organization's sittings and talks dated in `since`'s year or later (`CalendarBasisRow.sittings`). */
const stampsSql = (orgId: SQL, since: PlainDate) =>
  sql`coalesce((select string_agg(bs.year::text || ':' || bs.stamp::text, '/' order by bs.year)
      from ${disciplineBasisStamps} as bs where bs.org_id = ${orgId} and bs.year >= ${since.year}), '')`

/**
 * Every organization of the scope's subtree with its kind, name, whether it has a committee, a fingerprint of
 * its sittings dated in `since`'s year or later (their basis stamps), and its stored calendar row (if any). One
 * query joined by keys, but a row per organization of the scope: the agenda's refresh reads
 * `staleCalendarBasesOf`, which compares in SQL and ships only the stale.
 */
export const calendarBasesOf = async (
  db: XfDb,
  scope: Scope,
  since: PlainDate,
): Promise<CalendarBasisRow[]> =>
  db
    .select({
      id: orgs.id,
      kind: orgs.kind,
      name: orgs.name,
      hasCommittee: sql<boolean>`${hasCommitteeSql(sql`${orgs.id}`)}`,
      sittings: sql<string>`${stampsSql(sql`${orgs.id}`, since)}`,
      storedBasis: cal.basis,
      evaluatedOn: cal.evaluatedOn,
      recheckOn: cal.recheckOn,
    })
    .from(orgs)
    .leftJoin(cal, eq(cal.orgId, orgs.id))
    .where(orgRowInScope(scope))
    .orderBy(asc(orgs.path))

/** An organization whose stored calendar must be evaluated again, with the basis to store with it. */
export interface StaleCalendarRow {
  readonly id: string
  readonly kind: string
  /** A committee is elected (7 or more full members, BR 9): the bounded probe `hasCommitteeSql`. */
  readonly hasCommittee: boolean
  /** `calendarBasisSql`: what the new row is evaluated for. */
  readonly basis: string
  /** The stored row's `marks` as this read found them: `CalendarIndexEntry.marksSeen`. */
  readonly marks: number
}

/**
 * The basis a stored calendar row is evaluated for, as text — the one definition, built in SQL so that the check
 * compares it with the stored `basis` there: `<policyPrint>|<since, ISO>|<1 if a committee is elected, else
 * 0>|<the basis stamps of each year from since's, "<year>:<stamp>" joined by "/">`. Its part up to the second `|`
 * is the row's `head` (`headOf`).
 */
const calendarBasisSql = (head: string, hasCommittee: SQL, stamps: SQL) =>
  sql`(${head}::text || '|' || (case when ${hasCommittee} then '1' else '0' end) || '|' || ${stamps})`

/** A basis's policy part: up to its second `|` (`<policyPrint>|<since>`), stored as the row's `head`. */
const headOf = (basis: string): string => basis.split("|").slice(0, 2).join("|")

/**
 * The organizations of the scope's subtree, in path order, whose stored calendar must be evaluated again on
 * `today`: the row was never evaluated (made by the triggers) or was evaluated for another basis (`calendarBasisSql` with `policyPrint`, a
 * fingerprint of the district policy the caller evaluates with, and `since`, the first day the calendar looks
 * back to), its `recheck_on` is today or earlier, or its `evaluated_on` lies after today (a clock set back).
 *
 * Found through indexes, so a read costs what is stale, not the scope's organizations: the basis is rebuilt (the
 * committee probe and the stamps) only for the rows whose day has come or that are dated ahead (their date
 * indexes), whose `head` differs (two ranges of its index) and that the triggers marked since their evaluation
 * (`marked`, `marks <> marks_seen` as a generated column, and its partial index); each branch joins the scope, so a
 * branch's read probes its own rows.
 * Every organization has a row: the triggers make one, marked, as the organization is written (custom migration
 * `discipline_calendar_org_marks`, which also marks a row when its organization's kind changes). A marked
 * row whose rebuilt basis equals the stored one (a full member more, still short of a committee) is cleared in
 * the same statement, unless it was marked again meanwhile. Ships only the stale rows to Node.
 */
export const staleCalendarBasesOf = async (
  db: XfDb,
  scope: Scope,
  since: PlainDate,
  today: PlainDate,
  policyPrint: string,
): Promise<StaleCalendarRow[]> => {
  const day = today.toString()
  const head = `${policyPrint}|${since.toString()}`
  const inScope = orgRowInScope(scope)
  const candidate = (where: SQL) =>
    sql`select ${cal.orgId} from ${cal} join ${orgs} on ${orgs.id} = ${cal.orgId} where ${inScope} and ${where}`
  const rows = rowsOf<{
    id: string
    kind: string
    committee: boolean
    basis: string
    marks: number | string
  }>(
    await db.execute(sql`
      with candidates as (
        ${candidate(sql`${cal.marked}`)}
        union ${candidate(sql`${cal.recheckOn} <= ${day}::date`)}
        union ${candidate(sql`${cal.evaluatedOn} > ${day}::date`)}
        union ${candidate(sql`(${cal.head} < ${head} or ${cal.head} > ${head})`)}
      ),
      b as (
        select ${orgs.id} as id, ${orgs.kind} as kind, ${orgs.path} as path, p.committee,
          ${calendarBasisSql(head, sql`p.committee`, stampsSql(sql`${orgs.id}`, since))} as basis,
          c.basis as stored, c.marks, c.marks_seen, c.recheck_on, c.evaluated_on
        from candidates k
        join ${orgs} on ${orgs.id} = k.org_id
        left join ${cal} as c on c.org_id = k.org_id
        -- A fence (offset 0): the committee is probed once per organization, not again inside the basis.
        cross join lateral (select ${hasCommitteeSql(sql`${orgs.id}`)} as committee offset 0) as p
      ),
      cleared as (
        update ${cal} as c set marks_seen = b.marks
        from b
        where c.org_id = b.id and b.stored = b.basis and b.marks <> b.marks_seen
          and b.recheck_on > ${day}::date and b.evaluated_on <= ${day}::date
          and c.marks = b.marks
      )
      select id, kind, committee, basis, coalesce(marks, 0) as marks
      from b
      where stored is null or stored <> basis or recheck_on <= ${day}::date or evaluated_on > ${day}::date
      order by path`),
  )
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    hasCommittee: r.committee,
    basis: r.basis,
    marks: Number(r.marks),
  }))
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
  /**
   * The row's `marks` as the read that found it stale saw them (`StaleCalendarRow.marks`): a mark made after that
   * read leaves the stored row marked. Absent: the marks the row holds when it is stored.
   */
  readonly marksSeen?: number
}

/**
 * Stores (or replaces) calendar rows and their items (`discipline_calendar_items`, replaced whole) in one
 * transaction; the only writer of evaluations (the triggers of custom migration `discipline_calendar_marks_triggers`
 * only mark rows, `marks`). Not scoped itself: the callers pass organizations they loaded in
 * scope (`staleCalendarBasesOf`). The items go to the database as one jsonb parameter per 500 organizations and
 * are unpacked there (a calendar has about a dozen, so a row per item would pass tens of thousands of parameters).
 */
export const saveCalendarIndex = async (db: XfDb, entries: readonly CalendarIndexEntry[]): Promise<void> => {
  if (entries.length === 0) return
  await db.transaction(async (tx) => {
    for (let i = 0; i < entries.length; i += 500) {
      const chunk = entries.slice(i, i + 500)
      // With the marks the read saw, a mark made since stays; without, the row's marks when stored count as seen.
      for (const seen of [true, false]) {
        const rows = chunk.filter((e) => (e.marksSeen !== undefined) === seen)
        if (rows.length === 0) continue
        await tx
          .insert(cal)
          .values(
            rows.map(({ items: _, marksSeen, ...row }) => ({
              ...row,
              head: headOf(row.basis),
              marksSeen: marksSeen ?? 0,
            })),
          )
          .onConflictDoUpdate({
            target: cal.orgId,
            set: {
              basis: sql`excluded.basis`,
              head: sql`excluded.head`,
              evaluatedOn: sql`excluded.evaluated_on`,
              recheckOn: sql`excluded.recheck_on`,
              marksSeen: seen ? sql`excluded.marks_seen` : sql`${cal.marks}`,
            },
          })
      }
      await tx.delete(items).where(
        inArray(
          items.orgId,
          chunk.map((e) => e.orgId),
        ),
      )
      const doc = JSON.stringify(chunk.map((e) => ({ org: e.orgId, items: e.items })))
      await tx.execute(sql`
        insert into ${items} (org_id, ordinal, obligation, period, period_start, period_end, status, due_by, citations)
        select e->>'org', (it.n - 1)::int, it.v->>'obligation', it.v->>'period', (it.v->>'periodStart')::date,
          (it.v->>'periodEnd')::date, it.v->>'status', (it.v->>'dueBy')::date, coalesce(it.v->'citations', '[]'::jsonb)
        from jsonb_array_elements(${doc}::jsonb) as e
        cross join lateral jsonb_array_elements(e->'items') with ordinality as it(v, n)`)
    }
  })
}

/** One stored calendar entry falling due in a window, with its organization. */
export interface CalendarDeadline extends CalendarIndexItem {
  readonly orgId: string
  readonly orgName: string
}

/**
 * The stored calendar entries (`discipline_calendar_items`) of the scope's organizations whose due date lies in
 * `from`…`to` (both inclusive), soonest first (then by organization id and calendar order: the due-date index's
 * order, so nothing is sorted); at most `limit` entries. Walks that index from `from` and stops at the `limit`th
 * entry in scope (or, for a small scope, reads its organizations' own rows by key), so it costs what it returns,
 * not the province's calendars.
 * Refresh the stale rows first (`staleCalendarBasesOf`, `saveCalendarIndex`). Entries with equal citations share
 * one (read-only) array.
 */
export const calendarDeadlinesOf = async (
  db: XfDb,
  scope: Scope,
  from: PlainDate,
  to: PlainDate,
  limit: number,
): Promise<CalendarDeadline[]> => {
  // The dates come as the driver's ISO text (the columns unmapped) and the citations as their JSON text, parsed
  // once per distinct text: a province's window holds hundreds of rows with a handful of distinct citation lists,
  // and a date object made and written back per row was most of this read's work in Node.
  const rows = await db
    .select({
      orgId: items.orgId,
      orgName: orgs.name,
      obligation: items.obligation,
      period: items.period,
      periodStart: sql<string>`${items.periodStart}`,
      periodEnd: sql<string>`${items.periodEnd}`,
      status: items.status,
      dueBy: sql<string>`${items.dueBy}`,
      citations: sql<string>`${items.citations}::text`,
    })
    .from(items)
    .innerJoin(orgs, eq(orgs.id, items.orgId))
    .where(and(orgRowInScope(scope), gte(items.dueBy, from), lte(items.dueBy, to)) as SQL)
    .orderBy(asc(items.dueBy), asc(items.orgId), asc(items.ordinal))
    .limit(limit)
  const parsed = new Map<string, readonly unknown[]>()
  return rows.map((r) => {
    let citations = parsed.get(r.citations)
    if (citations === undefined) {
      citations = JSON.parse(r.citations) as readonly unknown[]
      parsed.set(r.citations, citations)
    }
    return { ...r, citations }
  })
}
