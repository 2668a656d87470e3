import { type Citation, type LocalizedText, type MemberStage, OrgKind } from "@xianfeng/core"
import { Schema } from "effect"
import { bilingual } from "./bilingual.js"
import { dr, pc } from "./citations.js"
import {
  Bool,
  Choice,
  Fields,
  IsoDate,
  List,
  NonNegativeInt,
  NonNegativeNumber,
  OptionalText,
  PositiveInt,
  Text,
} from "./internal/schemas.js"

/** The five stages (五个阶段). */
export type Stage = 1 | 2 | 3 | 4 | 5

export const stageNames: Readonly<Record<Stage, LocalizedText>> = {
  1: { "zh-CN": "申请入党", en: "Application" },
  2: { "zh-CN": "入党积极分子的确定和培养教育", en: "Selecting and cultivating activists" },
  3: { "zh-CN": "发展对象的确定和考察", en: "Selecting and examining candidates for membership" },
  4: { "zh-CN": "预备党员的接收", en: "Admitting probationary members" },
  5: { "zh-CN": "预备党员的教育考察和转正", en: "Probation and conversion" },
}

// ---------------------------------------------------------------------------------------------------------
// Evidence, one schema per step. The API validates input with these very schemas, so a decode error names
// the field (`evidence.introducers.1.status`). Counts and deadlines are NOT checked here: they are rules,
// so that a refusal cites its article.
// ---------------------------------------------------------------------------------------------------------

/** Membership status of a person who acts for the branch (contact, introducer). */
export const MemberStatus = Choice(["full", "probationary", "not-member"])
export type MemberStatus = typeof MemberStatus.Type

/**
 * A party sanction with an effect period (DISC): 警告 warning 1 year, 严重警告 serious warning 1.5 years,
 * 撤销党内职务 removal from party post 2 years, 留党察看 probation within the party (rights suspended until
 * restored).
 */
export const SanctionKind = Choice(["warning", "serious-warning", "removal-from-post", "party-probation"])
export type SanctionKind = typeof SanctionKind.Type

export const Sanction = Fields({
  kind: SanctionKind,
  imposedOn: IsoDate,
  /** 留党察看 only: the date rights were restored, if they have been. */
  restoredOn: Schema.optionalKey(IsoDate),
})
export type Sanction = typeof Sanction.Type

export const MemberRef = Fields({
  name: Text,
  status: MemberStatus,
  fullMemberSince: Schema.optionalKey(IsoDate),
  sanctions: List(Sanction),
})
export type MemberRef = typeof MemberRef.Type

/** Organization kinds: core's `OrgKind` (kept under this name for existing importers). */
export const OrgKindSchema = OrgKind

/** Kind of an approver's parent organization; null at the root. */
const ParentKind = Schema.NullOr(OrgKindSchema).annotate(
  bilingual(
    "应为上级组织的类型（根组织为空）",
    "must be the parent organization's kind, or null at the root",
  ),
)

export const OrgRef = Fields({
  id: Schema.String.annotate(bilingual("应为组织编号", "must be an organization id")).check(
    Schema.isPattern(
      /^[A-Za-z0-9_]{1,63}$/,
      bilingual("应为1至63位字母、数字或下划线", "must be 1–63 letters, digits or _"),
    ),
  ),
  kind: OrgKindSchema,
  path: Text,
  temporary: Schema.optionalKey(Bool),
})

