import type { AppraisalRecordPage, AppraisalRecordView } from "@xianfeng/api/contract/appraisal"
import { api } from "../../api/client"

/** The Appraisal endpoints (`/api/appraisal/*`); pages call them through TanStack Query. */
export const appraisalApi = {
  records: (query: {
    readonly orgId?: string | undefined
    readonly page: number
    readonly pageSize: number
  }) => api.get<AppraisalRecordPage>("/appraisal/records", query),
  create: (body: { orgId: string; title: string; onDate: string; note?: string }) =>
    api.post<AppraisalRecordView>("/appraisal/records", body),
}
