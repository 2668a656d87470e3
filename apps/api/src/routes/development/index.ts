import type { AnyRoute } from "../../http/route.js"
import { getAnnualPlan, saveAnnualPlan } from "./annual-plan.js"
import { composition } from "./composition.js"
import { decidingMeetings } from "./deciding-meetings.js"
import { compositionExport, personExport, pipelineExport } from "./exports.js"
import { policyImpact } from "./impact.js"
import { pipeline } from "./pipeline.js"
import { personPlan, recordCultivationActivity } from "./plan.js"
import { poolAnalysisStatus, recordPoolAnalysis } from "./pool-analysis.js"
import { recordStep, removeRecord } from "./records.js"
import { stepDefinitions } from "./steps.js"
import { personTimeline } from "./timeline.js"

/** 发展党员: steps, timelines, records, the pipeline, plans, composition, the annual plan, the activist-pool analyses and exports. */
export const developmentRoutes: readonly AnyRoute[] = [
  stepDefinitions,
  personTimeline,
  recordStep,
  removeRecord,
  decidingMeetings,
  personPlan,
  recordCultivationActivity,
  pipeline,
  composition,
  getAnnualPlan,
  saveAnnualPlan,
  poolAnalysisStatus,
  recordPoolAnalysis,
  personExport,
  compositionExport,
  pipelineExport,
  policyImpact,
]
