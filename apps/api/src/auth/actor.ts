import type { UserRole as Role } from "@xianfeng/core"
import type { Scope } from "@xianfeng/db"
import type { Context } from "hono"
import { problems } from "../http/problem.js"

/**
 * Who is acting: a user, in one organization subtree, with one role. The actor is the `Scope` every scoped
 * query of `@xianfeng/db` takes.
 */
export interface Actor extends Scope {
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
