/**
 * 教育培训 (Education and training): the area's API contract. The same schemas validate requests, document them
 * in OpenAPI and give the admin its types (`@xianfeng/api/contract/education`).
 */
import { bilingual, IsoDate } from "@xianfeng/core"
import {
  cadrePosts,
  classStatuses,
  exemptionReasons,
  memberCategories,
  studySources,
} from "@xianfeng/education-training"
import { Schema } from "effect"
import { Count, IntParam, OrgIdSchema, PageNumber, PageSize, UuidId } from "../../http/contract-kit.js"

const Text = (max: number) =>
  Schema.String.check(
    Schema.isMinLength(1, bilingual("不能为空", "must not be empty")),
    Schema.isMaxLength(max, bilingual(`不能超过${max}个字符`, `at most ${max} characters`)),
  )
const Time = Schema.String.check(
  Schema.isPattern(
    /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/u,
    bilingual("应为HH:MM格式的时间", "must be a time HH:MM"),
  ),
)
/**
 * Class hours as people write them (4, 2.5). Any number within ±10,000 passes the schema; the rules refuse
 * zero, negative or absurd hours with a 422 naming the field.
 */
const Hours = Schema.Number.check(
  Schema.isBetween({ minimum: -10_000, maximum: 10_000 }, bilingual("学时超出范围", "hours out of range")),
)
const Year = IntParam(2000, 2100)

export const VerdictView = Schema.Struct({
  status: Schema.Literals(["ok", "allowed", "blocked", "due", "overdue", "warning"]),
  code: Schema.String,
  message: Schema.String,
  citations: Schema.Array(Schema.String),
  dueBy: Schema.optionalKey(IsoDate),
})
export type VerdictView = typeof VerdictView.Type

// ── classes 培训班 ──────────────────────────────────────────────────────────
export const Audience = Schema.Union([
  Schema.Struct({ kind: Schema.Literal("subtree"), orgId: OrgIdSchema }),
  Schema.Struct({ kind: Schema.Literal("post"), post: Schema.Literals(cadrePosts) }),
  Schema.Struct({ kind: Schema.Literal("category"), category: Schema.Literals(memberCategories) }),
  Schema.Struct({ kind: Schema.Literal("list") }),
])
export type Audience = typeof Audience.Type

export const SessionBody = Schema.Struct({
  topic: Text(200),
  date: IsoDate,
  startTime: Time,
  endTime: Time,
  hours: Hours,
})

export const ClassBody = Schema.Struct({
  orgId: OrgIdSchema,
  title: Text(200),
  audience: Audience,
  centralized: Schema.optionalKey(Schema.Boolean),
  sessions: Schema.Array(SessionBody).check(
    Schema.isMinLength(1, bilingual("至少一次课", "at least one session")),
    Schema.isMaxLength(200, bilingual("最多200次课", "at most 200 sessions")),
  ),
})
export type ClassBody = typeof ClassBody.Type

export const SessionView = Schema.Struct({
  id: Schema.String,
  topic: Schema.String,
  date: IsoDate,
  startTime: Schema.String,
  endTime: Schema.String,
  hours: Schema.Number,
  present: Schema.Int,
})

export const ClassView = Schema.Struct({
  id: Schema.String,
  orgId: Schema.String,
  /** The organizer's name (kept on the class: a branch seeing it through its members does not see the organizer). */
  orgName: Schema.String,
  /**
   * The caller's subtree holds the organizer: it sees every enrolment and attendance row, and may enrol and close.
   * Otherwise the caller sees the class through its own members enrolled in it: their rows (and counts) only, and
   * it marks attendance for them alone.
   */
  organizedInScope: Schema.Boolean,
  title: Schema.String,
  audience: Audience,
  centralized: Schema.Boolean,
  closed: Schema.Boolean,
  /** Derived from the sessions and the closing as of today (`classStatus`): never 进行中 once every session is past. */
  status: Schema.Literals(classStatuses),
  version: Schema.Int,
  sessions: Schema.Array(SessionView),
  /** Enrolled members the caller sees (every one for the organizer's side). */
  enrolled: Schema.Int,
  /** 人次: present attendance rows the caller sees (every one for the organizer's side). */
  personTimes: Schema.Int,
  hours: Schema.Number,
})
export type ClassView = typeof ClassView.Type

export const ClassPage = Schema.Struct({
  items: Schema.Array(ClassView),
  total: Schema.Int,
  page: Schema.Int,
  pageSize: Schema.Int,
})
export type ClassPage = typeof ClassPage.Type

export const ClassQuery = Schema.Struct({
  orgId: Schema.optionalKey(OrgIdSchema),
  page: Schema.optionalKey(PageNumber),
  pageSize: Schema.optionalKey(PageSize),
})
export const ClassParams = Schema.Struct({ id: UuidId })
export const SessionParams = Schema.Struct({ id: UuidId, sessionId: UuidId })

