import { type AbsenceKind, absenceKinds } from "@xianfeng/inspection-scheduling"
import { sql } from "drizzle-orm"
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core"
import { oneOf, plainDate, uuidKey } from "../internal/columns.js"
import { members, orgs } from "./platform.js"
import { recordedColumns } from "./recorded.js"

/** A resolution of a meeting as stored (dates as ISO strings). */
export interface StoredResolution {
  readonly text: string
  readonly owner: string
  readonly deadline: string
}

/** A vote of a meeting as stored (`@xianfeng/inspection-scheduling`'s `Vote`). */
export interface StoredVote {
  readonly matter: "ordinary" | "admission" | "conversion"
  readonly subject: string
  readonly expectedVoters: number
  readonly presentVoters: number
  readonly writtenOpinions: number
  readonly yesVotes: number
  readonly noVotes: number
  readonly abstentions: number
}

/**
 * 会议记录: one sitting of an organization, entered once and counted for every obligation in `types` (a general
 * meeting that is also the theme party day and a party lecture is one row). Headcounts keep full and
 * probationary members apart (PC 7); who was there is in `discipline_attendance`. `version` moves on with every
 * change so a stale edit is refused.
 */
export const disciplineMeetings = pgTable(
  "discipline_meetings",
  {
    id: uuidKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    /** Sitting types (`SittingType` of the rules package), at least one. */
    types: jsonb("types").$type<readonly string[]>().notNull(),
    onDate: plainDate("on_date").notNull(),
    startTime: text("start_time").notNull(),
    endTime: text("end_time").notNull(),
    place: text("place").notNull(),
    chair: text("chair").notNull(),
    recorder: text("recorder").notNull(),
    expectedFull: integer("expected_full").notNull(),
    expectedProbationary: integer("expected_probationary").notNull(),
    presentFull: integer("present_full").notNull(),
    presentProbationary: integer("present_probationary").notNull(),
    observers: jsonb("observers").$type<readonly string[]>().notNull().default([]),
    /** 第一议题: `{ topic, form }`, or null when the sitting had none. */
    firstItem: jsonb("first_item").$type<{ readonly topic: string; readonly form: string } | null>(),
    agenda: jsonb("agenda").$type<readonly string[]>().notNull().default([]),
    resolutions: jsonb("resolutions").$type<readonly StoredResolution[]>().notNull().default([]),
    votes: jsonb("votes").$type<readonly StoredVote[]>().notNull().default([]),
    ...recordedColumns(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    // (org, date) for a branch's sittings in a period; version and recording time as well so that the compliance
    // index's basis check (`complianceBasesOf`: count, versions, last recording of each org's year) reads this
    // index alone, not the table.
    index("discipline_meetings_org_basis_idx").on(t.orgId, t.onDate, t.version, t.recordedAt),
    check(
      "discipline_meetings_present",
      sql`${t.presentFull} <= ${t.expectedFull} and ${t.presentProbationary} <= ${t.expectedProbationary}`,
    ),
  ],
)

export type DisciplineMeeting = typeof disciplineMeetings.$inferSelect

/** Who was expected at a meeting: present, or absent with the reason given. */
export const disciplineAttendance = pgTable(
  "discipline_attendance",
  {
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => disciplineMeetings.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id),
    present: boolean("present").notNull(),
    /** 缺席原因 in the ledger's kinds (`absenceKinds`: 事假, 病假, 公假, 其他); null when present or not given. */
    reasonKind: text("reason_kind").$type<AbsenceKind>(),
    /** The reason in the recorder's words (with `other`, what it was). */
    reason: text("reason").notNull().default(""),
  },
  (t) => [
    primaryKey({ name: "discipline_attendance_pkey", columns: [t.meetingId, t.memberId] }),
    index("discipline_attendance_member_idx").on(t.memberId),
    check(
      "discipline_attendance_reason_kind",
      sql`${t.reasonKind} is null or (not ${t.present} and ${t.reasonKind} in (${oneOf(absenceKinds)}))`,
    ),
  ],
)

export type DisciplineAttendance = typeof disciplineAttendance.$inferSelect

/**
 * 随机抽查: a published inspection draw. The seed and the candidates are stored with the sample, so anyone can
 * re-run `drawSample` (algorithm `xf-draw-1`) and get the same sample.
 */
