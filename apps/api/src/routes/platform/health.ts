import { ping } from "@xianfeng/db"
import { Schema } from "effect"
import { ApiProblem } from "../../http/problem.js"
import { route } from "../../http/route.js"

export const health = route({
  method: "get",
  path: "/api/health",
  summary: "Liveness: the API answers and its database does",
  tag: "platform",
  auth: "public",
  transaction: "none",
  response: Schema.Struct({ ok: Schema.Boolean, driver: Schema.String }),
  handler: async ({ deps }) => {
    const answers = await ping(deps.db).catch(() => false)
    if (!answers) {
      throw new ApiProblem(
        503,
        "unavailable",
        { "zh-CN": "服务暂不可用", en: "Service unavailable" },
        { "zh-CN": "数据库无响应。", en: "The database does not answer." },
      )
    }
    return { ok: true, driver: deps.config.databaseUrl ? "postgres" : "pglite" }
  },
})
