/**
 * The platform's contract (sign-in, the org tree, members, users, the audit log): one effect Schema per
 * request and response. The same schemas validate requests, produce the OpenAPI document (/openapi.json) and
 * give the admin its types (`@xianfeng/api/contract/platform`). The words (stages, roles, org kinds, dates)
 * are core's vocabulary; the pieces every area shares are in http/contract-kit.ts.
 */
import { MemberStage, MemberStatus, OrgKind, Sex, UserRole } from "@xianfeng/core"
import { committeeDuties, committeePosts } from "@xianfeng/inspection-scheduling"
import { Schema } from "effect"
import {
  bilingual,
  Count,
  Id,
  IntParam,
  IsoDate,
  OrgIdSchema,
  PageNumber,
  PageSize,
  Seq,
  UuidId,
  Version,
} from "../../http/contract-kit.js"

/** The roles of the system's users (core's `UserRole`). */
export const Role = UserRole
export type Role = UserRole
export { OrgKind, Sex }
/** Where a person stands on the road to membership (core's `MemberStage`). */
export const Stage = MemberStage
export type Stage = MemberStage

// ── auth ────────────────────────────────────────────────────────────────────
export const LoginBody = Schema.Struct({
  username: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(64)),
  password: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(256)),
})
export const SessionUser = Schema.Struct({
  id: Id,
  username: Schema.String,
  displayName: Schema.String,
  role: Role,
  orgId: Schema.String,
  orgName: Schema.String,
})
export type SessionUser = typeof SessionUser.Type
export const SessionView = Schema.Struct({ user: SessionUser, csrfToken: Schema.String })
export type SessionView = typeof SessionView.Type
export const Ok = Schema.Struct({ ok: Schema.Boolean })

export const PasswordChangeBody = Schema.Struct({
  currentPassword: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(256)),
  newPassword: Schema.String.check(Schema.isMinLength(10), Schema.isMaxLength(256)),
})

// ── the second factor (TOTP, RFC 6238) ──
export const MfaCode = Schema.Struct({
  code: Schema.String.check(Schema.isMinLength(6), Schema.isMaxLength(40)).annotate({
    description: "The 6-digit code of the authenticator, or a recovery code (xxxx-xxxx-xxxx-xxxx-xxxx)",
  }),
})
export const MfaVerifyBody = Schema.Struct({
  challenge: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(100)).annotate({
    description: "The `challenge` of the 401 `mfa-required` answer to the password",
  }),
  code: MfaCode.fields.code,
})
export const MfaEnrolment = Schema.Struct({
  uri: Schema.String.annotate({ description: "otpauth://totp/… for an authenticator app; shown once" }),
  secret: Schema.String.annotate({ description: "The same secret, base32, to type in by hand; shown once" }),
})
export type MfaEnrolment = typeof MfaEnrolment.Type
export const MfaStatus = Schema.Struct({
  enabled: Schema.Boolean.annotate({ description: "A confirmed second factor: signing in asks for a code" }),
  pending: Schema.Boolean.annotate({ description: "An enrolment waits for its confirming code" }),
  recoveryCodesLeft: Count,
})
export type MfaStatus = typeof MfaStatus.Type
export const MfaRecoveryCodes = Schema.Struct({
  recoveryCodes: Schema.Array(Schema.String).annotate({
    description: "Single-use codes for when the authenticator is lost; shown once, stored as hashes only",
  }),
})

export const TokenBody = Schema.Struct({
  name: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(100)),
})
export const TokenView = Schema.Struct({
  token: Schema.String.annotate({ description: "Shown once: send as `Authorization: Bearer <token>`" }),
})

// ── organizations ──────────────────────────────────────────────────────────
export const Org = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  kind: OrgKind,
  parentId: Schema.NullOr(Schema.String),
  path: Schema.String,
  childCount: Count,
  memberCount: Count,
  version: Version,
})
export type Org = typeof Org.Type
export const OrgList = Schema.Struct({ items: Schema.Array(Org) })
export type OrgList = typeof OrgList.Type
export const OrgParams = Schema.Struct({ id: OrgIdSchema })
/** Organizations of the subtree by name, wherever they stand in the tree. */
export const OrgSearchQuery = Schema.Struct({
  q: Schema.String.check(
    Schema.isMinLength(1, bilingual("请输入要查找的组织名称", "type part of a name")),
    Schema.isMaxLength(50, bilingual("不能超过50字", "must be at most 50 characters")),
  ),
})
export const OrgHit = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  kind: OrgKind,
  parentId: Schema.NullOr(Schema.String),
  /** The parent's name, to tell two organizations of one name apart. */
  parentName: Schema.NullOr(Schema.String),
  path: Schema.String,
})
export const OrgHits = Schema.Struct({ items: Schema.Array(OrgHit) })
export type OrgHits = typeof OrgHits.Type
export const OrgCreate = Schema.Struct({
  id: OrgIdSchema,
  parentId: OrgIdSchema,
  kind: OrgKind,
  name: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(100)),
  shortName: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(50))),
  temporary: Schema.optionalKey(Schema.Boolean),
})
export type OrgCreate = typeof OrgCreate.Type
export const OrgUpdate = Schema.Struct({
  version: Version,
  name: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(100))),
  shortName: Schema.optionalKey(
    Schema.NullOr(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(50))),
  ),
  /** Moves the organization, with its whole subtree, under another parent. */
  parentId: Schema.optionalKey(OrgIdSchema),
})
export type OrgUpdate = typeof OrgUpdate.Type

