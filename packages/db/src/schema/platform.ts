import {
  type MemberStage,
  type MemberStatus,
  memberStages,
  memberStatuses,
  OrgKind,
  type Sex,
  type UserRole,
  userRoles,
} from "@xianfeng/core"
import { sql } from "drizzle-orm"
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core"
import { createdAt, oneOf, plainDate, uuidKey } from "../internal/columns.js"

// The vocabulary is core's (one list each); re-exported so `@xianfeng/db` importers keep these names.
export {
  MemberStage,
  MemberStatus,
  memberStages,
  memberStatuses,
  Sex,
  UserRole,
  userRoles,
} from "@xianfeng/core"

/**
 * The organization tree. `parent_id` is the truth; `path` (`d1.c03.b0457`) is the parent's path plus
 * the id, kept by `insertOrg`/`moveOrg`, and indexed with `text_pattern_ops` so a subtree is one index
 * range scan on PostgreSQL 15 and PGlite alike (no ltree extension needed).
 */
export const orgs = pgTable(
  "orgs",
  {
    id: text("id").primaryKey(),
    parentId: text("parent_id").references((): AnyPgColumn => orgs.id),
    kind: text("kind").$type<OrgKind>().notNull(),
    name: text("name").notNull(),
    shortName: text("short_name"),
    path: text("path").notNull(),
    /** 临时党组织 */
    temporary: boolean("temporary").notNull().default(false),
    createdAt: createdAt(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    check("orgs_id_label", sql`${t.id} ~ '^[A-Za-z0-9_]{1,63}$'`),
    check("orgs_kind", sql`${t.kind} in (${oneOf(OrgKind.literals)})`),
    index("orgs_path_idx").using("btree", t.path.op("text_pattern_ops")),
    index("orgs_parent_idx").on(t.parentId),
  ],
)

export const members = pgTable(
  "members",
  {
    id: uuidKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    name: text("name").notNull(),
    /** Full pinyin, no tones, lower case, no spaces: 张三 → `zhangsan`. */
    namePinyin: text("name_pinyin").notNull(),
    /** 张三 → `zs`. */
    nameInitials: text("name_initials").notNull(),
    sex: text("sex").$type<Sex>().notNull(),
    birthDate: plainDate("birth_date").notNull(),
    /** GB/T 3304 民族 code, `01` 汉族. */
    ethnicity: text("ethnicity").notNull(),
    /** 学历 code of the organization list (national-fields.md §5 C2). */
    education: text("education").notNull(),
    occupationGroup: text("occupation_group").notNull(),
    stage: text("stage").$type<MemberStage>().notNull(),
    /** AES-256-GCM, see `createIdVault`. */
    idNumberCipher: text("id_number_cipher"),
    /** Keyed HMAC blind index, the only way to look a person up by ID number. */
    idNumberHash: text("id_number_hash").unique("members_id_number_hash_key"),
    idNumberMasked: text("id_number_masked"),
    phone: text("phone"),
    appliedOn: plainDate("applied_on"),
    activistOn: plainDate("activist_on"),
    developmentObjectOn: plainDate("development_object_on"),
    /** 入党日期: the 支部大会 that accepted the person. */
    admittedOn: plainDate("admitted_on"),
    /** 转正日期 */
    fullMemberOn: plainDate("full_member_on"),
    status: text("status").$type<MemberStatus>().notNull().default("normal"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("members_sex", sql`${t.sex} in ('male', 'female')`),
    check("members_stage", sql`${t.stage} in (${oneOf(memberStages)})`),
    check("members_status", sql`${t.status} in (${oneOf(memberStatuses)})`),
    index("members_org_idx").on(t.orgId),
    index("members_initials_idx").using("btree", t.nameInitials.op("text_pattern_ops")),
    index("members_pinyin_idx").using("btree", t.namePinyin.op("text_pattern_ops")),
    // The member list's order (pinyin, then id): a page of a large subtree (a district, a committee) walks it
    // and stops after the page instead of sorting every member of the subtree. `members_pinyin_idx` cannot serve
    // the order (text_pattern_ops compares bytes, the list sorts by the column's collation).
    index("members_pinyin_order_idx").on(t.namePinyin, t.id),
    index("members_stage_idx").on(t.stage),
    // The full members of an organization alone: whether it has elected a committee (7 or more, BR 9) is read
    // from here by the compliance index's basis check, a few index entries per organization.
    index("members_org_full_idx").on(t.orgId).where(sql`${t.stage} = 'full'`),
    // The development pipeline's people in normal standing (发展党员: applicants to probationary members), with
    // what its reads check them by: the agenda's due items and the stored index rows are joined to the person's
    // standing, version and organization through these entries alone (index-only), not the member rows (a
    // province: about 95,000 people on some 37,000 heap pages). The stages are `pipelineStages` of
    // development/pipeline.ts (and of the marks' triggers, custom migration `development_pipeline_marks_triggers`).
    index("members_pipeline_idx")
      .on(t.id, t.version, t.orgId)
      .where(
        sql`${t.status} = 'normal' and ${t.stage} in ('applicant', 'activist', 'development-object', 'probationary')`,
      ),
    // The pipeline board's order per stage (`pipelineBoardOf`: longest in the stage first, by the day the person
    // entered it, then id): the board of a large subtree walks the stage's entries in that order and stops at its
    // 50 people instead of sorting the stage's every member (a province's whole tree: ~100 ms a stage, ~2 ms).
    index("members_board_applicant_idx")
      .on(t.appliedOn, t.id)
      .where(sql`${t.status} = 'normal' and ${t.stage} = 'applicant'`),
    index("members_board_activist_idx")
      .on(t.activistOn, t.id)
      .where(sql`${t.status} = 'normal' and ${t.stage} = 'activist'`),
    index("members_board_development_object_idx")
      .on(t.developmentObjectOn, t.id)
      .where(sql`${t.status} = 'normal' and ${t.stage} = 'development-object'`),
    index("members_board_probationary_idx")
      .on(t.admittedOn, t.id)
      .where(sql`${t.status} = 'normal' and ${t.stage} = 'probationary'`),
  ],
)

/**
 * How many members (`n`) each organization has of each stage and status: `count(*)` of `members` by `org_id`,
 * `stage` and `status`, kept exact in the same statement as every insert, delete or update of `members` (a move,
 * a stage or status change) by statement triggers with transition tables (custom migrations
 * `member_org_counts_triggers`, then `member_org_counts_by_status`, which fill it from the members already there).
 * Sums of these rows over a subtree's organizations stand in for counting its members: the member list's total
 * (every status, `xf_member_page`), an organization's member count (every status), the full members of each
 * organization a compliance roll-up needs (every status) and the development pipeline's counts per stage (status
 * `normal`). Derived, written only by the triggers: no archive needs it, a restore's
 * member inserts write it again. A row whose `n` fell to 0 stays.
 */
export const memberOrgCounts = pgTable(
  "member_org_counts",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    stage: text("stage").$type<MemberStage>().notNull(),
    /** 党籍状态: the member's standing, as `members.status`. */
    status: text("status").$type<MemberStatus>().notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ name: "member_org_counts_pkey", columns: [t.orgId, t.stage, t.status] })],
)

