/**
 * 党内关怀 (Care): the area's API contract. The same schemas validate requests, document them in
 * OpenAPI and give the admin its types (`@xianfeng/api/contract/care`). Money is integer fen; a month is
 * `YYYY-MM`. Amounts are taken as numbers and judged by the rules, so a fraction of a fen or a negative base is
 * a 422 naming the field, as the rules say it, not a schema error.
 */
import {
  appraisalGrades,
  careCategoryIds,
  commendationTitles,
  duesCategories,
  festivalKinds,
  ledgerEventKinds,
  medalStandingBars,
  nominationStages,
} from "@xianfeng/care-ledger"
import { bilingual, IsoDate } from "@xianfeng/core"
import { Schema } from "effect"
import {
  Count,
  IntParam,
  OrgIdSchema,
  PageNumber,
  PageSize,
  UuidId,
  Version,
} from "../../http/contract-kit.js"

const Line = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200))
const Text = Schema.String.check(Schema.isMaxLength(2000))
/**
 * Money as the client sends it: any finite number up to what an amount's `integer` column holds (2^31 − 1 fen,
 * 21,474,836.47 yuan, far above any one payment, assessment or visit); the rules refuse what is not whole fen.
 */
const Fen = Schema.Finite.check(
  Schema.isBetween(
    { minimum: -1e12, maximum: 2_147_483_647 },
    bilingual("金额超出范围（不超过21,474,836.47元）", "amount out of range (at most 21,474,836.47 yuan)"),
  ),
)
/** A plan's whole budget (a `bigint` column): up to 10,000,000,000 yuan. */
const BudgetFen = Schema.Finite.check(
  Schema.isBetween(
    { minimum: -1e12, maximum: 1e12 },
    bilingual("预算超出范围（不超过100亿元）", "budget out of range (at most 10,000,000,000 yuan)"),
  ),
)
/** A budget or a sum of amounts (a province's spending, its arrears): whole fen, 0 … 2^53 − 1. */
const FenTotal = Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }))
const Year = Schema.Int.check(Schema.isBetween({ minimum: 1950, maximum: 2099 }))
const YearParam = IntParam(1950, 2099)
export const Month = Schema.String.check(
  Schema.isPattern(
    /^\d{4}-(0[1-9]|1[0-2])$/u,
    bilingual("应为“年-月”，如2026-05", "must be a month like 2026-05"),
  ),
)
/** Why a sensitive export is made (like the reason for revealing an ID number); audited. */
const Reason = Schema.String.check(Schema.isMinLength(2), Schema.isMaxLength(200))

/** A verdict, rendered in the reader's language, with its articles apart. */
export const CareVerdictView = Schema.Struct({
  status: Schema.Literals(["ok", "allowed", "blocked", "due", "overdue", "warning"]),
  code: Schema.String,
  message: Schema.String,
  citations: Schema.Array(Schema.String),
  dueBy: Schema.optionalKey(IsoDate),
})
export type CareVerdictView = typeof CareVerdictView.Type

export const OrgQuery = Schema.Struct({ orgId: Schema.optionalKey(OrgIdSchema) })
export const IdParams = Schema.Struct({ id: UuidId })

// ── dues ────────────────────────────────────────────────────────────────────
/** The dues sheet's and the arrears list's query, with the page to show: 20 rows a page unless asked (at most 100). */
export const DuesSheetPageQuery = Schema.Struct({
  orgId: Schema.optionalKey(OrgIdSchema),
  year: YearParam,
  page: Schema.optionalKey(PageNumber),
  pageSize: Schema.optionalKey(PageSize),
})
export const DuesExportQuery = Schema.Struct({
  orgId: Schema.optionalKey(OrgIdSchema),
  year: YearParam,
  reason: Reason,
})
export const DuesMonthView = Schema.Struct({
  month: Month,
  dueFen: Count,
  paidFen: Count,
  reductionRef: Schema.optionalKey(Schema.String),
})
export const DuesRowView = Schema.Struct({
  memberId: Schema.String,
  name: Schema.String,
  orgId: Schema.String,
  orgName: Schema.String,
  category: Schema.NullOr(Schema.Literals(duesCategories)),
  /** The base (income): only for the roles that see income (`seeIncome`), else null. */
  baseFen: Schema.NullOr(Count),
  basisPoints: Schema.NullOr(Count),
  monthlyFen: Schema.NullOr(Count),
  months: Schema.Array(DuesMonthView),
  consecutiveUnpaid: Count,
  owedFen: Count,
  lastPaid: Schema.NullOr(Month),
})
export type DuesRowView = typeof DuesRowView.Type
/** One page of the sheet's rows (branch, name order); `total` counts the whole roll. */
export const DuesSheetView = Schema.Struct({
  year: Year,
  incomeShown: Schema.Boolean,
  rows: Schema.Array(DuesRowView),
  total: Count,
  page: Schema.Int,
  pageSize: Schema.Int,
})
export type DuesSheetView = typeof DuesSheetView.Type

