import type {
  ArrearsView,
  CalendarView,
  CampaignView,
  CommendationResultList,
  DashboardView,
  DuesSheetView,
  LedgerView,
  MedalView,
  NominationView,
  SurveyView,
  VisitPlanSummary,
  VisitPlanView,
  VisitRecordedView,
} from "@xianfeng/api/contract/care"
import { api } from "../../api/client"
import { ProblemError, toProblem } from "../../api/problem"
import { buildQuery } from "../../api/query"

type Org = { readonly orgId?: string | undefined }

/** The Care endpoints (`/api/care/*`); pages call them through TanStack Query. */
export const careApi = {
  dashboard: () => api.get<DashboardView>("/care/dashboard"),
  duesSheet: (q: Org & { year: number; page: number; pageSize: number }) =>
    api.get<DuesSheetView>("/care/dues/sheet", q),
  arrears: (q: Org & { year: number; page: number; pageSize: number }) =>
    api.get<ArrearsView>("/care/dues/arrears", q),
  pay: (body: { memberId: string; month: string; amountFen: number; paidOn?: string }) =>
    api.post<unknown>("/care/dues/payments", body),
  ledger: (q: Org & { asOf?: string | undefined }) => api.get<LedgerView>("/care/ledger", q),
  ledgerHistory: (entryId: string) =>
    api.get<{
      items: { seq: number; kind: string; onDate: string; reason: string; detail: string | null }[]
    }>(`/care/ledger/${entryId}/events`),
  ledgerEvent: (body: {
    entryId?: string
    orgId: string
    memberId?: string
    personName?: string
    kind: "opened" | "changed" | "confirmed" | "closed"
    category?: string
    onDate: string
    reason: string
    detail?: string
    surveyId?: string
  }) => api.post<unknown>("/care/ledger/events", body),
  surveys: () => api.get<{ items: SurveyView[] }>("/care/surveys"),
  confirmSurvey: (id: string, orgId: string) =>
    api.post<SurveyView>(`/care/surveys/${id}/branches/${encodeURIComponent(orgId)}/confirm`, {}),
  plans: () => api.get<{ items: VisitPlanSummary[] }>("/care/visit-plans"),
  /** A plan and one page of its targets; `visited` false: only those still to visit, true: only those visited. */
  plan: (id: string, q: { page: number; pageSize: number; visited?: boolean | undefined }) =>
    api.get<VisitPlanView>(`/care/visit-plans/${id}`, q),
  recordVisit: (
    id: string,
    body: { targetId: string; visitedOn: string; visitors: string[]; help?: string; amountFen: number },
  ) => api.post<VisitRecordedView>(`/care/visit-plans/${id}/visits`, body),
  calendar: (month: string) => api.get<CalendarView>("/care/calendar", { month }),
  campaigns: () => api.get<{ items: CampaignView[] }>("/care/campaigns"),
  nominations: (id: string) => api.get<{ items: NominationView[] }>(`/care/campaigns/${id}/nominations`),
  medal: (q: Org & { year: number }) => api.get<MedalView>("/care/medal", q),
  results: (q: Org & { year?: number | undefined }) =>
    api.get<CommendationResultList>("/care/commendations/results", q),
  startSurvey: (body: { orgId: string; year: number; title: string; startsOn: string; deadline: string }) =>
    api.post<SurveyView>("/care/surveys", body),
  createPlan: (body: {
    orgId: string
    festival: VisitPlanSummary["festival"]
    year: number
    title: string
    festivalOn?: string
    budgetFen: number
    fundSource?: string
    leaders?: Record<string, string>
  }) => api.post<VisitPlanView>("/care/visit-plans", body),
  assess: (body: { memberId: string; year: number; category: string; baseFen: number }) =>
    api.post<{ monthlyFen: number; basisPoints: number }>("/care/dues/assessments", body),
  reduce: (body: {
    memberId: string
    fromMonth: string
    toMonth: string
    monthlyFen: number
    approvalRef: string
  }) => api.post<unknown>("/care/dues/reductions", body),
  awardMedal: (body: { memberId: string; year: number; awardedOn?: string }) =>
    api.post<unknown>("/care/medal/awards", body),
  startCampaign: (body: { orgId: string; year: number; title: string }) =>
    api.post<CampaignView>("/care/campaigns", body),
  nominate: (
    id: string,
    body: {
      orgId: string
      title: NominationView["title"]
      memberId?: string
      grades?: Record<string, string>
      partyWorkYears?: number
      deeds?: string
    },
  ) => api.post<NominationView>(`/care/campaigns/${id}/nominations`, body),
  moveNomination: (id: string, body: { stage: NominationView["stage"]; version: number }) =>
    api.post<NominationView>(`/care/nominations/${id}/stage`, body),
  startNotice: (id: string, body: { startsOn: string }) =>
    api.post<CampaignView>(`/care/campaigns/${id}/notice`, body),
}

/** Export paths; the sensitive ones carry the reason, which the API audits. */
export const careExports = {
  dues: (year: number, reason: string, orgId?: string) =>
    `/care/dues/sheet.xlsx${buildQuery({ year, reason, orgId })}`,
  ledger: (reason: string, asOf?: string, orgId?: string) =>
    `/care/ledger.xlsx${buildQuery({ reason, asOf, orgId })}`,
  plan: (id: string) => `/care/visit-plans/${id}/export.xlsx`,
  /** Public (公示) results: no reason asked. */
  results: (year?: number) => `/care/commendations/results.xlsx${buildQuery({ year })}`,
}

const fileNameOf = (disposition: string | null, fallback: string): string => {
  const star = disposition === null ? null : /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1])
    } catch {
      return fallback
    }
  }
  return fallback
}

/** Downloads a workbook the API builds; a refusal comes back as the API's problem. */
export const download = async (path: string, locale: string, fallback: string): Promise<string> => {
  const res = await fetch(`/api${path}`, {
    credentials: "same-origin",
    headers: { "accept-language": locale },
  })
  if (!res.ok) {
    let body: unknown
    try {
      body = await res.json()
    } catch {
      body = undefined
    }
    throw new ProblemError(toProblem(res.status, res.statusText, body))
  }
  const name = fileNameOf(res.headers.get("content-disposition"), fallback)
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement("a")
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return name
}

/** Fen as yuan with two decimals: 150000 → 1,500.00. */
export const yuan = (fen: number): string =>
  (fen / 100).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 })

/** The dashboard panel's read: the care figures of the caller's scope. */
export const careDashboardQuery = () => ({
  queryKey: ["care", "dashboard"] as const,
  queryFn: careApi.dashboard,
})
