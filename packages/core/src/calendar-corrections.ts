/**
 * Corrections to the bundled `chinese-days` data (the official working calendar), each taken from the
 * State Council (国务院 / 国务院办公厅) notice that decided it. `chineseWorkingCalendar` applies them over
 * the package's data, so a wrong or missing day in a later package release cannot come back unnoticed:
 * a test holds every entry.
 *
 * To add one: the date, what the day is (`holiday` with its Chinese name, `workday` for a make-up working
 * day 调休上班, `ordinary` to fall back to the weekday rule), and the notice by its document number.
 */
export interface CalendarCorrection {
  /** ISO date `YYYY-MM-DD`. */
  readonly date: string
  readonly status: "holiday" | "workday" | "ordinary"
  /** The holiday's Chinese name when `status` is `holiday`. */
  readonly holiday?: string
  /** The deciding notice: title, document number (文号) and the day it was published. */
  readonly notice: { readonly title: string; readonly number: string; readonly published: string }
}

const extension2020 = {
  title: "国务院办公厅关于延长2020年春节假期的通知",
  number: "国办发明电〔2020〕1号",
  published: "2020-01-27",
} as const

/** The table, oldest first. */
export const calendarCorrections: readonly CalendarCorrection[] = [
  // The Spring Festival holiday of 2020 was extended to 2 February: the original notice (国办发明电〔2019〕16号)
  // had made Saturday 1 February a make-up working day; the extension made 31 January to 2 February days off.
  { date: "2020-01-31", status: "holiday", holiday: "春节", notice: extension2020 },
  { date: "2020-02-01", status: "holiday", holiday: "春节", notice: extension2020 },
  { date: "2020-02-02", status: "holiday", holiday: "春节", notice: extension2020 },
]
