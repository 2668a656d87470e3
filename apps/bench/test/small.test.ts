import { execFile } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"
import { afterAll, expect, test } from "vitest"
import { childEnv } from "../src/config.js"
import type { Report } from "../src/report.js"

const main = join(import.meta.dirname, "..", "dist", "main.js")
const out = mkdtempSync(join(tmpdir(), "xf-bench-test-"))
afterAll(() => rmSync(out, { recursive: true, force: true }))

// The small mode end to end, so the suite cannot rot. Never asserts speed: only that every section ran and
// reported numeric baselines and ratios. Smaller still than the small mode's defaults (1 s loads, 500 demo
// members, 1,000 histories): every section's code runs alike, in 100 s instead of 145 s alone (190 s → 137 s of CPU,
// over 300 s in a loaded CI run).
test("the small mode reports every section with numeric baselines and ratios", async () => {
  if (!existsSync(main))
    throw new Error(`${main} is missing: build first (pnpm --filter @xianfeng/bench build)`)
  const docs = join(out, "benchmarks.md")
  await promisify(execFile)(process.execPath, [main], {
    env: childEnv({
      BENCH_SCALE: "small",
      BENCH_SECONDS: "1",
      BENCH_DEMO_MEMBERS: "500",
      BENCH_HISTORIES: "1000",
      BENCH_OUT: out,
      BENCH_DOCS: docs,
    }),
    timeout: 600_000,
    maxBuffer: 16 << 20,
  })
  const report = JSON.parse(readFileSync(join(out, "small.json"), "utf8")) as Report
  expect(report.mode).toBe("small")
  expect(report.sections.map((s) => s.id)).toEqual([
    "rules",
    "api-postgres",
    "api-pglite",
    "morning",
    "subtree",
    "startup",
    "admin",
    "import",
  ])
  expect(report.machine.cores).toBeGreaterThan(0)
  expect(report.machine.loadAvgStart).toHaveLength(3)
  expect(Object.keys(report.versions)).toEqual(expect.arrayContaining(["node", "PGlite", "Chromium"]))
  for (const section of report.sections) {
    expect(section.rows.length, section.id).toBeGreaterThan(0)
    for (const r of section.rows) {
      expect(Number.isFinite(r.baseline) && r.baseline > 0, `${section.id}: ${r.metric} baseline`).toBe(true)
      expect(Number.isFinite(r.measured) && r.measured > 0, `${section.id}: ${r.metric} measured`).toBe(true)
      expect(Number.isFinite(r.ratio), `${section.id}: ${r.metric} ratio`).toBe(true)
      if (r.pass === false) expect(r.limit, `${section.id}: ${r.metric} names what limits it`).toBeTruthy()
    }
  }
  const md = readFileSync(docs, "utf8")
  for (let i = 1; i <= 6; i++) expect(md).toContain(`## ${i}. `)
  expect(md).toMatch(/load average/)
})
