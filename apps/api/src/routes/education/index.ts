import type { AnyRoute } from "../../http/route.js"
import { createEducationRecord, listEducationRecords } from "./records.js"

/** 教育培训 (Education and training): the area's routes, registered once in `src/areas.ts`. */
export const educationRoutes: readonly AnyRoute[] = [listEducationRecords, createEducationRecord]