export const ApplyEvidence = Fields({
  /** The organization that received the application (DR 6). */
  receivedBy: Text,
  /** Accepts the programme and the constitution, will pay dues (DR 5; PC 1). */
  acceptsProgramme: Bool,
})
export const TalkEvidence = Fields({ talkedBy: Text, notes: Schema.optionalKey(OptionalText) })
export const ActivistDecisionEvidence = Fields({
  /** 党员推荐 member recommendation or 群团组织推优 nomination by a mass organization. */
  source: Choice(["member-recommendation", "league-nomination", "mass-org-nomination"]),
  decidedBy: Choice(["branch-committee", "general-meeting"]),
  /** 共青团员: a league member (a district may require 团组织推优 for them, policy `leagueNominationUpToAge`). */
  leagueMember: Schema.optionalKey(Bool),
})
export const FilingEvidence = Fields({
  filedWith: Text,
  documentNo: Schema.optionalKey(OptionalText),
})
export const ContactsEvidence = Fields({ contacts: List(MemberRef) })
export const AssessmentEvidence = Fields({ assessedBy: Text, comment: Text })
export const DevelopmentObjectDecisionEvidence = Fields({
  decidedBy: Choice(["branch-committee", "general-meeting"]),
  /** Whose opinions were heard (DR 13): party group, contacts, members, non-members. */
  opinionsHeard: List(Choice(["party-group", "contacts", "members", "non-members"])),
  /**
   * Only when a 流动党员党组织 (organization of mobile members) decides: `qualified` when it meets the
   * conditions to develop members, `not-qualified` when it does not — such an organization only educates
   * applicants and cultivates activists, then hands the materials over (DR 40). Left out for every other
   * organization (a yes/no field could not tell "not a mobile organization" from "not qualified").
   */
  mobileOrg: Schema.optionalKey(Choice(["qualified", "not-qualified"])),
})
export const HigherCommitteeEvidence = Fields({
  committeeId: Text,
  /** 同意 agreement (2026) or 备案 filing (2014). */
  kind: Choice(["agreement", "filing"]),
  documentNo: Schema.optionalKey(OptionalText),
})
export const PublicNoticeEvidence = Fields({
  start: IsoDate,
  end: IsoDate,
  /** Where it was posted; migrants need both the sending and the receiving place (DR 13). */
  places: List(Text),
  objections: Schema.optionalKey(NonNegativeInt),
})
export const IntroducersEvidence = Fields({ introducers: List(MemberRef) })
/** Items of the political review (DR 16); 2026 added conduct in urgent tasks and online behaviour. */
export const PoliticalReviewItem = Choice([
  "beliefs",
  "political-conduct",
  "attitude-to-line",
  "political-history",
  "urgent-tasks",
  "law-and-ethics",
  "online-behaviour",
  "family-and-relations",
])
export type PoliticalReviewItem = typeof PoliticalReviewItem.Type
export const PoliticalReviewEvidence = Fields({
  /** The written conclusion (结论性材料). */
  conclusion: OptionalText,
  passed: Bool,
  items: List(PoliticalReviewItem),
  /** 政审联审: joint review with discipline and law-enforcement bodies (2026). */
  jointReview: Schema.optionalKey(Bool),
})
export const TrainingEvidence = Fields({
  days: NonNegativeNumber,
  hours: NonNegativeNumber,
  mode: Choice(["in-person", "video"]),
  organizer: Text,
  certificateNo: Schema.optionalKey(OptionalText),
})
export const CommitteeReviewEvidence = Fields({ opinion: Text, collective: Bool })
/** Pre-review levels: the approving committee nationally; a district may add the branch and its org department. */
export const PreReviewLevel = Choice(["branch", "party-committee", "org-department"])
export type PreReviewLevel = typeof PreReviewLevel.Type
export const PreReviewEvidence = Fields({
  level: PreReviewLevel,
  reviewer: Text,
  passed: Bool,
  /** The result must reach the branch in writing (DR 18). */
  written: Bool,
})
export const ApplicationFormEvidence = Fields({ formNo: Text, introducerOpinions: Bool })
/** Attendance and ballot of a branch general meeting on one person (DR 19–21, 32). */
export const MeetingEvidence = Fields({
  expectedVoters: NonNegativeInt,
  presentVoters: NonNegativeInt,
  /** Voting members absent who sent a written opinion before the meeting; they count in the tally. */
  writtenOpinions: NonNegativeInt,
  yesVotes: NonNegativeInt,
  noVotes: NonNegativeInt,
  abstentions: NonNegativeInt,
  /** Probationary members present: they attend but do not vote (PC 7). */
  probationaryPresent: NonNegativeInt,
  /** How many people this ballot decided; it must be one (DR 20). */
  candidatesInBallot: PositiveInt,
  secretBallot: Bool,
})
export type MeetingEvidence = typeof MeetingEvidence.Type
export const CommitteeTalkEvidence = Fields({
  talkedBy: Text,
  role: Choice(["committee-member", "organiser"]),
})
export const ApprovalEvidence = Fields({
  approver: OrgRef,
  /** Kind of the approver's parent organization (null at the root). */
  parentKind: ParentKind,
  documentNo: Text,
  /** Decided by collective discussion and vote, one person at a time (DR 24). */
  collective: Bool,
  /** When the branch's submission reached the committee (only used when policy counts from it). */
  submittedOn: Schema.optionalKey(IsoDate),
  /** Why approval took more than 3 months (special cases, DR 25). */
  delayReason: Schema.optionalKey(Text),
})
export const PlacementEvidence = Fields({ branchId: Text, group: Schema.optionalKey(OptionalText) })
export const OathEvidence = Fields({ organizer: Text, collective: Bool })
export const ConversionApplicationEvidence = Fields({ written: Bool })
/** DR 36 archive list. */
export const ArchiveItem = Choice([
  "application-form",
  "application-letter",
  "activist-register",
  "political-review",
  "probation-register",
  "conversion-application",
])
export type ArchiveItem = typeof ArchiveItem.Type
export const ArchiveEvidence = Fields({
  items: List(ArchiveItem),
  fileKind: Choice(["personnel-file", "party-member-file"]),
})
export const ExtensionEvidence = Fields({
  months: PositiveInt,
  meetingOn: IsoDate,
  approver: OrgRef,
  parentKind: ParentKind,
  documentNo: Text,
})
export const CancellationEvidence = Fields({
  reason: Text,
  meetingOn: IsoDate,
  approver: OrgRef,
  parentKind: ParentKind,
  documentNo: Text,
})
export const TransferInEvidence = Fields({
  fromOrg: Text,
  stage: Choice([
    "applicant",
    "activist",
    "development-object",
    "probationary",
  ] as const satisfies readonly MemberStage[]),
  /** Original dates travel with the file: activist time counts continuously (DR 12). */
  appliedOn: Schema.optionalKey(IsoDate),
  activistSince: Schema.optionalKey(IsoDate),
  developmentObjectSince: Schema.optionalKey(IsoDate),
  /** Date of the branch meeting that admitted the person (probation start), for probationary members. */
  admittedOn: Schema.optionalKey(IsoDate),
  /** Materials verified (DR 34); an unverifiable transfer is not recognised. */
  verified: Bool,
  /** Receiving branch postpones the conversion discussion (≤6 months, DR 35). */
  postponeMonths: Schema.optionalKey(NonNegativeInt),
})
/**
 * Levels of party committee, for the articles that name one: direct admission by the Central Committee or a
 * provincial committee (DR 26), posthumous admission approved at provincial level (DR 27).
 */
