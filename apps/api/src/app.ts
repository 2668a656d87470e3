import { createHash } from "node:crypto"
import { existsSync, readFileSync, statSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, extname, join, normalize, resolve } from "node:path"
import { createAuditAppender, NotInScope, uniqueViolationOf } from "@xianfeng/db"
import { type Context, Hono, type Next } from "hono"
import { bodyLimit } from "hono/body-limit"
import { HTTPException } from "hono/http-exception"
import { secureHeaders } from "hono/secure-headers"
import { allRoutes } from "./areas.js"
import { createCallerCache } from "./auth/caller-cache.js"
import { authenticate } from "./auth/middleware.js"
import type { Deps } from "./deps.js"
import { openApiDocument } from "./http/openapi.js"
import { ApiProblem, problemResponse, problems, uniqueViolationProblem } from "./http/problem.js"
import { type AnyRoute, mountRoutes } from "./http/route.js"
import { staticFiles } from "./http/static-files.js"
import { recordRefusal, refusedActorOf } from "./refusals.js"

export const MAX_BODY_BYTES = 1024 * 1024
/** The body of an import: a 12 MB file as base64, and its mapping. */
export const MAX_IMPORT_BODY_BYTES = 17 * 1024 * 1024

const API_VERSION = "0.1.0"

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
}

const docsHtml = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Xianfeng API</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><div id="app"></div><script src="/docs/scalar.js"></script><script src="/docs/init.js"></script></body></html>`

// The reference UI is served from this app (an intranet has no CDN): no default fonts, no proxy, and none of
// Scalar's cloud features — the developer toolbar (deploy, share, registry), the agent chat and the MCP
// button would each reach scalar.com.
const docsInit = `Scalar.createApiReference('#app', ${JSON.stringify({
  url: "/openapi.json",
  withDefaultFonts: false,
  hideClientButton: true,
  telemetry: false,
  showDeveloperTools: "never",
  showToolbar: "never",
  agent: { disabled: true },
  mcp: { disabled: true },
  proxyUrl: "",
})})`

/** Builds the HTTP app: routes of every area, auth, problem+json errors, security headers, docs and the admin. */
export const createApp = (deps: Deps, routes: readonly AnyRoute[] = allRoutes) => {
  const app = new Hono()
  const guide = deps.config.guideDist !== undefined ? guideServer(resolve(deps.config.guideDist)) : undefined
  // Registered before the security headers so that it runs after them: it widens their script-src.
  if (guide !== undefined) app.use("/guide/*", guide.allowInlineScripts)

  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its styles at run time (CSS-in-JS).
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
      strictTransportSecurity: deps.config.secureCookies ? "max-age=31536000; includeSubDomains" : false,
      referrerPolicy: "no-referrer",
      crossOriginEmbedderPolicy: false,
    }),
  )
  const generalLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiProblem(
        413,
        "payload-too-large",
        { "zh-CN": "请求体过大", en: "Payload too large" },
        { "zh-CN": "请求体不能超过 1 MB。", en: "The body may not exceed 1 MB." },
      )
    },
  })
  // An import uploads a spreadsheet (base64 in JSON): up to 12 MB of file.
  const importLimit = bodyLimit({
    maxSize: MAX_IMPORT_BODY_BYTES,
    onError: () => {
      throw new ApiProblem(
        413,
        "payload-too-large",
        { "zh-CN": "文件过大", en: "Payload too large" },
        { "zh-CN": "导入的文件不能超过 12 MB。", en: "An imported file may not exceed 12 MB." },
      )
    },
  })
  // A GET or HEAD has no body to limit (node-server gives it none), and asking for it would build the whole web
  // Request — an AbortController, its Headers, undici's Request — on every read, for nothing.
  app.use("/api/*", (c, next) =>
    c.req.method === "GET" || c.req.method === "HEAD"
      ? next()
      : c.req.path.startsWith("/api/import/")
        ? importLimit(c, next)
        : generalLimit(c, next),
  )
  app.use("/api/*", authenticate(deps))

  app.onError(async (err, c) => {
    const actor = refusedActorOf(c)
    if (err instanceof ApiProblem) {
      // Refusals are recorded (rate-limited) for the security administrator; a failed sign-in records its own.
      if (err.code === "forbidden" || err.code === "csrf") {
        await recordRefusal(deps, c, err.code === "csrf" ? "csrf" : "role", actor, {
          details: { status: err.status },
        })
      }
      return problemResponse(c, err)
    }
    // A scoped load found nothing in the caller's subtree: the same 404 as a missing object.
    if (err instanceof NotInScope) {
      await recordRefusal(deps, c, "scope", actor, {
        details: { status: 404, objectType: err.objectType, objectId: err.id },
      })
      return problemResponse(c, problems.notFound())
    }
    const constraint = uniqueViolationOf(err)
    if (constraint !== undefined) return problemResponse(c, uniqueViolationProblem(constraint))
    if (err instanceof HTTPException) {
      return problemResponse(
        c,
        new ApiProblem(
          err.status as 400,
          "http",
          { "zh-CN": "请求错误", en: "Request error" },
          { "zh-CN": err.message, en: err.message },
        ),
      )
    }
    console.error(err)
    return problemResponse(
      c,
      new ApiProblem(
        500,
        "internal",
        { "zh-CN": "服务器内部错误", en: "Internal error" },
        {
          "zh-CN": "服务器出错了，请稍后重试；问题已记录。",
          en: "The server failed; it has been logged. Try again later.",
        },
      ),
    )
  })

  mountRoutes(
    app,
    routes,
    deps,
    deps.auditAppender ?? createAuditAppender(deps.db),
    deps.callerCache ?? createCallerCache(),
  )

  const openapi = openApiDocument(routes, { title: "Xianfeng API", version: API_VERSION })
  app.get("/openapi.json", (c) => c.json(openapi))
  const require = createRequire(import.meta.url)
  const scalarFile = join(dirname(require.resolve("@scalar/api-reference")), "browser", "standalone.js")
  app.get("/docs", (c) => c.html(docsHtml))
  app.get("/docs/init.js", (c) => c.body(docsInit, 200, { "content-type": "text/javascript; charset=utf-8" }))
  app.get("/docs/scalar.js", (c) =>
    c.body(readFileSync(scalarFile), 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=86400",
    }),
  )

  app.all("/api/*", () => {
    throw problems.notFound()
  })

  if (guide !== undefined) guide.mount(app)
  if (deps.config.adminDist !== undefined) serveAdmin(app, resolve(deps.config.adminDist))
  return app
}

/**
 * The CSP source of each inline `<script>` of an HTML page: `'sha256-<base64>'` of the script's text exactly as
 * written between its tags (UTF-8), as CSP Level 2 hashes it. Scripts with a `src` are loaded from 'self' and
 * need none. Returns them in page order, without duplicates.
 */
export const inlineScriptHashes = (html: string): readonly string[] => {
  const hashes = new Set<string>()
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attributes = m[1] ?? ""
    const body = m[2] ?? ""
    if (/\bsrc\s*=/i.test(attributes) || body.length === 0) continue
    hashes.add(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`)
  }
  return [...hashes]
}

