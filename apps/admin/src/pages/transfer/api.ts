import type { ImportResultView } from "@xianfeng/api/contract/transfer"
import { api, sendWithProgress } from "../../api/client"
import { ProblemError, toProblem } from "../../api/problem"

export type ImportKind = ImportResultView["check"]["kind"]

/** Where the server's work stands (a progress line of `/api/import/:kind/stream`). */
export interface ServerProgress {
  readonly phase: "read" | "check" | "write"
  readonly done: number
  readonly total: number
}

type StreamLine =
  | ({ readonly type: "progress" } & ServerProgress)
  | { readonly type: "result"; readonly status: number; readonly body: unknown }

const linesOf = (text: string): StreamLine[] =>
  text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as StreamLine]
      } catch {
        return [] // a line still arriving
      }
    })

/**
 * Runs an import (or, with `check`, its check) through the streamed endpoint: `onUpload` follows the upload
 * (0–1), `onServer` each progress line of the server's work; answers the result, or throws the problem (422
 * when the file was refused and nothing written).
 */
const streamed = async (
  kind: ImportKind,
  upload: Upload,
  check: boolean,
  onUpload: (share: number) => void,
  onServer: (p: ServerProgress) => void,
): Promise<{ value: ImportResultView }> => {
  let seen = 0
  const follow = (text: string) => {
    const complete = text.slice(0, text.lastIndexOf("\n") + 1)
    const lines = linesOf(complete)
    for (const l of lines.slice(seen)) if (l.type === "progress") onServer(l)
    seen = lines.length
  }
  const { value } = await sendWithProgress<string>(
    "POST",
    `/import/${kind}/stream${check ? "?check=true" : ""}`,
    upload,
    { as: "text", onProgress: onUpload, onText: follow },
  )
  follow(value.endsWith("\n") ? value : `${value}\n`)
  const last = linesOf(value).at(-1)
  if (last === undefined || last.type !== "result")
    throw new ProblemError(toProblem(0, "The answer ended early", undefined))
  if (last.status >= 400) throw new ProblemError(toProblem(last.status, "", last.body))
  return { value: last.body as ImportResultView }
}

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
  /** The check with the server's progress (`/api/import/:kind/stream?check=true`). */
  checkStreamed: (
    kind: ImportKind,
    upload: Upload,
    onUpload: (share: number) => void,
    onServer: (p: ServerProgress) => void,
  ) => streamed(kind, upload, true, onUpload, onServer),
  /** The import with the server's progress (`/api/import/:kind/stream`). */
  confirmStreamed: (
    kind: ImportKind,
    upload: Upload,
    onUpload: (share: number) => void,
    onServer: (p: ServerProgress) => void,
  ) => streamed(kind, upload, false, onUpload, onServer),
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
