import type { AnyRoute } from "../../http/route.js"
import { createCareRecord, listCareRecords } from "./records.js"

/** 党内关怀 (Care): the area's routes, registered once in `src/areas.ts`. */
export const careRoutes: readonly AnyRoute[] = [listCareRecords, createCareRecord]
