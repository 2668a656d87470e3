import type { UserRole as Role } from "@xianfeng/core"

/**
 * The three administrators graded protection level 3 keeps apart (GB/T 22239-2019 8.1.4.2 c 授予不同账户为
 * 完成各自承担任务所需的最小权限, 并在它们之间形成相互制约的关系; 8.1.10.1–8.1.10.3 系统管理、审计管理、安全管理):
 *
 * - `system-admin` 系统管理员 runs the accounts: creates users, resets passwords, disables them, changes
 *   their scope and gives them the roles of the work. It cannot give or take any of these three roles, nor
 *   touch an account that holds one (or it could reset a security administrator's password and be one).
 * - `security-admin` 安全管理员 decides who holds which role: it alone gives and takes the three roles, and
 *   disables or re-enables their holders; it sees the repeated refusals (security events). It creates no
 *   account and sets no password, so it cannot make itself a second account.
 * - `audit-admin` 审计管理员 reads and verifies the audit log, the other two's actions included, and
 *   changes nothing.
 *
 * None can grant itself another role: nobody changes their own role, scope or disabled flag. The roles of the
 * work keep what they had: `district-admin` still manages accounts of the work (not the three), so the
 * demo logins keep working; a deployment under level 3 gives account work to a `system-admin` instead.
 */
export const separatedDuties = [
  "system-admin",
  "security-admin",
  "audit-admin",
] as const satisfies readonly Role[]

/** Whether a role is one of the three kept apart (only a `security-admin` gives or takes it). */
export const isSeparatedDuty = (role: Role): boolean => (separatedDuties as readonly Role[]).includes(role)

/** What each role may do on the platform, beyond reading inside its subtree. */
export const permissions = {
  /** Write member records. */
  writeMembers: ["district-admin", "committee-officer", "branch-secretary"],
  /** See a full ID number (audited). */
  revealIdNumber: ["district-admin", "committee-officer"],
  /** Create, rename and move organizations inside the subtree. */
  manageOrgs: ["district-admin", "committee-officer"],
  /** Create users and change them (name, scope, password, disabled, a role of the work). */
  manageUsers: ["district-admin", "system-admin"],
  /** Give and take the three separated roles; disable and re-enable their holders. */
  assignSeparatedRoles: ["security-admin"],
  /** List the users (to manage them or to assign roles). */
  listUsers: ["district-admin", "system-admin", "security-admin"],
  /** Read and verify the audit log. */
  readAudit: ["district-admin", "auditor", "audit-admin"],
  /** Enrol a second factor (TOTP): the administrators, whose accounts reach the most. */
  useMfa: ["district-admin", "committee-officer", "system-admin", "security-admin", "audit-admin"],
  /** See refused requests and repeated refusals (security events). */
  readSecurityEvents: ["security-admin"],
} as const satisfies Record<string, readonly Role[]>
