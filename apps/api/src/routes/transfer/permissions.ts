import type { UserRole as Role } from "@xianfeng/core"

/** What each role may do in 数据迁移 (moving a district's data in and out), inside its subtree. */
export const transferPermissions = {
  /** Check and import spreadsheets (organizations, members, development histories). */
  import: ["district-admin", "committee-officer"],
  /** Load a newly published year of the official working calendar. */
  calendar: ["district-admin"],
} as const satisfies Record<string, readonly Role[]>
