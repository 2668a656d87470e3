import type { ImportResultView } from "@xianfeng/api/contract/transfer"
import { api, sendWithProgress } from "../../api/client"

export type ImportKind = "orgs" | "members" | "development"

export interface ImportKindInfo {
  readonly kind: ImportKind
  readonly label: string
  readonly fields: readonly { key: string; label: string; required: boolean }[]
}

export interface Upload {
  readonly fileName: string
  /** The file's bytes as base64. */
  readonly content: string
  readonly mapping?: Record<string, string>
}

/** Reads a chosen file as base64 (without the data: prefix). */
export const base64Of = (file: File): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onerror = () => reject(reader.error)
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""))
    reader.readAsDataURL(file)
  })

/** The import endpoints (`/api/import/*`). */
export const transferApi = {
  kinds: () => api.get<ImportKindInfo[]>("/import/kinds"),
  check: (kind: ImportKind, upload: Upload, onProgress?: (share: number) => void) =>
    sendWithProgress<ImportResultView>(
      "POST",
      `/import/${kind}/check`,
      upload,
      onProgress ? { onProgress } : {},
    ),
  confirm: (kind: ImportKind, upload: Upload, onProgress?: (share: number) => void) =>
    sendWithProgress<ImportResultView>("POST", `/import/${kind}`, upload, onProgress ? { onProgress } : {}),
  /** Downloads the row-level error report and saves it; answers the file name. */
  report: async (kind: ImportKind, upload: Upload): Promise<string> => {
    const { value, fileName } = await sendWithProgress<Blob>("POST", `/import/${kind}/report`, upload, {
      as: "blob",
    })
    const name = fileName ?? "import-errors.xlsx"
    const url = URL.createObjectURL(value)
    const a = document.createElement("a")
    a.href = url
    a.download = name
    document.body.append(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
    return name
  },
}

export interface CalendarYear {
  readonly year: number
  readonly notice: string
  readonly holidays: Record<string, string>
  readonly makeUpWorkdays: readonly string[]
}

/** The working-calendar endpoints (`/api/calendar/years`). */
export const calendarApi = {
  years: () => api.get<CalendarYear[]>("/calendar/years"),
  save: (year: number, body: Omit<CalendarYear, "year">) =>
    api.put<CalendarYear>(`/calendar/years/${year}`, body),
}
