import { auditLog, orgs, pathInSubtree, users, verifyAuditChain } from "@xianfeng/db"
import { and, count, desc, eq, type SQL, sql } from "drizzle-orm"
import { audit } from "../../audit.js"
import { permissions } from "../../auth/actor.js"
import { AuditPage, AuditQuery, AuditVerification } from "../../contract.js"
import { problems } from "../../http/problem.js"
import { route } from "../../http/route.js"

/**
 * The audit log, for the roles that review it (等保 安全审计). A reviewer sees the rows of actors whose scope
 * lies inside their own subtree; reading the log is itself audited.
 */
// actor_id is text (it may name a machine client one day); users.id is a uuid.
const actorIsUser = sql`${users.id}::text = ${auditLog.actorId}`

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
    const where: SQL | undefined = and(
      pathInSubtree(orgs.path, actor.orgPath),
      query.action ? eq(auditLog.action, query.action) : undefined,
      query.objectId ? eq(auditLog.objectId, query.objectId) : undefined,
    )
    return deps.db.transaction(async (tx) => {
      const rows = await tx
        .select({ row: auditLog, actor: users.username })
        .from(auditLog)
        .innerJoin(users, actorIsUser)
        .innerJoin(orgs, eq(orgs.id, users.orgId))
        .where(where)
        .orderBy(desc(auditLog.seq))
        .limit(pageSize)
        .offset((page - 1) * pageSize)
      const [total] = await tx
        .select({ n: count() })
        .from(auditLog)
        .innerJoin(users, actorIsUser)
        .innerJoin(orgs, eq(orgs.id, users.orgId))
        .where(where)
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
        total: total?.n ?? 0,
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
    if (actor.orgPath.includes(".")) {
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
