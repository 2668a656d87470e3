/**
 * The stored answers of a freshly loaded demo district (`loadDemoDistrict` of @xianfeng/demo), filled in one
 * place for every loader: the API's start (system.ts) and the benchmark's loads (@xianfeng/bench imports it as
 * `@xianfeng/api/demo-index`, the one entry point of this app besides its contract types). Without them the first
 * reader of the agenda or the dashboard evaluates the whole district — at a province's 32,000 organizations,
 * minutes.
 */
import type { PlainDate } from "@xianfeng/core"
import { loadDevelopmentPolicy, type XfDb } from "@xianfeng/db"
import { indexDemoDues } from "./routes/care/dashboard.js"
import { indexDemoCalendar } from "./routes/discipline/agenda.js"
import { indexDemoPipeline } from "./stored/pipeline-index.js"

/** How many stored answers `indexDemoDistrict` wrote, per index. */
export interface DemoIndexCounts {
  /** People of the development pipeline evaluated (`development_pipeline_index`). */
  readonly pipeline: number
  /** Organizations whose compliance calendar was evaluated (`discipline_calendar_index`). */
  readonly calendar: number
}

/**
 * Fills the demo district's (d1's) stored answers as of `today`, the day it was generated for: the development
 * pipeline index under the district's development policy, the compliance calendar for the agenda, and every
 * dues standing for the care panel's arrears (`care_dues_standings`). Each is what the first read would
 * otherwise compute; on an already indexed district each is a check that finds nothing stale.
 */
export const indexDemoDistrict = async (db: XfDb, today: PlainDate): Promise<DemoIndexCounts> => {
  const { policy } = await loadDevelopmentPolicy(db, "d1")
  const pipeline = await indexDemoPipeline(db, today, policy)
  const calendar = await indexDemoCalendar(db, today)
  await indexDemoDues(db, today)
  return { pipeline, calendar }
}
