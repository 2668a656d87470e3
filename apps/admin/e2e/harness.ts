import { type ChildProcess, spawn } from "node:child_process"
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { type BrowserContext, chromium, type Page } from "playwright-core"
import { afterAll, afterEach, beforeAll, inject } from "vitest"

declare module "vitest" {
  export interface ProvidedContext {
    /** The data folder the run's first server loaded the demo district into (e2e/global-setup.ts). */
    demoDataDir: string
  }
}

// What every browser test shares: the built server (apps/api/dist/server.js) with the demo district in an
// embedded data folder of its own (a copy of the one the run loaded once, e2e/global-setup.ts) serving the
// built admin (apps/admin/dist) on one origin, and Debian's chromium with a watch on every request
// (intranet: nothing may leave the origin) and on script errors.

const here = dirname(fileURLToPath(import.meta.url))
export const adminDir = resolve(here, "..")
export const apiDir = resolve(adminDir, "..", "api")
export const serverJs = join(apiDir, "dist", "server.js")
export const adminDist = join(adminDir, "dist")
export const shots = join(adminDir, "test-results")
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"

const freePort = () =>
  new Promise<number>((ok, fail) => {
    const s = createServer()
    s.once("error", fail)
    s.listen(0, "127.0.0.1", () => {
      const address = s.address()
      const port = typeof address === "object" && address ? address.port : 0
      s.close(() => ok(port))
    })
  })

export interface Harness {
  readonly base: string
  readonly context: BrowserContext
  readonly page: Page
  /** Requests to any other host than the server's. */
  readonly offOrigin: string[]
  /** Uncaught script errors and console errors (React reports caught render errors there). */
  readonly pageErrors: string[]
  /** The API server's output so far. */
  readonly serverLog: () => string
  /** The server's exit code, or null while it runs. */
  readonly serverExitCode: () => number | null
  readonly close: () => Promise<void>
}

/** The demo district every browser test starts from. */
export const DEMO_ENV = { XF_DEMO_MEMBERS: "2000", XF_DEMO_SEED: "1" } as const

/**
 * Starts the built server on a free port and waits up to `waitMs` for `/api/health`. Without `XF_DATA_DIR` in
 * `env`, the server gets a copy of the run's loaded data folder (removed by `dispose`).
 */
export const startServer = async (env: Readonly<Record<string, string>>, waitMs = 200_000) => {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  let copy: string | undefined
  if (env.XF_DATA_DIR === undefined) {
    copy = mkdtempSync(join(tmpdir(), "xf-e2e-data-"))
    // The seed's lock file names its (ended) server; the copy starts without one.
    cpSync(inject("demoDataDir"), copy, { recursive: true, filter: (src) => !src.endsWith("xianfeng.lock") })
  }
  const dispose = () => {
    if (copy !== undefined) rmSync(copy, { recursive: true, force: true })
  }
  let log = ""
  const server: ChildProcess = spawn(process.execPath, [serverJs], {
    cwd: apiDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      ...(copy === undefined ? {} : { XF_DATA_DIR: copy }),
      ...DEMO_ENV,
      XF_ADMIN_DIST: adminDist,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  })
  server.stdout?.on("data", (b: Buffer) => {
    log += b.toString()
  })
  server.stderr?.on("data", (b: Buffer) => {
    log += b.toString()
  })
  const deadline = Date.now() + waitMs
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      dispose()
      throw new Error(`the API server exited with ${server.exitCode}:\n${log}`)
    }
    try {
      const res = await fetch(`${base}/api/health`)
      if (res.status === 200) return { server, base, log: () => log, dispose }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  server.kill("SIGKILL")
  dispose()
  throw new Error(`the API server did not answer /api/health within ${waitMs / 1000} s:\n${log}`)
}

/** Stops the server (SIGTERM, so it closes its database; SIGKILL after 5 s). */
export const stopServer = async (server: ChildProcess): Promise<void> => {
  if (server.exitCode !== null) return
  const exited = new Promise((r) => server.once("exit", r))
  server.kill("SIGTERM")
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))])
  if (server.exitCode === null) {
    server.kill("SIGKILL")
    await exited
  }
}

/** Fails loudly when a build or the browser is missing. */
export const checkBuilt = (): void => {
  if (!existsSync(serverJs))
    throw new Error(`${serverJs} is missing: build the API first (pnpm --filter @xianfeng/api build)`)
  if (!existsSync(join(adminDist, "index.html")))
    throw new Error(
      `${adminDist}/index.html is missing: build the admin first (pnpm --filter @xianfeng/admin build)`,
    )
}

/**
 * Starts the API and chromium. Fails loudly when a build or the browser is missing: a missing build is
 * a broken pipeline, not a reason to skip the only real test.
 */
