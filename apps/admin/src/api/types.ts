// The API's request and response types come from its contract (one effect Schema per shape).
// `import type` only: the admin bundle never pulls effect, only the types.
import type {
  CommitteeBody,
  CommitteeView,
  MemberDetail,
  MemberPage,
  MemberSummary,
  MemberUpdate,
  MfaEnrolment,
  MfaStatus,
  Org,
  OrgCreate,
  OrgHits,
  OrgUpdate,
  RefusalList,
  RefusalView,
  Role,
  SessionUser,
  SessionView,
  Stage,
  StageCounts,
  UserCreate,
  UserView,
} from "@xianfeng/api/contract/platform"

export type {
  CommitteeBody,
  CommitteeView,
  MemberDetail,
  MemberPage,
  MemberSummary,
  MemberUpdate,
  MfaEnrolment,
  MfaStatus,
  Org,
  OrgCreate,
  OrgHits,
  OrgUpdate,
  RefusalList,
  RefusalView as Refusal,
  Role,
  SessionUser,
  SessionView as Session,
  Stage,
  StageCounts,
  UserCreate as NewUser,
  UserView as UserRow,
}

/**
 * A list of every value of `T`, checked when the admin compiles: a value core's vocabulary adds and the list
 * lacks is a type error. The lists stay here, not imported from `@xianfeng/core`, so the first page's bundle
 * does not carry effect.
 */
const everyOf =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : never)): L =>
    list

/** Role ids in the order the admin lists them (core's `userRoles`). */
export const roles = everyOf<Role>()([
  "district-admin",
  "committee-officer",
  "branch-secretary",
  "auditor",
  "system-admin",
  "security-admin",
  "audit-admin",
  "member",
])

/** 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员, in the order of the process (core's `memberStages`). */
export const stages = everyOf<Stage>()([
  "applicant",
  "activist",
  "development-object",
  "probationary",
  "full",
])

/** Roles that may change member records (the API's `permissions.writeMembers`). */
export const mayWriteMembers = (role: Role): boolean => role !== "auditor" && role !== "member"

/** Roles that may see a member's full ID number (the API checks the same and audits every look). */
export const mayRevealIdNumber = (role: Role): boolean =>
  role === "district-admin" || role === "committee-officer"

/** Roles that may create, rename and move organizations (the API answers 403 to anyone else). */
export const mayManageOrgs = (role: Role): boolean =>
  role === "district-admin" || role === "committee-officer"

/** Roles that may record an organization's committee posts (the API's `manageCommittee`): a branch secretary for their own branch. */
export const mayManageCommittee = (role: Role): boolean =>
  role === "district-admin" || role === "committee-officer" || role === "branch-secretary"
