/**
 * 评议考核 (Appraisal): the area's API contract. The same schemas validate requests, document them in
 * OpenAPI and give the admin its types (`@xianfeng/api/contract/appraisal`).
 */
import { bilingual, IsoDate } from "@xianfeng/core"
import { Schema } from "effect"
import { Count, IntParam, OrgIdSchema, UuidId, Version } from "../../http/contract-kit.js"

const Text = (max: number) => Schema.String.check(Schema.isMaxLength(max))
const Year = Schema.Int.check(Schema.isBetween({ minimum: 2000, maximum: 2100 }))
/**
 * A grade as the client sends it: text here, so a grade off the scale is refused by the rules with a 422 that
 * names the field (`excellent` 优秀, `qualified` 合格, `basic` 基本合格, `unqualified` 不合格).
 */
const GradeText = Schema.String.check(Schema.isMaxLength(40)).annotate({
  description: "excellent | qualified | basic | unqualified (优秀/合格/基本合格/不合格)",
})
export const GradeCode = Schema.Literals(["excellent", "qualified", "basic", "unqualified"])
export type GradeCode = typeof GradeCode.Type
export const TierCode = Schema.Literals(["good", "fair", "average", "poor"])
export const CycleState = Schema.Literals(["open", "proposed", "confirmed"])

/** A verdict, rendered in the reader's language, with its articles apart. */
export const AppraisalVerdictView = Schema.Struct({
  status: Schema.Literals(["ok", "allowed", "blocked", "due", "overdue", "warning"]),
  code: Schema.String,
  message: Schema.String,
  citations: Schema.Array(Schema.String),
})

export const CycleQuery = Schema.Struct({
  orgId: Schema.optionalKey(OrgIdSchema),
  year: Schema.optionalKey(IntParam(2000, 2100)),
})
export const CycleParams = Schema.Struct({ id: UuidId })
export const OpenCycleBody = Schema.Struct({ orgId: OrgIdSchema, year: Year })

const GradeCounts = Schema.Struct({ excellent: Count, qualified: Count, basic: Count, unqualified: Count })

export const CycleSummary = Schema.Struct({
  id: Schema.String,
  orgId: Schema.String,
  orgName: Schema.String,
  year: Schema.Int,
  state: CycleState,
  openedOn: IsoDate,
  confirmedOn: Schema.NullOr(IsoDate),
  participants: Count,
  /** Participants given a grade (probationary members are not, unless the district's policy says so). */
  graded: Count,
  /** The most who may be graded excellent: the policy's share of `graded`, rounded as it says. */
  excellentCap: Count,
  /** Participants who have saved their self-assessment. */
  selfDone: Count,
  /** Participants who have rated every member they are to rate (everyone else in the cycle but the recused). */
  ratersDone: Count,
  /** Peer ratings handed in so far, across the cycle (one per rater and ratee). */
  ratingsGiven: Count,
  /** Peer ratings the cycle expects in all: each participant rating everyone else but the recused. */
  ratingsExpected: Count,
  /** Final grades once confirmed (else the proposed ones, else zeros). */
  grades: GradeCounts,
  /**
   * The draft's "excellent": members whose grade so far — confirmed, else proposed, else suggested by the ratings —
   * is excellent. What the branch is about to propose, against `grades.excellent`, what is decided.
   */
  draftExcellent: Count,
  /** Graded members with no grade at all yet: none decided and none suggested (no or too few ratings): 待评. */
  ungraded: Count,
  version: Version,
})
export type CycleSummary = typeof CycleSummary.Type
export const CycleList = Schema.Struct({ items: Schema.Array(CycleSummary) })

export const ParticipantView = Schema.Struct({
  memberId: Schema.String,
  name: Schema.String,
  stage: Schema.Literals(["full", "probationary"]),
  graded: Schema.Boolean,
  selfGrade: Schema.NullOr(GradeCode),
  selfText: Schema.NullOr(Schema.String),
  /** How many rated this member (never who). */
  raters: Count,
  /** How many may rate this member: everyone else in the cycle but the recused. */
  ratersPossible: Count,
  /** Score on 0–100 with one decimal, from the aggregate; null before any rating. */
  score: Schema.NullOr(Schema.Number),
  suggested: Schema.NullOr(GradeCode),
  proposed: Schema.NullOr(GradeCode),
  proposedReason: Schema.NullOr(Schema.String),
  confirmed: Schema.NullOr(GradeCode),
  confirmedReason: Schema.NullOr(Schema.String),
  recusals: Schema.Array(Schema.String),
  /** How the grade was reached, each step with its articles. */
  explanation: Schema.Array(AppraisalVerdictView),
})
export type ParticipantView = typeof ParticipantView.Type

