import type { AnyRoute } from "../../http/route.js"
import {
  classRoster,
  classRosterXlsx,
  closeTrainingClass,
  createTrainingClass,
  enrolInClass,
  importSignInSheet,
  listClasses,
  setAttendance,
} from "./classes.js"
import { firstItemLedgerRoute } from "./first-item.js"
import {
  createThread,
  downloadAttachment,
  featurePost,
  getThread,
  hidePost,
  listThreads,
  replyToThread,
  unhidePost,
} from "./forum.js"
import { educationPolicyImpact } from "./policy-impact.js"
import { memberStudyCard, recordExemption, recordOnline, studyLedgerXlsx, studyStatistics } from "./study.js"

/** 教育培训 (Education and training): the area's routes, registered once in `src/areas.ts`. */
export const educationRoutes: readonly AnyRoute[] = [
  listClasses,
  createTrainingClass,
  classRoster,
  classRosterXlsx,
  enrolInClass,
  setAttendance,
  importSignInSheet,
  closeTrainingClass,
  memberStudyCard,
  studyStatistics,
  studyLedgerXlsx,
  recordOnline,
  recordExemption,
  educationPolicyImpact,
  firstItemLedgerRoute,
  listThreads,
  getThread,
  createThread,
  replyToThread,
  hidePost,
  unhidePost,
  featurePost,
  downloadAttachment,
]
