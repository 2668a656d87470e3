import { existsSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { serve } from "@hono/node-server"
import { DEMO_ACTIVATION_CODE, DEMO_MEMBER_LOGIN, DEMO_MEMBER_PENDING, DEMO_PASSWORD } from "@xianfeng/demo"
import { configFromEnv } from "./config.js"
import { startSystem } from "./system.js"

const here = dirname(fileURLToPath(import.meta.url))
const bundledAdmin = join(here, "..", "..", "admin", "dist")
const bundledGuide = join(here, "..", "..", "guide", "dist")

const main = async () => {
  const configured = configFromEnv()
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
  const stop = async () => {
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
