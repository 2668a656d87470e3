import { and, count, desc, eq, type SQL, sql } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { type AuditRow, auditLog, orgs, users } from "../schema/index.js"
import { orgRowInScope, type Scope } from "./scope.js"

/**
 * Reading the audit log (等保 安全审计). Writing it and verifying its chains is `appendAudit` and
 * `verifyAuditChain` (audit.ts). A reviewer sees the rows of actors whose scope lies inside their own.
 */

// actor_id is text (it may name a machine client one day); users.id is a uuid.
const actorIsUser = sql`${users.id}::text = ${auditLog.actorId}`

/** What an audit page asks for. */
export interface AuditPageQuery {
  readonly action?: string
  readonly objectId?: string
  /** 1-based. */
  readonly page: number
  readonly pageSize: number
}

/** One page of audit rows of actors inside the scope, newest first, each with the actor's username. */
export const auditPageInScope = async (
  db: XfDb,
  scope: Scope,
  query: AuditPageQuery,
): Promise<{ rows: { row: AuditRow; actor: string }[]; total: number }> => {
  const where: SQL | undefined = and(
    orgRowInScope(scope),
    query.action ? eq(auditLog.action, query.action) : undefined,
    query.objectId ? eq(auditLog.objectId, query.objectId) : undefined,
  )
  const rows = await db
    .select({ row: auditLog, actor: users.username })
    .from(auditLog)
    .innerJoin(users, actorIsUser)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(where)
    .orderBy(desc(auditLog.seq))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
  const [total] = await db
    .select({ n: count() })
    .from(auditLog)
    .innerJoin(users, actorIsUser)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(where)
  return { rows, total: total?.n ?? 0 }
}