export const EnrolBody = Schema.Struct({
  /** Enrol the members of this organization's subtree that the audience admits. */
  orgId: Schema.optionalKey(OrgIdSchema),
  /** Or these members (each must be admitted by the audience, else 422 naming `memberIds[i]`). */
  memberIds: Schema.optionalKey(Schema.Array(UuidId).check(Schema.isMaxLength(20_000))),
})
export const EnrolResult = Schema.Struct({ added: Schema.Int, enrolled: Schema.Int, skipped: Schema.Int })

export const RosterMember = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  orgName: Schema.String,
  /** Session ids the member was present at. */
  present: Schema.Array(Schema.String),
  hours: Schema.Number,
})
export const Roster = Schema.Struct({ class: ClassView, members: Schema.Array(RosterMember) })
export type Roster = typeof Roster.Type

export const AttendanceBody = Schema.Struct({
  /** The members present (a tick list): exactly these are present afterwards. */
  memberIds: Schema.Array(UuidId).check(Schema.isMaxLength(20_000)),
})

export const SignInSheetBody = Schema.Struct({
  filename: Text(200),
  /** The sheet (.xlsx or .csv) in base64, at most 2 MiB; a column headed 姓名 (name) lists who signed. */
  content: Schema.String.check(Schema.isMaxLength(2_800_000, bilingual("文件过大", "file too large"))),
})
export const AttendanceResult = Schema.Struct({ present: Schema.Int, personTimes: Schema.Int })

export const CloseBody = Schema.Struct({
  version: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 2_147_483_647 })),
})

// ── study hours 学时 ────────────────────────────────────────────────────────
export const YearQuery = Schema.Struct({ year: Schema.optionalKey(Year) })
export const OrgYearQuery = Schema.Struct({
  orgId: Schema.optionalKey(OrgIdSchema),
  year: Schema.optionalKey(Year),
})
export const MemberParams = Schema.Struct({ id: UuidId })

export const StudyLine = Schema.Struct({
  date: IsoDate,
  source: Schema.Literals(studySources),
  title: Schema.String,
  time: Schema.String,
  hours: Schema.Number,
  credited: Schema.Number,
})

export const StudyCard = Schema.Struct({
  memberId: Schema.String,
  name: Schema.String,
  orgName: Schema.String,
  year: Schema.Int,
  hours: Schema.Number,
  bySource: Schema.Struct({ class: Schema.Number, meeting: Schema.Number, online: Schema.Number }),
  minimum: Schema.Number,
  exempt: Schema.Boolean,
  verdicts: Schema.Array(VerdictView),
  lines: Schema.Array(StudyLine),
})
export type StudyCard = typeof StudyCard.Type

export const OnlineBody = Schema.Struct({
  memberId: UuidId,
  title: Text(200),
  date: IsoDate,
  startTime: Schema.optionalKey(Time),
  endTime: Schema.optionalKey(Time),
  hours: Hours,
})

export const ExemptionBody = Schema.Struct({
  year: Schema.Int.check(Schema.isBetween({ minimum: 2000, maximum: 2100 })),
  reason: Schema.Literals(exemptionReasons),
  studyBrought: Text(500),
})

export const OrgStudyRow = Schema.Struct({
  orgId: Schema.String,
  orgName: Schema.String,
  members: Schema.Int,
  meeting: Schema.Int,
  exempt: Schema.Int,
  personTimes: Schema.Int,
  hours: Schema.Number,
})

export const BelowRow = Schema.Struct({
  memberId: Schema.String,
  name: Schema.String,
  orgName: Schema.String,
  hours: Schema.Number,
  codes: Schema.Array(Schema.String),
  messages: Schema.Array(Schema.String),
})

export const StudyStatistics = Schema.Struct({
  year: Schema.Int,
  members: Schema.Int,
  /** Members at or above their minimum (exempted members apart). */
  meeting: Schema.Int,
  exempt: Schema.Int,
  personTimes: Schema.Int,
  minimum: Schema.Number,
  byMonth: Schema.Array(Schema.Struct({ month: Schema.Int, personTimes: Schema.Int, hours: Schema.Number })),
  byOrg: Schema.Array(OrgStudyRow),
  /** Members below a minimum, by organization and name (never ranked), for those who organize their study. */
  below: Schema.Array(BelowRow),
})
export type StudyStatistics = typeof StudyStatistics.Type