export const startHarness = async (env: Readonly<Record<string, string>> = {}): Promise<Harness> => {
  checkBuilt()
  if (!existsSync(chromiumPath))
    throw new Error(`no chromium at ${chromiumPath}: run .ci/install-browser.sh or set CHROMIUM_PATH`)
  mkdirSync(shots, { recursive: true })
  const { server, base, log, dispose } = await startServer(env)
  const profile = mkdtempSync(join(tmpdir(), "xf-chromium-"))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: "zh-CN",
    // The admin turns antd's animations off for reduced motion: a click never lands on a half-open dropdown.
    reducedMotion: "reduce",
    acceptDownloads: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  })
  context.setDefaultTimeout(20_000)
  const offOrigin: string[] = []
  const pageErrors: string[] = []
  // Intranet: every request the admin makes must go to the server that served it.
  context.on("request", (r) => {
    const url = r.url()
    if (!url.startsWith(`${base}/`) && !url.startsWith("data:") && !url.startsWith("blob:"))
      offOrigin.push(url)
  })
  const page = context.pages()[0] ?? (await context.newPage())
  page.on("pageerror", (e) => pageErrors.push(e.message))
  // React reports errors its boundaries caught on the console; a broken panel must fail the run.
  page.on("console", (m) => {
    // (A 4xx a test provokes on purpose is logged by chromium itself as "Failed to load resource"; the sign-in
    // page asks /auth/session, which answers 200 for nobody, and logs none: e2e/newcomer checks that.)
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource"))
      pageErrors.push(`${m.text()} (${m.location().url}:${m.location().lineNumber})`)
  })
  const close = async () => {
    await context.close().catch(() => undefined)
    rmSync(profile, { recursive: true, force: true })
    await stopServer(server)
    dispose()
  }
  return {
    base,
    context,
    page,
    offOrigin,
    pageErrors,
    serverLog: log,
    serverExitCode: () => server.exitCode,
    close,
  }
}

/** The demo district's password for every demo user (see the start banner); not a secret. */
export const DEMO_PASSWORD = "xianfeng-demo"

/**
 * The file's running harness and its parts, set by `useHarness` before the file's tests run (live bindings:
 * read them inside tests and hooks, not at import).
 */
export let harness: Harness | undefined
export let base = ""
export let page: Page
export let context: BrowserContext

const running = (): Harness => {
  if (harness === undefined) throw new Error("the harness runs only inside the file's tests and hooks")
  return harness
}

/**
 * Signs `username` in through the login page (cookies cleared first, so it replaces whoever was signed in), at
 * `viewport` if given, and waits for the signed-in frame.
 */
export const signIn = async (
  username: string,
  {
    password = DEMO_PASSWORD,
    viewport,
  }: { password?: string; viewport?: { width: number; height: number } } = {},
): Promise<void> => {
  const h = running()
  await h.context.clearCookies()
  if (viewport) await h.page.setViewportSize(viewport)
  await h.page.goto(`${h.base}/login`)
  await h.page.getByTestId("login-username").fill(username)
  await h.page.getByTestId("login-password").fill(password)
  await h.page.getByTestId("login-submit").click()
  await h.page.getByTestId("user-menu").waitFor()
}

/**
 * The row keys (`data-row-key`: the API's ids) a table shows now, in order, for `expect.poll`: the table whose test
 * id is `testId` (antd puts it on the table; its pagination is beside it).
 */
export const shownRowKeys = (testId: string) => (): Promise<(string | null)[]> =>
  running()
    .page.getByTestId(testId)
    .locator("[data-row-key]")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-row-key")))

/** The API's JSON answer to `method path` (under /api) as the signed-in user; a non-2xx answer throws. */
export const api = async <T>(path: string, method = "GET", body?: unknown): Promise<T> => {
  const h = running()
  const url = `${h.base}/api${path}`
  let res: Awaited<ReturnType<typeof h.context.request.get>>
  if (method === "GET") res = await h.context.request.get(url)
  else {
    // A write carries the session's CSRF token, as the admin's client sends it.
    const me = await h.context.request.get(`${h.base}/api/auth/me`)
    const { csrfToken } = (await me.json()) as { csrfToken: string }
    res = await h.context.request.fetch(url, {
      method,
      data: body as object,
      headers: { "x-csrf-token": csrfToken },
    })
  }
  if (!res.ok()) throw new Error(`${method} /api${path} → ${res.status()}: ${await res.text()}`)
  return (await res.json()) as T
}

/**
 * Registers the file's hooks: the harness starts before all its tests (then signs `signIn` in, if given) and
 * stops after all; a failed test leaves a full-page screenshot `test-results/failed-<test name>.png`.
 */
export const useHarness = (
  options: { readonly env?: Readonly<Record<string, string>>; readonly signIn?: string } = {},
): void => {
  beforeAll(async () => {
    harness = await startHarness(options.env)
    ;({ base, page, context } = harness)
    if (options.signIn !== undefined) await signIn(options.signIn)
  }, 400_000)
  afterAll(async () => {
    await harness?.close()
    harness = undefined
  })
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== "fail" || harness === undefined) return
    const name = ctx.task.name.replace(/[^\w]+/g, "-").slice(0, 60)
    await page.screenshot({ path: join(shots, `failed-${name}.png`), fullPage: true }).catch(() => undefined)
  })
}
