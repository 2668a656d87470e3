import { isRootPath } from "@xianfeng/core"
import { repeatedRefusals } from "@xianfeng/db"
import { audit } from "../../audit.js"
import { problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { AUDITED_REFUSALS_PER_MINUTE } from "../../refusals.js"
import { RefusalList, RefusalQuery } from "./contract.js"
import { permissions } from "./permissions.js"

/**
 * Security events for the security administrator (安全管理员, GB/T 22239-2019 8.1.10.3 安全管理: 对安全策略
 * 进行配置…对…安全事件进行…分析): who was refused repeatedly — a cross-scope 404, a role's 403, a CSRF refusal
 * or a failed sign-in — counted per minute. Counts are complete even where the audit rows were capped.
 */
export const listRefusals = route({
  method: "get",
  path: "/api/security/refusals",
  summary: "Repeated refusals: minutes in which one user or address was refused at least `atLeast` times",
  description: `The first ${AUDITED_REFUSALS_PER_MINUTE} refusals of one kind by one user or address in a minute are also audit rows (\`refusal.<kind>\`); the rest are only counted here.`,
  tag: "security",
  auth: "user",
  roles: permissions.readSecurityEvents,
  query: RefusalQuery,
  response: RefusalList,
  handler: async ({ actor, query, deps }) => {
    if (!isRootPath(actor.orgPath)) {
      throw problems.forbidden(
        "只有区级安全管理员可以查看安全事件。",
        "Only a district-level security administrator sees security events.",
      )
    }
    const hours = query.hours ?? 24
    const atLeast = query.atLeast ?? 3
    const since = new Date(deps.now().getTime() - hours * 3_600_000)
    return deps.db.transaction(async (tx) => {
      const rows = await repeatedRefusals(tx, since, atLeast)
      await audit(tx, deps, actor, {
        action: "security.refusals.read",
        result: "ok",
        details: { hours, atLeast },
      })
      return {
        items: rows.map((r) => ({
          kind: r.kind,
          username: r.username,
          userId: r.userId,
          ip: r.ip,
          minute: r.windowStart.toISOString(),
          count: r.count,
        })),
      }
    })
  },
})

export const securityRoutes = [listRefusals]
