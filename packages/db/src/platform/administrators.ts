import { type UserRole, userRoles } from "@xianfeng/core"
import { eq } from "drizzle-orm"
import { appendAudit } from "../audit.js"
import type { XfDb } from "../database.js"
import { users } from "../schema/index.js"
import { asSystem } from "./scope.js"
import { endAllSessionsOf } from "./sessions.js"

/**
 * The three administrators of graded protection level 3 (三员: 系统管理员, 安全管理员, 审计管理员; GB/T
 * 22239-2019 8.1.4.2 c, 8.1.10): none of them may grant itself or another of the three roles, so no one
 * grants them through the API. They are given at installation, and later changed, by whoever runs the
 * database as its owner on the server (`xianfeng-grant-role`): an act outside the application, recorded in
 * the audit log with the operating-system account that did it.
 */
export const administratorRoles = ["system-admin", "security-admin", "audit-admin"] as const

/**
 * What a grant did: `ok` with the role before it and the sessions and tokens it ended, or why it was refused
 * (`no-user`; `not-a-role` for a role core does not know).
 */
export type GrantVerdict =
  | {
      readonly kind: "ok"
      readonly userId: string
      readonly before: string
      readonly ended: { sessions: number; tokens: number }
    }
  | { readonly kind: "no-user" }
  | { readonly kind: "not-a-role" }

/**
 * Gives `username` the role `role` as the database's owner: one transaction that changes the role, ends every
 * session and bearer token of the user (a session must not outlive the role it was issued for), and appends
 * the audit row `user.grant-role` (actor none, `details.by` the operator named by the caller).
 */
export const grantRoleAsOwner = (
  db: XfDb,
  input: { readonly username: string; readonly role: string; readonly by: string; readonly at: Date },
): Promise<GrantVerdict> =>
  asSystem(db, async (tx) => {
    if (!(userRoles as readonly string[]).includes(input.role)) return { kind: "not-a-role" }
    const [user] = await tx
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(eq(users.username, input.username))
      .limit(1)
    if (user === undefined) return { kind: "no-user" }
    await tx
      .update(users)
      .set({ role: input.role as UserRole })
      .where(eq(users.id, user.id))
    const ended = await endAllSessionsOf(tx, user.id, input.at)
    await appendAudit(tx, {
      at: input.at,
      action: "user.grant-role",
      objectType: "user",
      objectId: user.id,
      result: "ok",
      details: { from: user.role, to: input.role, by: input.by, via: "xianfeng-grant-role", ended },
    })
    return { kind: "ok", userId: user.id, before: user.role, ended }
  })
