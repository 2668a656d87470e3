import type {
  ComplianceView,
  DisciplineOverview,
  DrawList,
  DrawView,
  FindingBody,
  FindingList,
  FindingView,
  HeatmapView,
  MeetingBody,
  MeetingEditBody,
  MeetingList,
  MeetingRollView,
  MeetingView,
  OrderList,
  OrderView,
  RecheckList,
  StandingView,
  TalkBody,
  TalkList,
  TalkView,
} from "@xianfeng/api/contract/discipline"
import { api } from "../../api/client"
import { ProblemError, toProblem } from "../../api/problem"
import { buildQuery } from "../../api/query"

export interface DrawForm {
  readonly title: string
  readonly seed: string
  readonly size: number
  readonly stratify: boolean
}

/** The Organizational life and inspections endpoints (`/api/discipline/*`); pages call them through TanStack Query. */
export const disciplineApi = {
  meetings: (orgId: string, year?: number) => api.get<MeetingList>("/discipline/meetings", { orgId, year }),
  recordMeeting: (body: MeetingBody) => api.post<MeetingView>("/discipline/meetings", body),
  /** Whom a sitting of `types` expects (a committee meeting: the committee's members). */
  roll: (orgId: string, types: readonly string[]) =>
    api.get<MeetingRollView>("/discipline/meetings/roll", { orgId, types: types.join(",") }),
  updateMeeting: (id: string, body: MeetingEditBody) =>
    api.put<MeetingView>(`/discipline/meetings/${id}`, body),
  compliance: (orgId: string, year?: number) =>
    api.get<ComplianceView>("/discipline/compliance", { orgId, year }),
  overview: () => api.get<DisciplineOverview>("/discipline/overview"),
  heatmap: (query: {
    readonly orgId?: string | undefined
    readonly year?: number | undefined
    readonly page?: number | undefined
    readonly pageSize?: number | undefined
  }) => api.get<HeatmapView>("/discipline/heatmap", query),
  previewDraw: (body: DrawForm) => api.post<DrawView>("/discipline/draws/preview", body),
  publishDraw: (body: DrawForm) => api.post<DrawView>("/discipline/draws", body),
  draws: () => api.get<DrawList>("/discipline/draws"),
  orders: (query: { readonly followedBy?: string | undefined } = {}) =>
    api.get<OrderList>("/discipline/orders", query),
  findings: () => api.get<FindingList>("/discipline/findings"),
  recordFinding: (body: FindingBody) => api.post<FindingView>("/discipline/findings", body),
  standing: (orgId: string) => api.get<StandingView>("/discipline/standing", { orgId }),
  talks: (orgId: string, year?: number) => api.get<TalkList>("/discipline/talks", { orgId, year }),
  recordTalk: (body: TalkBody) => api.post<TalkView>("/discipline/talks", body),
  recheck: (orgId: string) => api.get<RecheckList>("/discipline/recheck", { orgId }),
  issueOrder: (body: { findingId: string; owner: string }) => api.post<OrderView>("/discipline/orders", body),
  submitEvidence: (id: string, body: { text: string; version: number }) =>
    api.post<OrderView>(`/discipline/orders/${id}/evidence`, body),
  verify: (id: string, body: { accept: boolean; reason?: string; version: number }) =>
    api.post<OrderView>(`/discipline/orders/${id}/verify`, body),
  escalate: (id: string, body: { version: number }) =>
    api.post<OrderView>(`/discipline/orders/${id}/escalate`, body),
}

/** The area's ledgers (`/api/discipline/*.xlsx`), as paths under `/api`. */
export const ledgerUrls = {
  ledger: (orgId: string, year: number | undefined) =>
    `/discipline/ledger.xlsx${buildQuery({ orgId, year })}`,
  inspections: (quarter: string) => `/discipline/inspections.xlsx${buildQuery({ quarter })}`,
  rectification: () => "/discipline/rectification.xlsx",
}

const nameFrom = (disposition: string | null, fallback: string): string => {
  const star = disposition ? /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] : undefined
  try {
    return star ? decodeURIComponent(star) : fallback
  } catch {
    return fallback
  }
}

/**
 * Downloads a workbook the API builds (same origin, the session cookie) through a blob link, so a refusal
 * shows as a message instead of a broken file. Answers the file's name.
 */
export const downloadLedger = async (path: string, locale: string, fallbackName: string): Promise<string> => {
  const res = await fetch(`/api${path}`, {
    credentials: "same-origin",
    headers: { "accept-language": locale },
  })
  if (!res.ok) {
    const body: unknown = await res.json().catch(() => undefined)
    throw new ProblemError(toProblem(res.status, res.statusText, body))
  }
  const url = URL.createObjectURL(await res.blob())
  const name = nameFrom(res.headers.get("content-disposition"), fallbackName)
  const a = document.createElement("a")
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return name
}

/** The dashboard panel's read: the overview of the caller's scope. */
export const overviewQuery = () => ({
  queryKey: ["discipline", "overview"] as const,
  queryFn: () => disciplineApi.overview(),
})