export const ArrearsView = Schema.Struct({
  items: Schema.Array(
    Schema.Struct({
      memberId: Schema.String,
      name: Schema.String,
      orgId: Schema.String,
      orgName: Schema.String,
      consecutiveUnpaid: Count,
      owedFen: Count,
      lastPaid: Schema.NullOr(Month),
      arrears: Schema.Array(Month),
      /** Six or more in a row: the self-lapse alert's dues evidence (PC 9). */
      selfLapse: Schema.Boolean,
    }),
  ),
  /** How many members of the subtree owe (the whole list, not the page). */
  total: Count,
  /** Of them, those owing six or more months in a row up to the last ended month (PC 9's self-lapse alert). */
  selfLapse: Count,
  /** What the whole list owes, in fen. */
  owedFen: FenTotal,
  page: Schema.Int,
  pageSize: Schema.Int,
})
export type ArrearsView = typeof ArrearsView.Type

export const AssessmentBody = Schema.Struct({
  memberId: UuidId,
  year: Year,
  category: Schema.Literals(duesCategories),
  baseFen: Fen,
  fromMonth: Schema.optionalKey(Month),
})
export const AssessmentView = Schema.Struct({
  memberId: Schema.String,
  year: Year,
  category: Schema.Literals(duesCategories),
  baseFen: Count,
  basisPoints: Count,
  monthlyFen: Count,
})

export const PaymentBody = Schema.Struct({
  memberId: UuidId,
  month: Month,
  amountFen: Fen,
  paidOn: Schema.optionalKey(IsoDate),
})
export const PaymentView = Schema.Struct({
  id: Schema.String,
  memberId: Schema.String,
  month: Month,
  amountFen: Count,
  paidOn: IsoDate,
  verdicts: Schema.Array(CareVerdictView),
})

export const ReductionBody = Schema.Struct({
  memberId: UuidId,
  fromMonth: Month,
  toMonth: Month,
  monthlyFen: Fen,
  approvalRef: Line,
})

// ── ledger and survey ──────────────────────────────────────────────────────
export const LedgerQuery = Schema.Struct({
  orgId: Schema.optionalKey(OrgIdSchema),
  asOf: Schema.optionalKey(IsoDate),
})
export const LedgerExportQuery = Schema.Struct({
  orgId: Schema.optionalKey(OrgIdSchema),
  asOf: Schema.optionalKey(IsoDate),
  reason: Reason,
})
export const LedgerEntryView = Schema.Struct({
  entryId: Schema.String,
  orgId: Schema.String,
  orgName: Schema.String,
  name: Schema.String,
  memberId: Schema.NullOr(Schema.String),
  category: Schema.Literals(careCategoryIds),
  openedOn: IsoDate,
  lastChangedOn: IsoDate,
  confirmedOn: Schema.NullOr(IsoDate),
  /** Hardship, health or income details: only for `seeHardship` roles (the read is audited), else null. */
  detail: Schema.NullOr(Schema.String),
})
export type LedgerEntryView = typeof LedgerEntryView.Type
export const LedgerView = Schema.Struct({
  asOf: IsoDate,
  detailShown: Schema.Boolean,
  items: Schema.Array(LedgerEntryView),
})
export type LedgerView = typeof LedgerView.Type

