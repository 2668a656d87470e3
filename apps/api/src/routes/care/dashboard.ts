import { careCategoryIds } from "@xianfeng/care-ledger"
import type { PlainDate } from "@xianfeng/core"
import {
  type ArrearsSummary,
  arrearsSummaryInScope,
  duesCollectionOf,
  ledgerCountsInScope,
  type Scope,
  surveyTalliesInScope,
  visitPlansInScope,
  type XfDb,
} from "@xianfeng/db"
import { todayOf } from "../../deps.js"
import { langOf } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { DashboardView } from "./contract.js"
import { planSummary } from "./visits.js"

export const careDashboard = route({
  method: "get",
  path: "/api/care/dashboard",
  summary:
    "Care at a glance for the subtree: the ledger by category, dues arrears, the next visit plan, the open survey",
  tag: "care",
  auth: "user",
  response: DashboardView,
  handler: async ({ actor, deps, c }) => {
    const today = todayOf(deps)
    // Counts, not the ledger and every member's dues history: the panel shows figures (a query each).
    const ledger = await ledgerCountsInScope(deps.db, actor, today)
    const arrears = await arrearsSummaryInScope(deps.db, actor, today)
    const plans = await visitPlansInScope(deps.db, actor)
    const next = [...plans].reverse().find((p) => p.festivalOn.toString() >= today.toString()) ?? plans[0]
    // The open survey's branches counted, not each branch's ledger replayed for its progress (the survey page's).
    const surveys = await surveyTalliesInScope(deps.db, actor)
    const open = surveys.find((s) => s.confirmed < s.branches) ?? surveys[0]
    return {
      asOf: today.toString(),
      ledger: careCategoryIds.map((category) => ({
        category,
        count: ledger.get(category) ?? 0,
      })),
      arrears,
      plan: next === undefined ? null : planSummary(next, today, langOf(c)),
      survey:
        open === undefined
          ? null
          : {
              title: open.title,
              branches: open.branches,
              confirmed: open.confirmed,
              deadline: open.deadline.toString(),
            },
    }
  },
})

/** The demo district's committee (`generateDemoDistrict` of @xianfeng/demo names it d1). */
const demoDistrict: Scope = { orgId: "d1", orgPath: "d1" }

/**
 * Stores every dues standing of the freshly loaded demo district as of `today` (`care_dues_standings`), so the
 * first dashboard read does not compute every member's year (it then reads the stored standings, as later reads
 * do until a payment or the month turning moves them), and every organization's dues collection of today's month
 * (`care_dues_collections`), the month the agenda asks for, so its first read computes none. Returns the
 * district's arrears.
 */
export const indexDemoDues = async (db: XfDb, today: PlainDate): Promise<ArrearsSummary> => {
  const arrears = await arrearsSummaryInScope(db, demoDistrict, today)
  await duesCollectionOf(db, demoDistrict, [today.toString().slice(0, 7)])
  return arrears
}
