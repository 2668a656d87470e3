/**
 * Xianfeng's benchmark suite. `pnpm bench` (full) or `BENCH_SCALE=small node dist/main.js` (small, inside
 * `pnpm test`). Writes results/latest.json and regenerates docs/benchmarks.md (full mode; small mode writes
 * results/small.md unless BENCH_DOCS is set). Every figure is a ratio to a baseline from the same run.
 * The environment is read in config.ts; each scenario is a file of scenarios/; this file only wires them.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type BenchConfig, benchConfig } from "./config.js"
import { type BenchContext, log, pkgVersion } from "./context.js"
import { distFile, repoRoot } from "./proc.js"
import { keepHandWritten, machineNow, type Report, type Section, toMarkdown } from "./report.js"
import { adminScenario } from "./scenarios/admin.js"
import { apiPgliteScenario } from "./scenarios/api-pglite.js"
import { apiPostgresScenario } from "./scenarios/api-postgres.js"
import { complianceOnly } from "./scenarios/compliance.js"
import { educationOnly, educationOnPostgres, educationScenario } from "./scenarios/education.js"
import { importScenario } from "./scenarios/import.js"
import { morningOnPglite } from "./scenarios/morning.js"
import { rlsScenario } from "./scenarios/rls.js"
import { rulesLimit, rulesScenario, sizeNotes } from "./scenarios/rules.js"
import { startupScenario } from "./scenarios/startup.js"

/** `md` followed by the hand-written part of the report already at `file` (see `keepHandWritten`). */
const withKeptPart = (file: string, md: string): string => {
  let old: string | undefined
  try {
    old = readFileSync(file, "utf8")
  } catch {
    old = undefined
  }
  return keepHandWritten(old, md)
}

