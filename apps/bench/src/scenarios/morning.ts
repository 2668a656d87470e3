/**
 * A working morning in a district (issue 18): desks sign in with the real password check and work through the
 * mix below, as branch secretaries, a committee officer and the district admin, on PGlite (the demo district)
 * and on PostgreSQL (the loaded cluster). 0 failures required: one request that errors or answers other than
 * 2xx fails the row. Baseline in the same run: the same driver, the same desks, one-member reads through the
 * raw driver behind bare node:http (the API rows' baseline server).
 */
import { execFile } from "node:child_process"
import { dateOfInstant } from "@xianfeng/core"
import { DEMO_PASSWORD } from "@xianfeng/demo"
import type { BenchConfig } from "../config.js"
import { type BenchContext, log } from "../context.js"
import { getJson, login } from "../http.js"
import type { Targets } from "../measure.js"
import type { DeskUser, KindName, MixConfig, MixResult } from "../morning-driver.js"
import { apiServerJs, distFile, type Server, startServer } from "../proc.js"
import { row, type Section } from "../report.js"
import type { PgliteRun } from "./startup.js"

/**
 * The morning's mix, per 100 requests: mostly reading the member list and members (a secretary checks the
 * roster before the day's work), the agenda of what falls due, sign-ins (every desk signs in at the start of its
 * session: 1 in 10 requests starts a new session), a sitting recorded, a roster exported to .xlsx.
 */
export const MORNING_MIX: Readonly<Record<KindName, number>> = {
  "member detail": 40,
  "member list page": 25,
  agenda: 12,
  "sign-in": 10,
  "record a meeting": 8,
  "export .xlsx": 5,
}

/** The desks' users: both demo branch secretaries, the committee officer and the district admin. */
const USERS = ["secretary1", "secretary2", "officer", "admin"] as const

interface MemberItem {
  readonly id: string
  readonly orgId: string
  readonly stage: string
}

/** What each user works on, read through the API as that user before the load (not timed). */
const desksOf = async (api: Server): Promise<DeskUser[]> => {
  const seen = new Map<string, { cookie: string; orgId: string }>()
  for (const u of USERS) {
    const cookie = await login(api.url, u, DEMO_PASSWORD)
    const me = await getJson<{ user: { orgId: string } }>(`${api.url}/api/auth/me`, cookie)
    seen.set(u, { cookie, orgId: me.user.orgId })
  }
  const first = seen.get("secretary1")
  if (first === undefined) throw new Error("no secretary1")
  // A sitting of secretary1's branch: recorded by its secretary, or by the officer and admin above it.
  const branch = first.orgId
  const ofBranch = await getJson<{ items: MemberItem[] }>(
    `${api.url}/api/members?orgId=${branch}&pageSize=100`,
    first.cookie,
  )
  const meetingOf = (items: readonly MemberItem[], orgId: string) => {
    const mine = items.filter((m) => m.orgId === orgId)
    const full = mine.filter((m) => m.stage === "full")
    const probationary = mine.filter((m) => m.stage === "probationary")
    return {
      orgId,
      types: ["general-meeting"],
      startTime: "08:30",
      endTime: "10:00",
      place: "党员活动室",
      chair: "支部书记",
      recorder: "组织委员",
      expected: { full: full.length, probationary: probationary.length },
      present: { full: full.length, probationary: probationary.length },
      attendance: [...full, ...probationary].map((m) => ({ memberId: m.id, present: true })),
      observers: [],
      // 第一议题 (the first item: study of the latest important speeches), required of every sitting.
      firstItem: { topic: "学习习近平总书记最新重要讲话精神", form: "集中学习" },
      agenda: ["学习传达上级会议精神"],
      resolutions: [],
      votes: [],
    }
  }
  const desks: DeskUser[] = []
  for (const u of USERS) {
    const s = seen.get(u)
    if (s === undefined) continue
    const page = await getJson<{ items: MemberItem[]; total: number }>(
      `${api.url}/api/members?orgId=${s.orgId}&pageSize=100`,
      s.cookie,
    )
    const pages = Math.max(1, Math.min(20, Math.ceil(page.total / 50)))
    const own = u.startsWith("secretary")
    const writeOrg = own ? s.orgId : branch
    const writeItems = own ? page.items : ofBranch.items
    desks.push({
      username: u,
      password: DEMO_PASSWORD,
      listPaths: Array.from(
        { length: pages },
        (_, i) => `/api/members?orgId=${s.orgId}&pageSize=50&page=${i + 1}`,
      ),
      detailPaths: page.items.map((m) => `/api/members/${m.id}`),
      exportPath: `/api/members/export.xlsx?orgId=${writeOrg}`,
      meeting: meetingOf(writeItems, writeOrg),
    })
  }
  return desks
}

const runMix = (config: MixConfig): Promise<MixResult> =>
  new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [distFile("morning-driver.js"), JSON.stringify(config)],
      { encoding: "utf8", timeout: (config.seconds + config.warmupSeconds + 120) * 1000, maxBuffer: 1 << 22 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`morning driver: ${err.message}\n${stderr}`))
        resolve(JSON.parse(stdout.trim().split("\n").pop() ?? "") as MixResult)
      },
    )
  })