export const users = pgTable(
  "users",
  {
    id: uuidKey(),
    username: text("username").notNull().unique("users_username_key"),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role").$type<UserRole>().notNull(),
    /** The user's scope: the root of the subtree they may see. */
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    createdAt: createdAt(),
    disabled: boolean("disabled").notNull().default(false),
    /** The TOTP secret (RFC 6238) once confirmed, encrypted like an ID number; null: no second factor. */
    mfaSecret: text("mfa_secret"),
    /** A secret shown at enrolment and not yet confirmed with a code. */
    mfaPendingSecret: text("mfa_pending_secret"),
    /** The last TOTP time step accepted: a code is good once (RFC 6238 §5.2). */
    mfaLastStep: integer("mfa_last_step"),
    /** A `member` user's own member record (评议考核: a member signs in as themself); null for every other role. */
    memberId: uuid("member_id").references((): AnyPgColumn => members.id),
  },
  (t) => [
    check("users_role", sql`${t.role} in (${oneOf(userRoles)})`),
    check("users_member_link", sql`(${t.role} = 'member') = (${t.memberId} is not null)`),
  ],
)

/** Single-use recovery codes of a user's second factor, stored as sha256 (hex) only. */
export const mfaRecoveryCodes = pgTable(
  "mfa_recovery_codes",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ name: "mfa_recovery_codes_pkey", columns: [t.userId, t.codeHash] })],
)

/** A sign-in waiting for its second factor: the password was right; a code must follow before `expiresAt`. */
export const mfaChallenges = pgTable(
  "mfa_challenges",
  {
    /** sha256 (hex) of the challenge token given to the client. */
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** Wrong codes given to this challenge so far. */
    failures: integer("failures").notNull().default(0),
  },
  (t) => [index("mfa_challenges_user_idx").on(t.userId)],
)

