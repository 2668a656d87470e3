/**
 * 组织生活与督查 (Organizational life and inspections): the area's API contract. The same schemas validate requests, document them in
 * OpenAPI and give the admin its types (`@xianfeng/api/contract/discipline`).
 */
import { bilingual, choiceOf, IsoDate } from "@xianfeng/core"
import { absenceKinds, sittingTypes, talkPairs } from "@xianfeng/inspection-scheduling"
import { Schema } from "effect"
import { IntParam, OrgIdSchema, UuidId } from "../../http/contract-kit.js"

/** A verdict, rendered in the reader's language, with its articles apart. */
export const DisciplineVerdictView = Schema.Struct({
  status: Schema.Literals(["ok", "allowed", "blocked", "due", "overdue", "warning"]),
  code: Schema.String,
  message: Schema.String,
  citations: Schema.Array(Schema.String),
})

// ── meetings 组织生活会议记录 ───────────────────────────────────────────────
const Count = Schema.Int.check(
  Schema.isBetween(
    { minimum: 0, maximum: 10_000 },
    bilingual("应为0至10000的整数", "must be a whole number 0–10000"),
  ),
)
const Line = Schema.String.check(
  Schema.isMinLength(1, bilingual("不能为空", "must not be empty")),
  Schema.isMaxLength(500, bilingual("不能超过500字", "must be at most 500 characters")),
)
const Clock = Schema.String.check(
  Schema.isPattern(/^([01]\d|2[0-3]):[0-5]\d$/u, bilingual("时间应为“时:分”，如09:30", "time must be HH:MM")),
)

/** The sitting types (`@xianfeng/inspection-scheduling`'s `sittingTypes`). */
export const SittingTypeSchema = choiceOf(sittingTypes)

export const Headcount = Schema.Struct({ full: Count, probationary: Count })

/** 缺席原因's kind (`@xianfeng/inspection-scheduling`'s `absenceKinds`): 事假, 病假, 公假, 其他. */
export const AbsenceKindSchema = choiceOf(absenceKinds)

/**
 * One member expected at the sitting, ticked present or absent with a reason: its kind (for an absent member
 * only; 422 naming `attendance[i].reasonKind` otherwise) and the recorder's words.
 */
export const AttendanceItem = Schema.Struct({
  memberId: UuidId,
  present: Schema.Boolean,
  reasonKind: Schema.optionalKey(AbsenceKindSchema),
  reason: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(200))),
})

/** Whom a sitting of the given kinds expects (应到), from the organization's own roll. */
export const MeetingRollQuery = Schema.Struct({
  orgId: OrgIdSchema,
  /** The sitting's kinds, comma-separated (`committee-meeting`, `general-meeting,theme-day`). */
  types: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(300))),
})

export const MeetingRollView = Schema.Struct({
  /** `committee`: only the branch committee's members are expected (a committee meeting, BR 12). */
  basis: Schema.Literals(["committee", "branch"]),
  citations: Schema.Array(Schema.String),
  items: Schema.Array(
    Schema.Struct({
      memberId: Schema.String,
      name: Schema.String,
      stage: Schema.Literals(["full", "probationary"]),
      posts: Schema.Array(Schema.String),
    }),
  ),
})
export type MeetingRollView = typeof MeetingRollView.Type

export const VoteBody = Schema.Struct({
  matter: choiceOf(["ordinary", "admission", "conversion"]),
  subject: Line,
  expectedVoters: Count,
  presentVoters: Count,
  writtenOpinions: Count,
  yesVotes: Count,
  noVotes: Count,
  abstentions: Count,
})

