import type { AnyRoute } from "../../http/route.js"
import { create__AreaPascal__Record, list__AreaPascal__Records } from "./records.js"

/** __titleZh__ (__titleEn__): the area's routes, registered once in `src/areas.ts`. */
export const __areaCamel__Routes: readonly AnyRoute[] = [list__AreaPascal__Records, create__AreaPascal__Record]
