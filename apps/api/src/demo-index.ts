/**
 * The stored answers of a freshly loaded demo district (`loadDemoDistrict` of @xianfeng/demo), filled in one
 * place for every loader: the API's start (system.ts) and the benchmark's loads (@xianfeng/bench imports it as
 * `@xianfeng/api/demo-index`, the one entry point of this app besides its contract types). Without them the first
 * reader of the agenda or the dashboard evaluates the whole district — at a province's 32,000 organizations,
 * minutes.
 */
import type { PlainDate } from "@xianfeng/core"
import { loadDevelopmentPolicy, type Scope, type XfDb } from "@xianfeng/db"
import { indexDemoDues } from "./routes/care/dashboard.js"
import { indexDemoCalendar } from "./routes/discipline/agenda.js"
import { yearComplianceOf } from "./routes/discipline/compliance-index.js"
import { indexDemoPipeline } from "./stored/pipeline-index.js"

/** How many stored answers `indexDemoDistrict` wrote, per index. */
export interface DemoIndexCounts {
  /** People of the development pipeline evaluated (`development_pipeline_index`). */
  readonly pipeline: number
  /** Organizations whose compliance calendar was evaluated (`discipline_calendar_index`). */
  readonly calendar: number
  /** Organizations whose year of compliance (today's year) is stored (`discipline_compliance_index`). */
  readonly compliance: number
}

/** The demo district's committee (`generateDemoDistrict` of @xianfeng/demo names it d1). */
const demoDistrict: Scope = { orgId: "d1", orgPath: "d1" }

/**
 * Fills the demo district's (d1's) stored answers as of `today`, the day it was generated for: the development
 * pipeline index under the district's development policy, the compliance calendar for the agenda, today's year
 * of the monthly compliance index for the heatmap and the dashboard's 纪律约束 panel (stored through
 * `yearComplianceOf`; their first read on a 20,000-member district otherwise evaluated every organization's year:
 * 1.5–2.2 s on PGlite), and every dues
 * standing for the care panel's arrears (`care_dues_standings`). Each is what the first read would otherwise
 * compute; on an already indexed district each is a check that finds nothing stale.
 */
export const indexDemoDistrict = async (db: XfDb, today: PlainDate): Promise<DemoIndexCounts> => {
  const { policy } = await loadDevelopmentPolicy(db, "d1")
  const pipeline = await indexDemoPipeline(db, today, policy)
  const calendar = await indexDemoCalendar(db, today)
  const compliance = (await yearComplianceOf(db, demoDistrict, undefined, today.year, today)).length
  await indexDemoDues(db, today)
  return { pipeline, calendar, compliance }
}
