import type {
  CycleDetail,
  CycleSummary,
  IssuedCodes,
  MyRecord,
  ResultsView,
  SecretaryList,
  SecretaryView,
  ViewersView,
} from "@xianfeng/api/contract/appraisal"
import { api } from "../../api/client"

export type {
  CaseView,
  CycleDetail,
  CycleSummary,
  IssuedCodes,
  MyRecord,
  ResultsView,
  SecretaryList,
  SecretaryView,
  ViewersView,
}

import type { CaseView } from "@xianfeng/api/contract/appraisal"

type Grades = { memberId: string; grade: string; reason?: string }[]

/** The Appraisal endpoints (`/api/appraisal/*`); pages call them through TanStack Query. */
export const appraisalApi = {
  cycles: (q: { orgId?: string | undefined; year?: number | undefined }) =>
    api.get<{ items: CycleSummary[] }>("/appraisal/cycles", q),
  open: (body: { orgId: string; year: number }) => api.post<CycleSummary>("/appraisal/cycles", body),
  cycle: (id: string) => api.get<CycleDetail>(`/appraisal/cycles/${id}`),
  propose: (id: string, grades: Grades) =>
    api.post<CycleDetail>(`/appraisal/cycles/${id}/propose`, { grades }),
  confirm: (id: string, grades: Grades) =>
    api.post<CycleDetail>(`/appraisal/cycles/${id}/confirm`, { grades }),
  recusals: (id: string, memberId: string, recusals: readonly string[]) =>
    api.post<CycleDetail>(`/appraisal/cycles/${id}/recusals`, { memberId, recusals }),
  results: (q: { orgId?: string | undefined; year?: number | undefined }) =>
    api.get<ResultsView>("/appraisal/results", q),
  resultsXlsx: (year: number) => `/api/appraisal/results.xlsx?year=${year}`,
  cases: (q: { orgId?: string | undefined }) => api.get<{ items: CaseView[] }>("/appraisal/cases", q),
  step: (
    id: string,
    body: { step: string; decidedOn: string; meetingId: string; dueBy?: string; helpMeasures?: string },
  ) => api.post<CaseView>(`/appraisal/cases/${id}/steps`, body),
  secretaries: (q: { year?: number | undefined }) => api.get<SecretaryList>("/appraisal/secretaries", q),
  prefill: (orgId: string, year: number) =>
    api.get<{ indicators: SecretaryView["indicators"]; notRecorded: string[]; basis: string[] }>(
      "/appraisal/secretaries/prefill",
      { orgId, year },
    ),
  saveSecretary: (body: unknown) => api.put<SecretaryView>("/appraisal/secretaries", body),
  secretariesXlsx: (year: number) => `/api/appraisal/secretaries.xlsx?year=${year}`,
  issue: (orgId: string) => api.post<IssuedCodes>("/appraisal/accounts", { orgId }),
  activate: (code: string, password: string) =>
    api.post<{ username: string }>("/appraisal/activate", { code, password }),
  me: () => api.get<MyRecord>("/appraisal/me"),
  self: (cycleId: string, grade: string, text: string) =>
    api.post<{ ok: boolean }>("/appraisal/me/self", { cycleId, grade, text }),
  rate: (cycleId: string, rateeId: string, grade: string) =>
    api.post<{ ok: boolean }>("/appraisal/me/ratings", { cycleId, rateeId, grade }),
  viewers: () => api.get<ViewersView>("/appraisal/me/viewers"),
}

/** The dashboard panel's read: this year's cycles of the caller's subtree (the year of the user's clock). */
export const cyclesThisYearQuery = () => {
  const year = new Date().getFullYear()
  return {
    queryKey: ["appraisal", "cycles", undefined, year] as const,
    queryFn: () => appraisalApi.cycles({ year }),
  }
}
