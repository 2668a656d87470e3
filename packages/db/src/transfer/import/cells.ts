import type { PlainDate } from "@xianfeng/core"
import { Temporal } from "temporal-polyfill"
import type { Cell } from "./table.js"

/** A reading of one cell: the value, or a problem in plain Chinese (and English), and maybe a note. */
export type CellReading<A> =
  | { readonly ok: true; readonly value: A; readonly note?: { zh: string; en: string } }
  | { readonly ok: false; readonly zh: string; readonly en: string }

const fail = (zh: string, en: string): CellReading<never> => ({ ok: false, zh, en })

/** The text of a cell, NFKC-normalized (full-width digits and letters become ASCII) and trimmed. */
export const textOf = (cell: Cell): string => {
  if (cell === null) return ""
  if (typeof cell === "number") return String(cell)
  if (typeof cell === "string") return cell.normalize("NFKC").trim()
  return cell.toString()
}

// Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that never was, so from day 61 on the
// serial is the number of days since 1899-12-30. Dates before March 1900 are refused (no member has one).
const EXCEL_EPOCH = Temporal.PlainDate.from("1899-12-30")
const MIN_SERIAL = 61
const MAX_SERIAL = 73050 // 2099-12-31

const fromSerial = (n: number): CellReading<PlainDate> => {
  if (!Number.isInteger(n) || n < MIN_SERIAL || n > MAX_SERIAL)
    return fail(`数字${n}不是日期`, `the number ${n} is not a date`)
  const value = EXCEL_EPOCH.add({ days: n })
  return {
    ok: true,
    value,
    note: {
      zh: `数字${n}按 Excel 日期序号读作${value.toString()}`,
      en: `the number ${n} was read as the Excel date serial of ${value.toString()}`,
    },
  }
}

const real = (y: number, m: number, d: number, typed: string): CellReading<PlainDate> => {
  try {
    return { ok: true, value: Temporal.PlainDate.from({ year: y, month: m, day: d }, { overflow: "reject" }) }
  } catch {
    return fail(`「${typed}」不是日历上存在的日期`, `"${typed}" is not a day of the calendar`)
  }
}

const FULL = [
  /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/,
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
]
const TWO_DIGIT_YEAR = /^(\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/
const DAY_FIRST = /^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})$/
const YEAR_MONTH = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$/

/**
 * Reads a date as people type it: `2021-05-01`, `2021/5/1`, `2021.5.1`, `2021年5月1日`, `20210501`, a date
 * cell of the sheet, or an Excel date serial (a number, or digits only, between 61 and 73050, with a note
 * saying how it was read). Refused, saying why: a two-digit year (`25-3-3`: never guess the century), a
 * day-first or month-first order (`5/1/2021`: ambiguous), a month without its day, anything else.
 */
export const readDate = (cell: Cell): CellReading<PlainDate | null> => {
  if (cell === null) return { ok: true, value: null }
  if (typeof cell === "number")
    return Number.isInteger(cell) && cell >= 19000101 && cell <= 20991231
      ? readDate(String(cell))
      : fromSerial(cell)
  if (typeof cell !== "string") return { ok: true, value: cell }
  const typed = textOf(cell)
  if (typed === "" || typed === "-" || typed === "—" || typed === "无") return { ok: true, value: null }
  for (const re of FULL) {
    const m = re.exec(typed)
    if (m !== null) return real(Number(m[1]), Number(m[2]), Number(m[3]), typed)
  }
  if (/^\d{2,5}$/.test(typed)) return fromSerial(Number(typed))
  if (TWO_DIGIT_YEAR.test(typed))
    return fail(
      `「${typed}」的年份只有两位，无法确定世纪，请写成四位年份（如2025-03-03）`,
      `"${typed}" has a two-digit year; the century cannot be guessed: write the year in four digits`,
    )
  if (DAY_FIRST.test(typed))
    return fail(
      `「${typed}」的日、月顺序不明确，请写成“年-月-日”（如2021-05-01）`,
      `"${typed}" is ambiguous (day and month order); write year-month-day`,
    )
  if (YEAR_MONTH.test(typed)) return fail(`「${typed}」缺少日，请写出完整日期`, `"${typed}" lacks the day`)
  return fail(
    `「${typed}」不是可识别的日期，请写成2021-05-01、2021/5/1、2021.5.1或2021年5月1日`,
    `"${typed}" is not a date; write 2021-05-01, 2021/5/1, 2021.5.1 or 2021年5月1日`,
  )
}