/** One form for every kind of sitting: a sitting that is several kinds at once is recorded once. */
export const MeetingBody = Schema.Struct({
  orgId: OrgIdSchema,
  types: Schema.Array(SittingTypeSchema).check(
    Schema.isMinLength(1, bilingual("至少选择一种会议类型", "choose at least one kind of sitting")),
  ),
  date: IsoDate,
  startTime: Clock,
  endTime: Clock,
  place: Line,
  chair: Line,
  recorder: Line,
  expected: Headcount,
  present: Headcount,
  attendance: Schema.Array(AttendanceItem),
  observers: Schema.Array(Line),
  firstItem: Schema.optionalKey(Schema.Struct({ topic: Line, form: Line })),
  agenda: Schema.Array(Line),
  resolutions: Schema.Array(Schema.Struct({ text: Line, owner: Line, deadline: IsoDate })),
  votes: Schema.Array(VoteBody),
})
export type MeetingBody = typeof MeetingBody.Type

/** A development step decided at the meeting (DR 8, 13, 19, 32): its record and the person it decided. */
export const DevelopmentDecisionView = Schema.Struct({
  recordId: Schema.String,
  memberId: Schema.String,
  name: Schema.String,
  step: Schema.String,
  /** The step's name in the reader's language. */
  stepName: Schema.String,
  date: IsoDate,
})
export type DevelopmentDecisionView = typeof DevelopmentDecisionView.Type

/**
 * An edit carries the version it was made from; a stale one is refused (409). A meeting as read may be sent
 * back as it is: its `developmentDecisions` are read-only and ignored (a step is linked from its own record).
 */
export const MeetingEditBody = Schema.Struct({
  ...MeetingBody.fields,
  version: Schema.Int,
  developmentDecisions: Schema.optionalKey(
    Schema.Array(DevelopmentDecisionView).annotate({ description: "Read-only; ignored on edit" }),
  ),
})
export type MeetingEditBody = typeof MeetingEditBody.Type

export const MeetingParams = Schema.Struct({ id: UuidId })

export const MeetingView = Schema.Struct({
  ...MeetingBody.fields,
  id: Schema.String,
  recordedAt: Schema.String,
  version: Schema.Int,
  /**
   * The development steps in force linked to this meeting (people of the reader's subtree). While one is, an
   * edit that would change what it was decided on (date, kind, the person's ballot, probationary present) is
   * refused with 422 naming the field and the step.
   */
  developmentDecisions: Schema.optionalKey(Schema.Array(DevelopmentDecisionView)),
})
export type MeetingView = typeof MeetingView.Type

export const MeetingQuery = Schema.Struct({
  orgId: OrgIdSchema,
  year: Schema.optionalKey(
    Schema.NumberFromString.check(Schema.isInt(), Schema.isBetween({ minimum: 2000, maximum: 2100 })),
  ),
})

export const MeetingList = Schema.Struct({ items: Schema.Array(MeetingView) })
export type MeetingList = typeof MeetingList.Type

const ObligationStatusSchema = choiceOf(["met", "upcoming", "due", "overdue", "missed"])

/** One obligation in one period, rendered. */
export const ObligationPeriodView = Schema.Struct({
  obligation: Schema.String,
  title: Schema.String,
  period: Schema.String,
  status: ObligationStatusSchema,
  dueBy: IsoDate,
  meetings: Schema.Array(Schema.String),
  message: Schema.String,
  citations: Schema.Array(Schema.String),
})
export type ObligationPeriodView = typeof ObligationPeriodView.Type

/** A branch's compliance over a year: every obligation-period, and what falls due next. */
export const ComplianceView = Schema.Struct({
  orgId: Schema.String,
  orgName: Schema.String,
  year: Schema.Int,
  asOf: IsoDate,
  periods: Schema.Array(ObligationPeriodView),
  calendar: Schema.Array(ObligationPeriodView),
})
export type ComplianceView = typeof ComplianceView.Type

