import {
  careCategoryIds,
  commendationTitles,
  duesCategories,
  festivalKinds,
  ledgerEventKinds,
  nominationStages,
} from "@xianfeng/care-ledger"
import { sql } from "drizzle-orm"
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core"
import { oneOf, pgSnapshot, plainDate, uuidKey, xid8 } from "../internal/columns.js"
import { members, orgs, users } from "./platform.js"
import { recordedColumns } from "./recorded.js"

/**
 * 党内关怀 (Care): party dues, the care ledger and its survey, festival visits, July-1 commendations and the
 * 50-year medal. Money is integer fen (`*_fen`, CHECK ≥ 0); a month is `YYYY-MM` text.
 */

const MONTH = sql.raw(`'^[0-9]{4}-(0[1-9]|1[0-2])$'`)

/**
 * 党费: a member's monthly amount for a year, fixed at its start (DUES 2008): the category, the base (after-tax
 * pay, pension — sensitive income data) and the rate that gave it. One row per member and year.
 */
export const careDuesAssessments = pgTable(
  "care_dues_assessments",
  {
    id: uuidKey(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id),
    year: integer("year").notNull(),
    category: text("category").notNull(),
    baseFen: integer("base_fen").notNull(),
    basisPoints: integer("basis_points").notNull(),
    monthlyFen: integer("monthly_fen").notNull(),
    /** The first month owed (January, or the month a member joined or arrived). */
    fromMonth: text("from_month").notNull(),
    ...recordedColumns(),
  },
  (t) => [
    uniqueIndex("care_dues_assessments_member_year").on(t.memberId, t.year),
    check("care_dues_assessments_category", sql`${t.category} in (${oneOf(duesCategories)})`),
    check(
      "care_dues_assessments_fen",
      sql`${t.baseFen} >= 0 and ${t.monthlyFen} >= 0 and ${t.basisPoints} >= 0`,
    ),
    check("care_dues_assessments_from", sql`${t.fromMonth} ~ ${MONTH}`),
  ],
)
export type CareDuesAssessment = typeof careDuesAssessments.$inferSelect

/** 减免: an approved reduction or exemption (branch study + next-level approval), months inclusive. */
export const careDuesReductions = pgTable(
  "care_dues_reductions",
  {
    id: uuidKey(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id),
    fromMonth: text("from_month").notNull(),
    toMonth: text("to_month").notNull(),
    monthlyFen: integer("monthly_fen").notNull(),
    approvalRef: text("approval_ref").notNull(),
    ...recordedColumns(),
  },
  (t) => [
    index("care_dues_reductions_member").on(t.memberId),
    check("care_dues_reductions_fen", sql`${t.monthlyFen} >= 0`),
    check(
      "care_dues_reductions_months",
      sql`${t.fromMonth} ~ ${MONTH} and ${t.toMonth} ~ ${MONTH} and ${t.fromMonth} <= ${t.toMonth}`,
    ),
  ],
)
export type CareDuesReduction = typeof careDuesReductions.$inferSelect

/** A payment of dues for one month (缴纳), as the branch's collector records it. */
export const careDuesPayments = pgTable(
  "care_dues_payments",
  {
    id: uuidKey(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id),
    month: text("month").notNull(),
    amountFen: integer("amount_fen").notNull(),
    paidOn: plainDate("paid_on").notNull(),
    ...recordedColumns(),
  },
  (t) => [
    index("care_dues_payments_member_month").on(t.memberId, t.month),
    check("care_dues_payments_fen", sql`${t.amountFen} > 0`),
    check("care_dues_payments_month", sql`${t.month} ~ ${MONTH}`),
  ],
)
export type CareDuesPayment = typeof careDuesPayments.$inferSelect

