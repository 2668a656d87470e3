import type ExcelJS from "exceljs"
import { XLSX_MEDIA_TYPE } from "./file-response.js"

/** attachment; an ASCII fallback name, and the real (Chinese) one per RFC 5987/6266. */
export const contentDisposition = (name: string, ascii: string) =>
  `attachment; filename="${ascii.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`

/** The workbook as a download named `name` (`ascii` for clients that cannot read the UTF-8 name), never cached. */
export const xlsxResponse = async (wb: ExcelJS.Workbook, name: string, ascii: string): Promise<Response> =>
  new Response(new Uint8Array(await wb.xlsx.writeBuffer()), {
    headers: {
      "content-type": XLSX_MEDIA_TYPE,
      "content-disposition": contentDisposition(name, ascii),
      "cache-control": "no-store",
    },
  })

/** A bold, frozen header row with these titles and column widths (characters). */
export const xlsxHeader = (ws: ExcelJS.Worksheet, titles: readonly string[], widths: readonly number[]) => {
  ws.columns = titles.map((t, i) => ({ header: t, width: widths[i] ?? 14 }))
  ws.getRow(1).font = { bold: true }
  ws.views = [{ state: "frozen", ySplit: 1 }]
}

/** A civil date (YYYY-MM-DD) as an Excel date cell: midnight UTC, which exceljs writes as the day's serial. */
export const excelDate = (iso: string | null | undefined): Date | string => {
  if (!iso) return ""
  const [y, m, d] = iso.split("-").map(Number)
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1))
}

/** How date cells show: the ledger's 2026-03-01. */
export const DATE_FORMAT = "yyyy-mm-dd"

/**
 * A code's label, or the code itself when the table has none. Own keys only: a stored education of
 * `__proto__` or `constructor` is a code no table knows, not the object's prototype or its constructor.
 */
export const labelOf = (table: Readonly<Record<string, string>>, code: string): string =>
  Object.hasOwn(table, code) ? (table[code] as string) : code
