import type { Context } from "hono"
import type { Role } from "../contract.js"
import { problems } from "../http/problem.js"

/** Who is acting: a user, in one organization subtree, with one role. */
export interface Actor {
  readonly userId: string
  readonly username: string
  readonly displayName: string
  readonly role: Role
  readonly orgId: string
  readonly orgPath: string
  readonly orgName: string
  /** How the request was authenticated: a browser session (CSRF-checked) or a bearer token. */
  readonly via: "session" | "token"
  readonly sessionId?: string
}

export type ActorVariables = { actor: Actor | undefined }

export const requireActor = (c: Context, roles?: readonly Role[]): Actor => {
  const actor = c.get("actor") as Actor | undefined
  if (actor === undefined) throw problems.unauthorized()
  if (roles && !roles.includes(actor.role)) {
    throw problems.forbidden("您的角色不能进行此操作。", "Your role may not do this.")
  }
  return actor
}

/** What each role may do, beyond reading inside its subtree. */
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
  /** Record development steps. */
  recordDevelopment: ["district-admin", "committee-officer", "branch-secretary"],
} as const satisfies Record<string, readonly Role[]>
