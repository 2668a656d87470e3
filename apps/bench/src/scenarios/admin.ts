/** 6. The admin in headless Chromium, against the running PGlite API. */
import { type AdminResult, benchAdmin, type DashboardSplit } from "../admin.js"
import { type BenchContext, log } from "../context.js"
import { median } from "../http.js"
import { adminDist, type Server } from "../proc.js"
import { row, type Section } from "../report.js"

/** What the dashboard's time went to, measured in the page (the medians of the visits' splits). */
const dashboardLimit = (admin: AdminResult): string => {
  const s = admin.dashboardSplits
  if (s.length === 0) return "no split of the visits was measured."
  const ms = (xs: number[]) => `${Math.round(median(xs)).toLocaleString("en-US")} ms`
  return (
    `measured in the page (${s.length === 1 ? "one visit" : `medians of ${s.length} visits`}): loading and running the app's code (the main bundle, ` +
    "the frame's and the panels' chunks) and asking the session, until the first panel read left at " +
    `${ms(s.map((x) => x.firstReadAt))}; then ${Math.round(median(s.map((x) => x.reads)))} panel reads, some in flight ` +
    `for ${ms(s.map((x) => x.readsBusy))} in all (they queue on PGlite's one connection, and on this 2-core ` +
    "machine the browser, the API's thread and PGlite's worker share the cores), the last answered at " +
    `${ms(s.map((x) => x.lastAnswerAt))}; every panel drawn at ${ms(admin.dashboardMs)}.` +
    replayed(s)
  )
}

/** The same reads sent at once from outside the browser, when the visits measured it. */
const replayed = (s: readonly DashboardSplit[]): string => {
  const r = s.flatMap((x) => (x.replayMs === undefined ? [] : [x.replayMs]))
  if (r.length === 0) return ""
  return (
    ` The same reads sent at once from outside the browser by a fresh session, right after each visit: the last ` +
    `answered after ${Math.round(median(r)).toLocaleString("en-US")} ms (median) against ` +
    `${Math.round(median(s.map((x) => x.lastAnswerAt - x.firstReadAt))).toLocaleString("en-US")} ms in the page — ` +
    "the rest is the page's own work (its code, drawing) on the same cores as the API."
  )
}

export const adminScenario = async ({ cfg, versions }: BenchContext, api: Server): Promise<Section> => {
  log("admin in chromium")
  const admin: AdminResult = await benchAdmin(api.url, adminDist, cfg.browserReps, cfg.chromiumPath)
  versions.Chromium = admin.chromium
  return {
    id: "admin",
    title: "Admin",
    setup:
      "Headless Chromium (playwright-core, `/usr/bin/chromium`) against the API serving the built admin on " +
      "PGlite. First page: `/` (the sign-in form) until the network is idle, each response gzip-compressed. " +
      "Member list: a fresh context signed in as `admin`, from `goto('/members')` to the first table row. " +
      "Dashboard: the same from `goto('/')` until every panel is drawn with its data (none still loading).",
    rows: [
      row({
        metric: "first page, gzip",
        baselineLabel: "whole built admin, gzip",
        baseline: admin.wholeAppGzipKB,
        measured: admin.firstPageGzipKB,
        unit: "KB",
        target: "≤ 500 KB",
        pass: admin.firstPageGzipKB <= 500,
        detail: `${admin.firstPageRequests} responses`,
        limit: "the first page's static imports (React, antd and the app shell) exceed the budget.",
      }),
      row({
        metric: "navigation → usable member list",
        baselineLabel: "navigation to /api/health",
        baseline: median(admin.blankNavigationMs),
        measured: median(admin.memberListMs),
        unit: "ms",
        target: "–",
        pass: null,
        detail: `median of ${admin.memberListMs.length}, cold cache`,
      }),
      row({
        metric: "navigation → usable dashboard",
        baselineLabel: "navigation to /api/health",
        baseline: median(admin.blankNavigationMs),
        measured: median(admin.dashboardMs),
        unit: "ms",
        target: "≤ 2,000 ms",
        pass: median(admin.dashboardMs) <= 2_000,
        detail: `median of ${admin.dashboardMs.length}, cold cache, every panel drawn (district admin)`,
        limit: dashboardLimit(admin),
      }),
    ],
  }
}
