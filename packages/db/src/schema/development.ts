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
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core"
import { plainDate, uuidKey } from "../internal/columns.js"
import { disciplineMeetings } from "./discipline.js"
import { members, orgs, users } from "./platform.js"
import { recordedColumns } from "./recorded.js"

/** One step of 发展党员 as recorded; step ids belong to @xianfeng/development-rules. */
export const developmentRecords = pgTable(
  "development_records",
  {
    id: uuidKey(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id),
    step: text("step").notNull(),
    onDate: plainDate("on_date").notNull(),
    evidence: jsonb("evidence").$type<Record<string, unknown>>().notNull().default({}),
    /**
     * The meeting record (组织生活's 会议记录) that decided the step, when it was recorded from one: the activist
     * and development-object decisions (branch committee, DR 8, 13), admission and conversion (branch general
     * meeting, DR 19, 32). The evidence then carries the meeting's date and figures as they were judged; a
     * meeting edit that would change them is refused while the record is in force.
     */
    meetingId: uuid("meeting_id").references(() => disciplineMeetings.id),
    ...recordedColumns(),
    /**
     * A record entered in error is removed, never deleted: it stays here with when, by whom and why, drops
     * out of the history the rules judge, and is listed apart on the timeline.
     */
    removedAt: timestamp("removed_at", { withTimezone: true }),
    removedBy: uuid("removed_by").references(() => users.id),
    removedReason: text("removed_reason"),
  },
  (t) => [
    index("development_records_member_idx").on(t.memberId, t.onDate),
    index("development_records_meeting_idx").on(t.meetingId),
    check("development_records_removal", sql`(${t.removedAt} is null) = (${t.removedReason} is null)`),
  ],
)

/** One allocation of an annual development plan (年度发展党员计划): an organization and its quota. */
export interface PlanAllocation {
  readonly orgId: string
  readonly quota: number
}

/** The annual development plan an organization (district or committee) saved for its subtree. */
export const developmentPlans = pgTable(
  "development_plans",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    year: integer("year").notNull(),
    total: integer("total").notNull(),
    allocations: jsonb("allocations").$type<readonly PlanAllocation[]>().notNull().default([]),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    primaryKey({ name: "development_plans_pkey", columns: [t.orgId, t.year] }),
    check("development_plans_total", sql`${t.total} >= 0`),
  ],
)

export type DevelopmentRecord = typeof developmentRecords.$inferSelect
export type NewDevelopmentRecord = typeof developmentRecords.$inferInsert
export type DevelopmentPlan = typeof developmentPlans.$inferSelect

/**
 * One yearly analysis of an organization's activist pool (入党积极分子队伍状况分析, DR 11): by the county
 * organization department or a grassroots committee, with the problems found and the measures taken.
 */
export const activistPoolAnalyses = pgTable(
  "development_activist_pool_analyses",
  {
    id: uuidKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    onDate: plainDate("on_date").notNull(),
    analysedBy: text("analysed_by").notNull(),
    activists: integer("activists").notNull(),
    problems: text("problems").notNull(),
    measures: text("measures").notNull(),
    ...recordedColumns(),
  },
  (t) => [
    index("development_activist_pool_analyses_org_idx").on(t.orgId, t.onDate),
    check("development_activist_pool_analyses_activists", sql`${t.activists} >= 0`),
  ],
)
export type ActivistPoolAnalysisRow = typeof activistPoolAnalyses.$inferSelect

/**
 * One cultivation record of a person's 一人一策 plan that is not a development step: a contact's talk, a
 * thought report or a party activity (kinds belong to @xianfeng/development-rules).
 */
export const cultivationRecords = pgTable(
  "development_cultivation_records",
  {
    id: uuidKey(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id),
    kind: text("kind").notNull(),
    onDate: plainDate("on_date").notNull(),
    evidence: jsonb("evidence").$type<Record<string, unknown>>().notNull().default({}),
    ...recordedColumns(),
  },
  (t) => [index("development_cultivation_records_member_idx").on(t.memberId, t.onDate)],
)
export type CultivationRecordRow = typeof cultivationRecords.$inferSelect

/** The trainings of the development process a history records apart from its steps. */
export const developmentTrainingKinds = ["activist", "development-object"] as const

/**
 * 培训经历: a training a person took in the development process, as a history holds it — 入党积极分子培训
 * (DR 12) or 发展对象培训 (DR 17) — from the first day to the last, with its class hours, form and organizer
 * when the source gives them (the national system's sheets give only the dates). Kept apart from
 * `development_records`, whose `training` step needs the full evidence of a centralized training; imported
 * histories come with what they have.
 */
export const developmentTrainings = pgTable(
  "development_trainings",
  {
    id: uuidKey(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id),
    kind: text("kind").$type<(typeof developmentTrainingKinds)[number]>().notNull(),
    fromDate: plainDate("from_date").notNull(),
    toDate: plainDate("to_date").notNull(),
    /** Class hours in tenths (学时 × 10), when known. */
    tenths: integer("tenths"),
    /** 培训方式 as the source says it (集中面授, 网络培训, …), when known. */
    mode: text("mode"),
    /** 主办单位, when known. */
    organizer: text("organizer"),
    ...recordedColumns(),
  },
  (t) => [
    uniqueIndex("development_trainings_member_kind_from").on(t.memberId, t.kind, t.fromDate),
    check("development_trainings_kind", sql`${t.kind} in ('activist', 'development-object')`),
    check("development_trainings_span", sql`${t.toDate} >= ${t.fromDate}`),
    check("development_trainings_tenths", sql`${t.tenths} is null or ${t.tenths} > 0`),
  ],
)
export type DevelopmentTrainingRow = typeof developmentTrainings.$inferSelect

