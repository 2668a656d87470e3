import { ping } from "@xianfeng/db"
import { Schema } from "effect"
import { problems } from "../../http/problem.js"
import { route } from "../../http/route.js"

export const health = route({
  method: "get",
  path: "/api/health",
  summary: "Liveness: the API answers and its database does",
  tag: "platform",
  auth: "public",
  response: Schema.Struct({ ok: Schema.Boolean, driver: Schema.String }),
  handler: async ({ deps }) => {
    if (!(await ping(deps.db))) {
      throw problems.badRequest("数据库无响应", "The database does not answer")
    }
    return { ok: true, driver: deps.config.databaseUrl ? "postgres" : "pglite" }
  },
})