/**
 * The dues stamp of a member: bumped (`stamp` + 1) in the same statement as every write that can change where the
 * member stands on dues — an assessment (inserted, corrected, deleted), a payment (entered or taken back), an
 * approved reduction or exemption, the member's move, stage, status or admission — by the statement triggers of
 * the custom migration `care_dues_stamps_triggers`, whoever writes (the API, an import, the demo's bulk load, any
 * SQL). A row is created at the first write (a missing row reads as stamp 0) and never deleted, so a stamp never
 * repeats.
 */
export const careDuesStamps = pgTable("care_dues_stamps", {
  memberId: uuid("member_id")
    .primaryKey()
    .references(() => members.id),
  stamp: bigint("stamp", { mode: "number" }).notNull().default(1),
})

/**
 * The dues-standing index: a member's arrears as of the last ended month `as_of` (`YYYY-MM`), as
 * `duesStanding` of @xianfeng/care-ledger counts them (DUES 2008 art. 7, 10, 12; PC 9) — ended months owed and
 * not fully paid (`arrears`), those running up to `as_of` (`running`, the self-lapse count) and what they add up
 * to (`owed_fen`) — stored with the member's stamp (`care_dues_stamps`). A read uses a row only while its stamp
 * holds and it was computed for the read's month (a month turning changes arrears without any write), and
 * recomputes (and stores) the others. A member with nothing assessed is stored with zeros.
 */
export const careDuesStandings = pgTable(
  "care_dues_standings",
  {
    memberId: uuid("member_id")
      .primaryKey()
      .references(() => members.id),
    stamp: bigint("stamp", { mode: "number" }).notNull(),
    asOf: text("as_of").notNull(),
    arrears: integer("arrears").notNull(),
    running: integer("running").notNull(),
    owedFen: bigint("owed_fen", { mode: "number" }).notNull(),
  },
  (t) => [check("care_dues_standings_as_of", sql`${t.asOf} ~ ${MONTH}`)],
)

/**
 * The dues stamp of an organization: bumped (`stamp` + 1) in the same statement as the member-level dues stamp
 * (`care_dues_stamps`) of any of its members — an assessment, payment or reduction written, a member's stage or
 * status changed — and, for a member moved, of both the organization left and the one joined, by the statement
 * trigger function `xf_care_dues_bump` (custom migration `care_dues_collections_triggers`). A missing row reads as
 * stamp 0; rows are never deleted, so a stamp never repeats.
 */
export const careDuesOrgStamps = pgTable(
  "care_dues_org_stamps",
  {
    orgId: text("org_id")
      .primaryKey()
      .references(() => orgs.id),
    stamp: bigint("stamp", { mode: "number" }).notNull().default(1),
    /**
     * The transaction that last wrote the row (`pg_current_xact_id()`, set by the row trigger
     * `care_dues_org_stamps_moved` on every insert and update): a stored subtree sum (`care_dues_subtree_collections`)
     * holds while no stamp of its subtree was written by a transaction its snapshot does not see.
     */
    moved: xid8("moved").notNull().default(sql`pg_current_xact_id()`),
  },
  (t) => [index("care_dues_org_stamps_moved_idx").on(t.moved)],
)

/**
 * The dues arrears of an organization's own members on the roll (full and probationary, status normal) as of the
 * last ended month `as_of` (`YYYY-MM`): how many are in arrears (`members`), how many have six or more unpaid months
 * running up to it (`self_lapse`, PC 9) and what they owe (`owed_fen`) — `arrearsComputedInScope` over that one
 * organization, the sum of its members' stored standings (`care_dues_standings`) — stored with the organization's
 * dues stamp (`care_dues_org_stamps`). A read of a scope sums these rows, using one only while the stamp holds and
 * it was computed for the read's month, and recomputes (and stores) the others from their members' standings.
 * Derived: every row can be computed again from the dues and the roll.
 */
export const careDuesArrears = pgTable(
  "care_dues_arrears",
  {
    orgId: text("org_id")
      .primaryKey()
      .references(() => orgs.id),
    stamp: bigint("stamp", { mode: "number" }).notNull(),
    asOf: text("as_of").notNull(),
    members: integer("members").notNull(),
    selfLapse: integer("self_lapse").notNull(),
    owedFen: bigint("owed_fen", { mode: "number" }).notNull(),
  },
  (t) => [check("care_dues_arrears_as_of", sql`${t.asOf} ~ ${MONTH}`)],
)

