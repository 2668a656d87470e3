import type { AnyRoute } from "../../http/route.js"
import { pipeline } from "./pipeline.js"
import { recordStep } from "./records.js"
import { stepDefinitions } from "./steps.js"
import { personTimeline } from "./timeline.js"

/** 发展党员: steps, timelines, records, the pipeline, plans, composition, the annual plan and exports. */
export const developmentRoutes: readonly AnyRoute[] = [stepDefinitions, personTimeline, recordStep, pipeline]