// ── 第一议题 ────────────────────────────────────────────────────────────────
/** Whose ledger, which dates, and which page of its lines: 20 a page unless asked (at most 100). */
export const FirstItemQuery = Schema.Struct({
  orgId: Schema.optionalKey(OrgIdSchema),
  from: Schema.optionalKey(IsoDate),
  to: Schema.optionalKey(IsoDate),
  page: Schema.optionalKey(PageNumber),
  pageSize: Schema.optionalKey(PageSize),
})
/**
 * One page of the ledger's lines (oldest first, then by meeting id), `linesTotal` counting every line of the
 * window; `compliance` whole, a row per organization of the subtree.
 */
export const FirstItemLedger = Schema.Struct({
  from: IsoDate,
  to: IsoDate,
  linesTotal: Count,
  page: Schema.Int,
  pageSize: Schema.Int,
  lines: Schema.Array(
    Schema.Struct({
      meetingId: Schema.String,
      orgId: Schema.String,
      orgName: Schema.String,
      date: IsoDate,
      kinds: Schema.Array(Schema.String),
      topic: Schema.String,
      form: Schema.String,
    }),
  ),
  compliance: Schema.Array(
    Schema.Struct({
      orgId: Schema.String,
      orgName: Schema.String,
      required: Schema.Int,
      opened: Schema.Int,
      status: Schema.String,
      message: Schema.String,
    }),
  ),
})
export type FirstItemLedger = typeof FirstItemLedger.Type

// ── forum 书记话党建 ─────────────────────────────────────────────────────────
export const forumMimeTypes = [
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "text/plain",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
] as const

export const AttachmentBody = Schema.Struct({
  filename: Text(200),
  mime: Schema.Literals(forumMimeTypes),
  /** Base64; at most 2 MiB decoded. */
  content: Schema.String.check(Schema.isMaxLength(2_800_000, bilingual("附件过大", "attachment too large"))),
})

export const ThreadBody = Schema.Struct({
  title: Text(200),
  body: Text(20_000),
  attachments: Schema.optionalKey(Schema.Array(AttachmentBody).check(Schema.isMaxLength(5))),
})
export const ReplyBody = Schema.Struct({
  body: Text(20_000),
  attachments: Schema.optionalKey(Schema.Array(AttachmentBody).check(Schema.isMaxLength(5))),
})
export const HideBody = Schema.Struct({ reason: Text(500) })
export const FeatureBody = Schema.Struct({ featured: Schema.Boolean })
export const ForumQuery = Schema.Struct({
  q: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(100))),
  featured: Schema.optionalKey(Schema.Literals(["true", "false"])),
  page: Schema.optionalKey(PageNumber),
  pageSize: Schema.optionalKey(PageSize),
})
export const PostParams = Schema.Struct({ id: UuidId })

export const PostView = Schema.Struct({
  id: Schema.String,
  threadId: Schema.NullOr(Schema.String),
  orgName: Schema.String,
  authorName: Schema.String,
  title: Schema.String,
  body: Schema.String,
  featured: Schema.Boolean,
  hidden: Schema.Boolean,
  hiddenReason: Schema.NullOr(Schema.String),
  createdAt: Schema.String,
  replies: Schema.Int,
  attachments: Schema.Array(
    Schema.Struct({ id: Schema.String, filename: Schema.String, mime: Schema.String, size: Schema.Int }),
  ),
})
export type PostView = typeof PostView.Type
export const ThreadPage = Schema.Struct({
  items: Schema.Array(PostView),
  total: Schema.Int,
  page: Schema.Int,
  pageSize: Schema.Int,
  /** The caller may hide and feature posts (the organization department). */
  moderator: Schema.Boolean,
})
export type ThreadPage = typeof ThreadPage.Type
export const ThreadView = Schema.Struct({
  thread: PostView,
  replies: Schema.Array(PostView),
  moderator: Schema.Boolean,
})
export type ThreadView = typeof ThreadView.Type

/** A proposed overlay on the district's education policy, e.g. `{ "memberMinHours": 40 }`, judged for a year. */
export const EducationPolicyImpactBody = Schema.Struct({
  orgId: Schema.optionalKey(OrgIdSchema),
  year: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 2000, maximum: 2100 }))),
  overlay: Schema.Record(Schema.String, Schema.Unknown).annotate({
    description: "Education policy keys and their proposed values, e.g. { memberMinHours: 40 }",
  }),
})

/** Whose study verdicts a proposed policy changes, and how (`@xianfeng/impact`'s report); names and ID numbers masked. */
export const EducationPolicyImpact = Schema.Struct({
  asOf: IsoDate,
  people: Schema.Int,
  affectedPeople: Schema.Int,
  changedVerdicts: Schema.Int,
  groups: Schema.Array(
    Schema.Struct({
      rule: Schema.String,
      kind: Schema.Literals(["newly-blocked", "no-longer-blocked", "new-due-date", "new-citation", "other"]),
      verdicts: Schema.Int,
      people: Schema.Int,
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
export type EducationPolicyImpact = typeof EducationPolicyImpact.Type
