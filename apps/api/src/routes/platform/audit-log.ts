import { isRootPath } from "@xianfeng/core"
import { auditPageInScope, verifyAuditChain } from "@xianfeng/db"
import { audit } from "../../audit.js"
import { problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { AuditPage, AuditQuery, AuditVerification } from "./contract.js"
import { permissions } from "./permissions.js"

/**
 * The audit log, for the roles that review it (等保 安全审计). A reviewer sees the rows of actors whose scope
 * lies inside their own subtree; reading the log is itself audited.
 */

export const listAudit = route({
  method: "get",
  path: "/api/audit",
  summary: "Audit rows of actors inside the caller's subtree, newest first",
  tag: "audit",
  auth: "user",
  roles: permissions.readAudit,
  query: AuditQuery,
  response: AuditPage,
  handler: async ({ actor, query, deps }) => {
    const page = query.page ?? 1
    const pageSize = query.pageSize ?? 50
    return deps.db.transaction(async (tx) => {
      const { rows, total } = await auditPageInScope(tx, actor, {
        page,
        pageSize,
        ...(query.action ? { action: query.action } : {}),
        ...(query.objectId ? { objectId: query.objectId } : {}),
      })
      await audit(tx, deps, actor, { action: "audit.read", result: "ok", details: { page, pageSize } })
      return {
        items: rows.map(({ row, actor: username }) => ({
          seq: row.seq,
          at: row.at.toISOString(),
          actor: username,
          actorRole: row.actorRole,
          action: row.action,
          objectType: row.objectType,
          objectId: row.objectId,
          result: row.result,
          details: row.details,
        })),
        total,
        page,
        pageSize,
      }
    })
  },
})

export const verifyAudit = route({
  method: "post",
  path: "/api/audit/verify",
  summary: "Verify the hash chains of the whole audit log (district-level reviewers only)",
  tag: "audit",
  auth: "user",
  roles: permissions.readAudit,
  response: AuditVerification,
  handler: async ({ actor, deps }) => {
    if (!isRootPath(actor.orgPath)) {
      throw problems.forbidden(
        "只有区级审计人员可以校验整个审计日志。",
        "Only district-level reviewers may verify the whole log.",
      )
    }
    const v = await verifyAuditChain(deps.db)
    await deps.db.transaction((tx) =>
      audit(tx, deps, actor, {
        action: "audit.verify",
        result: v.ok ? "ok" : "failed",
        details: v.ok ? { rows: v.rows } : { brokenAt: v.brokenAt },
      }),
    )
    return v.ok
      ? { ok: true, rows: v.rows, brokenAt: null, reason: null }
      : { ok: false, rows: 0, brokenAt: v.brokenAt, reason: v.reason }
  },
})

export const auditRoutes = [listAudit, verifyAudit]
