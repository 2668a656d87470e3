/**
 * 2 and 4 on a throwaway PostgreSQL cluster (or BENCH_DATABASE_URL) with 1,000,000 members: the API under 32
 * connections against raw pg behind bare node:http, and the subtree counts against the bare aggregate.
 */
import { hash } from "@node-rs/argon2"
import { indexDemoDistrict } from "@xianfeng/api/demo-index"
import { dateOfInstant } from "@xianfeng/core"
import { createIdVault, keyFromConfig, openDatabase } from "@xianfeng/db"
import { DEMO_PASSWORD, demoLoadProgress, loadDemoDistrict } from "@xianfeng/demo"
import pg from "pg"
import { type BenchContext, ID_KEY, log } from "../context.js"
import { login } from "../http.js"
import {
  agendaRow,
  bareAgendaItems,
  bareAggregate,
  barePipelinePage,
  bareYearMeetings,
  complianceRow,
  complianceYear,
  loadRows,
  pickTargets,
  pipelineRow,
  type Q,
  type ReadScope,
  rowLevelSecurityRow,
  runApiLoads,
  subtreeReadPaths,
  subtreeRows,
  timeAgendaApi,
  timeComplianceApi,
  timeOwnerAndRole,
  timePipelineApi,
  timeSubtreeApi,
} from "../measure.js"
import { startCluster } from "../pg-cluster.js"
import { apiServerJs, distFile, startServer } from "../proc.js"
import type { Row, Section } from "../report.js"
import { morningSection } from "./morning.js"

export interface PostgresRun {
  readonly sections: Section[]
  readonly notes: string[]
}