export const disciplineDraws = pgTable(
  "discipline_draws",
  {
    id: uuidKey(),
    /** The organization whose subtree was drawn from. */
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    title: text("title").notNull(),
    seed: text("seed").notNull(),
    algorithm: text("algorithm").notNull(),
    size: integer("size").notNull(),
    stratify: boolean("stratify").notNull(),
    /** `{ count, cadence }` or null. */
    exclude: jsonb("exclude").$type<{
      readonly count: number
      readonly cadence: "month" | "quarter" | "year"
    } | null>(),
    /** The candidates as drawn from (`DrawCandidate`s with ISO dates). */
    candidates: jsonb("candidates")
      .$type<
        readonly { readonly id: string; readonly committeeId?: string; readonly lastChecked?: string }[]
      >()
      .notNull(),
    sample: jsonb("sample").$type<readonly string[]>().notNull(),
    excluded: jsonb("excluded").$type<readonly string[]>().notNull(),
    drawnOn: plainDate("drawn_on").notNull(),
    ...recordedColumns(),
  },
  (t) => [index("discipline_draws_org_idx").on(t.orgId, t.drawnOn)],
)
export type DisciplineDraw = typeof disciplineDraws.$inferSelect

/** What an inspection found: the obligation, the period and the evidence. */
export const disciplineFindings = pgTable(
  "discipline_findings",
  {
    id: uuidKey(),
    drawId: uuid("draw_id").references(() => disciplineDraws.id),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    obligation: text("obligation").notNull(),
    period: text("period").notNull(),
    evidence: text("evidence").notNull(),
    severity: text("severity").notNull(),
    foundOn: plainDate("found_on").notNull(),
    ...recordedColumns(),
  },
  (t) => [
    index("discipline_findings_org_idx").on(t.orgId),
    check("discipline_findings_severity", sql`${t.severity} in ('minor', 'serious', 'critical')`),
  ],
)
export type DisciplineFinding = typeof disciplineFindings.$inferSelect