export const CycleDetail = Schema.Struct({
  cycle: CycleSummary,
  participants: Schema.Array(ParticipantView),
  /** The district's policy in force for the branch: the cap's share and rounding, the minimum group. */
  policy: Schema.Struct({
    capNumerator: Schema.Int,
    capDenominator: Schema.Int,
    rounding: Schema.String,
    minPeerGroup: Schema.Int,
    gradeProbationary: Schema.Boolean,
  }),
})
export type CycleDetail = typeof CycleDetail.Type

export const GradesBody = Schema.Struct({
  grades: Schema.Array(
    Schema.Struct({ memberId: UuidId, grade: GradeText, reason: Schema.optionalKey(Text(500)) }),
  ).check(Schema.isMaxLength(500)),
})

export const RecusalBody = Schema.Struct({
  memberId: UuidId,
  recusals: Schema.Array(UuidId).check(Schema.isMaxLength(50)),
})

export const ResultsQuery = Schema.Struct({
  orgId: Schema.optionalKey(OrgIdSchema),
  year: Schema.optionalKey(IntParam(2000, 2100)),
})
export const ResultsView = Schema.Struct({
  year: Schema.Int,
  totals: GradeCounts,
  branches: Schema.Array(
    Schema.Struct({
      orgId: Schema.String,
      orgName: Schema.String,
      cycleId: Schema.String,
      state: CycleState,
      grades: GradeCounts,
      participants: Count,
    }),
  ),
})
export type ResultsView = typeof ResultsView.Type

// ── unqualified cases ─────────────────────────────────────────────────────
export const LadderStepCode = Schema.Literals([
  "criticism",
  "reminder",
  "correction",
  "persuasion",
  "removal",
])
export const CaseQuery = Schema.Struct({ orgId: Schema.optionalKey(OrgIdSchema) })
export const CaseParams = Schema.Struct({ id: UuidId })
export const CaseView = Schema.Struct({
  id: Schema.String,
  memberId: Schema.String,
  memberName: Schema.String,
  orgName: Schema.String,
  openedOn: IsoDate,
  steps: Schema.Array(
    Schema.Struct({
      step: LadderStepCode,
      decidedOn: IsoDate,
      meetingId: Schema.String,
      dueBy: IsoDate,
      helpMeasures: Schema.String,
    }),
  ),
  closedOn: Schema.NullOr(IsoDate),
  outcome: Schema.NullOr(Schema.Literals(["corrected", "removed"])),
  status: AppraisalVerdictView,
  version: Version,
})
export type CaseView = typeof CaseView.Type
export const CaseList = Schema.Struct({ items: Schema.Array(CaseView) })
export const StepBody = Schema.Struct({
  step: LadderStepCode,
  decidedOn: IsoDate,
  /** The meeting that decided the step (an id of 组织生活 records, or the minutes' reference). */
  meetingId: Text(100),
  dueBy: Schema.optionalKey(IsoDate),
  helpMeasures: Schema.optionalKey(Text(1000)),
})
export const CloseCaseBody = Schema.Struct({ on: IsoDate })

// ── secretaries' debriefing appraisal ─────────────────────────────────────
const Pct = Schema.NullOr(Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 100 })))
export const Indicators = Schema.Struct({
  meetings: Pct,
  ordersOnTime: Pct,
  development: Pct,
  studyHours: Pct,
  visits: Pct,
})
const Votes = Schema.Struct({
  good: Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 10_000 })),
  fair: Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 10_000 })),
  average: Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 10_000 })),
  poor: Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 10_000 })),
})
export const SecretaryQuery = Schema.Struct({
  orgId: Schema.optionalKey(OrgIdSchema),
  year: Schema.optionalKey(IntParam(2000, 2100)),
})
export const PrefillQuery = Schema.Struct({
  orgId: OrgIdSchema,
  year: Schema.optionalKey(IntParam(2000, 2100)),
})
export const PrefillView = Schema.Struct({
  indicators: Indicators,
  /** Indicators the records cannot give (nothing to count): to be entered by hand. */
  notRecorded: Schema.Array(Schema.String),
  basis: Schema.Array(Schema.String),
})
export const SecretaryBody = Schema.Struct({
  orgId: OrgIdSchema,
  year: Year,
  secretaryName: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(50)),
  reportSubmitted: Schema.Boolean,
  comments: Schema.Array(Text(1000)).check(Schema.isMaxLength(20)),
  votes: Votes,
  indicators: Indicators,
})
export const SecretaryView = Schema.Struct({
  id: Schema.String,
  orgId: Schema.String,
  orgName: Schema.String,
  year: Schema.Int,
  secretaryName: Schema.String,
  reportSubmitted: Schema.Boolean,
  comments: Schema.Array(Schema.String),
  votes: Votes,
  indicators: Indicators,
  score: Schema.NullOr(Schema.Number),
  tier: Schema.NullOr(TierCode),
  verdicts: Schema.Array(AppraisalVerdictView),
  rectification: Schema.Array(
    Schema.Struct({
      indicator: Schema.String,
      label: Schema.String,
      value: Schema.Number,
      target: Schema.Number,
    }),
  ),
  version: Version,
})
export type SecretaryView = typeof SecretaryView.Type
export const SecretaryList = Schema.Struct({
  year: Schema.Int,
  goodCap: Count,
  items: Schema.Array(SecretaryView),
})
export type SecretaryList = typeof SecretaryList.Type

