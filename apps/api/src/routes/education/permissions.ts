import type { UserRole as Role } from "@xianfeng/core"

/** What each role may do in 教育培训 (Education and training), beyond reading inside its subtree. */
export const educationPermissions = {
  /** Organize classes, enrol, mark attendance, enter online study and exemptions, in one's subtree. */
  organize: ["district-admin", "committee-officer", "branch-secretary"],
  /** Post in the forum 书记话党建. */
  post: ["district-admin", "committee-officer", "branch-secretary"],
  /** Moderate the forum: the organization department (区委组织部), i.e. the district's administrators. */
  moderate: ["district-admin"],
  /** Preview whose study verdicts a proposed education policy would change (nothing saved). */
  previewPolicyImpact: ["district-admin"],
} as const satisfies Record<string, readonly Role[]>
