import type { DisciplineRecordPage, DisciplineRecordView } from "@xianfeng/api/contract/discipline"
import { api } from "../../api/client"

/** The Organizational life and inspections endpoints (`/api/discipline/*`); pages call them through TanStack Query. */
export const disciplineApi = {
  records: (query: {
    readonly orgId?: string | undefined
    readonly page: number
    readonly pageSize: number
  }) => api.get<DisciplineRecordPage>("/discipline/records", query),
  create: (body: { orgId: string; title: string; onDate: string; note?: string }) =>
    api.post<DisciplineRecordView>("/discipline/records", body),
}
