import { cadrePosts, exemptionReasons, memberCategories, studySources } from "@xianfeng/education-training"
import { type CommitteeDuty, committeeDuties } from "@xianfeng/inspection-scheduling"
import { sql } from "drizzle-orm"
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core"
import { oneOf, plainDate, uuidKey } from "../internal/columns.js"
import { members, orgs, users } from "./platform.js"
import { recordedColumns } from "./recorded.js"

/** Who a class is for (`Audience` of `@xianfeng/education-training`). */
export const audienceKinds = ["subtree", "post", "category", "list"] as const

/**
 * 培训班 (a training class or rotation training): organized by any organization of the tree, for an audience
 * (`audience_kind` with `audience_value`: an org id for `subtree`, a post, a member category, or empty for
 * `list`). Closed classes take no more attendance. `version` moves on with every change. `organizer_name` is the
 * organizer's name as it was when the class was created: a caller who sees the class through its enrolled members
 * (a branch under a committee's class) does not see the organizer's own `orgs` row (docs/security.md).
 */
export const educationClasses = pgTable(
  "education_classes",
  {
    id: uuidKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    organizerName: text("organizer_name").notNull(),
    title: text("title").notNull(),
    audienceKind: text("audience_kind").$type<(typeof audienceKinds)[number]>().notNull(),
    audienceValue: text("audience_value").notNull().default(""),
    /** A centralized training (集中培训): what the secretaries' and new members' rules ask for. */
    centralized: boolean("centralized").notNull().default(true),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    ...recordedColumns(),
    version: integer("version").notNull().default(1),
    /**
     * Its enrolments, and its attendance rows (人次, person-times): kept by triggers (migration
     * `education_class_counts`), never written by the app, so the organizer's side reads a class's totals without
     * counting its rows (a province's class: 112,351 enrolments and 745,795 attendance rows).
     */
    enrolledCount: integer("enrolled_count").notNull().default(0),
    personTimes: integer("person_times").notNull().default(0),
  },
  (t) => [
    index("education_classes_org_idx").on(t.orgId),
    check("education_classes_audience", sql`${t.audienceKind} in (${oneOf(audienceKinds)})`),
  ],
)
export type EducationClass = typeof educationClasses.$inferSelect

/** 一次课: a session of a class, on a day, `start_minute`…`end_minute` (minutes after midnight), in tenths of a class hour. */
export const educationSessions = pgTable(
  "education_sessions",
  {
    id: uuidKey(),
    classId: uuid("class_id")
      .notNull()
      .references(() => educationClasses.id, { onDelete: "cascade" }),
    topic: text("topic").notNull(),
    onDate: plainDate("on_date").notNull(),
    startMinute: integer("start_minute").notNull(),
    endMinute: integer("end_minute").notNull(),
    tenths: integer("tenths").notNull(),
  },
  (t) => [
    index("education_sessions_class_idx").on(t.classId, t.onDate),
    check(
      "education_sessions_span",
      sql`${t.startMinute} >= 0 and ${t.endMinute} <= 1440 and ${t.endMinute} > ${t.startMinute} and ${t.tenths} > 0`,
    ),
  ],
)
export type EducationSession = typeof educationSessions.$inferSelect

/** 报名/调训: a member enrolled in a class. */
export const educationEnrolments = pgTable(
  "education_enrolments",
  {
    classId: uuid("class_id")
      .notNull()
      .references(() => educationClasses.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id),
    /**
     * The enrolled member's organization, kept by the database (migration 0082): checked against the member on
     * every write and moved with the member, so "classes enrolling a member of this subtree" is one index range.
     */
    orgId: text("org_id").notNull(),
  },
  (t) => [
    primaryKey({ name: "education_enrolments_pkey", columns: [t.classId, t.memberId] }),
    index("education_enrolments_member_idx").on(t.memberId),
    index("education_enrolments_org_class_idx").on(t.orgId, t.classId),
  ],
)

/** 签到: a member present at a session (absent members have no row; one row is one person-time). */
export const educationAttendance = pgTable(
  "education_attendance",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => educationSessions.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id),
  },
  (t) => [
    primaryKey({ name: "education_attendance_pkey", columns: [t.sessionId, t.memberId] }),
    index("education_attendance_member_idx").on(t.memberId),
  ],
)

/** Online learning (网络学习) entered or imported: a day, optionally a time span, and its class hours in tenths. */
export const educationOnline = pgTable(
  "education_online",
  {
    id: uuidKey(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id),
    title: text("title").notNull(),
    onDate: plainDate("on_date").notNull(),
    startMinute: integer("start_minute"),
    endMinute: integer("end_minute"),
    tenths: integer("tenths").notNull(),
    ...recordedColumns(),
  },
  (t) => [
    index("education_online_member_idx").on(t.memberId, t.onDate),
    check("education_online_tenths", sql`${t.tenths} > 0 and ${t.tenths} <= 160`),
  ],
)

/** Posts and categories training depends on (书记 since a day; 新当选“两委”成员). */
export const educationRoleKinds = [...cadrePosts, ...memberCategories] as const
export const educationRoles = pgTable(
  "education_roles",
  {
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id),
    role: text("role").$type<(typeof educationRoleKinds)[number]>().notNull(),
    since: plainDate("since").notNull(),
    /** 委员分工 of a `committee-member` (组织委员, 宣传委员, …; C11); null for a plain 委员 and every other role. */
    duty: text("duty").$type<CommitteeDuty>(),
  },
  (t) => [
    primaryKey({ name: "education_roles_pkey", columns: [t.memberId, t.role] }),
    check("education_roles_role", sql`${t.role} in (${oneOf(educationRoleKinds)})`),
    check(
      "education_roles_duty",
      sql`${t.duty} is null or (${t.role} = 'committee-member' and ${t.duty} in (${oneOf(committeeDuties)}))`,
    ),
  ],
)