export const apiPostgresScenario = async (
  { cfg, versions }: BenchContext,
  /** Rows of other areas measured on the same loaded cluster before it stops (the subtree section's). */
  extra: readonly ((url: string) => Promise<{ row: Row; note: string }>)[] = [],
  /** Which parts to run on the loaded cluster: the API rows with the subtree section, the working morning. */
  parts: { readonly api: boolean; readonly morning: boolean } = { api: true, morning: true },
): Promise<PostgresRun> => {
  const sections: Section[] = []
  const notes: string[] = []
  const given = cfg.databaseUrl
  const cluster = given
    ? undefined
    : await startCluster({ dir: cfg.pgData, port: cfg.pgPort, reuse: cfg.reusePg, bin: cfg.pgBin })
  const url = given ?? cluster?.url ?? ""
  const client = new pg.Client({ connectionString: url })
  try {
    log("PostgreSQL: migrate and load")
    const database = await openDatabase({ url, poolMax: 4 })
    const t = performance.now()
    const vault = createIdVault(keyFromConfig(ID_KEY))
    const asOf = dateOfInstant(new Date())
    const loaded = await loadDemoDistrict(database, {
      seed: cfg.seed,
      members: cfg.pgMembers,
      asOf,
      vault,
      hashPassword: (p) => hash(p),
      onProgress: demoLoadProgress(log, "the PostgreSQL district", 400),
    })
    const loadMs = performance.now() - t
    // The stored answers the API's own demo load leaves (pipeline index, compliance calendar, the year's compliance
    // index, dues standings),
    // so the morning's first agenda read does not evaluate the province; on a reused cluster, a check.
    log("PostgreSQL: the district's stored answers")
    const ti = performance.now()
    const indexed = await indexDemoDistrict(database.db, asOf)
    const indexMs = performance.now() - ti
    notes.push(
      loaded.loaded
        ? `PostgreSQL load: ${loaded.members.toLocaleString("en-US")} members and ${loaded.orgs} orgs through \`loadDemoDistrict\` in ${(loadMs / 1000).toFixed(0)} s (${Math.round(loaded.members / (loadMs / 1000)).toLocaleString("en-US")} members/s, generation and development records included).`
        : "PostgreSQL load: the database already held the district (reused), so no load time this run.",
      `Stored answers after the load (\`indexDemoDistrict\` of the API, as its own demo load): ${indexed.pipeline.toLocaleString("en-US")} pipeline people and ${indexed.calendar.toLocaleString("en-US")} calendars evaluated, ${indexed.compliance.toLocaleString("en-US")} organizations' year of compliance and dues standings stored, in ${(indexMs / 1000).toFixed(0)} s.`,
    )
    await database.close()
    await client.connect()
    // What autovacuum would have done after the load and the stored answers' writes, done now so every row
    // (and its raw baseline) reads a vacuumed, analyzed cluster: visibility maps set, dead rows gone.
    log("PostgreSQL: vacuum analyze")
    await client.query("vacuum analyze")
    const q: Q = async (text, params) => (await client.query(text, params)).rows
    const [v] = await q("show server_version")
    versions.PostgreSQL = String(v?.server_version)
    const targets = await pickTargets(q, 50_000)
    // As a district deploys it: the API's defaults but the pool's size, in `cfg.apiProcesses` processes.
    const env = {
      DATABASE_URL: url,
      XF_DEMO_MEMBERS: "0",
      XF_ID_KEY: ID_KEY,
      XF_POOL_SIZE: "8",
      XF_API_PROCESSES: String(cfg.apiProcesses),
    }
    const startBaseline = () =>
      startServer(distFile("baseline-server.js"), { BASELINE_PG: url, BASELINE_POOL: "8" }, "/health")
    if (parts.api) {
      const bare = {
        committee: await bareAggregate(q, targets.committee.path, cfg.subtreeReps),
        root: await bareAggregate(q, "d1", cfg.subtreeReps),
      }
      const bareCompliance = await bareYearMeetings(q, complianceYear(), cfg.subtreeReps)
      const bareAgenda = await bareAgendaItems(q, cfg.subtreeReps)
      // The demo's committee officer reads the first town committee (c01): its agenda and pipeline page, beside the
      // district admin's, since a committee's reads take other plans than the whole tree's.
      const [c01] = await q(
        `select o.path, (select sum(c.n) from member_org_counts c join orgs s on s.id = c.org_id
           where s.path = o.path or (s.path ~>=~ (o.path || '.') and s.path ~<~ (o.path || '/')))::int as n
         from orgs o where o.id = 'c01'`,
      )
      const whole: ReadScope = { path: "d1", members: targets.root.members, as: "admin" }
      const committee: ReadScope = { path: String(c01?.path), members: Number(c01?.n), as: "officer" }
      const bareCommitteeAgenda = await bareAgendaItems(q, cfg.subtreeReps, committee.path)
      const barePipeline = {
        whole: await barePipelinePage(q, cfg.subtreeReps, whole.path),
        committee: await barePipelinePage(q, cfg.subtreeReps, committee.path),
      }
      const api = await startServer(apiServerJs, env, "/api/health")
      const cookie = await login(api.url, "admin", DEMO_PASSWORD)
      const apiSubtree = await timeSubtreeApi(cfg, api, cookie, targets)
      const apiCompliance = await timeComplianceApi(cfg, api, cookie, complianceYear())
      const apiAgenda = await timeAgendaApi(cfg, api, cookie)
      const officer = await login(api.url, committee.as, DEMO_PASSWORD)
      const apiCommitteeAgenda = await timeAgendaApi(cfg, api, officer)
      const apiPipeline = {
        whole: await timePipelineApi(cfg, api, cookie),
        committee: await timePipelineApi(cfg, api, officer),
      }
      // The same district admin's and officer's subtree reads through a second API process whose queries run as
      // `xianfeng_app` (row-level security), alternating with the first's (the owner's).
      const roleApi = await startServer(
        apiServerJs,
        { ...env, XF_API_PROCESSES: "1", XF_DATABASE_ROLE: "xianfeng_app" },
        "/api/health",
      )
      const rlsReps = Math.max(3, Math.round(cfg.subtreeReps / 4))
      const rls = await (async () => {
        try {
          const paths = subtreeReadPaths()
          return {
            whole: await timeOwnerAndRole(
              { api, cookie },
              { api: roleApi, cookie: await login(roleApi.url, whole.as, DEMO_PASSWORD) },
              paths,
              rlsReps,
            ),
            committee: await timeOwnerAndRole(
              { api, cookie: officer },
              { api: roleApi, cookie: await login(roleApi.url, committee.as, DEMO_PASSWORD) },
              paths,
              rlsReps,
            ),
          }
        } finally {
          await roleApi.stop()
        }
      })()
      const run = await runApiLoads(cfg, api, startBaseline, targets, 32, cookie, async () => {
        const r = await q(
          `select count(*) filter (where wait_event_type = 'Lock')::int as w, count(*)::int as a
             from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`,
        )
        return { lockWaits: Number(r[0]?.w ?? 0), active: Number(r[0]?.a ?? 0) }
      })
      sections.push({
        id: "api-postgres",
        title: `API on PostgreSQL (${targets.root.members.toLocaleString("en-US")} members)`,
        setup:
          `PostgreSQL ${versions.PostgreSQL} (throwaway cluster on 127.0.0.1, shared_buffers 256 MB, synchronous_commit off, max_wal_size 4 GB: durability traded for load speed), ` +
          `${targets.root.members.toLocaleString("en-US")} members, API as ${cfg.apiProcesses === 1 ? "one process (`XF_API_PROCESSES` 1, its default)" : `${cfg.apiProcesses} processes (\`XF_API_PROCESSES\`, node:cluster)`} with a pool of 8 each, signed in as \`admin\` (cookie ` +
          "session; scope d1, masking, an audit row per request). 32 connections, " +
          `${cfg.seconds} s after ${cfg.warmup} s warm-up, autocannon in a separate process on 127.0.0.1. ` +
          `One member: 1,000 different ids in turn. Page: \`?orgId=${targets.branch.id}&pageSize=50\` ` +
          `(${targets.branch.members.toLocaleString("en-US")} members, page 1 with its total). Baseline: the same SQL ` +
          "through raw `pg` (pool of 8) behind a bare `node:http` handler.",
        rows: loadRows(run, 25, 50, true),
      })
      sections.push({
        id: "subtree",
        title:
          "Subtree queries (development pipeline counts, a year's compliance, the agenda, the pipeline page)",
        setup:
          "`GET /api/stats/members-by-stage?orgId=…` on PostgreSQL, sequential, signed in as `admin`, after 2 " +
          `warm-ups, median of ${cfg.subtreeReps}. Baseline: the bare aggregate (members by stage joined to orgs on ` +
          "the subtree's path range) through raw `pg`, same database, same count — the scan the API's stored " +
          "per-organization counts (member_org_counts) replace. A year's compliance: " +
          "`GET /api/discipline/heatmap?year=…` for the whole tree, read from the stored monthly compliance index with " +
          "each organization's basis checked (the first read fills it and is reported apart), against the bare count " +
          "of that year's meetings per organization (joined to orgs on the path range). The agenda: `GET /api/agenda` " +
          "as `admin` (every area's due items of the next 30 days, each source refreshing its stale stored answers " +
          "first; the first read after the load reported apart), against the bare reads of the window's stored due " +
          "items of the compliance calendars and the development pipeline through their due-date indexes; the same " +
          "as `officer` for the first town committee (c01), whose pipeline steps are read through their own " +
          "organization. The development pipeline page: `GET /api/development/pipeline` as `admin` and as " +
          "`officer`, against the bare reads of what it shows (the 500 most urgent steps with the totals, the stored " +
          "counts per stage, the four stages' boards of 50). Row-level security: the same users' subtree reads " +
          "(member list page, stage counts, pipeline page, the year's compliance, discipline overview, care " +
          "dashboard, training classes) through a second API process with `XF_DATABASE_ROLE=xianfeng_app`, alternating with the " +
          "owner's process read by read; the sums of the medians.",
        rows: [
          ...subtreeRows(targets, bare, apiSubtree),
          complianceRow(targets, complianceYear(), bareCompliance, apiCompliance),
          agendaRow(targets, bareAgenda, apiAgenda, whole),
          agendaRow(targets, bareCommitteeAgenda, apiCommitteeAgenda, committee),
          pipelineRow(whole, barePipeline.whole, apiPipeline.whole),
          pipelineRow(committee, barePipeline.committee, apiPipeline.committee),
          rowLevelSecurityRow(whole, rls.whole),
          rowLevelSecurityRow(committee, rls.committee),
        ],
      })
    }
    if (parts.morning) {
      sections.push(
        await morningSection(
          cfg,
          "PostgreSQL",
          `PostgreSQL ${versions.PostgreSQL} (throwaway cluster on 127.0.0.1), ${targets.root.members.toLocaleString("en-US")} members, API pool of 8.`,
          targets,
          32,
          () => startServer(apiServerJs, env, "/api/health"),
          startBaseline,
        ),
      )
    }
    for (const measure of extra) {
      const { row, note } = await measure(url)
      sections.find((s) => s.id === "subtree")?.rows.push(row)
      notes.push(note)
    }
  } finally {
    await client.end().catch(() => undefined)
    cluster?.stop()
  }
  return { sections, notes }
}
