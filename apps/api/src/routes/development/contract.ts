/**
 * The development area's API contract (发展党员): schemas for requests and responses. They validate the
 * requests, document them in OpenAPI and give the admin its types (`@xianfeng/api/contract/development`).
 * Messages come rendered in the reader's language (Accept-Language), each with the articles it rests on.
 */
// The vocabulary is core's: a date must exist (2027-02-30 is refused), a stage is one of the five.
import { IsoDate, MemberStage as Stage } from "@xianfeng/core"
import { Schema } from "effect"
import { Count, Int32, IntParam, OrgIdSchema, UuidId, Version } from "../../http/contract-kit.js"

export const StepState = Schema.Literals(["done", "allowed", "blocked", "due", "overdue", "not-applicable"])
export type StepState = typeof StepState.Type

/** One verdict, rendered: the sentence and the citations apart, so the admin can show them as it likes. */
export const VerdictView = Schema.Struct({
  status: Schema.Literals(["ok", "allowed", "blocked", "due", "overdue", "warning"]),
  code: Schema.String,
  message: Schema.String.annotate({ description: "The rendered sentence without citations" }),
  citations: Schema.Array(Schema.String).annotate({
    description: "e.g. 《中国共产党发展党员工作细则》（2026年）第十三条",
  }),
  dueBy: Schema.optionalKey(IsoDate),
})
export type VerdictView = typeof VerdictView.Type

/** The meeting a step was decided at, as the timeline shows it (组织生活's 会议记录). */
export const LinkedMeetingView = Schema.Struct({
  id: Schema.String,
  date: IsoDate,
  /** Its sitting kinds (`general-meeting`, `committee-meeting`, …). */
  types: Schema.Array(Schema.String),
})

export const RecordView = Schema.Struct({
  id: Schema.String,
  step: Schema.String,
  onDate: IsoDate,
  evidence: Schema.Record(Schema.String, Schema.Unknown),
  /** The meeting that decided the step, when it was recorded from one; null otherwise. */
  meeting: Schema.NullOr(LinkedMeetingView),
  recordedAt: Schema.String,
  recordedBy: Schema.NullOr(Schema.String),
})
export type RecordView = typeof RecordView.Type

/** A talk, thought report or activity of the cultivation plan (一人一策), as recorded. */
export const CultivationRecordView = Schema.Struct({
  id: Schema.String,
  kind: Schema.Literals(["talk", "thought-report", "activity"]),
  name: Schema.String,
  onDate: IsoDate,
  evidence: Schema.Record(Schema.String, Schema.Unknown),
  recordedAt: Schema.String,
  recordedBy: Schema.NullOr(Schema.String),
})
export type CultivationRecordView = typeof CultivationRecordView.Type

export const CultivationRecordBody = Schema.Struct({
  kind: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(40)),
  onDate: IsoDate,
  evidence: Schema.Record(Schema.String, Schema.Unknown),
})
export type CultivationRecordBody = typeof CultivationRecordBody.Type

export const StepView = Schema.Struct({
  step: Schema.String,
  stage: Count,
  number: Schema.NullOr(Count),
  name: Schema.String,
  state: StepState,
  dueBy: Schema.NullOr(IsoDate),
  optional: Schema.Boolean,
  /** Blocked only because its date would be in the future: it can be recorded from this day on. */
  recordableFrom: Schema.optionalKey(IsoDate),
  /** Blocked today only by a time limit: a record dated on or before this day is still accepted. */
  recordableUntil: Schema.optionalKey(IsoDate),
  records: Schema.Array(RecordView),
  verdicts: Schema.Array(VerdictView),
})
export type StepView = typeof StepView.Type

/** A record removed as entered in error: kept, out of the history, with when, by whom and why. */
export const RemovedRecordView = Schema.Struct({
  id: Schema.String,
  step: Schema.String,
  name: Schema.String,
  onDate: IsoDate,
  removedAt: Schema.String.annotate({ description: "UTC instant, ISO 8601" }),
  removedBy: Schema.NullOr(Schema.String),
  reason: Schema.String,
})
export type RemovedRecordView = typeof RemovedRecordView.Type

