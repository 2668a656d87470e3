import {
  chineseWorkingCalendar,
  type WorkingCalendar,
  withYearSchedules,
  type YearSchedule,
} from "@xianfeng/core"
import { asc } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { calendarYears } from "../schema/index.js"

/**
 * The years of the official working calendar the district loaded itself (`calendar_years`), as core's
 * `YearSchedule`s, oldest first.
 */
export const loadedCalendarYears = async (db: XfDb): Promise<YearSchedule[]> => {
  const rows = await db.select().from(calendarYears).orderBy(asc(calendarYears.year))
  return rows.map((r) => ({
    year: r.year,
    notice: r.notice,
    holidays: r.holidays,
    makeUpWorkdays: r.makeUpWorkdays,
  }))
}

/**
 * The working calendar in force: the bundled data with core's corrections, then every year the district
 * loaded (a loaded year replaces the bundled one). A year neither holds stays unknown.
 */
export const workingCalendarOf = async (db: XfDb): Promise<WorkingCalendar> =>
  withYearSchedules(chineseWorkingCalendar, await loadedCalendarYears(db))

/**
 * The one write path of `calendar_years`: stores (or replaces) a year validated by core's
 * `parseYearSchedule`. The caller writes the audit row in the same transaction.
 */
export const saveCalendarYear = async (
  db: XfDb,
  schedule: YearSchedule,
  uploadedBy: string | null = null,
  at: Date = new Date(),
): Promise<void> => {
  const values = {
    year: schedule.year,
    notice: schedule.notice,
    holidays: { ...schedule.holidays },
    makeUpWorkdays: [...schedule.makeUpWorkdays],
    uploadedBy,
    uploadedAt: at,
  }
  await db
    .insert(calendarYears)
    .values(values)
    .onConflictDoUpdate({ target: calendarYears.year, set: values })
}
