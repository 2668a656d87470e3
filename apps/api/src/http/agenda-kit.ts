/**
 * The agenda (日程) contract every area shares: an area's routes folder exports one `AgendaSource`
 * (`routes/<area>/agenda.ts`), registered once in `src/areas.ts` beside its routes; the agenda routes
 * (`routes/platform/agenda.ts`) ask every source for what falls due in a window of the caller's scope and
 * show it on the dashboard and in the iCalendar feed. A source reads its area's stored answers through a
 * scoped query of `@xianfeng/db` (an index read, never an evaluation of everyone).
 */
import type { Citation, LocalizedText, PlainDate } from "@xianfeng/core"
import type { Scope, XfDb } from "@xianfeng/db"

/** One thing that falls due, as an area gives it. */
export interface AgendaEntry {
  /** The day it falls due (all day). */
  readonly date: PlainDate
  /** `<area>.<what>`: `development.step`, `discipline.obligation`, `discipline.order`. */
  readonly kind: string
  /**
   * Identifies the item within its kind, stable from day to day (the feed's UID is a hash of kind and key);
   * never shown.
   */
  readonly key: string
  /** What falls due, in both languages, with no id numbers in it. */
  readonly title: LocalizedText
  /**
   * What kind of thing it is, without whose (the obligation's name, the step's name): lists group by it, so a
   * district's hundreds of items read as a few groups. Absent, they group by `kind` alone.
   */
  readonly topic?: LocalizedText
  readonly orgId: string
  readonly orgName: string
  /**
   * The person it concerns, only where the caller may see that person anyway (a member of the scope, as the
   * member list shows them).
   */
  readonly person?: string
  /** Where the admin shows it: a path of the admin (`/development/people/<id>`). */
  readonly link: string
  /** The articles that set the date, where there are any. */
  readonly citations: readonly Citation[]
  /** `overdue` when the date has passed and it is still open; otherwise `due`. */
  readonly state: "due" | "overdue"
}

/** What a source is asked: the window `from`…`to` (both inclusive) in the caller's scope. */
export interface AgendaRequest {
  /**
   * The request's transaction, carrying the caller's scope (row-level security). Shared with the other sources,
   * which are asked at the same time (`gatherAgenda`): a source that stores what it refreshed may open one nested
   * transaction (a savepoint; drizzle names every first-level one `sp1`, and a release finds the newest of that
   * name, so two sources' savepoints interleave safely), but not a second level inside it, whose release would
   * also release another source's savepoint made after it.
   */
  readonly db: XfDb
  readonly scope: Scope
  /** Today in the district, for whatever the area judges as of today. */
  readonly today: PlainDate
  readonly from: PlainDate
  readonly to: PlainDate
  /**
   * The most entries a source should return of each of its lists (the agenda is capped; the total says when). A
   * list with more than `limit` entries in the window gives exactly `limit` of them, the soonest: the agenda then
   * knows the source had more than it could show.
   */
  readonly limit: number
}

/** An area's contribution to the agenda. */
export interface AgendaSource {
  /** The area's id (`development`, `discipline`, …). */
  readonly area: string
  readonly entries: (request: AgendaRequest) => Promise<readonly AgendaEntry[]>
}

export const defineAgendaSource = (source: AgendaSource): AgendaSource => source