/**
 * 党费收缴 stored per organization and month (`YYYY-MM`): of the organization's own members on the roll (full and
 * probationary, status normal), those with dues owed for the month (`owing`) and, of them, those who have not paid
 * it in full (`unpaid`) — what `duesCollectionComputedOf` counts — stored with the organization's dues stamp
 * (`care_dues_org_stamps`). A read uses a row only while the stamp holds and recomputes (and stores) the others; a
 * month's figures change only with writes, never with the calendar.
 */
export const careDuesCollections = pgTable(
  "care_dues_collections",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    month: text("month").notNull(),
    stamp: bigint("stamp", { mode: "number" }).notNull(),
    owing: integer("owing").notNull(),
    unpaid: integer("unpaid").notNull(),
  },
  (t) => [
    primaryKey({ name: "care_dues_collections_pkey", columns: [t.orgId, t.month] }),
    check("care_dues_collections_month", sql`${t.month} ~ ${MONTH}`),
  ],
)

/**
 * 党费收缴 of a whole subtree per month: the sums of `care_dues_collections` over the organizations under `org_id`
 * (itself included) for `month`, as a read computed them in one statement whose snapshot is `snap`. Valid while no
 * dues stamp of the subtree (`care_dues_org_stamps.moved`) was written by a transaction `snap` does not see — a
 * write of dues or of the roll bumps its organizations' stamps, and moving an organization bumps those of its
 * subtree and of the parent it left (custom migration `care_dues_subtree_collections_triggers`) — so a district's
 * read costs one row and an index probe, not a row per organization. Derived: recomputed when missing or stale.
 */
export const careDuesSubtreeCollections = pgTable(
  "care_dues_subtree_collections",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    month: text("month").notNull(),
    snap: pgSnapshot("snap").notNull(),
    owing: integer("owing").notNull(),
    unpaid: integer("unpaid").notNull(),
  },
  (t) => [
    primaryKey({ name: "care_dues_subtree_collections_pkey", columns: [t.orgId, t.month] }),
    check("care_dues_subtree_collections_month", sql`${t.month} ~ ${MONTH}`),
  ],
)

/**
 * The care ledger (困难党员台账) as its events: every change an append-only row (date, reason, who), so the
 * ledger as of any day is the replay of the rows up to it (`ledgerAsOf`). `entry_id` names the ledger entry;
 * `org_id` the branch answerable for it; `detail` holds hardship, health or income details (sensitive).
 */
export const careLedgerEvents = pgTable(
  "care_ledger_events",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    entryId: uuid("entry_id").notNull(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    memberId: uuid("member_id").references(() => members.id),
    personName: text("person_name"),
    kind: text("kind").notNull(),
    category: text("category"),
    onDate: plainDate("on_date").notNull(),
    reason: text("reason").notNull(),
    detail: text("detail"),
    surveyId: uuid("survey_id").references(() => careSurveys.id),
    ...recordedColumns(),
  },
  (t) => [
    index("care_ledger_events_entry").on(t.entryId, t.seq),
    index("care_ledger_events_org").on(t.orgId, t.onDate),
    check("care_ledger_events_kind", sql`${t.kind} in (${oneOf(ledgerEventKinds)})`),
    check(
      "care_ledger_events_category",
      sql`${t.category} is null or ${t.category} in (${oneOf(careCategoryIds)})`,
    ),
  ],
)
export type CareLedgerEventRow = typeof careLedgerEvents.$inferSelect

