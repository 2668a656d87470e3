import cluster, { type Worker } from "node:cluster"
import { existsSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { serve } from "@hono/node-server"
import { DEMO_ACTIVATION_CODE, DEMO_MEMBER_LOGIN, DEMO_MEMBER_PENDING, DEMO_PASSWORD } from "@xianfeng/demo"
import { type Config, configFromEnv } from "./config.js"
import { startSystem } from "./system.js"

const here = dirname(fileURLToPath(import.meta.url))
const bundledAdmin = join(here, "..", "..", "admin", "dist")
const bundledGuide = join(here, "..", "..", "guide", "dist")

/**
 * The primary of a server of `config.processes` processes (node:cluster): it opens no database and serves nothing
 * itself; it forks the workers, each a whole API process on the same port (connections are handed to them in
 * turn), and stops them all on SIGTERM or SIGINT. The first worker starts alone — it runs the migrations and, on an
 * empty database, loads the demo district, and it alone writes `XF_AUDIT_HEADS_FILE` — and the others once it
 * serves. Whatever one process caches (callers) is checked against the database on each request (the
 * authentication epoch), so a logout or a role change holds in every worker at its next request. A worker that
 * dies unasked stops the server (exit 1): its supervisor restarts the whole of it.
 */
const runPrimary = async (config: Config) => {
  const workers = new Set<Worker>()
  let stopping = false
  const stopAll = (code: number) => {
    if (stopping) return
    stopping = true
    if (workers.size === 0) process.exit(code)
    for (const w of workers) {
      w.once("exit", () => {
        workers.delete(w)
        if (workers.size === 0) process.exit(code)
      })
      w.process.kill("SIGTERM")
    }
  }
  const fork = (index: number) =>
    new Promise<void>((resolve, reject) => {
      const w = cluster.fork({
        XF_API_PROCESS_INDEX: String(index),
        ...(index === 0 ? {} : { XF_AUDIT_HEADS_FILE: "" }),
      })
      workers.add(w)
      w.once("listening", () => resolve())
      w.once("exit", (code, signal) => {
        workers.delete(w)
        if (stopping) return
        console.error(
          `API process ${index} (pid ${w.process.pid}) exited (${signal ?? code}): stopping the server`,
        )
        reject(new Error(`API process ${index} exited before it served`))
        stopAll(1)
      })
    })
  process.on("SIGINT", () => stopAll(0))
  process.on("SIGTERM", () => stopAll(0))
  await fork(0)
  await Promise.all(Array.from({ length: config.processes - 1 }, (_, i) => fork(i + 1)))
  console.log(`  ${config.processes} API processes (XF_API_PROCESSES) serve ${config.host}:${config.port}`)
}

const main = async () => {
  const configured = configFromEnv()
  if (configured.processes > 1 && cluster.isPrimary) return runPrimary(configured)
  const config = {
    ...configured,
    adminDist: configured.adminDist ?? (existsSync(bundledAdmin) ? bundledAdmin : undefined),
    guideDist: configured.guideDist ?? (existsSync(bundledGuide) ? bundledGuide : undefined),
  }
  const started = Date.now()
  const system = await startSystem(config)
  // Node closes a kept-alive connection after 5 s idle by default; a client reusing its idle connection at
  // that moment (a reverse proxy's pool, Playwright's request context under load) gets ECONNRESET for a request
  // the server never read. Idle connections stay open 65 s, beyond the usual proxies' 60 s, so the client is
  // the one to close them; the headers timeout must exceed it.
  const serverOptions = { keepAliveTimeout: 65_000, headersTimeout: 66_000 }
  const server = serve(
    { fetch: system.app.fetch, port: config.port, hostname: config.host, serverOptions },
    (info) => {
      // One banner per server: the first of its processes says it.
      if ((configured.processIndex ?? 0) > 0) return
      const url = `http://${config.host}:${info.port}`
      const where = config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${config.dataDir}`
      console.log(`Xianfeng 先锋 is serving on ${url}  (${where}, ready in ${Date.now() - started} ms)`)
      console.log(`  admin:   ${url}/${config.adminDist ? "" : "   (not built: pnpm build)"}`)
      if (config.guideDist) console.log(`  guide:   ${url}/guide/`)
      console.log(`  API:     ${url}/api   reference: ${url}/docs   OpenAPI: ${url}/openapi.json`)
      if (system.loadedDemo)
        console.log(`  loaded the demo district (${config.demoMembers} members, seed ${config.demoSeed})`)
      console.log(
        `  demo login: admin / ${DEMO_PASSWORD}  (also officer, secretary1, secretary2, auditor, sysadmin, secadmin, auditadmin, ${DEMO_MEMBER_LOGIN})`,
      )
      console.log(
        `  member account: ${DEMO_MEMBER_PENDING} waits for activation code ${DEMO_ACTIVATION_CODE} (${url}/activate)`,
      )
    },
  )
  let stopped = false
  const stop = async () => {
    // Once: a worker of a cluster gets SIGTERM from its primary and, on a terminal's Ctrl-C, SIGINT as well.
    if (stopped) return
    stopped = true
    server.close()
    await system.close()
    process.exit(0)
  }
  process.on("SIGINT", stop)
  process.on("SIGTERM", stop)
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
