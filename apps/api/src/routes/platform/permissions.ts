import type { UserRole as Role } from "@xianfeng/core"

/** What each role may do on the platform, beyond reading inside its subtree. */
export const permissions = {
  /** Write member records. */
  writeMembers: ["district-admin", "committee-officer", "branch-secretary"],
  /** See a full ID number (audited). */
  revealIdNumber: ["district-admin", "committee-officer"],
  /** Create, rename and move organizations inside the subtree. */
  manageOrgs: ["district-admin", "committee-officer"],
  /** Create and change users. */
  manageUsers: ["district-admin"],
  /** Read and verify the audit log. */
  readAudit: ["district-admin", "auditor"],
} as const satisfies Record<string, readonly Role[]>