/** One stored open step of the pipeline index: its id, state and deadline (ISO date). */
export interface PipelineIndexItem {
  readonly step: string
  readonly state: "due" | "overdue"
  readonly dueBy: string
}

/**
 * The development pipeline's index: per member, the open steps with a deadline as the rules found them on
 * `evaluated_on`, good until `recheck_on` and for the member row's `member_version` (any change to the member
 * moves the version on, so the row no longer counts). The pipeline reads it instead of evaluating everyone.
 *
 * `marks` is bumped by the triggers of custom migration `development_pipeline_marks_triggers` whenever a member of
 * the pipeline (status normal, a pipeline stage) is written at another version than its row's, and a row is made
 * (marked, nothing evaluated) for one who has none, so every person of the pipeline has a row; `marks_seen` is what
 * the evaluation stored against (`savePipelineIndex`), so `marks <> marks_seen` (a partial index) lists the people
 * to evaluate again, beside those whose `recheck_on` has come or whose `evaluated_on` lies ahead (their indexes).
 * A member who leaves the pipeline has the row put aside: `recheck_on` 9999-12-31 (never), not marked.
 */
export const developmentPipelineIndex = pgTable(
  "development_pipeline_index",
  {
    // Deleted with the member: the row is derived (every person of the pipeline has one, made by the triggers).
    memberId: uuid("member_id")
      .primaryKey()
      .references(() => members.id, { onDelete: "cascade" }),
    memberVersion: integer("member_version").notNull(),
    evaluatedOn: plainDate("evaluated_on").notNull(),
    recheckOn: plainDate("recheck_on").notNull(),
    items: jsonb("items").$type<readonly PipelineIndexItem[]>().notNull().default([]),
    /** Bumped by the triggers when the member is written at another version (see above). */
    marks: bigint("marks", { mode: "number" }).notNull().default(0),
    /** `marks` as the row's evaluation found it (`savePipelineIndex`); stale while the two differ. */
    marksSeen: bigint("marks_seen", { mode: "number" }).notNull().default(0),
    /**
     * `marks <> marks_seen`, kept by PostgreSQL: a column, so `analyze` counts how few rows are marked and the staleness
     * check's plan starts from them (the bare comparison was estimated at every row, and the check hashed the scope).
     */
    marked: boolean("marked").generatedAlwaysAs(sql`marks <> marks_seen`),
  },
  (t) => [
    index("development_pipeline_index_recheck_idx").on(t.recheckOn),
    index("development_pipeline_index_evaluated_idx").on(t.evaluatedOn),
    index("development_pipeline_index_marked_idx").on(t.memberId).where(sql`${t.marked}`),
  ],
)
export type PipelineIndexRow = typeof developmentPipelineIndex.$inferSelect

/**
 * The pipeline index's open steps one row each (`ordinal` the step's place in the index row's `items`, 0
 * first), written with the index row in the same transaction (`savePipelineIndex`, the only writer) and deleted
 * with it. Indexed by deadline (then person and place, the window's whole order), so the agenda's window of a
 * district reads the soonest deadlines in order and stops at its cap instead of unpacking every person's items;
 * a row counts only while its index row holds for the member's version, as the index row itself.
 */
export const developmentPipelineItems = pgTable(
  "development_pipeline_items",
  {
    memberId: uuid("member_id").notNull(),
    ordinal: integer("ordinal").notNull(),
    step: text("step").notNull(),
    /** `due` or `overdue`. */
    state: text("state").$type<"due" | "overdue">().notNull(),
    dueBy: plainDate("due_by").notNull(),
    /**
     * The member's organization: written by `savePipelineIndex` from the member row, and carried along in the same
     * statement when the member row moves (trigger `members_pipeline_items_org_update`, migration 0078).
     * Lets a subtree below the root tell its own steps of the window without looking up anyone: a committee of a
     * province matches the window's 6,118 steps with its organizations and looks up the 465 that are its own (~12
     * ms; it looked up every step's person and organization, ~50 ms); a branch reads its own through
     * `development_pipeline_items_org_due_idx`.
     */
    orgId: text("org_id").notNull(),
  },
  (t) => [
    primaryKey({ name: "development_pipeline_items_pkey", columns: [t.memberId, t.ordinal] }),
    foreignKey({
      name: "development_pipeline_items_member_id_fk",
      columns: [t.memberId],
      foreignColumns: [developmentPipelineIndex.memberId],
    }).onDelete("cascade"),
    index("development_pipeline_items_due_idx").on(t.dueBy, t.memberId, t.ordinal),
    index("development_pipeline_items_org_due_idx").on(t.orgId, t.dueBy),
  ],
)