/** 整改通知: a rectification order, in the state machine of `@xianfeng/inspection-scheduling`. */
export const disciplineOrders = pgTable(
  "discipline_orders",
  {
    id: uuidKey(),
    findingId: uuid("finding_id")
      .notNull()
      .references(() => disciplineFindings.id),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    owner: text("owner").notNull(),
    issuedOn: plainDate("issued_on").notNull(),
    deadline: plainDate("deadline").notNull(),
    state: text("state").notNull(),
    evidence: jsonb("evidence")
      .$type<readonly { readonly on: string; readonly by: string; readonly text: string }[]>()
      .notNull()
      .default([]),
    escalationPath: jsonb("escalation_path").$type<readonly string[]>().notNull(),
    escalations: jsonb("escalations")
      .$type<readonly { readonly on: string; readonly to: string }[]>()
      .notNull()
      .default([]),
    returns: jsonb("returns")
      .$type<readonly { readonly on: string; readonly by: string; readonly reason: string }[]>()
      .notNull()
      .default([]),
    closedOn: plainDate("closed_on"),
    closedBy: text("closed_by"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("discipline_orders_org_idx").on(t.orgId),
    check("discipline_orders_state", sql`${t.state} in ('open', 'submitted', 'closed')`),
    // An order is closed only with its verifier (the state machine's verifyOrder).
    check("discipline_orders_closed", sql`(${t.state} = 'closed') = (${t.closedBy} is not null)`),
  ],
)
export type DisciplineOrder = typeof disciplineOrders.$inferSelect

/** One obligation-period of an organization's compliance calendar as stored (dates ISO). */
export interface CalendarIndexItem {
  /** `ObligationId` of `@xianfeng/inspection-scheduling` (`general-meeting`, `talk:member-member`, …). */
  readonly obligation: string
  /** The period's key (`2026-11`, `2026-Q4`, `2026`) and its first and last day. */
  readonly period: string
  readonly periodStart: string
  readonly periodEnd: string
  /** `upcoming`, `due` or `overdue` (a met period is not on the calendar). */
  readonly status: string
  readonly dueBy: string
  /** The verdict's articles, as `Citation`s. */
  readonly citations: readonly unknown[]
}

/**
 * The compliance calendar's stored answers (for the agenda, 日程): per organization that its calendar was
 * evaluated (`calendarOf`) on `evaluated_on`, good until `recheck_on` and for `basis` (the district policy,
 * whether a committee is elected and the basis stamps of the organization's sittings and talks). What falls due
 * is stored beside it, one row per obligation-period (`discipline_calendar_items`). A read re-evaluates only the
 * organizations whose row was never evaluated, whose day has come or whose basis changed. Every organization has
 * a row: the triggers of custom migration `discipline_calendar_org_marks` make it, marked, with the organization.
 *
 * So that a read finds those through indexes instead of rebuilding every organization's basis: `head` is the
 * basis's policy part (`<policy print>|<since>`), compared by range on its index; `marks` is bumped by the
 * triggers of custom migration `discipline_calendar_marks_triggers` whenever what the rest of the basis depends
 * on may have changed (a basis stamp, an organization's count of full members), and `marks_seen` is what
 * `saveCalendarIndex` stored against, so `marks <> marks_seen` (a partial index) lists the organizations to
 * evaluate again.
 */
export const disciplineCalendarIndex = pgTable(
  "discipline_calendar_index",
  {
    // Deleted with the organization: the row is derived (every organization has one, made by the triggers).
    orgId: text("org_id")
      .primaryKey()
      .references(() => orgs.id, { onDelete: "cascade" }),
    basis: text("basis").notNull(),
    /** The basis up to its second `|`: the policy print and the first day the calendar looks back to. */
    head: text("head").notNull().default(""),
    evaluatedOn: plainDate("evaluated_on").notNull(),
    recheckOn: plainDate("recheck_on").notNull(),
    /** Bumped by the triggers when the committee or the stamps may have changed; never by the API. */
    marks: bigint("marks", { mode: "number" }).notNull().default(0),
    /** `marks` as the row's evaluation found it (`saveCalendarIndex`); stale while the two differ. */
    marksSeen: bigint("marks_seen", { mode: "number" }).notNull().default(0),
    /**
     * `marks <> marks_seen`, kept by PostgreSQL: a column, so `analyze` counts how few rows are marked and the staleness
     * check's plan starts from them (the bare comparison was estimated at every row, and the check hashed the scope's
     * 31,987 organizations of a province to meet none: 8 ms).
     */
    marked: boolean("marked").generatedAlwaysAs(sql`marks <> marks_seen`),
  },
  (t) => [
    index("discipline_calendar_index_recheck_idx").on(t.recheckOn),
    index("discipline_calendar_index_evaluated_idx").on(t.evaluatedOn),
    index("discipline_calendar_index_head_idx").on(t.head),
    index("discipline_calendar_index_marked_idx").on(t.orgId).where(sql`${t.marked}`),
  ],
)

/**
 * What an organization's stored calendar (`discipline_calendar_index`) says falls due next: one row per
 * obligation-period, `ordinal` its place in the calendar (0 first), written with the calendar row in the same
 * transaction (`saveCalendarIndex`, the only writer). Indexed by due date (then organization and place, the
 * window's whole order), so the agenda's window of a district reads the soonest rows in order and stops at its
 * cap, and by organization (the key), so a branch's window reads its own rows.
 */
export const disciplineCalendarItems = pgTable(
  "discipline_calendar_items",
  {
    orgId: text("org_id").notNull(),
    ordinal: integer("ordinal").notNull(),
    /** `ObligationId` of `@xianfeng/inspection-scheduling`. */
    obligation: text("obligation").notNull(),
    /** The period's key (`2026-11`, `2026-Q4`, `2026`) and its first and last day. */
    period: text("period").notNull(),
    periodStart: plainDate("period_start").notNull(),
    periodEnd: plainDate("period_end").notNull(),
    /** `upcoming`, `due` or `overdue`. */
    status: text("status").notNull(),
    dueBy: plainDate("due_by").notNull(),
    /** The verdict's articles, as `Citation`s. */
    citations: jsonb("citations").$type<readonly unknown[]>().notNull().default([]),
  },
  (t) => [
    primaryKey({ name: "discipline_calendar_items_pkey", columns: [t.orgId, t.ordinal] }),
    foreignKey({
      name: "discipline_calendar_items_org_id_fk",
      columns: [t.orgId],
      foreignColumns: [disciplineCalendarIndex.orgId],
    }).onDelete("cascade"),
    index("discipline_calendar_items_due_idx").on(t.dueBy, t.orgId, t.ordinal),
  ],
)
/** How many obligation-periods ending in a month stand in each status (`StatusCounts` of the rules package). */
export interface StoredStatusCounts {
  readonly met: number
  readonly upcoming: number
  readonly due: number
  readonly overdue: number
  readonly missed: number
}

/** The order of the five counts in each quarter of `discipline_compliance_index.quarters`. */
export const QUARTER_COUNTS_ORDER = ["met", "upcoming", "due", "overdue", "missed"] as const

/** `array[Q1 met, Q1 upcoming, …, Q4 missed]` summed from the twelve months of the jsonb column `column`. */
const quartersOfMonths = (column: string): string =>
  `array[${[0, 1, 2, 3]
    .flatMap((q) =>
      QUARTER_COUNTS_ORDER.map((k) =>
        [0, 1, 2].map((m) => `coalesce((${column} -> ${q * 3 + m} ->> '${k}')::int, 0)`).join(" + "),
      ),
    )
    .join(", ")}]::int[]`

/**
 * The monthly compliance index (组织生活落实情况, stored answers): per organization and year, how many of its
 * obligation-periods ending in each month (`summarize` of `complianceOf`) are met, upcoming, due, overdue or
 * missed, as found on `evaluated_on`, good until `recheck_on` (`recheckOn` of the rules package) and for
 * `basis` (the district policy, whether the organization has a committee, and a fingerprint of the year's
 * sittings and talks). The heatmap and the quarter and year roll-ups read it; a read re-evaluates only the
 * organizations whose row is missing, whose day has come or whose basis changed.
 */
export const disciplineComplianceIndex = pgTable(
  "discipline_compliance_index",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    year: integer("year").notNull(),
    basis: text("basis").notNull(),
    evaluatedOn: plainDate("evaluated_on").notNull(),
    recheckOn: plainDate("recheck_on").notNull(),
    /** Twelve counts, January first: the obligation-periods that end in that month. */
    months: jsonb("months").$type<readonly StoredStatusCounts[]>().notNull(),
    /**
     * The same counts by quarter, kept by PostgreSQL from `months` (a stored generated column): twenty integers,
     * Q1's met, upcoming, due, overdue, missed first (`QUARTER_COUNTS_ORDER`), so a roll-up of a province's every
     * organization sums integers instead of parsing half a megabyte of JSON.
     */
    quarters: integer("quarters")
      .array()
      .notNull()
      .generatedAlwaysAs(sql.raw(quartersOfMonths("months"))),
  },
  (t) => [
    primaryKey({ name: "discipline_compliance_index_pkey", columns: [t.orgId, t.year] }),
    check("discipline_compliance_index_months", sql`jsonb_array_length(${t.months}) = 12`),
  ],
)

