import type { AnyRoute } from "../../http/route.js"
import { listCalendarYears, putCalendarYear } from "./calendar.js"
import { checkImportFile, confirmImport, importReport, listImportKinds, streamImport } from "./imports.js"

/** 数据迁移 (moving a district's data in and out): the area's routes, registered once in `src/areas.ts`. */
export const transferRoutes: readonly AnyRoute[] = [
  listImportKinds,
  checkImportFile,
  importReport,
  confirmImport,
  streamImport,
  listCalendarYears,
  putCalendarYear,
]