/** 摸底调查: the annual survey, run by an organization over the branches of its subtree, with a deadline. */
export const careSurveys = pgTable(
  "care_surveys",
  {
    id: uuidKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    /**
     * The running organization's name as it was when the row was written: callers below it see the row (their
     * branches take part) but not the organization's own row, which row-level security keeps from them.
     */
    orgName: text("org_name").notNull(),
    year: integer("year").notNull(),
    title: text("title").notNull(),
    startsOn: plainDate("starts_on").notNull(),
    deadline: plainDate("deadline").notNull(),
    /**
     * The survey's branch rows (`care_survey_branches`), how many of them have confirmed, and how many lie outside
     * the running organization's subtree (moved away since): kept by triggers (migration
     * `care_survey_stored_counts`), never written by the app. With none outside, a caller whose scope holds the
     * running organization has every branch in scope and reads the counts here instead of counting the rows.
     */
    branchCount: integer("branch_count").notNull().default(0),
    confirmedCount: integer("confirmed_count").notNull().default(0),
    branchesElsewhere: integer("branches_elsewhere").notNull().default(0),
    ...recordedColumns(),
  },
  (t) => [check("care_surveys_dates", sql`${t.startsOn} <= ${t.deadline}`)],
)
export type CareSurvey = typeof careSurveys.$inferSelect

/** A branch's part of a survey, and the day it confirmed it. */
export const careSurveyBranches = pgTable(
  "care_survey_branches",
  {
    surveyId: uuid("survey_id")
      .notNull()
      .references(() => careSurveys.id),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    confirmedOn: plainDate("confirmed_on"),
    confirmedBy: uuid("confirmed_by").references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.orgId] })],
)
export type CareSurveyBranch = typeof careSurveyBranches.$inferSelect

/** 走访慰问计划: a festival's visits by an organization, with its budget and its "before the festival" deadline. */
export const careVisitPlans = pgTable(
  "care_visit_plans",
  {
    id: uuidKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    /**
     * The running organization's name as it was when the row was written: callers below it see the row (their
     * branches take part) but not the organization's own row, which row-level security keeps from them.
     */
    orgName: text("org_name").notNull(),
    festival: text("festival").notNull(),
    year: integer("year").notNull(),
    title: text("title").notNull(),
    festivalOn: plainDate("festival_on").notNull(),
    deadline: plainDate("deadline").notNull(),
    /** bigint: a province's festival budget passes 21,474,836.47 yuan (2^31 fen). */
    budgetFen: bigint("budget_fen", { mode: "number" }).notNull(),
    /** 资金来源: 代中央管理党费, 本级, 留存党费… */
    fundSource: text("fund_source").notNull().default(""),
    ...recordedColumns(),
  },
  (t) => [
    check("care_visit_plans_festival", sql`${t.festival} in (${oneOf(festivalKinds)})`),
    check("care_visit_plans_fen", sql`${t.budgetFen} >= 0`),
  ],
)
export type CareVisitPlan = typeof careVisitPlans.$inferSelect

/** Who a plan visits (a ledger entry's person), the leader assigned, and the categories that put them there. */
export const careVisitTargets = pgTable(
  "care_visit_targets",
  {
    id: uuidKey(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => careVisitPlans.id),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    entryId: uuid("entry_id"),
    memberId: uuid("member_id").references(() => members.id),
    personName: text("person_name").notNull(),
    categories: jsonb("categories").$type<readonly string[]>().notNull(),
    leader: text("leader").notNull().default(""),
  },
  (t) => [index("care_visit_targets_plan").on(t.planId)],
)
export type CareVisitTarget = typeof careVisitTargets.$inferSelect

/** A visit, recorded once per target (the unique index): date, visitors, help given, money in fen. */
export const careVisits = pgTable(
  "care_visits",
  {
    id: uuidKey(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => careVisitPlans.id),
    targetId: uuid("target_id")
      .notNull()
      .references(() => careVisitTargets.id),
    visitedOn: plainDate("visited_on").notNull(),
    visitors: jsonb("visitors").$type<readonly string[]>().notNull(),
    help: text("help").notNull().default(""),
    amountFen: integer("amount_fen").notNull(),
    ...recordedColumns(),
  },
  (t) => [
    uniqueIndex("care_visits_target").on(t.targetId),
    index("care_visits_plan").on(t.planId),
    check("care_visits_fen", sql`${t.amountFen} >= 0`),
  ],
)
export type CareVisit = typeof careVisits.$inferSelect

