/**
 * 日程 (the agenda): what falls due in the caller's scope, gathered from every area's `AgendaSource`
 * (`http/agenda-kit.ts`), and the caller's iCalendar feed. The same schemas validate requests, document them
 * in OpenAPI and give the admin its types (`@xianfeng/api/contract/agenda`).
 */
import { bilingual, IsoDate } from "@xianfeng/core"
import { Schema } from "effect"
import { Count, IntParam } from "../../http/contract-kit.js"

/** The longest window one read may ask for, in days. */
export const AGENDA_MAX_DAYS = 90
/** The window when none is asked for: the next 30 days. */
export const AGENDA_DEFAULT_DAYS = 30

/** A window's first day: a civil date from 1900 to 2199 (so the window's last day is one too). */
const WindowStart = IsoDate.check(
  Schema.makeFilter(
    (s: string) =>
      (s >= "1900-01-01" && s <= "2199-12-31") ||
      bilingual("应在1900-01-01到2199-12-31之间", "must lie between 1900-01-01 and 2199-12-31").message,
  ),
).annotate({ description: "A civil date, YYYY-MM-DD, from 1900-01-01 to 2199-12-31", format: "date" })

export const AgendaQuery = Schema.Struct({
  /** The first day of the window (default: today in the district). */
  from: Schema.optionalKey(WindowStart),
  /** How many days ahead of `from` the window reaches (`from` … `from` + days, both inclusive): 1 … 90 (default 30). */
  days: Schema.optionalKey(IntParam(1, AGENDA_MAX_DAYS)),
})

export const AgendaItemView = Schema.Struct({
  /** Stable per item (the feed's UID without its host part); no id number in it. */
  uid: Schema.String,
  date: IsoDate,
  /** `development.step`, `discipline.obligation`, `discipline.order`, … */
  kind: Schema.String,
  area: Schema.String,
  title: Schema.String,
  /** What kind of thing it is, without whose (an obligation's or a step's name), for grouping; null if the kind says it. */
  topic: Schema.NullOr(Schema.String),
  orgId: Schema.String,
  orgName: Schema.String,
  person: Schema.NullOr(Schema.String),
  /** A path of the admin that shows the item. */
  link: Schema.String,
  citations: Schema.Array(Schema.String),
  state: Schema.Literals(["due", "overdue"]),
})
export type AgendaItemView = typeof AgendaItemView.Type

export const AgendaView = Schema.Struct({
  asOf: IsoDate,
  from: IsoDate,
  to: IsoDate,
  items: Schema.Array(AgendaItemView),
  /**
   * How many items fell in the window; `items` holds at most 500 of them, soonest first. Exact when `totalExact`;
   * otherwise a lower bound: an area had more than 500 items and was read no further (counting them all would
   * cost a scan of the scope's whole window).
   */
  total: Count,
  /** False when `total` is only a lower bound (see `total`). */
  totalExact: Schema.Boolean,
})
export type AgendaView = typeof AgendaView.Type

/** The caller's feed: whether one is live and since when (the token itself is shown once, when made). */
export const FeedStatus = Schema.Struct({
  active: Schema.Boolean,
  createdAt: Schema.NullOr(Schema.String),
})
export type FeedStatus = typeof FeedStatus.Type

/** A new feed token and the path of its feed; shown once, stored only as a hash. */
export const NewFeed = Schema.Struct({
  token: Schema.String,
  /** `/api/agenda/feed/<token>.ics`, to be put after the server's address. */
  path: Schema.String,
  createdAt: Schema.String,
})
export type NewFeed = typeof NewFeed.Type

export const FeedRevoked = Schema.Struct({ revoked: Schema.Boolean })

export const FeedParams = Schema.Struct({
  /** `<token>.ics`. Anything that is not a live token answers 404. */
  file: Schema.String.check(Schema.isMaxLength(200)),
})
