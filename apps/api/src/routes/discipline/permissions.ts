import type { UserRole as Role } from "@xianfeng/core"

/** What each role may do in 组织生活与督查 (Organizational life and inspections), beyond reading inside its subtree. */
export const disciplinePermissions = {
  /** Record the area's records for an organization of one's subtree. */
  record: ["district-admin", "committee-officer", "branch-secretary"],
  /** Run inspection draws, record findings, issue, verify and escalate rectification orders (the levels above a branch). */
  inspect: ["district-admin", "committee-officer"],
} as const satisfies Record<string, readonly Role[]>
