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
  unique,
  uuid,
} from "drizzle-orm/pg-core"
import { oneOf, plainDate, uuidKey } from "../internal/columns.js"
import { members, orgs, users } from "./platform.js"
import { recordedColumns } from "./recorded.js"

// 评议考核 (Appraisal). The grade and tier words are @xianfeng/appraisal-scoring's; the CHECK lists repeat them
// here because a schema file must not pull a rules package into drizzle-kit's load.
const gradeList = ["excellent", "qualified", "basic", "unqualified"] as const
const cycleStates = ["open", "proposed", "confirmed"] as const
export type AppraisalCycleState = (typeof cycleStates)[number]
export type StoredGrade = (typeof gradeList)[number]

/**
 * 民主评议党员: one branch's annual cycle. `open`: members fill their self-assessment and rate each other;
 * `proposed`: the rating step is closed and the branch has proposed grades; `confirmed`: the higher committee
 * confirmed them and the cycle is closed. One cycle per branch and year.
 */
export const appraisalCycles = pgTable(
  "appraisal_cycles",
  {
    id: uuidKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    year: integer("year").notNull(),
    state: text("state").$type<AppraisalCycleState>().notNull().default("open"),
    openedOn: plainDate("opened_on").notNull(),
    proposedOn: plainDate("proposed_on"),
    confirmedOn: plainDate("confirmed_on"),
    ...recordedColumns(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    check("appraisal_cycles_state", sql`${t.state} in (${oneOf(cycleStates)})`),
    unique("appraisal_cycles_org_year_key").on(t.orgId, t.year),
  ],
)

/**
 * Who takes part in a cycle, fixed when it opens (the branch's full and probationary members then), with each
 * one's recusals (回避: the members they do not rate) and, once set, the proposed and confirmed grades.
 */
export const appraisalParticipants = pgTable(
  "appraisal_participants",
  {
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => appraisalCycles.id),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id),
    stage: text("stage").$type<"probationary" | "full">().notNull(),
    recusals: jsonb("recusals").$type<readonly string[]>().notNull().default([]),
    selfGrade: text("self_grade").$type<StoredGrade>(),
    selfText: text("self_text"),
    selfAt: timestamp("self_at", { withTimezone: true }),
    proposedGrade: text("proposed_grade").$type<StoredGrade>(),
    proposedReason: text("proposed_reason"),
    confirmedGrade: text("confirmed_grade").$type<StoredGrade>(),
    confirmedReason: text("confirmed_reason"),
  },
  (t) => [
    primaryKey({ columns: [t.cycleId, t.memberId] }),
    check("appraisal_participants_stage", sql`${t.stage} in ('probationary', 'full')`),
    check("appraisal_participants_self_grade", sql`${t.selfGrade} in (${oneOf(gradeList)})`),
    check("appraisal_participants_proposed_grade", sql`${t.proposedGrade} in (${oneOf(gradeList)})`),
    check("appraisal_participants_confirmed_grade", sql`${t.confirmedGrade} in (${oneOf(gradeList)})`),
    index("appraisal_participants_member_idx").on(t.memberId),
  ],
)

/**
 * 党员互评 / 民主测评: one participant's rating of another. The rater is kept so a second rating is refused;
 * no read shows it to anyone: a member sees only aggregates (`peerViewOf`).
 */
export const appraisalPeerRatings = pgTable(
  "appraisal_peer_ratings",
  {
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => appraisalCycles.id),
    raterId: uuid("rater_id")
      .notNull()
      .references(() => members.id),
    rateeId: uuid("ratee_id")
      .notNull()
      .references(() => members.id),
    grade: text("grade").$type<StoredGrade>().notNull(),
    ratedAt: timestamp("rated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "appraisal_peer_ratings_pkey", columns: [t.cycleId, t.raterId, t.rateeId] }),
    check("appraisal_peer_ratings_grade", sql`${t.grade} in (${oneOf(gradeList)})`),
    check("appraisal_peer_ratings_not_self", sql`${t.raterId} <> ${t.rateeId}`),
  ],
)

/** One step of an unqualified member's case as stored (dates as ISO strings). */
export interface StoredLadderStep {
  readonly step: "criticism" | "reminder" | "correction" | "persuasion" | "removal"
  readonly decidedOn: string
  readonly meetingId: string
  readonly dueBy: string
  readonly helpMeasures: string
}

/** 不合格党员处置: a member graded unqualified, the ladder's steps taken so far and how the case closed. */
export const appraisalUnqualifiedCases = pgTable(
  "appraisal_unqualified_cases",
  {
    id: uuidKey(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id),
    cycleId: uuid("cycle_id").references(() => appraisalCycles.id),
    openedOn: plainDate("opened_on").notNull(),
    steps: jsonb("steps").$type<readonly StoredLadderStep[]>().notNull().default([]),
    closedOn: plainDate("closed_on"),
    outcome: text("outcome").$type<"corrected" | "removed">(),
    ...recordedColumns(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    check("appraisal_unqualified_cases_outcome", sql`${t.outcome} in ('corrected', 'removed')`),
    index("appraisal_unqualified_cases_member_idx").on(t.memberId),
  ],
)

/**
 * 抓基层党建述职评议考核: one secretary's annual debriefing for the organization they lead — the report,
 * on-the-spot comments, the democratic rating's counts and the member-education indicators as entered or
 * pre-filled (percentages; null: not recorded).
 */
export const appraisalSecretaryReviews = pgTable(
  "appraisal_secretary_reviews",
  {
    id: uuidKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    year: integer("year").notNull(),
    secretaryName: text("secretary_name").notNull(),
    reportSubmitted: boolean("report_submitted").notNull().default(false),
    comments: jsonb("comments").$type<readonly string[]>().notNull().default([]),
    votes: jsonb("votes").$type<{ good: number; fair: number; average: number; poor: number }>().notNull(),
    indicators: jsonb("indicators").$type<Record<string, number | null>>().notNull(),
    ...recordedColumns(),
    version: integer("version").notNull().default(1),
  },
  (t) => [unique("appraisal_secretary_reviews_org_year_key").on(t.orgId, t.year)],
)

/**
 * A one-time activation code for a member's account: only its SHA-256 is kept; good once, until it expires.
 * Issued by the branch's secretary; activation sets the account's password.
 */
export const appraisalActivations = pgTable(
  "appraisal_activations",
  {
    id: uuidKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    codeHash: text("code_hash").notNull().unique("appraisal_activations_code_hash_key"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    ...recordedColumns(),
  },
  (t) => [index("appraisal_activations_member_idx").on(t.memberId)],
)

export type AppraisalCycle = typeof appraisalCycles.$inferSelect
export type AppraisalParticipant = typeof appraisalParticipants.$inferSelect
export type AppraisalPeerRating = typeof appraisalPeerRatings.$inferSelect
export type AppraisalUnqualifiedCase = typeof appraisalUnqualifiedCases.$inferSelect
export type AppraisalSecretaryReview = typeof appraisalSecretaryReviews.$inferSelect

/** The area's tables, for the schema index (drizzle's relational API sees them through `tables`). */
export const appraisalTables = {
  appraisalCycles,
  appraisalParticipants,
  appraisalPeerRatings,
  appraisalUnqualifiedCases,
  appraisalSecretaryReviews,
  appraisalActivations,
}