/**
 * The morning on one backend: `startApi` serves the loaded district, `startBaseline` the baseline server on the
 * same data (started after the API stops: a PGlite folder has one process). Returns the section.
 */
export const morningSection = async (
  cfg: BenchConfig,
  backend: "PGlite" | "PostgreSQL",
  setupText: string,
  targets: Targets,
  connections: number,
  startApi: () => Promise<Server>,
  startBaseline: () => Promise<Server>,
): Promise<Section> => {
  const api = await startApi()
  let result: MixResult
  const yesterday = dateOfInstant(new Date()).subtract({ days: 1 }).toString()
  const common = {
    connections,
    seconds: cfg.seconds,
    warmupSeconds: cfg.warmup,
    seed: cfg.seed,
    meetingsUpTo: yesterday,
  }
  try {
    const users = await desksOf(api)
    log(`working morning on ${backend}: ${connections} desks, ${cfg.seconds} s`)
    result = await runMix({ ...common, url: api.url, weights: MORNING_MIX, users })
  } finally {
    await api.stop()
  }
  const base = await startBaseline()
  let baseline: MixResult
  try {
    baseline = await runMix({
      ...common,
      url: base.url,
      weights: { "member detail": 1 },
      users: [],
      plainPaths: targets.ids.map((id) => `/members/${id}`),
    })
  } finally {
    await base.stop()
  }
  const b = baseline.kinds["member detail"]
  const failed = result.failed + baseline.failed
  const kinds = (Object.keys(MORNING_MIX) as KindName[]).map((k) => {
    const r = result.kinds[k]
    return r === undefined
      ? `${k}: none`
      : `${k}: ${r.requests.toLocaleString("en-US")}, p50 ${r.p50} ms, p99 ${r.p99} ms${r.failed ? `, ${r.failed} failed (${r.firstFailure ?? ""})` : ""}`
  })
  const detail = `${result.requests.toLocaleString("en-US")} requests in ${result.sessions} sessions; ${kinds.join("; ")}`
  const limit =
    failed > 0
      ? `${result.failed} API / ${baseline.failed} baseline requests failed: ${Object.values(result.kinds)
          .map((k) => k?.firstFailure)
          .filter(Boolean)
          .join(" | ")
          .slice(0, 400)}`
      : "the mix's slow kinds: a sign-in is a deliberate password hash (argon2) and a session row, an export reads " +
        "and writes a whole roster, a meeting record validates and writes the sitting with its attendance; every " +
        `request also writes its audit row. On ${backend === "PGlite" ? "PGlite's one session all statements run one after another" : "PostgreSQL the audit lanes' locks serialize the commits"}.`
  const mixText = (Object.entries(MORNING_MIX) as [KindName, number][])
    .map(([k, w]) => `${w}% ${k}`)
    .join(", ")
  return {
    id: "morning",
    title: `A working morning on ${backend}`,
    setup:
      `${setupText} ${connections} desks, ${cfg.seconds} s after ${cfg.warmup} s warm-up, a driver in a separate ` +
      `process (dist/morning-driver.js). The mix: ${mixText}. Each desk works in sessions: it signs in (the real ` +
      "password check) as the next of secretary1, secretary2, officer and admin, from a loopback address of its " +
      "own (127.1.x.y: every session is another machine, so the per-address sign-in limit of 30 a minute holds " +
      "as in real use), and a drawn sign-in starts its next session. Member list pages and details are of the " +
      "user's own organization; meetings are recorded and rosters exported for the secretary's own branch (the " +
      "officer and admin record and export for secretary1's branch), a different past day per sitting. " +
      "Baseline: the same driver and desks reading one member after another through the raw driver behind a bare " +
      "`node:http` handler (the API rows' baseline server).",
    rows: [
      row({
        metric: "the morning's mix: throughput",
        baselineLabel: "raw SQL one-member reads + node:http",
        baseline: baseline.rps,
        measured: result.rps,
        unit: "req/s",
        target: "0 failed",
        pass: failed === 0,
        limit,
        detail,
      }),
      row({
        metric: "the morning's mix: p99 latency of its slowest kind",
        baselineLabel: "raw SQL one-member reads + node:http",
        baseline: b?.p99 ?? Number.NaN,
        measured: Math.max(...Object.values(result.kinds).map((k) => k?.p99 ?? 0)),
        unit: "ms",
        target: "0 failed",
        pass: failed === 0,
        limit,
        detail: `the slowest kind's p99; baseline p50 ${b?.p50 ?? "–"} ms`,
      }),
    ],
  }
}

/** The morning on PGlite: the demo district of the start-up scenario, 16 desks (as the PGlite API rows). */
export const morningOnPglite = (ctx: BenchContext, lite: PgliteRun): Promise<Section> =>
  morningSection(
    ctx.cfg,
    "PGlite",
    `PGlite ${ctx.versions.PGlite ?? ""}, ${lite.targets.root.members.toLocaleString("en-US")}-member demo district.`,
    lite.targets,
    16,
    () =>
      startServer(
        apiServerJs,
        lite.apiEnv({ XF_DATA_DIR: lite.dataDir, XF_DEMO_MEMBERS: "0" }),
        "/api/health",
      ),
    () => startServer(distFile("baseline-server.js"), { BASELINE_PGLITE: lite.dataDir }, "/health"),
  )
