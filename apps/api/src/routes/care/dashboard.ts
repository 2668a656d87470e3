import { careCategoryIds, surveyProgress } from "@xianfeng/care-ledger"
import { duesSheetInScope, ledgerInScope, surveysInScope, visitPlansInScope } from "@xianfeng/db"
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
    const ledger = await ledgerInScope(deps.db, actor, { asOf: today })
    const sheet = await duesSheetInScope(deps.db, actor, { year: today.year, asOf: today })
    const inArrears = sheet.filter((r) => r.standing.arrears.length > 0)
    const plans = await visitPlansInScope(deps.db, actor)
    const next = [...plans].reverse().find((p) => p.festivalOn.toString() >= today.toString()) ?? plans[0]
    const surveys = await surveysInScope(deps.db, actor)
    const open = surveys.find((s) => s.branches.some((b) => b.confirmedOn === undefined)) ?? surveys[0]
    return {
      asOf: today.toString(),
      ledger: careCategoryIds.map((category) => ({
        category,
        count: ledger.filter((e) => e.category === category).length,
      })),
      arrears: {
        members: inArrears.length,
        selfLapse: inArrears.filter((r) => r.standing.consecutiveUnpaid >= 6).length,
        owedFen: inArrears.reduce((s, r) => s + r.standing.owedFen, 0),
      },
      plan: next === undefined ? null : planSummary(next, today, langOf(c)),
      survey:
        open === undefined
          ? null
          : (() => {
              const p = surveyProgress(open.branches)
              return {
                title: open.title,
                branches: p.branches,
                confirmed: p.confirmed,
                deadline: open.deadline.toString(),
              }
            })(),
    }
  },
})
