import type { UserRole as Role } from "@xianfeng/core"

/**
 * Who grants which role (GB/T 22239-2019 8.1.4.2 c 授予不同账户为完成各自承担任务所需的最小权限, 并在它们之间形成
 * 相互制约的关系; 8.1.10.1–8.1.10.3 系统管理、审计管理、安全管理). The three administrators (三员):
 *
 * - `system-admin` 系统管理员 runs the accounts of the work: creates users, resets their passwords, disables
 *   them, changes their scope and gives them the roles of the work (`rolesOfTheWork`). It touches no account
 *   that holds a guarded role or one of the three (or it could reset such an account's password and be it).
 * - `security-admin` 安全管理员 authorizes: it alone gives and takes the guarded roles (`guardedRoles`:
 *   `district-admin`, which runs accounts and reads the log, and `auditor`, which reads the log), changes the
 *   role of an account of the work, and disables or re-enables any account. It creates no account and sets
 *   no password, so it cannot make itself a second account.
 * - `audit-admin` 审计管理员 reads and verifies the audit log, the other two's actions included, and changes
 *   nothing.
 *
 * None of the three may grant itself or another of the three roles: through the API nobody gives or takes
 * `system-admin`, `security-admin` or `audit-admin`. They are given at installation, and changed later, by
 * the database's owner on the server (`pnpm grant-role USER ROLE`, `xianfeng-grant-role` in @xianfeng/db),
 * which ends the user's sessions and leaves an audit row naming the operating-system account. Nobody changes
 * their own role, scope or disabled flag. `district-admin` keeps running accounts of the work, so the demo
 * logins keep working; a deployment under level 3 gives that work to a `system-admin`.
 */
export const separatedDuties = [
  "system-admin",
  "security-admin",
  "audit-admin",
] as const satisfies readonly Role[]

/** Roles that carry an administrator's power beyond the work: only a `security-admin` gives or takes them. */
export const guardedRoles = ["district-admin", "auditor"] as const satisfies readonly Role[]

/** The roles of party work itself, which a `system-admin` (or `district-admin`) gives. */
export const rolesOfTheWork = ["committee-officer", "branch-secretary"] as const satisfies readonly Role[]

/** Whether a role is one of the three kept apart (given only by the owner, never through the API). */
export const isSeparatedDuty = (role: Role): boolean => (separatedDuties as readonly Role[]).includes(role)

/** Whether a role is one a `system-admin` may give, and whose holders it may manage. */
export const isRoleOfTheWork = (role: Role): boolean => (rolesOfTheWork as readonly Role[]).includes(role)

/** What each role may do on the platform, beyond reading inside its subtree. */
export const permissions = {
  /** Write member records. */
  writeMembers: ["district-admin", "committee-officer", "branch-secretary"],
  /** See a full ID number (audited). */
  revealIdNumber: ["district-admin", "committee-officer"],
  /** Create, rename and move organizations inside the subtree. */
  manageOrgs: ["district-admin", "committee-officer"],
  /**
   * Record an organization's committee posts (支部委员会: 书记, 副书记, 委员): like member records, the district's
   * and committees' officers for the organizations of their subtree, and a branch secretary for their own branch.
   */
  manageCommittee: ["district-admin", "committee-officer", "branch-secretary"],
  /** Create users and change them (name, scope, password, disabled, a role of the work) — accounts of the work only. */
  manageUsers: ["district-admin", "system-admin"],
  /** Give and take the guarded roles and change roles of the work; disable and re-enable any account. */
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
