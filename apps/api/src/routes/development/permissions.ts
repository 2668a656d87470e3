import type { UserRole as Role } from "@xianfeng/core"

/**
 * What each role may do in 发展党员, beyond reading inside its subtree. Who records a step is who keeps the
 * branch's records (the branch secretary) and the committees above it; an annual plan (DR 38) is drawn up by
 * a district or a committee for the organizations below it, so a branch has none to save.
 */
export const developmentPermissions = {
  /** Record development steps. */
  recordDevelopment: ["district-admin", "committee-officer", "branch-secretary"],
  /** Save the year's development plan of one's organization. */
  saveAnnualPlan: ["district-admin", "committee-officer"],
  /** See whose verdicts a proposed change to the district's policy would change (nothing is saved). */
  previewPolicyImpact: ["district-admin"],
  /** Record the yearly analysis of the activist pool (DR 11: the county department and the committees). */
  recordPoolAnalysis: ["district-admin", "committee-officer"],
} as const satisfies Record<string, readonly Role[]>
