import type {
  ComplianceView,
  DrawList,
  DrawView,
  FindingBody,
  FindingList,
  FindingView,
  HeatmapView,
  MeetingBody,
  MeetingEditBody,
  MeetingList,
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
  updateMeeting: (id: string, body: MeetingEditBody) =>
    api.put<MeetingView>(`/discipline/meetings/${id}`, body),
  compliance: (orgId: string, year?: number) =>
    api.get<ComplianceView>("/discipline/compliance", { orgId, year }),
  heatmap: (query: { readonly orgId?: string | undefined; readonly year?: number | undefined }) =>
    api.get<HeatmapView>("/discipline/heatmap", query),
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