// ── members' accounts ─────────────────────────────────────────────────────
export const AccountsQuery = Schema.Struct({ orgId: OrgIdSchema })
export const AccountsView = Schema.Struct({
  items: Schema.Array(
    Schema.Struct({
      memberId: Schema.String,
      name: Schema.String,
      stage: Schema.String,
      username: Schema.NullOr(Schema.String),
      active: Schema.Boolean,
    }),
  ),
})
export const IssueBody = Schema.Struct({
  orgId: OrgIdSchema,
  /** The members to issue codes for; all of the branch's roll when omitted. */
  memberIds: Schema.optionalKey(Schema.Array(UuidId).check(Schema.isMaxLength(200))),
})
export const IssuedCodes = Schema.Struct({
  orgName: Schema.String,
  expiresOn: IsoDate,
  items: Schema.Array(
    Schema.Struct({
      memberId: Schema.String,
      name: Schema.String,
      username: Schema.String,
      code: Schema.String,
    }),
  ),
})
export type IssuedCodes = typeof IssuedCodes.Type
export const ActivateBody = Schema.Struct({
  code: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(64)),
  password: Schema.String.check(
    Schema.isMinLength(8, bilingual("密码至少8位", "at least 8 characters")),
    Schema.isMaxLength(200),
  ),
})
export const ActivatedView = Schema.Struct({ username: Schema.String })

// ── the member's own pages ────────────────────────────────────────────────
export const PeerViewSchema = Schema.Union([
  Schema.Struct({
    shown: Schema.Literal(false),
    reason: Schema.Literals(["open", "too-few"]),
    minimum: Schema.Int,
  }),
  Schema.Struct({ shown: Schema.Literal(true), raters: Count, counts: GradeCounts }),
])
export const MyCycleView = Schema.Struct({
  cycleId: Schema.String,
  year: Schema.Int,
  orgName: Schema.String,
  state: CycleState,
  graded: Schema.Boolean,
  selfGrade: Schema.NullOr(GradeCode),
  selfText: Schema.NullOr(Schema.String),
  /** The others of the branch to rate, with the grade I gave (my own ratings only). */
  peers: Schema.Array(
    Schema.Struct({
      memberId: Schema.String,
      name: Schema.String,
      myGrade: Schema.NullOr(GradeCode),
      recused: Schema.Boolean,
    }),
  ),
  peerView: PeerViewSchema,
  excellentCap: Count,
  gradedCount: Count,
  confirmed: Schema.NullOr(GradeCode),
  explanation: Schema.Array(AppraisalVerdictView),
})
export type MyCycleView = typeof MyCycleView.Type
export const MyRecord = Schema.Struct({
  memberId: Schema.String,
  name: Schema.String,
  orgName: Schema.String,
  stage: Schema.String,
  cycles: Schema.Array(MyCycleView),
})
export type MyRecord = typeof MyRecord.Type
export const SelfBody = Schema.Struct({ cycleId: UuidId, grade: GradeText, text: Text(2000) })
export const RatingBody = Schema.Struct({ cycleId: UuidId, rateeId: UuidId, grade: GradeText })
export const ViewersView = Schema.Struct({
  items: Schema.Array(
    Schema.Struct({
      at: Schema.String,
      action: Schema.String,
      viewerRole: Schema.NullOr(Schema.String),
      viewerOrg: Schema.NullOr(Schema.String),
    }),
  ),
})
export type ViewersView = typeof ViewersView.Type
export const Ok = Schema.Struct({ ok: Schema.Boolean })
