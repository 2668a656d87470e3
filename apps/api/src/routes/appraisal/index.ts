import type { AnyRoute } from "../../http/route.js"
import { activate, issueCodes, listAccounts } from "./accounts.js"
import { caseClose, caseStep, listCases } from "./cases.js"
import {
  appraisalResults,
  confirmGrades,
  cycleDetail,
  listCycles,
  openCycleRoute,
  proposeGrades,
  setRecusals,
} from "./cycles.js"
import { exportResults, exportSecretaries } from "./exports.js"
import { meRoutes } from "./me.js"
import { listSecretaries, saveSecretary, secretaryPrefill } from "./secretaries.js"

/** 评议考核 (Appraisal): the area's routes, registered once in `src/areas.ts`. */
export const appraisalRoutes: readonly AnyRoute[] = [
  listCycles,
  openCycleRoute,
  appraisalResults,
  exportResults,
  cycleDetail,
  setRecusals,
  proposeGrades,
  confirmGrades,
  listCases,
  caseStep,
  caseClose,
  listSecretaries,
  secretaryPrefill,
  saveSecretary,
  exportSecretaries,
  listAccounts,
  issueCodes,
  activate,
  ...meRoutes,
]
