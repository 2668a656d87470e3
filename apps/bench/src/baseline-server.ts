/**
 * The baseline of the API benchmarks: the same SQL as the API, through the raw driver (`pg` Pool, or PGlite
 * on the same data folder), behind a bare `node:http` handler: no framework, session, scope check beyond the
 * SQL's own predicate, masking or audit row.
 *
 *   PORT=… BASELINE_PG=postgres://… node dist/baseline-server.js
 *   PORT=… BASELINE_PGLITE=<dataDir> node dist/baseline-server.js
 */
import { createServer } from "node:http"
import { join } from "node:path"
import { PGlite } from "@electric-sql/pglite"
import pg from "pg"
import { baselineServerConfig } from "./config.js"
import { memberCountSql, memberDetailSql, memberPageSql, orgInScopeSql, scopeParams } from "./sql.js"

type Query = (text: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>

const config = baselineServerConfig()

const open = async (): Promise<{ query: Query; close: () => Promise<void> }> => {
  const url = config.pgUrl
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: config.pgPool })
    return {
      query: async (text, params) => (await pool.query(text, params as unknown[])).rows,
      close: () => pool.end(),
    }
  }
  const dir = config.pgliteDir
  if (!dir) throw new Error("set BASELINE_PG or BASELINE_PGLITE")
  const db = await PGlite.create(join(dir, "pgdata"))
  return {
    query: async (text, params) => (await db.query<Record<string, unknown>>(text, params as unknown[])).rows,
    close: () => db.close(),
  }
}

const main = async () => {
  const { query, close } = await open()
  const scope = scopeParams(config.scope)
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1")
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body)
      res.writeHead(status, { "content-type": "application/json" })
      res.end(text)
    }
    const handle = async () => {
      const m = /^\/members\/([0-9a-f-]{36})$/.exec(url.pathname)
      if (m) {
        const [row] = await query(memberDetailSql, [m[1], ...scope])
        return row === undefined ? send(404, { status: 404 }) : send(200, row)
      }
      if (url.pathname === "/members") {
        const orgId = url.searchParams.get("orgId") ?? ""
        const pageSize = Number(url.searchParams.get("pageSize") ?? 20)
        const [org] = await query(orgInScopeSql, [orgId, ...scope])
        if (org === undefined) return send(404, { status: 404 })
        const within = scopeParams(String(org.path))
        const items = await query(memberPageSql, [...scope, ...within, pageSize, 0])
        const [total] = await query(memberCountSql, [...scope, ...within])
        return send(200, { items, total: total?.n ?? 0, page: 1, pageSize })
      }
      if (url.pathname === "/health") return send(200, { status: "ok" })
      return send(404, { status: 404 })
    }
    handle().catch((e: unknown) => send(500, { error: String(e) }))
  })
  server.listen(config.port, "127.0.0.1")
  const stop = () => {
    server.close()
    close().finally(() => process.exit(0))
  }
  process.on("SIGTERM", stop)
  process.on("SIGINT", stop)
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
