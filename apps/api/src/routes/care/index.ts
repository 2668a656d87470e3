import type { AnyRoute } from "../../http/route.js"
import { campaignRoutes } from "./commendations.js"
import { careDashboard } from "./dashboard.js"
import { duesArrears, duesSheet, recordPayment, recordReduction, setAssessment } from "./dues.js"
import { commendationResultsExport, duesSheetExport, ledgerExport, visitPlanExport } from "./exports.js"
import {
  confirmSurvey,
  ledgerHistory,
  listLedger,
  listSurveys,
  recordLedgerChange,
  startSurvey,
} from "./ledger.js"
import { medalRoutes } from "./medal.js"
import { createPlan, getVisitPlan, listVisitPlans, recordVisit, visitCalendar } from "./visits.js"

/** 党内关怀 (Care): the area's routes, registered once in `src/areas.ts`. */
export const careRoutes: readonly AnyRoute[] = [
  duesSheet,
  duesArrears,
  setAssessment,
  recordPayment,
  recordReduction,
  listLedger,
  ledgerHistory,
  recordLedgerChange,
  listSurveys,
  startSurvey,
  confirmSurvey,
  listVisitPlans,
  getVisitPlan,
  createPlan,
  recordVisit,
  visitCalendar,
  ...campaignRoutes,
  ...medalRoutes,
  careDashboard,
  duesSheetExport,
  ledgerExport,
  visitPlanExport,
  commendationResultsExport,
]