// ── members ────────────────────────────────────────────────────────────────
export const MemberQuery = Schema.Struct({
  orgId: Schema.optionalKey(OrgIdSchema),
  q: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(50))),
  stage: Schema.optionalKey(Stage),
  page: Schema.optionalKey(PageNumber),
  pageSize: Schema.optionalKey(PageSize),
})
export type MemberQuery = typeof MemberQuery.Encoded

export const MemberSummary = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  sex: Sex,
  birthDate: IsoDate,
  stage: Stage,
  orgId: Schema.String,
  orgName: Schema.String,
  idNumberMasked: Schema.String,
  phoneMasked: Schema.NullOr(Schema.String),
})
export type MemberSummary = typeof MemberSummary.Type
export const MemberPage = Schema.Struct({
  items: Schema.Array(MemberSummary),
  total: Count,
  page: Count,
  pageSize: Count,
})
export type MemberPage = typeof MemberPage.Type

export const MemberDetail = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  sex: Sex,
  birthDate: IsoDate,
  ethnicity: Schema.String,
  education: Schema.String,
  occupationGroup: Schema.String,
  stage: Stage,
  status: Schema.String,
  orgId: Schema.String,
  orgName: Schema.String,
  idNumberMasked: Schema.String,
  phone: Schema.NullOr(Schema.String),
  appliedOn: Schema.NullOr(IsoDate),
  activistOn: Schema.NullOr(IsoDate),
  developmentObjectOn: Schema.NullOr(IsoDate),
  admittedOn: Schema.NullOr(IsoDate),
  fullMemberOn: Schema.NullOr(IsoDate),
  version: Version,
})
export type MemberDetail = typeof MemberDetail.Type
export const MemberParams = Schema.Struct({ id: UuidId })

export const MemberCreate = Schema.Struct({
  orgId: OrgIdSchema,
  name: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(50)),
  idNumber: Schema.String.annotate({
    description: "18-character resident ID number (GB 11643); sent in the body only",
  }),
  ethnicity: Schema.String.check(
    Schema.isPattern(
      /^\d{2}$/u,
      bilingual(
        "应为两位民族代码（GB/T 3304），如01",
        "must be a two-digit GB/T 3304 ethnicity code, e.g. 01",
      ),
    ),
  ),
  education: Schema.String.check(Schema.isMaxLength(10)),
  occupationGroup: Schema.String.check(Schema.isMaxLength(40)),
  stage: Stage,
  phone: Schema.optionalKey(
    Schema.String.check(
      Schema.isPattern(
        /^[0-9+\- ]{5,20}$/u,
        bilingual("应为5至20位数字（可含+、-、空格）", "must be 5–20 digits (+, - and spaces allowed)"),
      ),
    ),
  ),
  appliedOn: Schema.optionalKey(IsoDate),
})
export type MemberCreate = typeof MemberCreate.Type

export const MemberUpdate = Schema.Struct({
  version: Version,
  name: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(50))),
  ethnicity: Schema.optionalKey(
    Schema.String.check(
      Schema.isPattern(
        /^\d{2}$/u,
        bilingual(
          "应为两位民族代码（GB/T 3304），如01",
          "must be a two-digit GB/T 3304 ethnicity code, e.g. 01",
        ),
      ),
    ),
  ),
  education: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(10))),
  occupationGroup: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(40))),
  phone: Schema.optionalKey(
    Schema.NullOr(
      Schema.String.check(
        Schema.isPattern(
          /^[0-9+\- ]{5,20}$/u,
          bilingual("应为5至20位数字（可含+、-、空格）", "must be 5–20 digits (+, - and spaces allowed)"),
        ),
      ),
    ),
  ),
  status: Schema.optionalKey(MemberStatus.pick(["normal", "suspended"])),
})
export type MemberUpdate = typeof MemberUpdate.Type

export const LookupBody = Schema.Struct({
  idNumber: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(30)).annotate({
    description: "The full ID number, in the body only; matched exactly through a keyed hash",
  }),
})
export const LookupResult = Schema.Struct({ items: Schema.Array(MemberSummary) })

export const RevealBody = Schema.Struct({
  reason: Schema.String.check(Schema.isMinLength(2), Schema.isMaxLength(200)),
})
export const RevealView = Schema.Struct({ idNumber: Schema.String })

export const TransferBody = Schema.Struct({ toOrgId: OrgIdSchema, version: Version })

export const StageCount = Schema.Struct({ stage: Stage, count: Count })
export const StageCounts = Schema.Struct({ items: Schema.Array(StageCount) })
export type StageCounts = typeof StageCounts.Type
export const StatsQuery = Schema.Struct({ orgId: Schema.optionalKey(OrgIdSchema) })

