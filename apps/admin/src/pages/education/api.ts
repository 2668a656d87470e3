import type { EducationRecordPage, EducationRecordView } from "@xianfeng/api/contract/education"
import { api } from "../../api/client"

/** The Education and training endpoints (`/api/education/*`); pages call them through TanStack Query. */
export const educationApi = {
  records: (query: {
    readonly orgId?: string | undefined
    readonly page: number
    readonly pageSize: number
  }) => api.get<EducationRecordPage>("/education/records", query),
  create: (body: { orgId: string; title: string; onDate: string; note?: string }) =>
    api.post<EducationRecordView>("/education/records", body),
}
