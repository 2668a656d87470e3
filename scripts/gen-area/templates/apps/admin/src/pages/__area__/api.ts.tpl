import type { __AreaPascal__RecordPage, __AreaPascal__RecordView } from "@xianfeng/api/contract/__area__"
import { api } from "../../api/client"

/** The __titleEn__ endpoints (`/api/__area__/*`); pages call them through TanStack Query. */
export const __areaCamel__Api = {
  records: (query: { readonly orgId?: string | undefined; readonly page: number; readonly pageSize: number }) =>
    api.get<__AreaPascal__RecordPage>("/__area__/records", query),
  create: (body: { orgId: string; title: string; onDate: string; note?: string }) =>
    api.post<__AreaPascal__RecordView>("/__area__/records", body),
}
