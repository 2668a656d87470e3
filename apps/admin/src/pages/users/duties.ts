import type { Role } from "../../api/types"

/**
 * Who may do what to an account, as the API decides it (apps/api/src/routes/platform/permissions.ts; the
 * API refuses anything else with 403, so this only hides what would be refused). 三员分立 (graded
 * protection level 3): the system administrator runs accounts of the work, the security administrator gives
 * the guarded roles and disables accounts, nobody gives the three administrator roles through the admin.
 */
export const separatedDuties: readonly Role[] = ["system-admin", "security-admin", "audit-admin"]
/** Roles whose grant is the security administrator's: they carry account work or the audit log. */
export const guardedRoles: readonly Role[] = ["district-admin", "auditor"]
/** Roles of the work, given by the system administrator (or the district administrator). */
export const rolesOfTheWork: readonly Role[] = ["committee-officer", "branch-secretary"]

/** Roles that run accounts of the work (create, reset passwords, disable). */
export const managesAccounts = (actor: Role): boolean =>
  actor === "district-admin" || actor === "system-admin"
/** The security administrator: assigns roles and disables accounts, nothing else. */
export const assignsRoles = (actor: Role): boolean => actor === "security-admin"
/** Roles that see the users page. */
export const usersPageRoles: readonly Role[] = ["district-admin", "system-admin", "security-admin"]

/** What `actor` may do to an account holding `target` (never to its own account's role or flag). */
export interface AccountActions {
  /** Roles it may give this account (empty: no role change offered). */
  readonly roles: readonly Role[]
  readonly resetPassword: boolean
  readonly disable: boolean
}

export const actionsOn = (actor: Role, target: Role, own: boolean): AccountActions => {
  if (own) return { roles: [], resetPassword: false, disable: false }
  // A member's account comes from an activation code and stays a member's (the API refuses a role change).
  if (target === "member") return { roles: [], resetPassword: false, disable: assignsRoles(actor) }
  if (assignsRoles(actor)) {
    return {
      roles: separatedDuties.includes(target) ? [] : [...rolesOfTheWork, ...guardedRoles],
      resetPassword: false,
      disable: true,
    }
  }
  if (managesAccounts(actor) && rolesOfTheWork.includes(target)) {
    return { roles: rolesOfTheWork, resetPassword: true, disable: true }
  }
  return { roles: [], resetPassword: false, disable: false }
}

/** Roles that enrol a second factor (the API's `permissions.useMfa`: the administrators). */
export const mfaRoles: readonly Role[] = [
  "district-admin",
  "committee-officer",
  "system-admin",
  "security-admin",
  "audit-admin",
]