export const LedgerEventBody = Schema.Struct({
  /** The entry changed; none to open a new one. */
  entryId: Schema.optionalKey(UuidId),
  orgId: OrgIdSchema,
  memberId: Schema.optionalKey(UuidId),
  personName: Schema.optionalKey(Line),
  kind: Schema.Literals(ledgerEventKinds),
  category: Schema.optionalKey(Schema.Literals(careCategoryIds)),
  onDate: IsoDate,
  reason: Line,
  detail: Schema.optionalKey(Text),
  surveyId: Schema.optionalKey(UuidId),
})
export const LedgerEventView = Schema.Struct({
  seq: Schema.Int,
  entryId: Schema.String,
  kind: Schema.Literals(ledgerEventKinds),
  category: Schema.NullOr(Schema.String),
  onDate: IsoDate,
  reason: Schema.String,
  detail: Schema.NullOr(Schema.String),
  recordedAt: Schema.String,
})
export const LedgerHistoryView = Schema.Struct({ items: Schema.Array(LedgerEventView) })
export const EntryParams = Schema.Struct({ entryId: UuidId })

export const SurveyBody = Schema.Struct({
  orgId: OrgIdSchema,
  year: Year,
  title: Line,
  startsOn: IsoDate,
  deadline: IsoDate,
})
export const SurveyBranchView = Schema.Struct({
  orgId: Schema.String,
  orgName: Schema.String,
  entries: Count,
  reviewed: Count,
  confirmedOn: Schema.NullOr(IsoDate),
  verdict: CareVerdictView,
})
export const SurveyView = Schema.Struct({
  id: Schema.String,
  orgId: Schema.String,
  orgName: Schema.String,
  year: Year,
  title: Schema.String,
  startsOn: IsoDate,
  deadline: IsoDate,
  progress: Schema.Struct({ branches: Count, confirmed: Count, entries: Count, reviewed: Count }),
  branches: Schema.Array(SurveyBranchView),
})
export type SurveyView = typeof SurveyView.Type
export const SurveyList = Schema.Struct({ items: Schema.Array(SurveyView) })
export const SurveyBranchParams = Schema.Struct({ id: UuidId, orgId: OrgIdSchema })

// ── visits ─────────────────────────────────────────────────────────────────
export const VisitPlanBody = Schema.Struct({
  orgId: OrgIdSchema,
  festival: Schema.Literals(festivalKinds),
  year: Year,
  title: Line,
  /** Only for a `custom` festival. */
  festivalOn: Schema.optionalKey(IsoDate),
  budgetFen: BudgetFen,
  fundSource: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(200))),
  /** The leader assigned per branch (org id → name); branches not named get none yet. */
  leaders: Schema.optionalKey(Schema.Record(OrgIdSchema, Line)),
})
export const VisitPlanSummary = Schema.Struct({
  id: Schema.String,
  orgId: Schema.String,
  orgName: Schema.String,
  festival: Schema.Literals(festivalKinds),
  year: Year,
  title: Schema.String,
  festivalOn: IsoDate,
  /** The festival's lunar date in Chinese (二〇二七年正月初一). */
  festivalLunar: Schema.String,
  deadline: IsoDate,
  /** The plan's whole budget (of the organization that runs it). */
  budgetFen: FenTotal,
  fundSource: Schema.String,
  /**
   * `whole`: the plan is run by an organization of the caller's subtree, and the counts and spending are the
   * plan's. `part`: a plan run from above; the counts and spending are the caller's subtree's part of it.
   */
  scope: Schema.Literals(["whole", "part"]),
  targets: Count,
  visited: Count,
  spentFen: FenTotal,
  /** Budget less spending; null for a `part`, which cannot see the rest of the plan's spending. */
  remainingFen: Schema.NullOr(
    Schema.Int.check(
      Schema.isBetween({ minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER }),
    ),
  ),
  verdict: CareVerdictView,
})
export type VisitPlanSummary = typeof VisitPlanSummary.Type
export const VisitPlanList = Schema.Struct({ items: Schema.Array(VisitPlanSummary) })
export const VisitTargetView = Schema.Struct({
  id: Schema.String,
  orgId: Schema.String,
  orgName: Schema.String,
  personName: Schema.String,
  categories: Schema.Array(Schema.String),
  leader: Schema.String,
  visit: Schema.NullOr(
    Schema.Struct({
      visitedOn: IsoDate,
      visitors: Schema.Array(Schema.String),
      help: Schema.String,
      amountFen: Count,
    }),
  ),
})
export type VisitTargetView = typeof VisitTargetView.Type
/** Which page of a plan's targets: 20 a page unless asked (at most 100); `visited` filters them. */
export const VisitPlanQuery = Schema.Struct({
  page: Schema.optionalKey(PageNumber),
  pageSize: Schema.optionalKey(PageSize),
  /** `false`: only those still to visit (who is left); `true`: only those visited; all when left out. */
  visited: Schema.optionalKey(Schema.Literals(["true", "false"])),
})
/**
 * A plan with one page of its targets in the caller's subtree, by organization then name. `plan`'s counts are the
 * plan's (or the subtree's part), whatever the page or filter; `total` counts the targets the filter lets through.
 */
