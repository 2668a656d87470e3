import { api } from "./client"
import type {
  CommitteeBody,
  CommitteeView,
  MemberDetail,
  MemberPage,
  MemberUpdate,
  MfaEnrolment,
  MfaStatus,
  NewUser,
  Org,
  OrgCreate,
  OrgHits,
  OrgUpdate,
  RefusalList,
  Session,
  Stage,
  StageCounts,
  UserRow,
} from "./types"

// One function per endpoint; pages call these through TanStack Query and never build URLs by hand.

export interface MemberFilter {
  readonly orgId?: string | undefined
  readonly q?: string | undefined
  readonly stage?: Stage | undefined
  readonly page: number
  readonly pageSize: number
}

const id = encodeURIComponent

export const endpoints = {
  login: (username: string, password: string) => api.post<Session>("/auth/login", { username, password }),
  /** The second step of signing in: the challenge of the 401 `mfa-required` answer and a code. */
  verifyMfa: (challenge: string, code: string) => api.post<Session>("/auth/mfa/verify", { challenge, code }),
  mfaStatus: () => api.get<MfaStatus>("/auth/mfa"),
  enrollMfa: () => api.post<MfaEnrolment>("/auth/mfa/enroll"),
  confirmMfa: (code: string) => api.post<{ recoveryCodes: string[] }>("/auth/mfa/confirm", { code }),
  disableMfa: (code: string) => api.post<{ ok: true }>("/auth/mfa/disable", { code }),
  regenerateRecoveryCodes: (code: string) =>
    api.post<{ recoveryCodes: string[] }>("/auth/mfa/recovery-codes", { code }),
  refusals: (hours: number, atLeast: number) =>
    api.get<RefusalList>("/security/refusals", { hours, atLeast }),
  me: () => api.get<Session>("/auth/me"),
  /** The session, or null when nobody is signed in (200 either way: the sign-in page logs no failed request). */
  session: () => api.get<Session | null>("/auth/session"),
  logout: () => api.post<unknown>("/auth/logout"),

  rootOrg: () => api.get<Org>("/orgs/root"),
  org: (orgId: string) => api.get<Org>(`/orgs/${id(orgId)}`),
  orgChildren: (orgId: string) => api.get<{ items: Org[] }>(`/orgs/${id(orgId)}/children`),
  /** Organizations of the scope whose name contains `q`, wherever they stand in the tree. */
  searchOrgs: (q: string) => api.get<OrgHits>("/orgs", { q }),
  createOrg: (o: OrgCreate) => api.post<Org>("/orgs", o),
  updateOrg: (orgId: string, update: OrgUpdate) => api.patch<Org>(`/orgs/${id(orgId)}`, update),
  /** 支部委员会: who holds 书记, 副书记 and 委员 in an organization. */
  committee: (orgId: string) => api.get<CommitteeView>(`/orgs/${id(orgId)}/committee`),
  setCommittee: (orgId: string, body: CommitteeBody) =>
    api.put<CommitteeView>(`/orgs/${id(orgId)}/committee`, body),

  members: (f: MemberFilter) =>
    api.get<MemberPage>("/members", {
      orgId: f.orgId,
      q: f.q,
      stage: f.stage,
      page: f.page,
      pageSize: f.pageSize,
    }),
  member: (memberId: string) => api.get<MemberDetail>(`/members/${id(memberId)}`),
  updateMember: (memberId: string, update: MemberUpdate) =>
    api.patch<MemberDetail>(`/members/${id(memberId)}`, update),
  revealId: (memberId: string, reason: string) =>
    api.post<{ idNumber: string }>(`/members/${id(memberId)}/reveal-id`, { reason }),

  users: () => api.get<{ items: UserRow[] }>("/users"),
  createUser: (u: NewUser) => api.post<UserRow>("/users", u),
  updateUser: (
    userId: string,
    patch: Partial<Pick<UserRow, "displayName" | "role" | "orgId" | "disabled">> & { password?: string },
  ) => api.patch<UserRow>(`/users/${id(userId)}`, patch),

  /** The member list with its filter as .xlsx (党员名册), relative to /api, for `download`. */
  membersExportPath: (f: Omit<MemberFilter, "page" | "pageSize">) => {
    const q = new URLSearchParams()
    if (f.orgId) q.set("orgId", f.orgId)
    if (f.stage) q.set("stage", f.stage)
    if (f.q) q.set("q", f.q)
    const s = q.toString()
    return s ? `/members/export.xlsx?${s}` : "/members/export.xlsx"
  },
  /** Members by stage in `orgId`'s subtree; without it, in the caller's whole scope. */
  membersByStage: (orgId?: string) => api.get<StageCounts>("/stats/members-by-stage", { orgId }),
}