export const Timeline = Schema.Struct({
  member: Schema.Struct({
    id: Schema.String,
    name: Schema.String,
    orgId: Schema.String,
    orgName: Schema.String,
    stage: Stage,
    /** The member's version: a removal names it, so a stale page cannot remove on an old picture. */
    version: Version,
  }),
  asOf: IsoDate,
  edition: Schema.NullOr(Schema.String),
  currentStage: Schema.String,
  derived: Schema.Record(Schema.String, Schema.NullOr(IsoDate)),
  /**
   * The outcome record that closed the procedure (direct or posthumous admission, non-recognition): its step,
   * name and date; null while the ordinary road is open.
   */
  closedBy: Schema.NullOr(Schema.Struct({ step: Schema.String, name: Schema.String, on: IsoDate })),
  steps: Schema.Array(StepView),
  /** The cultivation plan's talks, thought reports and activities on file, oldest first. */
  cultivation: Schema.Array(CultivationRecordView),
  /** Records removed as entered in error, in the order they were removed. */
  removed: Schema.Array(RemovedRecordView),
  /**
   * What can be recorded now, each step judged on the date its record would bear: allowed, due and overdue
   * steps, then steps blocked today only by a time limit (`until`: date the record on or before it).
   */
  nextSteps: Schema.Array(
    Schema.Struct({ step: Schema.String, name: Schema.String, until: Schema.optionalKey(IsoDate) }),
  ),
})
export type Timeline = typeof Timeline.Type

export const PersonParams = Schema.Struct({ memberId: UuidId })

/** Which step the meetings are wanted for, and for the two decisions how it was decided. */
export const DecidingMeetingsQuery = Schema.Struct({
  step: Schema.Literals([
    "activist-decision",
    "development-object-decision",
    "admission-meeting",
    "conversion-meeting",
  ]),
  decidedBy: Schema.optionalKey(Schema.Literals(["branch-committee", "general-meeting"])),
})
export type DecidingMeetingsQuery = typeof DecidingMeetingsQuery.Type

/** A meeting of the person's branch that can decide the step, with what it would fill in, or why it cannot. */
export const DecidingMeetingView = Schema.Struct({
  id: Schema.String,
  date: IsoDate,
  types: Schema.Array(Schema.String),
  place: Schema.String,
  /** The evidence fields the meeting fills (for admission and conversion: the ballot, probationary present). */
  filled: Schema.Record(Schema.String, Schema.Unknown),
  /** Why the meeting cannot decide the step for this person (no ballot on them, …); empty when it can. */
  problems: Schema.Array(
    Schema.Struct({ field: Schema.String, reason: Schema.String, message: Schema.String }),
  ),
})
export const DecidingMeetings = Schema.Struct({
  /** The sitting kind that decides the step and the article that says so. */
  kind: Schema.String,
  citations: Schema.Array(Schema.String),
  items: Schema.Array(DecidingMeetingView),
})
export type DecidingMeetings = typeof DecidingMeetings.Type
export const RecordParams = Schema.Struct({ memberId: UuidId, recordId: UuidId })
export const RecordRemovalBody = Schema.Struct({
  reason: Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(2), Schema.isMaxLength(500)).annotate({
    description: "Why the record is removed (entered in error: wrong person, wrong step, wrong date…)",
  }),
  version: Version,
})

export const RecordBody = Schema.Struct({
  step: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(60)),
  /** The step's date; may be left out when `meetingId` is given (the meeting's date is taken). */
  onDate: Schema.optionalKey(IsoDate),
  evidence: Schema.Record(Schema.String, Schema.Unknown),
  /**
   * The meeting record that decided the step (activist and development-object decisions, admission,
   * conversion): its date, ballot on the person and probationary present fill the evidence instead of typing.
   */
  meetingId: Schema.optionalKey(UuidId),
})
export type RecordBody = typeof RecordBody.Type