// ── the district / committee heatmap ───────────────────────────────────────
/** Branches per heatmap page: at most 500, 100 unless asked (a province has tens of thousands). */
export const HEATMAP_PAGE_SIZE = 100
export const HeatmapQuery = Schema.Struct({
  orgId: Schema.optionalKey(OrgIdSchema),
  year: Schema.optionalKey(
    Schema.NumberFromString.check(Schema.isInt(), Schema.isBetween({ minimum: 2000, maximum: 2100 })),
  ),
  /** The page of the subtree's branches (1 first), in path order; `pageSize` of them, 1 … 500. */
  page: Schema.optionalKey(IntParam(1, 100_000)),
  pageSize: Schema.optionalKey(IntParam(1, 500)),
})

/** How many obligation-periods ending in a span stand in each status, and the share of decided ones met. */
export const StatusCountsView = Schema.Struct({
  met: Schema.Int,
  upcoming: Schema.Int,
  due: Schema.Int,
  overdue: Schema.Int,
  missed: Schema.Int,
  rate: Schema.Number,
})
export type StatusCountsView = typeof StatusCountsView.Type

/** The order of the five counts in a heatmap cell. */
export const HEATMAP_STATUSES = ["met", "upcoming", "due", "overdue", "missed"] as const

/**
 * A branch's row of the heatmap, compact: for each month (January first) the counts of its obligation-periods
 * ending in that month as `[met, upcoming, due, overdue, missed]` (the order of `statuses`).
 */
export const HeatmapRow = Schema.Struct({
  orgId: Schema.String,
  name: Schema.String,
  parentId: Schema.NullOr(Schema.String),
  cells: Schema.Array(Schema.Array(Schema.Int)),
})
export type HeatmapRow = typeof HeatmapRow.Type

/** An organization's quarters and year rolled up its subtree (its own obligation-periods plus those below it). */
export const HeatmapRollup = Schema.Struct({
  orgId: Schema.String,
  name: Schema.String,
  kind: Schema.String,
  parentId: Schema.NullOr(Schema.String),
  /** Branches in its subtree (itself, if it is one). */
  branches: Schema.Int,
  /** The four quarters (Q1 first), each its own obligation-periods ending in it plus those below it. */
  quarters: Schema.Array(StatusCountsView),
  year: StatusCountsView,
})
export type HeatmapRollup = typeof HeatmapRollup.Type

/**
 * A page of branches × months for a heatmap, and the roll-up of the subtree's root (`parentId` null) and of its
 * direct children (to drill down: ask again with a child's `orgId`).
 */
export const HeatmapView = Schema.Struct({
  year: Schema.Int,
  asOf: IsoDate,
  months: Schema.Array(Schema.String),
  statuses: Schema.Array(Schema.String),
  branches: Schema.Array(HeatmapRow),
  /** The page of `branches`: its number, size, and how many branches the subtree has. */
  page: Schema.Int,
  pageSize: Schema.Int,
  total: Schema.Int,
  rollup: Schema.Array(HeatmapRollup),
})
export type HeatmapView = typeof HeatmapView.Type

/** The dashboard's 纪律约束 panel: the caller's scope this quarter and year, and its rectification orders. */
export const DisciplineOverview = Schema.Struct({
  asOf: IsoDate,
  /** The caller's organization (the root of the scope). */
  orgId: Schema.String,
  orgName: Schema.String,
  /** This quarter's key (`2026-Q4`) and its obligation-periods rolled up the scope (those ending in it). */
  quarter: Schema.String,
  quarterCounts: StatusCountsView,
  yearCounts: StatusCountsView,
  /** Branches whose quarter has an overdue or missed obligation-period. */
  branchesBehind: Schema.Int,
  branches: Schema.Int,
  orders: Schema.Struct({
    /** Not yet closed: open or with evidence awaiting verification. */
    notClosed: Schema.Int,
    awaitingVerification: Schema.Int,
    overdue: Schema.Int,
    /** Not closed and followed by an organization above the one ordered (escalated, BR 17). */
    escalated: Schema.Int,
  }),
})
export type DisciplineOverview = typeof DisciplineOverview.Type

// ── inspections: draws, findings, rectification orders ─────────────────────
const Cadence = choiceOf(["month", "quarter", "year"])

