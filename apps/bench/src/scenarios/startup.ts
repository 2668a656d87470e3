/**
 * 5. Start-up on embedded PGlite: from an empty folder (migrations and the demo district) and from the folder
 * again; it leaves the API running on that folder for the admin and PGlite scenarios, with their subjects.
 */
import { join } from "node:path"
import { PGlite } from "@electric-sql/pglite"
import { type BenchContext, ID_KEY, log, pkgVersion } from "../context.js"
import { median } from "../http.js"
import {
  bareAgendaItems,
  bareAggregate,
  bareYearMeetings,
  complianceYear,
  pickTargets,
  type Q,
  type Targets,
} from "../measure.js"
import { adminDist, apiServerJs, distFile, type Server, startServer } from "../proc.js"
import { row, type Section } from "../report.js"

export interface PgliteRun {
  readonly section: Section
  /** The API, serving the demo district from `dataDir`. */
  readonly api: Server
  readonly dataDir: string
  readonly targets: Targets
  /** Bare aggregates on the folder (small mode only: the stand-in for the PostgreSQL subtree section). */
  readonly bare: { committee: number[]; root: number[]; compliance: number[]; agenda: number[] } | undefined
  /** The API's environment on this folder, with `extra` on top. */
  readonly apiEnv: (extra: Record<string, string>) => Record<string, string>
}

export const startupScenario = async ({ cfg, versions }: BenchContext, tmp: string): Promise<PgliteRun> => {
  const small = cfg.small
  const dataDir = join(tmp, "data")
  const apiEnv = (extra: Record<string, string>) => ({
    XF_ID_KEY: ID_KEY,
    XF_DEMO_SEED: String(cfg.seed),
    XF_ADMIN_DIST: adminDist,
    ...extra,
  })
  const bare: number[] = []
  for (let i = 0; i < cfg.startupReps; i++) {
    const s = await startServer(distFile("bare-server.js"), {}, "/")
    bare.push(s.readyMs)
    await s.stop()
  }
  log("start-up from an empty folder")
  const empty = await startServer(
    apiServerJs,
    apiEnv({ XF_DATA_DIR: dataDir, XF_DEMO_MEMBERS: String(cfg.demoMembers) }),
    "/api/health",
  )
  await empty.stop()

  // Subjects and bare aggregates, read from the folder while no server holds it.
  const lite = await PGlite.create(join(dataDir, "pgdata"))
  const liteQ: Q = async (text, params) => (await lite.query<Record<string, unknown>>(text, params)).rows
  const liteTargets = await pickTargets(liteQ, cfg.demoMembers * 0.05)
  const [lv] = await liteQ("select version() as v")
  versions.PGlite = `${pkgVersion("@electric-sql/pglite")} (${String(lv?.v).split(" ").slice(0, 2).join(" ")})`
  const liteBare = small
    ? {
        committee: await bareAggregate(liteQ, liteTargets.committee.path, cfg.subtreeReps),
        root: await bareAggregate(liteQ, "d1", cfg.subtreeReps),
        compliance: await bareYearMeetings(liteQ, complianceYear(), cfg.subtreeReps),
        agenda: await bareAgendaItems(liteQ, cfg.subtreeReps),
      }
    : undefined
  await lite.close()

  const existing: number[] = []
  let api: Server | undefined
  for (let i = 0; i < cfg.startupReps; i++) {
    log("start-up from an existing folder")
    api = await startServer(
      apiServerJs,
      apiEnv({ XF_DATA_DIR: dataDir, XF_DEMO_MEMBERS: "0" }),
      "/api/health",
    )
    existing.push(api.readyMs)
    if (i < cfg.startupReps - 1) await api.stop()
  }
  if (!api) throw new Error("no API")
  const section: Section = {
    id: "startup",
    title: "Start-up",
    setup:
      `\`node apps/api/dist/server.js\` on embedded PGlite until \`GET /api/health\` answers 200, from spawn. ` +
      `Empty folder: migrations plus the ${cfg.demoMembers.toLocaleString("en-US")}-member demo district. ` +
      `Baseline: a bare \`node:http\` process, spawn to first 200 (median of ${cfg.startupReps}).`,
    rows: [
      row({
        metric: `empty folder → serving the demo district (${cfg.demoMembers.toLocaleString("en-US")} members)`,
        baselineLabel: "bare node:http",
        baseline: median(bare),
        measured: empty.readyMs,
        unit: "ms",
        target: "–",
        pass: null,
      }),
      row({
        metric: "existing folder → serving",
        baselineLabel: "bare node:http",
        baseline: median(bare),
        measured: median(existing),
        unit: "ms",
        target: "–",
        pass: null,
        detail: `median of ${existing.length}`,
      }),
    ],
  }
  return { section, api, dataDir, targets: liteTargets, bare: liteBare, apiEnv }
}