/**
 * Reads a clock time as people type it (`9:00`, `09:30`, `9：30`, `9点30分`, `9点`) or as a sheet holds it (a
 * fraction of a day), as `HH:MM`. Refused, saying why: anything else, or an hour past 23.
 */
export const readTime = (cell: Cell): CellReading<string | null> => {
  if (cell === null) return { ok: true, value: null }
  if (typeof cell === "number") {
    if (cell >= 0 && cell < 1) {
      const minutes = Math.round(cell * 1440)
      return readTime(`${Math.floor(minutes / 60)}:${minutes % 60}`)
    }
    return fail(`数字${cell}不是时间`, `the number ${cell} is not a time`)
  }
  if (typeof cell !== "string") return fail("应为时间（如09:30）", "a time is expected (e.g. 09:30)")
  const typed = textOf(cell)
  if (typed === "") return { ok: true, value: null }
  const m = /^(\d{1,2})\s*(?::|点|时)\s*(\d{1,2})?\s*分?$/.exec(typed) ?? /^(\d{1,2})(\d{2})$/.exec(typed)
  if (m === null)
    return fail(`「${typed}」不是可识别的时间，请写成09:30`, `"${typed}" is not a time; write 09:30`)
  const h = Number(m[1])
  const min = Number(m[2] ?? "0")
  if (h > 23 || min > 59) return fail(`「${typed}」不是一天中的时间`, `"${typed}" is not a time of day`)
  return { ok: true, value: `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}` }
}

/**
 * Reads a whole number of people or things (`12`, `１２`, `12人`); empty is null. Refused: a fraction, a
 * negative number, anything else.
 */
export const readCount = (cell: Cell): CellReading<number | null> => {
  if (cell === null) return { ok: true, value: null }
  const typed = textOf(cell).replace(/[人名个次]$/u, "")
  if (typed === "") return { ok: true, value: null }
  if (!/^\d{1,6}$/.test(typed))
    return fail(`「${textOf(cell)}」不是人数（应为不小于0的整数）`, `"${textOf(cell)}" is not a whole number`)
  return { ok: true, value: Number(typed) }
}

/**
 * Reads an amount of money in yuan (元) as integer fen (分): `12.5`, `12.50`, `￥12.50`, `12.50元`, `1,200`;
 * at most two decimals, never rounded. Refused, saying why: three or more decimals, a negative or non-numeric
 * amount.
 */
export const readYuan = (cell: Cell): CellReading<number | null> => {
  if (cell === null) return { ok: true, value: null }
  const typed = (typeof cell === "number" ? String(cell) : textOf(cell))
    .replace(/^[¥￥]\s*/u, "")
    .replace(/\s*元$/u, "")
    .replace(/,(?=\d{3}(?:\D|$))/g, "")
  if (typed === "") return { ok: true, value: null }
  const m = /^(\d{1,9})(?:\.(\d{1,}))?$/.exec(typed)
  if (m === null)
    return fail(
      `「${textOf(cell)}」不是金额（应为元，如12.50）`,
      `"${textOf(cell)}" is not an amount in yuan`,
    )
  const decimals = m[2] ?? ""
  if (decimals.length > 2)
    return fail(
      `金额「${textOf(cell)}」超过两位小数（应精确到分）`,
      `the amount "${textOf(cell)}" has more than two decimals (fen is the smallest unit)`,
    )
  return { ok: true, value: Number(m[1]) * 100 + Number(decimals.padEnd(2, "0")) }
}

/** Splits a cell listing several things (names, items) on the separators people use: 、，,；;/ and line breaks. */
export const listOf = (cell: Cell, separators: RegExp = /[、，,；;\n\r/]+/u): string[] =>
  textOf(cell)
    .split(separators)
    .map((s) => s.trim())
    .filter((s) => s !== "")