export const VisitPlanView = Schema.Struct({
  plan: VisitPlanSummary,
  targets: Schema.Array(VisitTargetView),
  total: Count,
  page: Schema.Int,
  pageSize: Schema.Int,
})
export type VisitPlanView = typeof VisitPlanView.Type
/** A visit recorded: the plan's progress after it, and the row of the person visited with the visit. */
export const VisitRecordedView = Schema.Struct({ plan: VisitPlanSummary, target: VisitTargetView })
export type VisitRecordedView = typeof VisitRecordedView.Type
export const VisitBody = Schema.Struct({
  targetId: UuidId,
  visitedOn: IsoDate,
  visitors: Schema.Array(Line).check(Schema.isMaxLength(20)),
  help: Schema.optionalKey(Text),
  amountFen: Fen,
})
export const CalendarQuery = Schema.Struct({ month: Month })
export const CalendarView = Schema.Struct({
  month: Month,
  days: Schema.Array(
    Schema.Struct({
      date: IsoDate,
      /** 初一, 十五…; the month's name on its first day (正月). */
      lunar: Schema.String,
      festival: Schema.NullOr(Schema.String),
      holiday: Schema.NullOr(Schema.String),
      /** Plans whose festival or deadline falls on the day. */
      plans: Schema.Array(
        Schema.Struct({
          id: Schema.String,
          title: Schema.String,
          what: Schema.Literals(["festival", "deadline"]),
        }),
      ),
    }),
  ),
})
export type CalendarView = typeof CalendarView.Type

// ── commendations and the medal ────────────────────────────────────────────
export const CampaignBody = Schema.Struct({
  orgId: OrgIdSchema,
  year: Year,
  title: Line,
  /** Quotas per organization; when left out, every org of the subtree with full members gets the policy's share. */
  quotas: Schema.optionalKey(Schema.Array(Schema.Struct({ orgId: OrgIdSchema, quota: Count }))),
})
export const CampaignView = Schema.Struct({
  id: Schema.String,
  orgId: Schema.String,
  orgName: Schema.String,
  year: Year,
  title: Schema.String,
  noticeStartsOn: Schema.NullOr(IsoDate),
  noticeEndsOn: Schema.NullOr(IsoDate),
  quotas: Schema.Array(
    Schema.Struct({ orgId: Schema.String, orgName: Schema.String, quota: Count, used: Count }),
  ),
})
export type CampaignView = typeof CampaignView.Type
export const CampaignList = Schema.Struct({ items: Schema.Array(CampaignView) })
export const NominationBody = Schema.Struct({
  orgId: OrgIdSchema,
  title: Schema.Literals(commendationTitles),
  memberId: Schema.optionalKey(UuidId),
  grades: Schema.optionalKey(
    Schema.Record(Schema.String.check(Schema.isPattern(/^\d{4}$/u)), Schema.Literals(appraisalGrades)),
  ),
  partyWorkYears: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 80 }))),
  sanctioned: Schema.optionalKey(Schema.Boolean),
  deeds: Schema.optionalKey(Text),
})
export const NominationView = Schema.Struct({
  id: Schema.String,
  orgId: Schema.String,
  orgName: Schema.String,
  title: Schema.Literals(commendationTitles),
  memberId: Schema.NullOr(Schema.String),
  name: Schema.String,
  stage: Schema.Literals(nominationStages),
  /**
   * For a nomination on notice (`noticed`): whether the notice (公示) has run its full term by today, so it
   * awaits approval (公示期满，待批准) rather than being on notice still. False at any other stage.
   */
  noticeOver: Schema.Boolean,
  /** The day it was approved (`approved` only; null before, and for one approved before the day was kept). */
  approvedOn: Schema.NullOr(IsoDate),
  grades: Schema.Record(Schema.String, Schema.String),
  deeds: Schema.String,
  version: Schema.Int,
})
export type NominationView = typeof NominationView.Type
export const NominationList = Schema.Struct({ items: Schema.Array(NominationView) })
export const StageBody = Schema.Struct({ stage: Schema.Literals(nominationStages), version: Version })
export const NoticeBody = Schema.Struct({ startsOn: IsoDate })