/** A step and the JSON Schema of its evidence, so the admin renders the form from the same schema. */
export const StepDefinitionView = Schema.Struct({
  id: Schema.String,
  stage: Count,
  number: Schema.NullOr(Count),
  name: Schema.String,
  actor: Schema.String,
  record: Schema.String,
  optional: Schema.Boolean,
  recurring: Schema.Boolean,
  citations: Schema.Array(Schema.String),
  evidenceSchema: Schema.Record(Schema.String, Schema.Unknown),
})
export const StepDefinitions = Schema.Struct({
  items: Schema.Array(StepDefinitionView),
  /** The cultivation records' kinds and the JSON Schema of each one's evidence, for the plan's forms. */
  cultivationKinds: Schema.Array(
    Schema.Struct({
      kind: Schema.String,
      name: Schema.String,
      citations: Schema.Array(Schema.String),
      evidenceSchema: Schema.Record(Schema.String, Schema.Unknown),
    }),
  ),
})
export type StepDefinitions = typeof StepDefinitions.Type

export const PipelineQuery = Schema.Struct({
  orgId: Schema.optionalKey(OrgIdSchema),
  days: Schema.optionalKey(IntParam(1, 365)),
  /** How many of the most urgent items `attention` lists: 1 to 500 (the default). The totals count them all. */
  attention: Schema.optionalKey(IntParam(1, 500)),
  /** `false`: no board (an empty list), for a summary such as the dashboard's panel; default `true`. */
  board: Schema.optionalKey(Schema.Literals(["true", "false"])),
})
export const PipelineItem = Schema.Struct({
  memberId: Schema.String,
  name: Schema.String,
  orgId: Schema.String,
  orgName: Schema.String,
  stage: Stage,
  step: Schema.String,
  stepName: Schema.String,
  state: Schema.Literals(["due", "overdue"]),
  dueBy: IsoDate,
})
export const Pipeline = Schema.Struct({
  asOf: IsoDate,
  counts: Schema.Array(Schema.Struct({ stage: Stage, count: Count })),
  /** Overdue, and due within `days` (default 30), most urgent first. */
  attention: Schema.Array(PipelineItem),
  /** How many items need attention in all; `attention` holds the most urgent (at most 500). */
  attentionTotal: Schema.optionalKey(Count),
  /**
   * The true totals behind `attention`, whatever it holds: overdue steps, and steps due within `days`.
   * Counts shown to users come from here, never from the capped list.
   */
  attentionCounts: Schema.optionalKey(Schema.Struct({ overdue: Count, due: Count })),
  /** People per stage for the board (capped per stage). */
  board: Schema.Array(
    Schema.Struct({
      stage: Stage,
      /** Everyone in the stage; `people` holds at most 50 of them. */
      total: Schema.optionalKey(Count),
      people: Schema.Array(
        Schema.Struct({
          memberId: Schema.String,
          name: Schema.String,
          orgName: Schema.String,
          since: Schema.NullOr(IsoDate),
        }),
      ),
    }),
  ),
})
export type Pipeline = typeof Pipeline.Type

export const PlanItemView = Schema.Struct({
  kind: Schema.String,
  name: Schema.String,
  dueBy: IsoDate,
  state: Schema.Literals(["done", "due", "overdue", "upcoming"]),
  doneOn: Schema.NullOr(IsoDate),
})
export const CultivationPlanView = Schema.Struct({
  memberId: Schema.String,
  items: Schema.Array(PlanItemView),
  progress: Schema.Struct({ done: Count, due: Count, overdue: Count, upcoming: Count }),
})
export type CultivationPlanView = typeof CultivationPlanView.Type

