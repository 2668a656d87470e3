/**
 * 3. The API on embedded PGlite (16 connections) against the same SQL through PGlite behind bare node:http.
 * In small mode there is no PostgreSQL cluster, so it also runs sections 2 (32 connections) and 4 (subtree
 * queries) on PGlite, so that their code cannot rot.
 */
import { DEMO_PASSWORD } from "@xianfeng/demo"
import type { BenchContext } from "../context.js"
import { login } from "../http.js"
import {
  agendaRow,
  complianceRow,
  complianceYear,
  loadRows,
  runApiLoads,
  subtreeRows,
  timeAgendaApi,
  timeComplianceApi,
  timeSubtreeApi,
} from "../measure.js"
import { apiServerJs, distFile, startServer } from "../proc.js"
import type { Section } from "../report.js"
import type { PgliteRun } from "./startup.js"

export const apiPgliteScenario = async (
  { cfg, versions }: BenchContext,
  lite: PgliteRun,
): Promise<Section[]> => {
  const { api, dataDir, targets } = lite
  const sections: Section[] = []
  const cookie = await login(api.url, "admin", DEMO_PASSWORD)
  const apiSubtree = cfg.small ? await timeSubtreeApi(cfg, api, cookie, targets) : undefined
  const apiCompliance = cfg.small ? await timeComplianceApi(cfg, api, cookie, complianceYear()) : undefined
  const apiAgenda = cfg.small ? await timeAgendaApi(cfg, api, cookie) : undefined
  const baseline = () => startServer(distFile("baseline-server.js"), { BASELINE_PGLITE: dataDir }, "/health")
  const lite16 = await runApiLoads(cfg, api, baseline, targets, 16, cookie)
  const setup = (n: number) =>
    `PGlite ${versions.PGlite}, ${targets.root.members.toLocaleString("en-US")}-member demo district, ` +
    `signed in as \`admin\` (cookie session; scope d1, masking, an audit row per request). ${n} connections, ` +
    `${cfg.seconds} s after ${cfg.warmup} s warm-up, autocannon in a separate process on 127.0.0.1. ` +
    `One member: 1,000 different ids in turn. Page: \`?orgId=${targets.branch.id}&pageSize=50\` ` +
    `(${targets.branch.members} members). Baseline: the same SQL through PGlite on the same folder behind ` +
    "a bare `node:http` handler."

  if (cfg.small) {
    const again = await startServer(
      apiServerJs,
      lite.apiEnv({ XF_DATA_DIR: dataDir, XF_DEMO_MEMBERS: "0" }),
      "/api/health",
    )
    const c2 = await login(again.url, "admin", DEMO_PASSWORD)
    const lite32 = await runApiLoads(cfg, again, baseline, targets, 32, c2)
    sections.push({
      id: "api-postgres",
      title: "API on PostgreSQL (small mode: PGlite stand-in)",
      setup: `Small mode runs this section on PGlite, not PostgreSQL; the figures are not the real ones. ${setup(32)}`,
      rows: loadRows(lite32, 25, 50, true),
    })
  }
  sections.push({
    id: "api-pglite",
    title: "API on embedded PGlite (demo district)",
    setup: setup(16),
    rows: loadRows(lite16, 50, 100, false),
  })
  if (cfg.small && lite.bare && apiSubtree && apiCompliance && apiAgenda) {
    sections.push({
      id: "subtree",
      title: "Subtree queries (small mode: PGlite stand-in)",
      setup:
        "`GET /api/stats/members-by-stage?orgId=…` (the development pipeline counts), sequential, signed in as " +
        "`admin`, against the bare aggregate SQL over the members on the same database (the API sums stored " +
        "per-organization counts instead); a year's compliance " +
        "(`GET /api/discipline/heatmap?year=…`, whole tree, read from the stored monthly compliance index with each " +
        "organization's basis checked; the first read, which fills it, is reported apart) against the bare count of " +
        "that year's meetings; the agenda (`GET /api/agenda`, every area's due items of the next 30 days) against " +
        "the bare reads of the window's stored due items. Small mode: PGlite, not PostgreSQL.",
      rows: [
        ...subtreeRows(targets, lite.bare, apiSubtree),
        complianceRow(targets, complianceYear(), lite.bare.compliance, apiCompliance),
        agendaRow(targets, lite.bare.agenda, apiAgenda),
      ],
    })
  }
  return sections
}
