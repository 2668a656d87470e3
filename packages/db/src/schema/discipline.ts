import { sql } from "drizzle-orm"
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core"
import { plainDate } from "../internal/columns.js"
import { members, orgs, users } from "./platform.js"

/**
 * 组织生活与督查 (Organizational life and inspections): one record of the area, kept by an organization. Dated by the civil date it
 * states (`on_date`); `version` moves on with every change so a stale edit is refused.
 */
export const disciplineRecords = pgTable(
  "discipline_records",
  {
    id: uuid("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    title: text("title").notNull(),
    onDate: plainDate("on_date").notNull(),
    note: text("note").notNull().default(""),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("discipline_records_org_idx").on(t.orgId, t.onDate)],
)

export type DisciplineRecord = typeof disciplineRecords.$inferSelect

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
    id: uuid("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
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
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("discipline_meetings_org_idx").on(t.orgId, t.onDate),
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
    reason: text("reason").notNull().default(""),
  },
  (t) => [
    primaryKey({ name: "discipline_attendance_pkey", columns: [t.meetingId, t.memberId] }),
    index("discipline_attendance_member_idx").on(t.memberId),
  ],
)

export type DisciplineAttendance = typeof disciplineAttendance.$inferSelect

/** The area's tables, for the schema index (drizzle's relational API sees them through `tables`). */
export const disciplineTables = { disciplineRecords, disciplineMeetings, disciplineAttendance }