export const sessions = pgTable(
  "sessions",
  {
    /** sha256 (hex) of the session token; the token itself is never stored. */
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
)

/**
 * The authentication epoch: one row whose counter goes up (by triggers, in the same transaction) whenever
 * anything a request's caller depends on changes — a session ended or its expiry moved, a bearer token
 * revoked, a user's password, role, scope, name, second factor or disabled flag changed, an org renamed or
 * moved. An API process caches a caller together with the epoch it was read under and trusts the cache only
 * while the request's own first statement still reads that epoch (docs/security.md "The caller cache").
 */
export const authEpoch = pgTable(
  "auth_epoch",
  {
    id: integer("id").primaryKey(),
    n: bigint("n", { mode: "number" }).notNull().default(0),
  },
  (t) => [check("auth_epoch_one_row", sql`${t.id} = 1`)],
)

export const apiTokens = pgTable(
  "api_tokens",
  {
    /** sha256 (hex) of the token. */
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
)

/**
 * 日历订阅 (calendar feed): one secret per user for the iCalendar feed of their agenda. Only the sha256 of
 * the token is stored, as for sessions and bearer tokens; rotating replaces the row, revoking deletes it,
 * and ending a user's sessions (password change, role change, disable) deletes it too. The token reads the
 * agenda and nothing else.
 */
export const calendarFeeds = pgTable("calendar_feeds", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** sha256 (hex) of the feed token. */
  tokenHash: text("token_hash").notNull().unique("calendar_feeds_token_hash_key"),
  createdAt: createdAt(),
})

export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ name: "rate_limits_pkey", columns: [t.key, t.windowStart] })],
)

/**
 * Append-only, hash-chained (see `appendAudit`). A trigger refuses UPDATE, DELETE and TRUNCATE for
 * everyone, because a superuser cannot be denied them by REVOKE.
 *
 * Partitioned by month on `at` (range, UTC months) by the custom migration `audit_log_partitioned_by_month`:
 * the partitions live in the schema `audit_partitions` (`audit_log_y2026m11`, …), created on demand by
 * `xf_audit_partition` (see `appendAudit`) and dropped by the retention job. drizzle knows the logical table
 * only; in the database the primary key is (`seq`, `at`), since a partitioned table's keys must hold its
 * partition key — `seq` still comes from one sequence and stays unique.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    /** Which of the parallel hash chains the row belongs to (see `AUDIT_LANES`). */
    lane: smallint("lane").notNull().default(0),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorId: text("actor_id"),
    actorRole: text("actor_role"),
    action: text("action").notNull(),
    objectType: text("object_type"),
    objectId: text("object_id"),
    result: text("result").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_log_object_idx").on(t.objectType, t.objectId),
    index("audit_log_at_idx").on(t.at),
    index("audit_log_lane_idx").on(t.lane, t.seq),
  ],
)

/**
 * The newest row of each lane of the audit log (`seq`, `hash`), kept in the transaction that appends the row.
 * An append locks its lane's row (`FOR UPDATE`), so appends to one lane are serialized across every API process,
 * and reads the previous hash here instead of searching the month partitions of `audit_log` for the lane's newest
 * row. Not evidence: `verifyAuditChain` reads only the log; a forged head makes the next row's link fail there.
 * One row per lane (0 … `AUDIT_LANES` − 1), seeded by the partitioning migration; `seq` 0 and the genesis hash for
 * a lane without rows.
 */
export const auditLaneHeads = pgTable("audit_lane_heads", {
  lane: smallint("lane").primaryKey(),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
})

/**
 * Where retention cut the audit log (审计记录保留): for each lane, the last row removed (`seq`, `hash`), so the
 * rows kept still verify — each lane's first kept row links to its anchor — and how many rows went, into
 * which archive. Written by `pruneAuditLog` in the transaction that removes the rows; append-only like the log.
 */
export const auditAnchors = pgTable(
  "audit_anchors",
  {
    /** The cut: every removed row was written before this instant (the first day of a month, UTC). */
    cutAt: timestamp("cut_at", { withTimezone: true }).notNull(),
    lane: smallint("lane").notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    hash: text("hash").notNull(),
    rows: bigint("rows", { mode: "number" }).notNull(),
    /** The archive the removed rows were written to (a file name, for the operator). */
    archive: text("archive").notNull(),
    prunedAt: timestamp("pruned_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: "audit_anchors_pkey", columns: [t.cutAt, t.lane] })],
)

/**
 * A district's settings for one area, as a policy overlay (JSON of key → value, checked by the area's
 * policy definition when read). No row means the national defaults. `area` is e.g. `development`.
 */
export const districtPolicies = pgTable(
  "district_policies",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    area: text("area").notNull(),
    overlay: jsonb("overlay").$type<Record<string, unknown>>().notNull().default({}),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id),
  },
  (t) => [primaryKey({ name: "district_policies_pkey", columns: [t.orgId, t.area] })],
)

export type Org = typeof orgs.$inferSelect
export type NewOrg = typeof orgs.$inferInsert
export type Member = typeof members.$inferSelect
export type NewMember = typeof members.$inferInsert
export type User = typeof users.$inferSelect
export type NewUser = typeof users.$inferInsert
export type Session = typeof sessions.$inferSelect
export type ApiToken = typeof apiTokens.$inferSelect
export type CalendarFeed = typeof calendarFeeds.$inferSelect
export type RateLimit = typeof rateLimits.$inferSelect
export type MfaChallenge = typeof mfaChallenges.$inferSelect
export type AuditRow = typeof auditLog.$inferSelect
export type DistrictPolicy = typeof districtPolicies.$inferSelect
