/**
 * The database schema, one file per area. A new area adds `schema/<area>.ts` and one line here and in
 * `tables`; drizzle-kit reads this folder (drizzle.config.ts) and the area adds its own migration.
 */

import { appraisalTables } from "./appraisal.js"
import { careTables } from "./care.js"
import * as development from "./development.js"
import { disciplineTables } from "./discipline.js"
import { educationTables } from "./education.js"
import * as platform from "./platform.js"
import { transferTables } from "./transfer.js"

export * from "./appraisal.js"
export * from "./care.js"
export * from "./development.js"
export * from "./discipline.js"
export * from "./education.js"
export * from "./platform.js"
export * from "./transfer.js"

/** Every table, as drizzle's relational query API (`db.query.members…`) sees them. */
export const tables = {
  orgs: platform.orgs,
  members: platform.members,
  memberOrgCounts: platform.memberOrgCounts,
  users: platform.users,
  sessions: platform.sessions,
  apiTokens: platform.apiTokens,
  authEpoch: platform.authEpoch,
  calendarFeeds: platform.calendarFeeds,
  rateLimits: platform.rateLimits,
  auditLog: platform.auditLog,
  auditAnchors: platform.auditAnchors,
  auditLaneHeads: platform.auditLaneHeads,
  districtPolicies: platform.districtPolicies,
  mfaRecoveryCodes: platform.mfaRecoveryCodes,
  mfaChallenges: platform.mfaChallenges,
  developmentRecords: development.developmentRecords,
  developmentPlans: development.developmentPlans,
  activistPoolAnalyses: development.activistPoolAnalyses,
  cultivationRecords: development.cultivationRecords,
  developmentTrainings: development.developmentTrainings,
  developmentPipelineIndex: development.developmentPipelineIndex,
  developmentPipelineItems: development.developmentPipelineItems,
  ...disciplineTables,
  ...careTables,
  ...educationTables,
  ...appraisalTables,
  ...transferTables,
}