export const CommitteeLevel = Choice([
  "central-committee",
  "provincial-committee",
  "city-committee",
  "county-committee",
  "grassroots-committee",
])
export type CommitteeLevel = typeof CommitteeLevel.Type
/** 直接接收党员 (DR 26): in special cases the Central Committee or a provincial committee admits directly. */
export const DirectAdmissionEvidence = Fields({
  admittedBy: CommitteeLevel,
  /** The special case that justifies it. */
  reason: Text,
  documentNo: Text,
})
/** 追认党员 (DR 27): unit organization decides → higher committee reviews → provincial committee approves. */
export const PosthumousAdmissionEvidence = Fields({
  diedOn: IsoDate,
  /** 为党和人民利益英勇献身的事迹. */
  deeds: Text,
  /** Had asked the party to join (曾向党组织提出过入党要求); an application on file also shows it. */
  requestedToJoin: Bool,
  decidedBy: Text,
  reviewedBy: Text,
  approvedBy: CommitteeLevel,
  documentNo: Text,
})
/**
 * 不予承认党员身份 (DR 41 ¶3): someone admitted in breach of the rules who, on review (综合分析研判), does not
 * meet the conditions of membership; announced at a branch general meeting.
 */
export const NotRecognisedEvidence = Fields({
  /** The breach found. */
  reason: Text,
  /** Outcome of the review: does the person meet the conditions of membership after all? */
  meetsConditions: Bool,
  decidedBy: Text,
  announcedAtMeeting: Bool,
  documentNo: Schema.optionalKey(OptionalText),
})
export const DistrictStepEvidence = Fields({ note: Schema.optionalKey(OptionalText) })