/** 两优一先: a year's commendation campaign run by an organization, and when its public notice starts. */
export const careCommendationCampaigns = pgTable("care_commendation_campaigns", {
  id: uuidKey(),
  orgId: text("org_id")
    .notNull()
    .references(() => orgs.id),
  /** The running organization's name when the campaign was started (as `care_visit_plans.org_name`). */
  orgName: text("org_name").notNull(),
  year: integer("year").notNull(),
  title: text("title").notNull(),
  noticeStartsOn: plainDate("notice_starts_on"),
  ...recordedColumns(),
})
export type CareCommendationCampaign = typeof careCommendationCampaigns.$inferSelect

/** An organization's quota (名额) in a campaign: the cap on its nominations. */
export const careCommendationQuotas = pgTable(
  "care_commendation_quotas",
  {
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => careCommendationCampaigns.id),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    quota: integer("quota").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.orgId] }),
    check("care_commendation_quotas_n", sql`${t.quota} >= 0`),
  ],
)

/** A nomination: a person (or, for advanced-org, the nominating organization itself) with its references. */
export const careNominations = pgTable(
  "care_nominations",
  {
    id: uuidKey(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => careCommendationCampaigns.id),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    title: text("title").notNull(),
    memberId: uuid("member_id").references(() => members.id),
    stage: text("stage").notNull().default("nominated"),
    /**
     * The day the nomination was approved (批准), set with the move to `approved` and only then (the CHECK); the
     * date the results and the export show. Null before approval, and for a nomination approved before the
     * column existed (its day was not kept: the results show the notice's dates for it instead).
     */
    approvedOn: plainDate("approved_on"),
    /**
     * The nominating organization's name when the nomination was written: a branch secretary whose member a town
     * commended sees the result (it was announced) but not the town's own row. Null for rows older than it that
     * the column's custom migration found no organization for.
     */
    orgName: text("org_name"),
    /** The references: appraisal grades by year, party-work years, the deeds in short. */
    refs: jsonb("refs")
      .$type<{ grades: Record<string, string>; partyWorkYears?: number; deeds: string }>()
      .notNull(),
    ...recordedColumns(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("care_nominations_campaign").on(t.campaignId, t.orgId),
    check("care_nominations_title", sql`${t.title} in (${oneOf(commendationTitles)})`),
    check("care_nominations_stage", sql`${t.stage} in (${oneOf(nominationStages)})`),
    // Only an approved nomination has an approval day; one approved before the column existed has none (null).
    check("care_nominations_approved_on", sql`${t.approvedOn} is null or ${t.stage} = 'approved'`),
  ],
)
export type CareNomination = typeof careNominations.$inferSelect

/** 光荣在党50年纪念章: who was given it, in which year and on which day. */
export const careMedalAwards = pgTable("care_medal_awards", {
  memberId: uuid("member_id")
    .primaryKey()
    .references(() => members.id),
  year: integer("year").notNull(),
  awardedOn: plainDate("awarded_on").notNull(),
  ...recordedColumns(),
})
export type CareMedalAward = typeof careMedalAwards.$inferSelect

/** The area's tables, for the schema index (drizzle's relational API sees them through `tables`). */
export const careTables = {
  careDuesAssessments,
  careDuesReductions,
  careDuesPayments,
  careDuesStamps,
  careDuesStandings,
  careDuesOrgStamps,
  careDuesCollections,
  careDuesSubtreeCollections,
  careDuesArrears,
  careLedgerEvents,
  careSurveys,
  careSurveyBranches,
  careVisitPlans,
  careVisitTargets,
  careVisits,
  careCommendationCampaigns,
  careCommendationQuotas,
  careNominations,
  careMedalAwards,
}
