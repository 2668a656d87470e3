import type { UserRole as Role } from "@xianfeng/core"

/** What each role may do in 评议考核 (Appraisal), beyond reading inside its subtree. */
export const appraisalPermissions = {
  /** Record the area's records for an organization of one's subtree. */
  record: ["district-admin", "committee-officer", "branch-secretary"],
} as const satisfies Record<string, readonly Role[]>
