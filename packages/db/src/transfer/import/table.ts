import type { PlainDate } from "@xianfeng/core"
import ExcelJS from "exceljs"
import iconv from "iconv-lite"
import { Temporal } from "temporal-polyfill"

/**
 * A cell as the import reads it: text, a number (an Excel serial stays a number until a date field reads
 * it), a real date cell of the sheet, or nothing.
 */
export type Cell = string | number | PlainDate | null

/** An uploaded sheet: its header row and the data rows below it, with their row numbers in the sheet. */
export interface Table {
  readonly headers: readonly string[]
  readonly rows: readonly { readonly sheetRow: number; readonly cells: readonly Cell[] }[]
}

/** Why an upload could not be read at all. */
export class UnreadableFile extends Error {
  override readonly name = "UnreadableFile"
  constructor(
    readonly messageZh: string,
    message: string,
  ) {
    super(message)
  }
}

const cellOf = (value: ExcelJS.CellValue): Cell => {
  if (value === null || value === undefined) return null
  if (value instanceof Date) {
    // A time cell (Excel's day 0, 1899-12-30, with a time of day) is its time, HH:MM.
    if (value.getUTCFullYear() < 1900 && value.getUTCHours() * 60 + value.getUTCMinutes() > 0)
      return `${String(value.getUTCHours()).padStart(2, "0")}:${String(value.getUTCMinutes()).padStart(2, "0")}`
    // exceljs gives a date cell as the UTC midnight of its civil date.
    return Temporal.PlainDate.from({
      year: value.getUTCFullYear(),
      month: value.getUTCMonth() + 1,
      day: value.getUTCDate(),
    })
  }
  if (typeof value === "number") return value
  if (typeof value === "string") return value
  if (typeof value === "boolean") return value ? "是" : "否"
  if (typeof value === "object") {
    if ("result" in value) return cellOf((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue)
    if ("richText" in value) return (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("")
    if ("text" in value) return String((value as ExcelJS.CellHyperlinkValue).text)
  }
  return String(value)
}

const isBlank = (cells: readonly Cell[]) =>
  cells.every((c) => c === null || (typeof c === "string" && c.trim() === ""))

const tableOf = (grid: { sheetRow: number; cells: Cell[] }[]): Table => {
  const headerAt = grid.findIndex((r) => !isBlank(r.cells))
  if (headerAt < 0) throw new UnreadableFile("文件中没有数据", "the file holds no data")
  const headers = (grid[headerAt]?.cells ?? []).map((c) => (c === null ? "" : String(c).trim()))
  const rows = grid
    .slice(headerAt + 1)
    .filter((r) => !isBlank(r.cells))
    .map((r) => ({ sheetRow: r.sheetRow, cells: headers.map((_, i) => r.cells[i] ?? null) }))
  return { headers, rows }
}

const readXlsx = async (bytes: Uint8Array): Promise<Table> => {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw new UnreadableFile("无法读取该 .xlsx 文件，请确认文件未损坏", "the .xlsx file cannot be read")
  }
  const ws = wb.worksheets[0]
  if (ws === undefined) throw new UnreadableFile("工作簿中没有工作表", "the workbook has no sheet")
  const grid: { sheetRow: number; cells: Cell[] }[] = []
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const values = row.values as ExcelJS.CellValue[]
    grid.push({ sheetRow: n, cells: values.slice(1).map(cellOf) })
  })
  return tableOf(grid)
}

/**
 * Decodes CSV bytes: UTF-8 (with or without BOM) when they are valid UTF-8, otherwise GBK (GB18030), the
 * encoding Excel uses for "CSV" on a Chinese Windows.
 */
export const decodeCsv = (bytes: Uint8Array): string => {
  const buf = Buffer.from(bytes)
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString("utf8")
  if (buf[0] === 0xff && buf[1] === 0xfe) return iconv.decode(buf.subarray(2), "utf16le")
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buf)
  } catch {
    return iconv.decode(buf, "gb18030")
  }
}

/**
 * The records of a CSV text (RFC 4180: `,` separated, `"` quoted with `""` for a quote, CRLF or LF line
 * ends, line breaks inside quotes kept). Every cell stays text: a date typed as 25-3-3 must reach the date
 * reader as typed, never guessed. (exceljs's CSV reader builds a worksheet first and is some ten times
 * slower on a 50,000-row file; this is the whole format.)
 */
export const parseCsv = (text: string): string[][] => {
  const records: string[][] = []
  let record: string[] = []
  let field = ""
  let quoted = false
  let i = 0
  const n = text.length
  while (i < n) {
    const ch = text[i] as string
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
        i++
        continue
      }
      field += ch
      i++
      continue
    }
    if (ch === '"' && field === "") {
      quoted = true
      i++
    } else if (ch === ",") {
      record.push(field)
      field = ""
      i++
    } else if (ch === "\n" || ch === "\r") {
      record.push(field)
      records.push(record)
      record = []
      field = ""
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1
    } else {
      field += ch
      i++
    }
  }
  if (field !== "" || record.length > 0) {
    record.push(field)
    records.push(record)
  }
  return records
}

const readCsv = async (bytes: Uint8Array): Promise<Table> =>
  tableOf(
    parseCsv(decodeCsv(bytes)).map((cells, i) => ({
      sheetRow: i + 1,
      cells: cells.map((v) => (v === "" ? null : v)),
    })),
  )

/** Reads an upload by its name's extension: `.xlsx` (first sheet) or `.csv`. */
export const readTable = async (bytes: Uint8Array, fileName: string): Promise<Table> => {
  const lower = fileName.toLowerCase()
  if (lower.endsWith(".xlsx")) return readXlsx(bytes)
  if (lower.endsWith(".csv") || lower.endsWith(".txt")) return readCsv(bytes)
  throw new UnreadableFile("只能导入 .xlsx 或 .csv 文件", "only .xlsx and .csv files can be imported")
}
