import type { AnyRoute } from "../../http/route.js"
import { inspectionSummaryExport, ledgerExport, rectificationExport } from "./exports.js"
import { disciplineHeatmap } from "./heatmap.js"
import {
  escalateRectification,
  issueRectification,
  listDraws,
  listFindings,
  listOrders,
  previewDraw,
  publishDraw,
  recheckOrders,
  recordFinding,
  submitRectification,
  verifyRectification,
} from "./inspections.js"
import {
  branchCompliance,
  createMeeting,
  getMeeting,
  listMeetings,
  meetingRoll,
  updateMeeting,
} from "./meetings.js"
import { disciplineOverview } from "./overview.js"
import { memberStanding } from "./standing.js"
import { listTalks, recordTalk } from "./talks.js"

/** 组织生活与督查 (Organizational life and inspections): the area's routes, registered once in `src/areas.ts`. */
export const disciplineRoutes: readonly AnyRoute[] = [
  listMeetings,
  meetingRoll,
  getMeeting,
  createMeeting,
  updateMeeting,
  branchCompliance,
  recordTalk,
  listTalks,
  memberStanding,
  disciplineHeatmap,
  disciplineOverview,
  previewDraw,
  publishDraw,
  listDraws,
  recordFinding,
  listFindings,
  recheckOrders,
  issueRectification,
  submitRectification,
  verifyRectification,
  escalateRectification,
  listOrders,
  ledgerExport,
  inspectionSummaryExport,
  rectificationExport,
]