/** Filters of the commendation results: an award year, an organization of the subtree (its own subtree). */
export const CommendationResultsQuery = Schema.Struct({
  year: Schema.optionalKey(YearParam),
  orgId: Schema.optionalKey(OrgIdSchema),
})
/**
 * One approved commendation (两优一先 result), as year-end assessments and cadre decisions cite it: who (the member,
 * or for `advanced-org` the organization), the title, the campaign (year, running organization) and its notice.
 */
export const CommendationResultView = Schema.Struct({
  nominationId: Schema.String,
  title: Schema.Literals(commendationTitles),
  /** The member's name, or the organization's for `advanced-org`. */
  name: Schema.String,
  memberId: Schema.NullOr(Schema.String),
  orgId: Schema.String,
  orgName: Schema.String,
  campaignId: Schema.String,
  campaignTitle: Schema.String,
  year: Year,
  campaignOrgId: Schema.String,
  campaignOrgName: Schema.String,
  /** The day it was approved (批准), the date a result is cited by; null for one approved before it was kept. */
  approvedOn: Schema.NullOr(IsoDate),
  /** The public notice (公示) before approval: its first and last day, when recorded. */
  noticeStartsOn: Schema.NullOr(IsoDate),
  noticeEndsOn: Schema.NullOr(IsoDate),
})
export type CommendationResultView = typeof CommendationResultView.Type
export const CommendationResultList = Schema.Struct({ items: Schema.Array(CommendationResultView) })
export type CommendationResultList = typeof CommendationResultList.Type

export const MedalQuery = Schema.Struct({ orgId: Schema.optionalKey(OrgIdSchema), year: YearParam })
export const MedalAwardView = Schema.Struct({
  memberId: Schema.String,
  name: Schema.String,
  orgName: Schema.String,
  fullMemberOn: IsoDate,
  partyAge: Schema.Int,
  /** What keeps the member off the medal as not in good standing (the policy's `medalStandingBars`). */
  standingBars: Schema.Array(Schema.Literals(medalStandingBars)),
  verdict: CareVerdictView,
})
export const MedalView = Schema.Struct({ year: Year, items: Schema.Array(MedalAwardView) })
export type MedalView = typeof MedalView.Type
export const MedalAwardBody = Schema.Struct({
  memberId: UuidId,
  year: Year,
  /** The day it was given; today when left out. */
  awardedOn: Schema.optionalKey(IsoDate),
})

export const DashboardView = Schema.Struct({
  asOf: IsoDate,
  ledger: Schema.Array(Schema.Struct({ category: Schema.Literals(careCategoryIds), count: Count })),
  arrears: Schema.Struct({ members: Count, selfLapse: Count, owedFen: FenTotal }),
  plan: Schema.NullOr(VisitPlanSummary),
  survey: Schema.NullOr(
    Schema.Struct({ title: Schema.String, branches: Count, confirmed: Count, deadline: IsoDate }),
  ),
})
export type DashboardView = typeof DashboardView.Type