export const DrawBody = Schema.Struct({
  /** The subtree to draw from (default: the caller's). */
  orgId: Schema.optionalKey(OrgIdSchema),
  title: Line,
  /** Published before the draw; anyone can re-run it with the candidates. */
  seed: Schema.String.check(
    Schema.isMinLength(1, bilingual("请填写随机种子", "the seed must not be empty")),
    Schema.isMaxLength(200),
  ),
  size: Schema.Int.check(
    Schema.isBetween({ minimum: 1, maximum: 1000 }, bilingual("抽查数量应为1至1000", "size must be 1–1000")),
  ),
  stratify: Schema.Boolean,
  exclude: Schema.optionalKey(
    Schema.Struct({
      count: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 24 })),
      cadence: Cadence,
    }),
  ),
})
export type DrawBody = typeof DrawBody.Type

export const DrawView = Schema.Struct({
  id: Schema.optionalKey(Schema.String),
  orgId: Schema.String,
  title: Schema.String,
  seed: Schema.String,
  algorithm: Schema.String,
  size: Schema.Int,
  stratify: Schema.Boolean,
  candidates: Schema.Array(Schema.String),
  excluded: Schema.Array(Schema.String),
  sample: Schema.Array(Schema.String),
  drawnOn: IsoDate,
})
export type DrawView = typeof DrawView.Type
export const DrawList = Schema.Struct({ items: Schema.Array(DrawView) })
export type DrawList = typeof DrawList.Type

/** Every obligation a finding may name: the sitting types and the heart-to-heart talks per pair type. */
export const obligationIds = [...sittingTypes, ...talkPairs.map((p) => `talk:${p}` as const)] as const

export const FindingBody = Schema.Struct({
  orgId: OrgIdSchema,
  drawId: Schema.optionalKey(UuidId),
  obligation: choiceOf(obligationIds),
  period: Schema.String.check(
    Schema.isPattern(
      /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/u,
      bilingual("期间应为如2026、2026-Q3或2026-07", "period must be like 2026, 2026-Q3 or 2026-07"),
    ),
  ),
  evidence: Line,
  severity: choiceOf(["minor", "serious", "critical"]),
})
export type FindingBody = typeof FindingBody.Type
/** An order not yet closed, as the next inspection of its organization re-checks it. */
export const RecheckItem = Schema.Struct({
  id: Schema.String,
  owner: Schema.String,
  deadline: IsoDate,
  state: choiceOf(["open", "submitted", "closed"]),
  overdue: Schema.Boolean,
})

export const FindingView = Schema.Struct({
  ...FindingBody.fields,
  id: Schema.String,
  orgName: Schema.String,
  foundOn: IsoDate,
  /** The organization's orders still open when the finding was read: the inspection re-checks them. */
  recheck: Schema.Array(RecheckItem),
})
export type FindingView = typeof FindingView.Type
export const FindingQuery = Schema.Struct({ orgId: Schema.optionalKey(OrgIdSchema) })
export const FindingList = Schema.Struct({ items: Schema.Array(FindingView) })
export type FindingList = typeof FindingList.Type

/** A branch's orders still open, for the inspection about to check it. */
export const RecheckQuery = Schema.Struct({ orgId: OrgIdSchema })
export const RecheckList = Schema.Struct({ items: Schema.Array(RecheckItem) })
export type RecheckList = typeof RecheckList.Type

export const OrderIssueBody = Schema.Struct({ findingId: UuidId, owner: Line })
export const OrderParams = Schema.Struct({ id: UuidId })
export const OrderEvidenceBody = Schema.Struct({ text: Line, version: Schema.Int })
export const OrderVerifyBody = Schema.Struct({
  accept: Schema.Boolean,
  reason: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(500))),
  version: Schema.Int,
})
export const OrderEscalateBody = Schema.Struct({ version: Schema.Int })
export const OrderQuery = Schema.Struct({
  orgId: Schema.optionalKey(OrgIdSchema),
  /** Only the orders this organization now follows (its own, or escalated to it). */
  followedBy: Schema.optionalKey(OrgIdSchema),
})