/** EM 23: a member not held to the hours for a year, and how study is brought to them. */
export const educationExemptions = pgTable(
  "education_exemptions",
  {
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id),
    year: integer("year").notNull(),
    reason: text("reason").$type<(typeof exemptionReasons)[number]>().notNull(),
    studyBrought: text("study_brought").notNull(),
    ...recordedColumns(),
  },
  (t) => [
    primaryKey({ name: "education_exemptions_pkey", columns: [t.memberId, t.year] }),
    check("education_exemptions_reason", sql`${t.reason} in (${oneOf(exemptionReasons)})`),
  ],
)

/**
 * The study-hours stamp of a member: bumped (`stamp` + 1) in the same statement as every write that can change
 * what the member's study hours are made of — their class attendance, a session they attended (its day, times or
 * hours), its class (centralized or not), their online learning, their meeting roll calls, a meeting they were
 * present at (its kinds, day or times), their move to another organization — by the statement triggers of the
 * custom migration `education_study_stamps_triggers`, whoever writes (the API, an import, the demo's bulk load,
 * any SQL). A row is created at the first write (a missing row reads as stamp 0) and never deleted, so a stamp
 * never repeats. One stamp for all years: a write rarely touches a past year, and a stale year is only recomputed.
 */
export const educationStudyStamps = pgTable("education_study_stamps", {
  memberId: uuid("member_id")
    .primaryKey()
    .references(() => members.id),
  stamp: bigint("stamp", { mode: "number" }).notNull().default(1),
  /** The member's organization, filled and moved by the database (0087): the row's policy reads it as a set. */
  orgId: text("org_id").notNull(),
})

/**
 * The study-hours index: a member's credited study of a year as `studyHoursOf` computed it (every entry of the
 * member, and every study meeting they were present at, wherever held; the same time counted once by
 * `creditStudy`), stored with the member's stamp (`education_study_stamps`) and the policy (`basis`, a digest) it
 * was computed under. A read uses a row only while both still hold, and recomputes (and stores) the others.
 * `months` holds twelve monthly credited tenths then twelve monthly class person-times (January first);
 * `central` the days of credited centralized sessions (this year and the year before); `foreign_orgs` the
 * organizations other than the member's own whose study meetings of the year they were present at (null when
 * none): a read computes such a member afresh, with the meetings of the subtree it reads. `present`: the member
 * had an entry of the two years at all (others read as no row).
 */
export const educationStudyIndex = pgTable(
  "education_study_index",
  {
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id),
    year: integer("year").notNull(),
    stamp: bigint("stamp", { mode: "number" }).notNull(),
    basis: text("basis").notNull(),
    present: boolean("present").notNull(),
    classTenths: integer("class_tenths").notNull(),
    meetingTenths: integer("meeting_tenths").notNull(),
    onlineTenths: integer("online_tenths").notNull(),
    classPersonTimes: integer("class_person_times").notNull(),
    central: text("central").array().notNull(),
    months: integer("months").array().notNull(),
    foreignOrgs: text("foreign_orgs").array(),
    /** The member's organization, kept by the database whoever writes (0087): the row's policy reads it as a set. */
    orgId: text("org_id").notNull(),
  },
  (t) => [
    primaryKey({ name: "education_study_index_pkey", columns: [t.memberId, t.year] }),
    check("education_study_index_months", sql`cardinality(${t.months}) = 24`),
  ],
)

/** Sources as stored (the rules package's words). */
export const storedStudySources = studySources

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" })

/**
 * 书记话党建: a forum thread or a reply (`thread_id` set). Readable district-wide; written by a user of its
 * organization; hidden by the organization department with a reason (`hidden_*`, audited). `search_text` is
 * the title and body cut into words (Intl.Segmenter, docs/architecture.md "Forum search"), space-separated.
 */
export const forumPosts = pgTable(
  "forum_posts",
  {
    id: uuidKey(),
    threadId: uuid("thread_id"),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    authorName: text("author_name").notNull(),
    title: text("title").notNull().default(""),
    body: text("body").notNull(),
    searchText: text("search_text").notNull(),
    featured: boolean("featured").notNull().default(false),
    hiddenReason: text("hidden_reason"),
    hiddenBy: uuid("hidden_by").references(() => users.id),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("forum_posts_thread_idx").on(t.threadId, t.createdAt),
    index("forum_posts_recent_idx").on(t.createdAt),
  ],
)
export type ForumPost = typeof forumPosts.$inferSelect

/** An attachment of a post: a document or an image, stored in the database (bounded by the API: 2 MiB each). */
export const forumAttachments = pgTable(
  "forum_attachments",
  {
    id: uuidKey(),
    postId: uuid("post_id")
      .notNull()
      .references(() => forumPosts.id, { onDelete: "cascade" }),
    filename: text("filename").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    data: bytea("data").notNull(),
  },
  (t) => [
    index("forum_attachments_post_idx").on(t.postId),
    check("forum_attachments_size", sql`${t.size} > 0 and ${t.size} <= 2097152`),
  ],
)

/** The area's tables, for the schema index (drizzle's relational API sees them through `tables`). */
export const educationTables = {
  educationClasses,
  educationSessions,
  educationEnrolments,
  educationAttendance,
  educationOnline,
  educationRoles,
  educationExemptions,
  educationStudyStamps,
  educationStudyIndex,
  forumPosts,
  forumAttachments,
}