// ---------------------------------------------------------------------------------------------------------
// Steps as data
// ---------------------------------------------------------------------------------------------------------

export const evidenceSchemas = {
  apply: ApplyEvidence,
  talk: TalkEvidence,
  "activist-decision": ActivistDecisionEvidence,
  "activist-filing": FilingEvidence,
  "contacts-assigned": ContactsEvidence,
  "activist-assessment": AssessmentEvidence,
  "development-object-decision": DevelopmentObjectDecisionEvidence,
  "higher-committee-agreement": HigherCommitteeEvidence,
  "public-notice": PublicNoticeEvidence,
  introducers: IntroducersEvidence,
  "political-review": PoliticalReviewEvidence,
  training: TrainingEvidence,
  "committee-review": CommitteeReviewEvidence,
  "pre-review": PreReviewEvidence,
  "application-form": ApplicationFormEvidence,
  "admission-meeting": MeetingEvidence,
  "committee-talk": CommitteeTalkEvidence,
  "admission-approval": ApprovalEvidence,
  "admission-filing": FilingEvidence,
  placement: PlacementEvidence,
  oath: OathEvidence,
  "probation-assessment": AssessmentEvidence,
  "conversion-application": ConversionApplicationEvidence,
  "conversion-meeting": MeetingEvidence,
  "conversion-approval": ApprovalEvidence,
  archive: ArchiveEvidence,
  "probation-extension": ExtensionEvidence,
  "probation-cancellation": CancellationEvidence,
  "transfer-in": TransferInEvidence,
  "direct-admission": DirectAdmissionEvidence,
  "posthumous-admission": PosthumousAdmissionEvidence,
  "membership-not-recognised": NotRecognisedEvidence,
} as const

export type StepId = keyof typeof evidenceSchemas
/** A district's own step (policy `extraSteps`), always prefixed `x-`. */
export type DistrictStepId = `x-${string}`

export type EvidenceOf<S extends StepId> = (typeof evidenceSchemas)[S]["Type"]

export interface StepDefinition {
  readonly id: StepId
  readonly stage: Stage
  /**
   * Number in the 25-step chart; undefined for outcome records (extension, cancellation, transfer, notice,
   * direct and posthumous admission, non-recognition).
   */
  readonly number: number | undefined
  readonly name: LocalizedText
  readonly actor: LocalizedText
  readonly record: LocalizedText
  /** The articles that define the step. */
  readonly citations: readonly Citation[]
  /** Happens more than once (assessments, pre-review levels). */
  readonly recurring: boolean
  /** Not on every path: outcome records and transfers. */
  readonly optional: boolean
}

const s = (
  id: StepId,
  stage: Stage,
  number: number | undefined,
  zh: string,
  en: string,
  actor: [string, string],
  record: [string, string],
  citations: readonly Citation[],
  flags: { recurring?: boolean; optional?: boolean } = {},
): StepDefinition => ({
  id,
  stage,
  number,
  name: { "zh-CN": zh, en },
  actor: { "zh-CN": actor[0], en: actor[1] },
  record: { "zh-CN": record[0], en: record[1] },
  citations,
  recurring: flags.recurring ?? false,
  optional: flags.optional ?? false,
})

