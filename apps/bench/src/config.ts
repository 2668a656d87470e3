/**
 * Everything the benchmark reads from its environment, read here once and typed. No other file of the bench
 * reads `process.env`: the child processes (baseline and bare servers) call their own readers below.
 */
import { join } from "node:path"

type Env = Readonly<Record<string, string | undefined>>

const numberOf = (env: Env, name: string, fallback: number): number => {
  const v = env[name]
  if (v === undefined || v === "") return fallback
  const n = Number(v)
  if (!Number.isFinite(n)) throw new RangeError(`${name} must be a number, got ${JSON.stringify(v)}`)
  return n
}

export interface BenchConfig {
  /** BENCH_SCALE=small: the quick run inside `pnpm test` (PGlite stand-ins for the PostgreSQL sections). */
  readonly small: boolean
  /** Histories the rules benchmark evaluates (BENCH_HISTORIES; 5,000 small, 1,000,000 full). */
  readonly histories: number
  /**
   * Members loaded into PostgreSQL (BENCH_PG_MEMBERS; 1,000,000 full, 20,000 small: the small mode's PostgreSQL
   * rows, `BENCH_ONLY=api` or `morning` with a database, compare builds, they do not need the province).
   */
  readonly pgMembers: number
  /**
   * Processes of the API on PostgreSQL (BENCH_API_PROCESSES, passed as XF_API_PROCESSES; default 1, the API's own
   * default for a 2-core district server).
   */
  readonly apiProcesses: number
  /** Members of the demo district on PGlite (BENCH_DEMO_MEMBERS; 2,000 small, 20,000 full). */
  readonly demoMembers: number
  /** Seconds of each HTTP load (BENCH_SECONDS; 3 small, 10 full), after `warmup` seconds. */
  readonly seconds: number
  readonly warmup: number
  readonly subtreeReps: number
  readonly startupReps: number
  readonly browserReps: number
  readonly seed: number
  /** Where results/<mode>.json goes (BENCH_OUT); undefined: the package's results/ folder. */
  readonly outDir: string | undefined
  /** Where the Markdown report goes (BENCH_DOCS); undefined: results/small.md or docs/benchmarks.md. */
  readonly docs: string | undefined
  /** An existing PostgreSQL to use instead of a throwaway cluster (BENCH_DATABASE_URL). */
  readonly databaseUrl: string | undefined
  /** The throwaway cluster: its folder (BENCH_PGDATA), port (BENCH_PG_PORT), binaries (BENCH_PGBIN). */
  readonly pgData: string
  readonly pgPort: number
  readonly pgBin: string
  /** BENCH_REUSE_PG=1 keeps a cluster that already holds the district. */
  readonly reusePg: boolean
  /** The browser of the admin benchmark (CHROMIUM_PATH). */
  readonly chromiumPath: string
  /**
   * BENCH_ONLY=import (a comma-separated list of section ids): run only those sections, at the mode's size;
   * the report then goes to results/only-<ids>.md (never docs/benchmarks.md unless BENCH_DOCS says so).
   * `BENCH_ONLY=education` alone runs the study-hours row by itself (results/education-<mode>.md);
   * `BENCH_ONLY=compliance` alone, a year's compliance of the province (full mode; results/compliance-full.md).
   * `BENCH_ONLY=api`: only the API's one-member and 50-row-page rows, on PGlite and on PostgreSQL, even in
   * small mode — for before/after comparisons of the request path.
   * `BENCH_ONLY=load-postgres`: load the PostgreSQL cluster and store its answers, measure nothing (with
   * BENCH_REUSE_PG=1, a province kept for later runs).
   */
  readonly only: readonly string[] | undefined
}

/**
 * How many times an HTTP load that counted fewer answers than it has connections is run again, each run twice as
 * long as the one before (load-worker.ts).
 */
export const LOAD_MAX_EXTENSIONS = 3

export const benchConfig = (env: Env = process.env): BenchConfig => {
  const small = (env.BENCH_SCALE ?? "full") === "small"
  return {
    small,
    histories: numberOf(env, "BENCH_HISTORIES", small ? 5_000 : 1_000_000),
    pgMembers: numberOf(env, "BENCH_PG_MEMBERS", small ? 20_000 : 1_000_000),
    apiProcesses: numberOf(env, "BENCH_API_PROCESSES", 1),
    demoMembers: numberOf(env, "BENCH_DEMO_MEMBERS", small ? 2_000 : 20_000),
    seconds: numberOf(env, "BENCH_SECONDS", small ? 3 : 10),
    // A second of warm-up even in the small mode: on a loaded CI box the first requests of a cold API can
    // take longer than a whole 2-second window, which then measured nothing.
    warmup: small ? 1 : 2,
    subtreeReps: small ? 5 : 20,
    startupReps: small ? 1 : 3,
    browserReps: small ? 1 : 3,
    seed: 20260701,
    outDir: env.BENCH_OUT || undefined,
    docs: env.BENCH_DOCS || undefined,
    databaseUrl: env.BENCH_DATABASE_URL || undefined,
    pgData: env.BENCH_PGDATA ?? join("/tmp", "xf-bench-pg"),
    pgPort: numberOf(env, "BENCH_PG_PORT", 54329),
    pgBin: env.BENCH_PGBIN ?? "/usr/lib/postgresql/15/bin",
    reusePg: env.BENCH_REUSE_PG === "1",
    chromiumPath: env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    only: onlyOf(env.BENCH_ONLY),
  }
}

/** What the baseline server (a child process) is told: one of a PostgreSQL URL or a PGlite data folder. */
export interface BaselineServerConfig {
  readonly port: number
  readonly pgUrl: string | undefined
  readonly pgPool: number
  readonly pgliteDir: string | undefined
  readonly scope: string
}

export const baselineServerConfig = (env: Env = process.env): BaselineServerConfig => ({
  port: numberOf(env, "PORT", 0),
  pgUrl: env.BASELINE_PG || undefined,
  pgPool: numberOf(env, "BASELINE_POOL", 8),
  pgliteDir: env.BASELINE_PGLITE || undefined,
  scope: env.BASELINE_SCOPE ?? "d1",
})

/** The port the bare start-up baseline (a child process) listens on. */
export const bareServerPort = (env: Env = process.env): number => numberOf(env, "PORT", 0)

/** The environment a spawned server inherits, with `extra` on top. */
export const childEnv = (extra: Readonly<Record<string, string>>): Record<string, string | undefined> => ({
  ...process.env,
  ...extra,
})

/** The ids `BENCH_ONLY` may name: the report's sections, `api` (the API's load rows), `education` and `compliance`. */
export const benchOnlyIds = [
  "rules",
  "api-postgres",
  "api-pglite",
  "morning",
  "subtree",
  "startup",
  "admin",
  "import",
  "api",
  "education",
  "compliance",
  "load-postgres",
] as const

const onlyOf = (v: string | undefined): readonly string[] | undefined => {
  if (v === undefined || v.trim() === "") return undefined
  const ids = v.split(",").map((s) => s.trim())
  const unknown = ids.filter((id) => !(benchOnlyIds as readonly string[]).includes(id))
  if (unknown.length > 0)
    throw new RangeError(
      `BENCH_ONLY names ${unknown.map((u) => JSON.stringify(u)).join(", ")}, which is not one of ${benchOnlyIds.join(", ")}`,
    )
  return ids
}