/**
 * The basis stamp of an organization's year of sittings and talks: bumped (`stamp` + 1, `updated_at` now) in the
 * same statement as every insert, update or delete of a row of discipline_meetings or discipline_talks dated in
 * that year, by the statement triggers of the custom migration `discipline_basis_stamps_triggers` — so every
 * writer (the API's one-form record and edit, the import, the demo's bulk load, any SQL) moves it on, and the
 * compliance index compares its stored basis with the stamp instead of aggregating the year's sittings on
 * every read. A row is created at the first write (a missing row reads as stamp 0) and never deleted, so a
 * stamp never repeats.
 */
export const disciplineBasisStamps = pgTable(
  "discipline_basis_stamps",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    year: integer("year").notNull(),
    stamp: bigint("stamp", { mode: "number" }).notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "discipline_basis_stamps_pkey", columns: [t.orgId, t.year] })],
)

/**
 * 谈心谈话: one heart-to-heart talk of a pair type (BR 19: committee members among themselves, committee
 * members with members, members among themselves), between two members of the organization, counted for the
 * organization's yearly `talk:<pair>` obligation. What was said is not stored, only a short topic.
 */
export const disciplineTalks = pgTable(
  "discipline_talks",
  {
    id: uuidKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    /** `TalkPair` of the rules package. */
    pair: text("pair").notNull(),
    onDate: plainDate("on_date").notNull(),
    firstMemberId: uuid("first_member_id")
      .notNull()
      .references(() => members.id),
    secondMemberId: uuid("second_member_id")
      .notNull()
      .references(() => members.id),
    topic: text("topic").notNull().default(""),
    ...recordedColumns(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    // As the meetings' (org, date, version, recorded_at): the basis check reads the index alone.
    index("discipline_talks_org_basis_idx").on(t.orgId, t.onDate, t.version, t.recordedAt),
    check(
      "discipline_talks_pair",
      sql`${t.pair} in ('committee-committee', 'committee-member', 'member-member')`,
    ),
    check("discipline_talks_two", sql`${t.firstMemberId} <> ${t.secondMemberId}`),
  ],
)
export type DisciplineTalk = typeof disciplineTalks.$inferSelect

/** The area's tables, for the schema index (drizzle's relational API sees them through `tables`). */
export const disciplineTables = {
  disciplineMeetings,
  disciplineAttendance,
  disciplineDraws,
  disciplineFindings,
  disciplineOrders,
  disciplineCalendarIndex,
  disciplineCalendarItems,
  disciplineTalks,
  disciplineComplianceIndex,
  disciplineBasisStamps,
}
