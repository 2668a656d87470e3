/**
 * 发展党员's queries, one module per area. Every query over scoped data takes the caller's `Scope` and puts
 * the subtree condition inside the query (platform/scope.ts); an object outside it is `NotInScope`.
 */
export * from "./agenda.js"
export * from "./bulk.js"
export * from "./composition.js"
export { type CultivationEntry, recordCultivation } from "./cultivation.js"
export * from "./meetings.js"
export * from "./people.js"
export * from "./pipeline.js"
export * from "./pipeline-index.js"
export * from "./plans.js"
export * from "./policies.js"
export * from "./pool-analyses.js"
export {
  type DevelopmentStepEntry,
  memberStageOf,
  type RecordRemoval,
  recordDevelopmentStep,
  removeDevelopmentRecord,
  type StageColumns,
  stageColumnsOf,
} from "./records.js"
export * from "./trainings.js"
