import type { AnyRoute } from "../../http/route.js"
import { createAppraisalRecord, listAppraisalRecords } from "./records.js"

/** 评议考核 (Appraisal): the area's routes, registered once in `src/areas.ts`. */
export const appraisalRoutes: readonly AnyRoute[] = [listAppraisalRecords, createAppraisalRecord]