export const YearQuery = Schema.Struct({
  year: IntParam(2000, 2100),
  orgId: Schema.optionalKey(OrgIdSchema),
})
export const Breakdown = Schema.Array(
  Schema.Struct({ key: Schema.String, label: Schema.String, count: Count }),
)
export const Composition = Schema.Struct({
  year: Count,
  byStage: Breakdown,
  byOccupation: Breakdown,
  byAgeBand: Breakdown,
  byEducation: Breakdown,
  bySex: Breakdown,
  byEthnicity: Breakdown,
  byOrganization: Breakdown,
  /** Organizations that qualify but have developed nobody for years (DR 37). */
  dormant: Schema.Array(
    Schema.Struct({ orgId: Schema.String, orgName: Schema.String, lastAdmission: Schema.NullOr(IsoDate) }),
  ),
})
export type Composition = typeof Composition.Type

export const AnnualPlan = Schema.Struct({
  year: Count,
  total: Count,
  allocations: Schema.Array(
    Schema.Struct({
      orgId: Schema.String,
      orgName: Schema.String,
      quota: Count,
      priorityShare: Schema.Number,
      developmentObjects: Count,
    }),
  ),
  updatedAt: Schema.NullOr(Schema.String),
})
export type AnnualPlan = typeof AnnualPlan.Type
export const AnnualPlanBody = Schema.Struct({
  year: Schema.Int.check(Schema.isBetween({ minimum: 2000, maximum: 2100 })),
  total: Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 100_000 })),
  /** Manual changes to the proposed quotas; omitted organizations keep the proposal. */
  overrides: Schema.optionalKey(Schema.Array(Schema.Struct({ orgId: OrgIdSchema, quota: Count }))),
})
export type AnnualPlanBody = typeof AnnualPlanBody.Type

/** A proposed change to the district's development policy: only the keys it changes. */
export const PolicyImpactBody = Schema.Struct({
  orgId: Schema.optionalKey(OrgIdSchema),
  overlay: Schema.Record(Schema.String, Schema.Unknown).annotate({
    description: "Policy keys and their proposed values, e.g. { trainingMinHours: 40 }",
  }),
})
export type PolicyImpactBody = typeof PolicyImpactBody.Type

const ImpactKind = Schema.Literals([
  "newly-blocked",
  "no-longer-blocked",
  "new-due-date",
  "new-citation",
  "other",
])

/** Whose verdicts a proposed policy changes, and how (`@xianfeng/impact`'s report); names and ID numbers masked. */
export const PolicyImpact = Schema.Struct({
  asOf: IsoDate,
  people: Count,
  affectedPeople: Count,
  changedVerdicts: Count,
  groups: Schema.Array(
    Schema.Struct({
      rule: Schema.String,
      kind: ImpactKind,
      verdicts: Count,
      people: Count,
      sample: Schema.Array(
        Schema.Struct({
          name: Schema.String,
          idNumber: Schema.String,
          org: Schema.String,
          slot: Schema.String,
          before: Schema.optionalKey(Schema.String),
          after: Schema.optionalKey(Schema.String),
        }),
      ),
    }),
  ),
})
export type PolicyImpact = typeof PolicyImpact.Type
/** The organization and year whose activist-pool analysis (DR 11) is asked for; the caller's own by default. */
export const PoolAnalysisQuery = Schema.Struct({
  year: IntParam(2000, 2100),
  orgId: Schema.optionalKey(OrgIdSchema),
})
export const PoolAnalysisView = Schema.Struct({
  id: Schema.String,
  on: IsoDate,
  analysedBy: Schema.Literals(["county-org-department", "grassroots-committee"]),
  activists: Count,
  problems: Schema.String,
  measures: Schema.String,
  recordedAt: Schema.String,
})
/** An organization's activist-pool analyses of a year and whether the year's duty is met. */
export const PoolAnalysisStatus = Schema.Struct({
  orgId: Schema.String,
  orgName: Schema.String,
  year: Int32,
  /** ok: an analysis is on file; due: not yet, the year runs until 31 December; overdue: the year is over. */
  status: Schema.Literals(["ok", "due", "overdue"]),
  verdict: VerdictView,
  analyses: Schema.Array(PoolAnalysisView),
})
export type PoolAnalysisStatus = typeof PoolAnalysisStatus.Type
