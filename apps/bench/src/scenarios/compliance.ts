/**
 * A year's compliance of the whole 1,000,000-member province, alone (`BENCH_ONLY=compliance`): the API's
 * `GET /api/discipline/heatmap?year=…` (first page of branches, the roll-up of the root and its children, every
 * organization's stored row checked against its basis) against the bare SQL counting the same year's meetings per
 * organization, alternating one of each per round on the same database. Small mode: the demo district on PGlite
 * (as in section 4). Full mode: the throwaway cluster (kept and reused with `BENCH_REUSE_PG=1`) or
 * `BENCH_DATABASE_URL`, loaded only when empty; the migrations are applied on open, so a kept cluster gets a schema
 * change (an index) before the row is measured.
 */
import { cpus, loadavg } from "node:os"
import { hash } from "@node-rs/argon2"
import { dateOfInstant } from "@xianfeng/core"
import { createIdVault, keyFromConfig, openDatabase } from "@xianfeng/db"
import { DEMO_PASSWORD, loadDemoDistrict } from "@xianfeng/demo"
import pg from "pg"
import { type BenchContext, ID_KEY, log } from "../context.js"
import { login, median } from "../http.js"
import { complianceRow, complianceYear, pickTargets, type Q } from "../measure.js"
import { startCluster } from "../pg-cluster.js"
import { apiServerJs, startServer } from "../proc.js"
import type { Row } from "../report.js"
import { scopeParams, yearMeetingsSql } from "../sql.js"

/** Measures the row on the database at `url` (already loaded), `rounds` alternating rounds after a warm-up. */
export const complianceOnPostgres = async (
  url: string,
  rounds: number,
): Promise<{ row: Row; note: string }> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query("analyze")
    const q: Q = async (text, params) => (await client.query(text, params)).rows
    const year = complianceYear()
    const targets = await pickTargets(q, 50_000)
    const bare = () => q(yearMeetingsSql, [...scopeParams("d1"), `${year}-01-01`, `${year}-12-31`])
    const env = { DATABASE_URL: url, XF_DEMO_MEMBERS: "0", XF_ID_KEY: ID_KEY, XF_POOL_SIZE: "8" }
    const api = await startServer(apiServerJs, env, "/api/health")
    try {
      const cookie = await login(api.url, "admin", DEMO_PASSWORD)
      let bytes = 0
      const read = async () => {
        const r = await fetch(`${api.url}/api/discipline/heatmap?year=${year}`, { headers: { cookie } })
        const text = await r.text()
        if (!r.ok) throw new Error(`heatmap: ${r.status} ${text.slice(0, 300)}`)
        bytes = text.length
      }
      log("compliance: first read (judges and stores every organization's year unless stored)")
      let t = performance.now()
      await read()
      const first = performance.now() - t
      const orgs = Number((await q("select count(*)::int as n from orgs"))[0]?.n)
      const meetings = Number(
        (
          await q("select count(*)::int as n from discipline_meetings where on_date between $1 and $2", [
            `${year}-01-01`,
            `${year}-12-31`,
          ])
        )[0]?.n,
      )
      for (let i = 0; i < 2; i++) {
        await bare()
        await read()
      }
      const bareMs: number[] = []
      const apiMs: number[] = []
      const loadBefore = loadavg()[0] ?? 0
      for (let i = 0; i < rounds; i++) {
        t = performance.now()
        await bare()
        bareMs.push(performance.now() - t)
        t = performance.now()
        await read()
        apiMs.push(performance.now() - t)
      }
      const loadAfter = loadavg()[0] ?? 0
      log(
        `compliance: bare ${median(bareMs).toFixed(1)} ms, API ${median(apiMs).toFixed(1)} ms, ${bytes} bytes, ` +
          `load ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}`,
      )
      return {
        row: complianceRow(targets, year, bareMs, { first, reads: apiMs }),
        note:
          `A year's compliance (discipline), run alone: ${orgs.toLocaleString("en-US")} organizations, ` +
          `${meetings.toLocaleString("en-US")} meetings dated ${year}; the API's answer (first page of branches and ` +
          `the roll-up of the root and its children) is ${(bytes / 1024).toFixed(0)} KB; ${rounds} alternating ` +
          "rounds (bare SQL, then the API) after 2 warm-ups, median of each and their ratio; sequential, one " +
          `connection each; load average ${loadBefore.toFixed(2)} before the rounds, ${loadAfter.toFixed(2)} after ` +
          `(${cpus().length} cores). Both sides grow with the tree: above 20,000 members the demo's tree grows in ` +
          "proportion (about 30 members per branch, `demoOrgs`), and each branch holds its own year of meetings; " +
          "the committee probe reads at most 7 index entries per organization.",
      }
    } finally {
      await api.stop()
    }
  } finally {
    await client.end()
  }
}

/** `BENCH_ONLY=compliance`: the row alone, loading the province only when the database is empty. */
export const complianceOnly = async (
  ctx: BenchContext,
): Promise<{ row: Row; note: string; setup: string }> => {
  const { cfg, versions } = ctx
  if (cfg.small) throw new Error("BENCH_ONLY=compliance runs in full mode (the province on PostgreSQL)")
  const cluster = cfg.databaseUrl
    ? undefined
    : await startCluster({ dir: cfg.pgData, port: cfg.pgPort, reuse: cfg.reusePg, bin: cfg.pgBin })
  const url = cfg.databaseUrl ?? cluster?.url ?? ""
  try {
    log("compliance: migrate (and load when empty)")
    const database = await openDatabase({ url, poolMax: 4 })
    const t = performance.now()
    const loaded = await loadDemoDistrict(database, {
      seed: cfg.seed,
      members: cfg.pgMembers,
      asOf: dateOfInstant(new Date()),
      vault: createIdVault(keyFromConfig(ID_KEY)),
      hashPassword: (p) => hash(p),
    })
    await database.close()
    const loadNote = loaded.loaded
      ? `loaded ${loaded.members.toLocaleString("en-US")} members in ${((performance.now() - t) / 1000).toFixed(0)} s`
      : "the database already held the province"
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    versions.PostgreSQL = String((await client.query("show server_version")).rows[0]?.server_version)
    await client.end()
    const r = await complianceOnPostgres(url, cfg.subtreeReps)
    return {
      ...r,
      setup:
        `Full mode, this row alone (\`BENCH_ONLY=compliance\`): PostgreSQL ${versions.PostgreSQL} ` +
        `(shared_buffers 256 MB), ${loadNote}; the API signed in as \`admin\` (scope d1, an audit row per request).`,
    }
  } finally {
    cluster?.stop()
  }
}
