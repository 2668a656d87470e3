import type { UserRole as Role } from "@xianfeng/core"

/** What each role may do in 评议考核 (Appraisal), beyond reading inside its subtree. */
export const appraisalPermissions = {
  /** Open a branch's cycle, record recusals, propose grades, issue members' activation codes, record case steps. */
  run: ["district-admin", "committee-officer", "branch-secretary"],
  /** Confirm a branch's proposed grades: the higher committee, never the branch itself. */
  confirm: ["district-admin", "committee-officer"],
  /** Enter the secretaries' debriefing appraisal (the committees that assess the secretaries below them). */
  assessSecretaries: ["district-admin", "committee-officer"],
  /** A member's own record, self-assessment and peer ratings: the member alone. */
  self: ["member"],
} as const satisfies Record<string, readonly Role[]>
