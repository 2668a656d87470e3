import type { CareRecordPage, CareRecordView } from "@xianfeng/api/contract/care"
import { api } from "../../api/client"

/** The Care endpoints (`/api/care/*`); pages call them through TanStack Query. */
export const careApi = {
  records: (query: {
    readonly orgId?: string | undefined
    readonly page: number
    readonly pageSize: number
  }) => api.get<CareRecordPage>("/care/records", query),
  create: (body: { orgId: string; title: string; onDate: string; note?: string }) =>
    api.post<CareRecordView>("/care/records", body),
}