// ── users ──────────────────────────────────────────────────────────────────
export const UserView = Schema.Struct({
  id: Schema.String,
  username: Schema.String,
  displayName: Schema.String,
  role: Role,
  orgId: Schema.String,
  orgName: Schema.String,
  disabled: Schema.Boolean,
})
export type UserView = typeof UserView.Type
export const UserList = Schema.Struct({ items: Schema.Array(UserView) })
export const UserCreate = Schema.Struct({
  username: Schema.String.check(
    Schema.isPattern(
      /^[a-z][a-z0-9_.-]{2,31}$/u,
      bilingual(
        "应为3至32位小写字母、数字或_.-，以字母开头",
        "must be 3–32 lower-case letters, digits or _ . -, starting with a letter",
      ),
    ),
  ).annotate({
    description: "3–32 lower-case letters, digits, _ . -, starting with a letter",
  }),
  displayName: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(50)),
  role: Role,
  orgId: OrgIdSchema,
  password: Schema.String.check(Schema.isMinLength(10), Schema.isMaxLength(256)),
})
export type UserCreate = typeof UserCreate.Type
export const UserUpdate = Schema.Struct({
  displayName: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(50))),
  role: Schema.optionalKey(Role),
  orgId: Schema.optionalKey(OrgIdSchema),
  disabled: Schema.optionalKey(Schema.Boolean),
  password: Schema.optionalKey(Schema.String.check(Schema.isMinLength(10), Schema.isMaxLength(256))),
})
export const UserParams = Schema.Struct({ id: UuidId })

// ── audit log ──────────────────────────────────────────────────────────────
export const AuditQuery = Schema.Struct({
  action: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(60))),
  objectId: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(64))),
  page: Schema.optionalKey(PageNumber),
  pageSize: Schema.optionalKey(PageSize),
})
export const AuditEntryView = Schema.Struct({
  seq: Seq,
  at: Schema.String.annotate({ description: "UTC instant, ISO 8601" }),
  actor: Schema.NullOr(Schema.String),
  actorRole: Schema.NullOr(Schema.String),
  action: Schema.String,
  objectType: Schema.NullOr(Schema.String),
  objectId: Schema.NullOr(Schema.String),
  result: Schema.String,
  details: Schema.Record(Schema.String, Schema.Unknown),
})
export const AuditPage = Schema.Struct({
  items: Schema.Array(AuditEntryView),
  total: Count,
  page: Count,
  pageSize: Count,
})
export type AuditPage = typeof AuditPage.Type
export const AuditVerification = Schema.Struct({
  ok: Schema.Boolean,
  rows: Count,
  brokenAt: Schema.NullOr(Seq),
  reason: Schema.NullOr(Schema.String),
})

// ── security events ────────────────────────────────────────────────────────
export const RefusalQuery = Schema.Struct({
  hours: Schema.optionalKey(IntParam(1, 24 * 90)),
  atLeast: Schema.optionalKey(IntParam(1, 100_000)),
})
export const RefusalView = Schema.Struct({
  kind: Schema.Literals(["scope", "role", "csrf", "sign-in"]),
  username: Schema.NullOr(Schema.String),
  userId: Schema.NullOr(Schema.String),
  ip: Schema.NullOr(Schema.String),
  minute: Schema.String.annotate({ description: "Start of the minute, UTC instant, ISO 8601" }),
  count: Count,
})
export type RefusalView = typeof RefusalView.Type
export const RefusalList = Schema.Struct({ items: Schema.Array(RefusalView) })
export type RefusalList = typeof RefusalList.Type

// ── 支部委员会: an organization's committee posts ─────────────────────────────
/** A post of a branch committee (书记 001A, 副书记 001B, 委员) — `@xianfeng/inspection-scheduling`'s `committeePosts`. */
export const CommitteePostSchema = Schema.Literals(committeePosts)
/** 委员分工 (C11: 组织委员 030U, 宣传委员 031U, 纪检委员 034U, …), for a 委员 only. */
export const CommitteeDutySchema = Schema.Literals(committeeDuties)
export const CommitteeSeat = Schema.Struct({
  memberId: Schema.String,
  name: Schema.String,
  post: CommitteePostSchema,
  duty: Schema.NullOr(CommitteeDutySchema),
  since: IsoDate,
})
export const CommitteeView = Schema.Struct({ items: Schema.Array(CommitteeSeat) })
export type CommitteeView = typeof CommitteeView.Type
export const CommitteeBody = Schema.Struct({
  posts: Schema.Array(
    Schema.Struct({
      memberId: UuidId,
      // Any string here: an unknown post or duty is refused by the rules with 422 naming the field.
      post: Schema.String.annotate({ description: `One of ${committeePosts.join(", ")}` }),
      duty: Schema.optionalKey(
        Schema.NullOr(Schema.String.annotate({ description: `One of ${committeeDuties.join(", ")}` })),
      ),
      since: Schema.optionalKey(IsoDate),
    }),
  ).check(Schema.isMaxLength(15)),
})
export type CommitteeBody = typeof CommitteeBody.Type