/**
 * The built guide (VitePress, base `/guide/`) as static files: `/guide/x` is `x`, `x.html` or `x/index.html`;
 * anything else is its 404 page. Nothing in it is loaded from another host.
 *
 * VitePress writes inline scripts into every page (site data, the hash map, the dark-mode check), which a
 * `script-src 'self'` blocks. Each HTML response of the guide therefore allows exactly its own inline scripts by
 * hash (computed once per file and kept while the file is unchanged); no 'unsafe-inline', no other host.
 */
const guideServer = (root: string) => {
  const hashesOf = new Map<string, { readonly mtimeMs: number; readonly hashes: readonly string[] }>()
  const pageHashes = new WeakMap<Request, readonly string[]>()

  const html = (c: Context, file: string, status: 200 | 404, cacheControl: string) => {
    const body = readFileSync(file)
    const mtimeMs = statSync(file).mtimeMs
    let cached = hashesOf.get(file)
    if (cached === undefined || cached.mtimeMs !== mtimeMs) {
      cached = { mtimeMs, hashes: inlineScriptHashes(body.toString("utf8")) }
      hashesOf.set(file, cached)
    }
    pageHashes.set(c.req.raw, cached.hashes)
    return c.body(body, status, {
      "content-type": contentTypes[".html"] as string,
      "cache-control": cacheControl,
    })
  }

  const allowInlineScripts = async (c: Context, next: Next) => {
    await next()
    const hashes = pageHashes.get(c.req.raw)
    const csp = c.res.headers.get("content-security-policy")
    if (hashes === undefined || hashes.length === 0 || csp === null) return
    c.res.headers.set(
      "content-security-policy",
      csp.replace(
        /(^|;\s*)script-src ([^;]*)/,
        (_all, lead: string, sources: string) => `${lead}script-src ${sources} ${hashes.join(" ")}`,
      ),
    )
  }

  const files = staticFiles()
  const mount = (app: Hono) => {
    app.get("/guide", (c) => c.redirect("/guide/", 301))
    app.get("/guide/*", (c) => {
      const path = decodeURIComponent(new URL(c.req.url).pathname).slice("/guide".length)
      const rel = normalize(path).replace(/^(\.\.[/\\])+/, "")
      const candidates = [join(root, rel), join(root, `${rel}.html`), join(root, rel, "index.html")]
      const file = candidates.find((f) => f.startsWith(root) && existsSync(f) && statSync(f).isFile())
      if (file === undefined) {
        const missing = join(root, "404.html")
        return existsSync(missing)
          ? html(c, missing, 404, "no-cache")
          : c.text("The guide is not built: run pnpm build.", 404)
      }
      if (extname(file) === ".html") return html(c, file, 200, "no-cache")
      return files.send(c, file, {
        "content-type": contentTypes[extname(file)] ?? "application/octet-stream",
        "cache-control": rel.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
      })
    })
  }

  return { allowInlineScripts, mount }
}

/**
 * The built admin: files as they are, and index.html for every other path (client-side routes); from memory and
 * gzip-compressed where the client accepts it (`staticFiles`).
 */
const serveAdmin = (app: Hono, root: string) => {
  const index = join(root, "index.html")
  const files = staticFiles()
  app.get("*", (c) => {
    const rel = normalize(decodeURIComponent(new URL(c.req.url).pathname)).replace(/^(\.\.[/\\])+/, "")
    const file = join(root, rel)
    if (file.startsWith(root) && existsSync(file) && statSync(file).isFile()) {
      const type = contentTypes[extname(file)] ?? "application/octet-stream"
      const immutable = rel.startsWith("/assets/")
      return files.send(c, file, {
        "content-type": type,
        "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      })
    }
    if (!existsSync(index)) return c.text("The admin is not built: run pnpm build.", 404)
    return files.send(c, index, {
      "content-type": contentTypes[".html"] as string,
      "cache-control": "no-cache",
    })
  })
}
