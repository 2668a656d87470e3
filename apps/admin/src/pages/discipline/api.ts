import type {
  ComplianceView,
  DrawList,
  DrawView,
  HeatmapView,
  MeetingBody,
  MeetingList,
  MeetingView,
  OrderList,
  OrderView,
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
  compliance: (orgId: string, year?: number) =>
    api.get<ComplianceView>("/discipline/compliance", { orgId, year }),
  heatmap: (query: { readonly orgId?: string | undefined; readonly year?: number | undefined }) =>
    api.get<HeatmapView>("/discipline/heatmap", query),
  previewDraw: (body: DrawForm) => api.post<DrawView>("/discipline/draws/preview", body),
  publishDraw: (body: DrawForm) => api.post<DrawView>("/discipline/draws", body),
  draws: () => api.get<DrawList>("/discipline/draws"),
  orders: () => api.get<OrderList>("/discipline/orders"),
  submitEvidence: (id: string, body: { text: string; version: number }) =>
    api.post<OrderView>(`/discipline/orders/${id}/evidence`, body),
  verify: (id: string, body: { accept: boolean; reason?: string; version: number }) =>
    api.post<OrderView>(`/discipline/orders/${id}/verify`, body),
  escalate: (id: string, body: { version: number }) =>
    api.post<OrderView>(`/discipline/orders/${id}/escalate`, body),
}
