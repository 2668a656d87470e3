/**
 * The admin in headless Chromium: what the first page loads (gzip), and the time from navigation to a usable
 * member list (rows rendered) and to a usable dashboard (every panel drawn with its data) for a signed-in user,
 * each against a baseline from the same server and run.
 */
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import { gzipSync } from "node:zlib"
import { DEMO_PASSWORD } from "@xianfeng/demo"
import { type BrowserContext, chromium } from "playwright-core"
import { median } from "./http.js"

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
]

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    if (f === ".vite") return []
    return statSync(p).isDirectory() ? walk(p) : [p]
  })

export interface AdminResult {
  firstPageGzipKB: number
  firstPageRequests: number
  wholeAppGzipKB: number
  memberListMs: number[]
  /** `/` (the district admin's dashboard) until every panel has drawn its data: no panel is still loading. */
  dashboardMs: number[]
  /**
   * Where each dashboard visit's time went, from the page's own resource timing (ms after navigation start):
   * when the first panel read (`/api/` but `/api/auth/`) left — everything before it is loading and running the
   * app's code and asking the session —, when the last one answered, and how long some read was in flight.
   */
  dashboardSplits: DashboardSplit[]
  blankNavigationMs: number[]
  chromium: string
}

/** One dashboard visit's reads, from the page's resource timing (ms after its navigation started). */
export interface DashboardSplit {
  readonly firstReadAt: number
  readonly lastAnswerAt: number
  /** Time some panel read was in flight, overlaps counted once. */
  readonly readsBusy: number
  readonly reads: number
  /** The reads' paths (with their queries), in the order they left. */
  readonly paths: readonly string[]
  /**
   * The same reads sent at once from outside the browser (Node, a fresh session signed in the same way) right
   * after the visit: from the first leaving to the last answered, ms. What the reads cost the API without the
   * browser's own work on the same cores.
   */
  readonly replayMs?: number
}

/** Runs in the page: its panel reads' timing (`/api/` but the session's). A function, not a string (the CSP). */
const readsOfPage = (): DashboardSplit => {
  type Entry = { name: string; startTime: number; responseEnd: number }
  const perf = (globalThis as unknown as { performance: { getEntriesByType: (t: string) => Entry[] } })
    .performance
  const reads = perf
    .getEntriesByType("resource")
    .filter((e) => {
      const path = new URL(e.name).pathname
      return path.startsWith("/api/") && !path.startsWith("/api/auth/")
    })
    .sort((a, b) => a.startTime - b.startTime)
  let busy = 0
  let end = -1
  for (const r of reads) {
    const start = Math.max(r.startTime, end)
    if (r.responseEnd > start) busy += r.responseEnd - start
    end = Math.max(end, r.responseEnd)
  }
  return {
    firstReadAt: reads[0]?.startTime ?? 0,
    lastAnswerAt: end,
    readsBusy: busy,
    reads: reads.length,
    paths: reads.map((r) => {
      const u = new URL(r.name)
      return `${u.pathname}${u.search}`
    }),
  }
}

export const benchAdmin = async (
  base: string,
  dist: string,
  reps: number,
  chromiumPath: string,
): Promise<AdminResult> => {
  const wholeApp = walk(dist)
    .filter((f) => !f.endsWith(".map"))
    .reduce((n, f) => n + gzipSync(readFileSync(f)).length, 0)
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ARGS,
  })
  try {
    // 1. What the first page (/, which shows the sign-in form) loads, gzip-compressed.
    const ctx = await browser.newContext({ locale: "zh-CN", viewport: { width: 1440, height: 900 } })
    const page = await ctx.newPage()
    const bodies: Promise<number>[] = []
    page.on("response", (res) => {
      if (!res.url().startsWith(`${base}/`)) return
      bodies.push(
        res
          .body()
          .then((b) => gzipSync(b).length)
          .catch(() => 0),
      )
    })
    await page.goto(`${base}/`)
    await page.getByTestId("login-submit").waitFor()
    await page.waitForLoadState("networkidle")
    const sizes = await Promise.all(bodies)
    await ctx.close()

    /** Every dashboard panel is on the page and none still shows its loading state (each has its data). */
    // A function, not a string: the admin's CSP (script-src 'self') refuses a string evaluated in the page.
    const dashboardUsable = () => {
      type El = { querySelector: (selector: string) => unknown }
      const doc = (globalThis as unknown as { document: { querySelectorAll: (s: string) => Iterable<El> } })
        .document
      const cards = [...doc.querySelectorAll('[data-testid^="panel-"]')]
      return cards.length > 0 && cards.every((c) => c.querySelector('[data-testid="loading"]') === null)
    }
    /** Signs `c` in as the district admin (the session cookie, kept by the context). */
    const signInAdmin = async (c: BrowserContext) => {
      const r = await c.request.post(`${base}/api/auth/login`, {
        data: { username: "admin", password: DEMO_PASSWORD },
        headers: { origin: base },
      })
      if (!r.ok()) throw new Error(`admin login: ${r.status()}`)
    }
    /** `ready`: a selector to wait for, or (`{ until }`) a function run in the page until it returns true. */
    const timeFresh = async (
      path: string,
      signIn: boolean,
      ready?: string | { until: () => boolean },
      splits?: DashboardSplit[],
    ) => {
      const c = await browser.newContext({ locale: "zh-CN", viewport: { width: 1440, height: 900 } })
      try {
        if (signIn) {
          await signInAdmin(c)
        }
        const p = await c.newPage()
        const t = performance.now()
        await p.goto(`${base}${path}`)
        if (typeof ready === "string") await p.locator(ready).first().waitFor({ timeout: 60_000 })
        else if (ready) await p.waitForFunction(ready.until, null, { timeout: 60_000, polling: 50 })
        const took = performance.now() - t
        if (splits !== undefined) {
          const split = await p.evaluate(readsOfPage)
          splits.push({ ...split, replayMs: await replay(split.paths) })
        }
        return took
      } finally {
        await c.close()
      }
    }
    /** `paths` sent at once by a fresh signed-in session from Node (not the page): ms to the last answer. */
    const replay = async (paths: readonly string[]): Promise<number> => {
      const c = await browser.newContext()
      try {
        await signInAdmin(c)
        const t = performance.now()
        const answers = await Promise.all(paths.map((path) => c.request.get(`${base}${path}`)))
        const took = performance.now() - t
        const failed = answers.find((a) => !a.ok())
        if (failed) throw new Error(`replaying the dashboard's reads: ${failed.url()} → ${failed.status()}`)
        return took
      } finally {
        await c.close()
      }
    }
    const blank: number[] = []
    const list: number[] = []
    const dashboard: number[] = []
    const splits: DashboardSplit[] = []
    for (let i = 0; i < reps; i++) {
      blank.push(await timeFresh("/api/health", false))
      list.push(await timeFresh("/members", true, '[data-testid="member-table"] .ant-table-row'))
      dashboard.push(await timeFresh("/", true, { until: dashboardUsable }, splits))
    }
    return {
      firstPageGzipKB: sizes.reduce((a, b) => a + b, 0) / 1024,
      firstPageRequests: sizes.length,
      wholeAppGzipKB: wholeApp / 1024,
      memberListMs: list,
      dashboardMs: dashboard,
      dashboardSplits: splits,
      blankNavigationMs: blank,
      chromium: browser.version(),
    }
  } finally {
    await browser.close()
  }
}

export { median }