const main = async (cfg: BenchConfig) => {
  const t0 = performance.now()
  const startedAt = new Date().toISOString()
  const loadStart = machineNow().loadAvg
  const ctx: BenchContext = { cfg, versions: { node: process.versions.node } }
  const sections: Section[] = []
  const notes: string[] = []
  const tmp = mkdtempSync(join(tmpdir(), "xf-bench-"))
  log(`mode ${cfg.small ? "small" : "full"}; load average ${loadStart.join(" ")}`)
  const wanted = (...ids: string[]) => cfg.only === undefined || ids.some((id) => cfg.only?.includes(id))
  // BENCH_ONLY=api: the API's load rows on PGlite and on PostgreSQL (small mode too), nothing else.
  const apiOnly = cfg.only !== undefined && cfg.only.includes("api")
  if (cfg.only !== undefined) log(`only: ${cfg.only.join(", ")}`)
  try {
    if (wanted("rules")) sections.push(rulesScenario(ctx))
    // 5 (start-up) leaves the API running on its PGlite folder for 6 (admin) and 3 (PGlite).
    const lite = wanted("startup", "admin", "api-pglite", "subtree", "api", "morning")
      ? await startupScenario(ctx, tmp)
      : undefined
    if (lite !== undefined) {
      if (wanted("startup", "admin", "api-pglite", "subtree")) {
        sections.push(lite.section)
        sections.push(await adminScenario(ctx, lite.api))
      }
      if (wanted("startup", "admin", "api-pglite", "subtree", "api")) {
        sections.push(...(await apiPgliteScenario(ctx, lite)))
      }
      await lite.api.stop()
      // The working morning (issue 18) on the demo district, once the API rows have freed the folder.
      if (wanted("morning")) sections.push(await morningOnPglite(ctx, lite))
    }
    // Small mode only: what row-level security adds to the subtree queries, a row of the subtree section.
    if (cfg.small && lite !== undefined && cfg.only === undefined) {
      const rls = await rlsScenario(ctx)
      const subtree = sections.find((s) => s.id === "subtree")
      if (subtree === undefined) throw new Error("no subtree section to add the row-level security row to")
      subtree.rows.push(rls.row)
      notes.push(rls.note)
      const education = await educationScenario(ctx)
      subtree.rows.push(education.row)
      notes.push(education.note)
    }
    // BENCH_ONLY=morning with BENCH_DATABASE_URL: the morning on PostgreSQL in small mode too.
    const morningPg = cfg.only?.includes("morning") === true && cfg.databaseUrl !== undefined
    // BENCH_ONLY=load-postgres: load the cluster and store its answers (kept with BENCH_REUSE_PG=1), measure nothing.
    const loadOnly = cfg.only?.includes("load-postgres") === true
    if (
      (!cfg.small && wanted("api-postgres", "subtree", "api", "morning")) ||
      apiOnly ||
      morningPg ||
      loadOnly
    ) {
      try {
        const pg = await apiPostgresScenario(
          ctx,
          apiOnly || cfg.only !== undefined ? [] : [educationOnPostgres],
          {
            api: !loadOnly && wanted("api-postgres", "subtree", "api"),
            morning: !loadOnly && wanted("morning") && !apiOnly,
          },
        )
        // In small mode the PGlite stand-ins of sections 2 and 4 give way to the real section 2.
        if (cfg.small) {
          const real = sections.filter((s) => s.id !== "api-postgres" && s.id !== "subtree")
          sections.splice(0, sections.length, ...real)
        }
        sections.push(...pg.sections.filter((s) => !apiOnly || s.id !== "subtree"))
        notes.push(...pg.notes)
      } catch (e) {
        log("PostgreSQL part failed:", e)
        notes.push(
          `**The PostgreSQL part (sections 2 and 4) failed:** ${e instanceof Error ? e.message.slice(0, 300) : String(e)}`,
        )
      }
    }
    // The import (issue 14): on PostgreSQL in full mode, after the API's part has released the cluster.
    try {
      if (wanted("import"))
        sections.push({
          id: "import",
          title: "Import",
          setup: cfg.small
            ? "2,000 member rows (CSV) through the import engine on PGlite, against a bare COPY of the same rows (smoke run)"
            : "50,000 member rows (CSV) through the import engine on PostgreSQL, against a bare COPY of the same rows",
          rows: [await importScenario(ctx)],
        })
    } catch (e) {
      log("import part failed:", e)
      notes.push(`**The import part failed:** ${e instanceof Error ? e.message.slice(0, 300) : String(e)}`)
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }

  const order: Section["id"][] = [
    "rules",
    "api-postgres",
    "api-pglite",
    "morning",
    "subtree",
    "startup",
    "admin",
    "import",
  ]
  sections.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id))
  ctx.versions.autocannon = pkgVersion("autocannon")
  const m = machineNow()
  const report: Report = {
    mode: cfg.small ? "small" : "full",
    startedAt,
    durationS: (performance.now() - t0) / 1000,
    machine: {
      cpuModel: m.cpuModel,
      cores: m.cores,
      memoryGB: m.memoryGB,
      loadAvgStart: loadStart,
      loadAvgEnd: m.loadAvg,
    },
    versions: ctx.versions,
    sections,
    notes,
  }
  notes.push(...sizeNotes(report))
  const outDir = cfg.outDir ?? join(distFile(".."), "results")
  mkdirSync(outDir, { recursive: true })
  const stem = cfg.only !== undefined ? `only-${cfg.only.join("-")}` : cfg.small ? "small" : "latest"
  const json = join(outDir, `${stem}.json`)
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`)
  const md = toMarkdown(report)
  const docs =
    cfg.docs ??
    (cfg.small || cfg.only !== undefined
      ? join(outDir, `${stem === "latest" ? "small" : stem}.md`)
      : join(repoRoot, "docs", "benchmarks.md"))
  writeFileSync(docs, withKeptPart(docs, md))
  console.log(md)
  log(`wrote ${json} and ${docs}`)
}

/** `node dist/main.js --render <report.json>`: rewrites the Markdown (and the explanations) from a saved run. */
const render = (cfg: BenchConfig, file: string) => {
  const saved = JSON.parse(readFileSync(file, "utf8")) as Report
  const report: Report = {
    ...saved,
    notes: [...saved.notes.filter((n) => !n.startsWith("Rules ran on")), ...sizeNotes(saved)],
    sections: saved.sections.map((s) =>
      s.id !== "rules"
        ? s
        : {
            ...s,
            rows: s.rows.map((r) => {
              const m = /([\d.]+) µs per history vs ([\d.]+) µs/.exec(r.detail ?? "")
              return m && r.pass === false ? { ...r, limit: rulesLimit(Number(m[1]), Number(m[2])) } : r
            }),
          },
    ),
  }
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
  const docs = cfg.docs ?? join(repoRoot, "docs", "benchmarks.md")
  writeFileSync(docs, withKeptPart(docs, toMarkdown(report)))
  log(`rendered ${file} into ${docs}`)
}

/** A row run alone (`BENCH_ONLY=education` or `compliance`), written to results/<id>-<mode>.{json,md}. */
const alone = {
  education: { run: educationOnly, title: "Study hours (education), run alone" },
  compliance: { run: complianceOnly, title: "A year's compliance (discipline), run alone" },
} as const
const only = async (cfg: BenchConfig, id: keyof typeof alone) => {
  const startedAt = new Date().toISOString()
  const loadStart = machineNow().loadAvg
  const ctx: BenchContext = { cfg, versions: { node: process.versions.node } }
  const t0 = performance.now()
  const { row, note, setup } = await alone[id].run(ctx)
  const m = machineNow()
  const report: Report = {
    mode: cfg.small ? "small" : "full",
    startedAt,
    durationS: (performance.now() - t0) / 1000,
    machine: {
      cpuModel: m.cpuModel,
      cores: m.cores,
      memoryGB: m.memoryGB,
      loadAvgStart: loadStart,
      loadAvgEnd: m.loadAvg,
    },
    versions: ctx.versions,
    sections: [{ id: "subtree", title: alone[id].title, setup, rows: [row] }],
    notes: [note],
  }
  const outDir = cfg.outDir ?? join(distFile(".."), "results")
  mkdirSync(outDir, { recursive: true })
  const name = `${id}-${report.mode}`
  writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`)
  const md = toMarkdown(report)
  writeFileSync(cfg.docs ?? join(outDir, `${name}.md`), md)
  console.log(md)
}

const cfg = benchConfig()
const renderAt = process.argv.indexOf("--render")
const run =
  renderAt >= 0
    ? async () => render(cfg, process.argv[renderAt + 1] ?? "")
    : cfg.only?.length === 1 && (cfg.only[0] === "education" || cfg.only[0] === "compliance")
      ? () => only(cfg, cfg.only?.[0] as keyof typeof alone)
      : () => main(cfg)
run().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