export const OrderView = Schema.Struct({
  id: Schema.String,
  findingId: Schema.String,
  orgId: Schema.String,
  orgName: Schema.String,
  /** The finding's obligation and severity. */
  obligation: Schema.String,
  severity: choiceOf(["minor", "serious", "critical"]),
  owner: Schema.String,
  issuedOn: IsoDate,
  deadline: IsoDate,
  state: choiceOf(["open", "submitted", "closed"]),
  overdue: Schema.Boolean,
  /** The organization now following the order (the last it was escalated to, else its own). */
  followedBy: Schema.String,
  /** Its name, when it lies in the reader's scope (else the id). */
  followedByName: Schema.String,
  evidence: Schema.Array(Schema.Struct({ on: IsoDate, by: Schema.String, text: Schema.String })),
  escalations: Schema.Array(Schema.Struct({ on: IsoDate, to: Schema.String })),
  returns: Schema.Array(Schema.Struct({ on: IsoDate, by: Schema.String, reason: Schema.String })),
  closedOn: Schema.NullOr(IsoDate),
  closedBy: Schema.NullOr(Schema.String),
  version: Schema.Int,
})
export type OrderView = typeof OrderView.Type
export const OrderList = Schema.Struct({ items: Schema.Array(OrderView) })
export type OrderList = typeof OrderList.Type

// ── heart-to-heart talks 谈心谈话 ───────────────────────────────────────────
export const TalkBody = Schema.Struct({
  orgId: OrgIdSchema,
  /** Committee members among themselves, committee with members, members among themselves (BR 19). */
  pair: choiceOf(talkPairs),
  date: IsoDate,
  firstMemberId: UuidId,
  secondMemberId: UuidId,
  /** A short topic; what was said is not recorded. */
  topic: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(200))),
})
export type TalkBody = typeof TalkBody.Type

export const TalkView = Schema.Struct({
  ...TalkBody.fields,
  id: Schema.String,
  topic: Schema.String,
  recordedAt: Schema.String,
  version: Schema.Int,
})
export type TalkView = typeof TalkView.Type
export const TalkList = Schema.Struct({ items: Schema.Array(TalkView) })
export type TalkList = typeof TalkList.Type

// ── member standing 党员组织关系状态提示 ─────────────────────────────────────
export const StandingQuery = Schema.Struct({ orgId: OrgIdSchema })

/** Evidence the self-lapse alert needs from an area not yet connected: dues (care area), assigned work. */
export const evidenceKinds = ["dues", "work", "lost-contact", "away"] as const

export const StandingMember = Schema.Struct({
  memberId: Schema.String,
  name: Schema.String,
  stage: Schema.String,
  /** The last sitting of the branch the member attended, if any. */
  lastAttended: Schema.NullOr(IsoDate),
  alerts: Schema.Array(DisciplineVerdictView),
})

/**
 * The standing alerts of a branch's members. `missingEvidence` names each source the alerts could not read
 * (each member's self-lapse alert then says which activity it cannot judge instead of guessing).
 */
export const StandingView = Schema.Struct({
  orgId: Schema.String,
  asOf: IsoDate,
  missingEvidence: Schema.Array(choiceOf(evidenceKinds)),
  members: Schema.Array(StandingMember),
})
export type StandingView = typeof StandingView.Type

// ── .xlsx exports ───────────────────────────────────────────────────────────
export const LedgerQuery = MeetingQuery

/** A committee's quarterly inspection summary: the committee (default: the caller's organization) and quarter. */
export const InspectionSummaryQuery = Schema.Struct({
  orgId: Schema.optionalKey(OrgIdSchema),
  quarter: Schema.String.check(
    Schema.isPattern(/^\d{4}-Q[1-4]$/u, bilingual("季度应为如2026-Q3", "quarter must be like 2026-Q3")),
  ),
})