/** The 25 steps in chart order, with the outcome records placed where they occur. */
export const steps: readonly StepDefinition[] = [
  s(
    "apply",
    1,
    1,
    "递交入党申请书",
    "Submit the application",
    ["申请人", "applicant"],
    ["入党申请书", "written application"],
    [dr(5), dr(6), pc(1)],
  ),
  s(
    "talk",
    1,
    2,
    "党组织派人谈话",
    "Talk with the applicant",
    ["党组织派出的人员", "person sent by the branch"],
    ["谈话记录", "talk record"],
    [dr(7)],
  ),
  s(
    "activist-decision",
    2,
    3,
    "推荐和确定入党积极分子",
    "Recommend and decide activists",
    ["党支部委员会", "branch committee"],
    ["会议记录、推荐情况", "minutes and recommendation tallies"],
    [dr(8)],
  ),
  s(
    "activist-filing",
    2,
    4,
    "上级党委备案",
    "File with the higher committee",
    ["党支部", "branch"],
    ["备案材料", "filing"],
    [dr(8)],
  ),
  s(
    "contacts-assigned",
    2,
    5,
    "指定培养联系人",
    "Assign cultivation contacts",
    ["党组织", "party organization"],
    ["指定培养联系人记录", "appointment"],
    [dr(9)],
  ),
  s(
    "activist-assessment",
    2,
    6,
    "培养教育考察",
    "Cultivate and assess",
    ["党支部、培养联系人", "branch and contacts"],
    ["入党积极分子培养考察登记表", "activist cultivation register"],
    [dr(10), dr(11)],
    { recurring: true },
  ),
  s(
    "development-object-decision",
    3,
    7,
    "确定发展对象",
    "Decide the candidate for membership",
    ["党支部委员会", "branch committee"],
    ["会议记录", "minutes"],
    [dr(13)],
  ),
  s(
    "higher-committee-agreement",
    3,
    8,
    "报上级党委同意（2014年：备案）",
    "Higher committee agreement (2014: filing)",
    ["上级党委", "higher committee"],
    ["请示及批复", "request and reply"],
    [dr(13)],
  ),
  s(
    "public-notice",
    3,
    undefined,
    "发展对象公示",
    "Public notice of the candidate for membership",
    ["党支部", "branch"],
    ["公示材料", "notice"],
    [dr(13)],
    { optional: true },
  ),
  s(
    "introducers",
    3,
    9,
    "确定入党介绍人",
    "Fix two introducers",
    ["党组织", "party organization"],
    ["入党志愿书中的介绍人", "introducers in the application form"],
    [dr(14)],
  ),
  s(
    "political-review",
    3,
    10,
    "进行政治审查",
    "Political review",
    ["基层党委", "grassroots committee"],
    ["政治审查结论性材料", "written conclusion"],
    [dr(16)],
  ),
  s(
    "training",
    3,
    11,
    "开展集中培训",
    "Centralized training",
    ["基层党委或县级党委组织部门", "grassroots committee or county org department"],
    ["培训结业证明", "training certificate"],
    [dr(17)],
    { recurring: true },
  ),
  s(
    "committee-review",
    4,
    12,
    "支部委员会审查",
    "Branch committee review",
    ["党支部委员会", "branch committee"],
    ["审查意见", "review opinion"],
    [dr(18)],
  ),
  s(
    "pre-review",
    4,
    13,
    "上级党委预审",
    "Pre-review by the higher committee",
    ["具有审批权限的基层党委", "committee with approval power"],
    ["预审结果（书面）", "written pre-review result"],
    [dr(18)],
    { recurring: true },
  ),
  s(
    "application-form",
    4,
    14,
    "填写入党志愿书",
    "Fill in the application form",
    ["发展对象（在入党介绍人指导下）", "candidate for membership, guided by introducers"],
    ["中国共产党入党志愿书", "application form"],
    [dr(15)],
  ),
  s(
    "admission-meeting",
    4,
    15,
    "支部大会讨论",
    "Branch general meeting",
    ["党支部党员大会", "branch general meeting"],
    ["支部大会决议", "resolution"],
    [dr(19), dr(20), dr(21)],
  ),
  s(
    "committee-talk",
    4,
    16,
    "上级党委派人谈话",
    "Talk by the higher committee",
    ["党委委员或组织员", "committee member or organiser"],
    ["谈话意见", "talk notes and opinion"],
    [dr(23), pc(5)],
  ),
  s(
    "admission-approval",
    4,
    17,
    "上级党委审批",
    "Approval by the higher committee",
    ["党委（集体讨论和表决）", "party committee, collectively"],
    ["审批意见（含预备期起止时间）", "approval incl. probation dates"],
    [dr(22), dr(24), dr(25)],
  ),
  s(
    "admission-filing",
    4,
    18,
    "再上一级党委组织部门备案",
    "File with the next level",
    ["审批党委", "approving committee"],
    ["备案材料", "filing"],
    [dr(25)],
  ),
  s(
    "placement",
    5,
    19,
    "编入党支部和党小组",
    "Place in branch and group",
    ["党组织", "party organization"],
    ["党员名册", "roster"],
    [dr(28)],
  ),
  s(
    "oath",
    5,
    20,
    "入党宣誓",
    "Oath",
    ["基层党委或党支部", "grassroots committee or branch"],
    ["宣誓记录", "oath record"],
    [dr(29)],
  ),
  s(
    "probation-assessment",
    5,
    21,
    "继续教育考察",
    "Continued education and assessment",
    ["党组织、入党介绍人", "party organization and introducers"],
    ["预备党员教育考察登记表", "probation register"],
    [dr(30)],
    { recurring: true },
  ),
  s(
    "conversion-application",
    5,
    22,
    "提出转正申请",
    "Written conversion application",
    ["预备党员", "probationary member"],
    ["转正申请书", "conversion application"],
    [dr(32)],
  ),
  s(
    "conversion-meeting",
    5,
    23,
    "支部大会讨论",
    "Branch general meeting on conversion",
    ["党支部党员大会", "branch general meeting"],
    ["支部大会决议", "resolution"],
    [dr(32)],
  ),
  s(
    "conversion-approval",
    5,
    24,
    "上级党委审批",
    "Approval of conversion",
    ["党委", "party committee"],
    ["审批意见", "approval"],
    [dr(33)],
  ),
  s(
    "archive",
    5,
    25,
    "材料归档",
    "Archive the file",
    ["党支部、党委", "branch and committee"],
    ["入党材料归档", "personnel file"],
    [dr(36)],
  ),
  s(
    "probation-extension",
    5,
    undefined,
    "延长预备期",
    "Extend probation",
    ["支部大会、上级党委", "branch meeting and higher committee"],
    ["延长预备期决议及审批", "resolution and approval"],
    [dr(31)],
    { optional: true },
  ),
  s(
    "probation-cancellation",
    5,
    undefined,
    "取消预备党员资格",
    "Cancel probationary status",
    ["支部大会、上级党委", "branch meeting and higher committee"],
    ["取消资格决议及审批", "resolution and approval"],
    [dr(31)],
    { optional: true },
  ),
  s(
    "transfer-in",
    2,
    undefined,
    "组织关系转入",
    "Transfer in",
    ["接收党组织", "receiving organization"],
    ["转接材料", "transfer materials"],
    [dr(12), dr(34), dr(35)],
    { optional: true },
  ),
  // Outcome records outside the branch's ordinary path, after the existing ones so that the order of the
  // 25 steps (and of every earlier entry) stays as it was. Each closes the ordinary procedure.
  s(
    "direct-admission",
    4,
    undefined,
    "直接接收党员",
    "Direct admission",
    ["党的中央和省（自治区、直辖市）委员会", "the Central Committee or a provincial committee"],
    ["直接接收的决定", "decision to admit"],
    [dr(26)],
    { optional: true },
  ),
  s(
    "posthumous-admission",
    4,
    undefined,
    "追认党员",
    "Posthumous admission",
    ["所在单位党组织、上级党委、省一级党委", "unit organization, higher committee, provincial committee"],
    ["追认决定及批复", "decision and approval"],
    [dr(27)],
    { optional: true },
  ),
  s(
    "membership-not-recognised",
    5,
    undefined,
    "不予承认党员身份",
    "Membership not recognised",
    ["党组织", "party organization"],
    ["处理决定，党员大会公布记录", "decision, announced at a branch general meeting"],
    [dr(41)],
    { optional: true },
  ),
]

export const stepIds: readonly StepId[] = steps.map((d) => d.id)

const byId = new Map(steps.map((d) => [d.id, d]))
export const stepDefinition = (id: StepId): StepDefinition => {
  const d = byId.get(id)
  if (d === undefined) throw new RangeError(`unknown step ${id}`)
  return d
}

export const isStepId = (id: string): id is StepId => byId.has(id as StepId)
