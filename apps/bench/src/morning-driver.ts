/**
 * The load generator of the working-morning row: a separate process (spawned by the suite, like
 * load-worker.js) that runs `connections` simulated desks against one loopback server for a fixed time and
 * prints one JSON line: throughput, and per kind of request its count, p50/p99 and failures.
 *
 * Each desk works in sessions. A session signs in (the real password check) as the next of the given users,
 * from a loopback address of its own (127.1.x.y: every desk of a district is its own machine, so the per-address
 * sign-in limit is met as in real use, not dodged), then does the weighted mix of requests, one after another,
 * until the mix draws a sign-in again, which starts the next session. A kind's paths are cycled per desk.
 * Without users (the baseline), there are no sessions and the kinds are plain GETs.
 */
import { Agent, request } from "node:http"
import { mulberry32 } from "@xianfeng/core/testing"

/** One user of the mix and what it works on (all ids already visible to that user). */
export interface DeskUser {
  readonly username: string
  readonly password: string
  /** Member list pages of this organization. */
  readonly listPaths: readonly string[]
  /** Member detail paths. */
  readonly detailPaths: readonly string[]
  /** The roster export path (.xlsx). */
  readonly exportPath: string
  /** The body of a meeting record (POST /api/discipline/meetings) without its date. */
  readonly meeting: Record<string, unknown>
}

export type KindName =
  | "sign-in"
  | "member list page"
  | "member detail"
  | "agenda"
  | "record a meeting"
  | "export .xlsx"

export interface MixConfig {
  readonly url: string
  readonly connections: number
  readonly seconds: number
  readonly warmupSeconds: number
  readonly seed: number
  /** Weights per kind (any scale). With users, "sign-in" starts a new session. */
  readonly weights: Partial<Record<KindName, number>>
  readonly users: readonly DeskUser[]
  /** Without users: the plain GET paths of the baseline, as kind "member detail". */
  readonly plainPaths?: readonly string[]
  /** The newest day a recorded meeting may carry (the district's yesterday), YYYY-MM-DD. */
  readonly meetingsUpTo: string
}

export interface KindResult {
  readonly requests: number
  readonly p50: number
  readonly p99: number
  readonly failed: number
  /** The first failure seen, for the report ("POST …: 422 …"). */
  readonly firstFailure?: string
}

export interface MixResult {
  readonly seconds: number
  readonly requests: number
  readonly rps: number
  readonly failed: number
  readonly sessions: number
  readonly kinds: Partial<Record<KindName, KindResult>>
}

interface Answer {
  readonly status: number
  readonly body: string
  readonly cookies: string[]
}

const send = (
  url: URL,
  agent: Agent,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = []
      res.on("data", (c: Buffer) => chunks.push(c))
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8"),
          cookies: (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0] ?? ""),
        }),
      )
      res.on("error", reject)
    })
    req.on("timeout", () => req.destroy(new Error("timed out after 30 s")))
    req.on("error", reject)
    req.end(body)
  })

const quantile = (sorted: readonly number[], q: number) =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number)

const isoDaysBefore = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - n)
  return d.toISOString().slice(0, 10)
}

export const runMix = async (c: MixConfig): Promise<MixResult> => {
  const base = new URL(c.url)
  const kinds = (Object.entries(c.weights) as [KindName, number][]).filter(([, w]) => w > 0)
  const total = kinds.reduce((a, [, w]) => a + w, 0)
  const rng = mulberry32(c.seed)
  const pick = (): KindName => {
    let x = rng() * total
    for (const [k, w] of kinds) {
      x -= w
      if (x < 0) return k
    }
    return (kinds[kinds.length - 1] as [KindName, number])[0]
  }
  let nextAddress = 1
  let nextUser = 0
  let sessions = 0
  let meetings = 0
  let recording = false
  const latencies = new Map<KindName, number[]>()
  const failures = new Map<KindName, { n: number; first?: string }>()
  const record = (k: KindName, ms: number, failure?: string) => {
    if (!recording) return
    const l = latencies.get(k) ?? []
    l.push(ms)
    latencies.set(k, l)
    if (failure !== undefined) {
      const f = failures.get(k) ?? { n: 0 }
      failures.set(k, { n: f.n + 1, first: f.first ?? failure })
    }
  }
  let stopAt = 0

  const desk = async (d: number) => {
    let agent = new Agent({ keepAlive: true, maxSockets: 1 })
    let cookie = ""
    let csrf = ""
    let user: DeskUser | undefined
    const turns = new Map<string, number>()
    const cycle = (key: string, list: readonly string[]) => {
      const i = turns.get(key) ?? d
      turns.set(key, i + 1)
      return list[i % list.length] ?? "/"
    }
    const timed = async (
      k: KindName,
      method: string,
      path: string,
      body?: unknown,
      ok = (s: number) => s >= 200 && s < 300,
    ) => {
      const headers: Record<string, string> = {}
      if (cookie !== "") headers.cookie = cookie
      if (body !== undefined) {
        headers["content-type"] = "application/json"
        headers.origin = c.url
        if (csrf !== "") headers["x-csrf-token"] = csrf
      }
      const t = performance.now()
      try {
        const a = await send(
          new URL(path, base),
          agent,
          method,
          headers,
          body === undefined ? undefined : JSON.stringify(body),
        )
        record(
          k,
          performance.now() - t,
          ok(a.status) ? undefined : `${method} ${path}: ${a.status} ${a.body.slice(0, 200)}`,
        )
        return a
      } catch (e) {
        record(k, performance.now() - t, `${method} ${path}: ${e instanceof Error ? e.message : String(e)}`)
        return undefined
      }
    }
    const signIn = async () => {
      agent.destroy()
      const n = nextAddress++
      agent = new Agent({
        keepAlive: true,
        maxSockets: 1,
        localAddress: `127.${1 + ((n >> 16) & 127)}.${(n >> 8) & 255}.${n & 255}`,
      })
      user = c.users[nextUser++ % c.users.length] as DeskUser
      cookie = ""
      csrf = ""
      sessions++
      const a = await timed("sign-in", "POST", "/api/auth/login", {
        username: user.username,
        password: user.password,
      })
      if (a?.status === 200) {
        cookie = a.cookies.join("; ")
        csrf = (JSON.parse(a.body) as { csrfToken: string }).csrfToken
      }
    }
    if (c.users.length > 0) await signIn()
    while (performance.now() < stopAt) {
      const k = pick()
      if (c.users.length === 0 || user === undefined) {
        await timed("member detail", "GET", cycle("plain", c.plainPaths ?? []))
        continue
      }
      switch (k) {
        case "sign-in":
          await signIn()
          break
        case "member list page":
          await timed(k, "GET", cycle(`${user.username}:list`, user.listPaths))
          break
        case "member detail":
          await timed(k, "GET", cycle(`${user.username}:detail`, user.detailPaths))
          break
        case "agenda":
          await timed(k, "GET", "/api/agenda")
          break
        case "export .xlsx":
          await timed(k, "GET", user.exportPath)
          break
        case "record a meeting":
          // A different past day for each sitting recorded in the run, going back from yesterday.
          await timed(k, "POST", "/api/discipline/meetings", {
            ...user.meeting,
            date: isoDaysBefore(c.meetingsUpTo, meetings++ % 300),
          })
          break
      }
    }
    agent.destroy()
  }

  const phase = async (seconds: number, measured: boolean) => {
    recording = measured
    const t0 = performance.now()
    stopAt = t0 + seconds * 1000
    await Promise.all(Array.from({ length: c.connections }, (_, d) => desk(d)))
    return (performance.now() - t0) / 1000
  }
  if (c.warmupSeconds > 0) await phase(c.warmupSeconds, false)
  sessions = 0
  const seconds = await phase(c.seconds, true)
  const out: Partial<Record<KindName, KindResult>> = {}
  let requests = 0
  let failed = 0
  for (const [k, l] of latencies) {
    const sorted = [...l].sort((a, b) => a - b)
    const f = failures.get(k)
    requests += l.length
    failed += f?.n ?? 0
    out[k] = {
      requests: l.length,
      p50: Math.round(quantile(sorted, 0.5) * 10) / 10,
      p99: Math.round(quantile(sorted, 0.99) * 10) / 10,
      failed: f?.n ?? 0,
      ...(f?.first === undefined ? {} : { firstFailure: f.first }),
    }
  }
  return { seconds, requests, rps: requests / seconds, failed, sessions, kinds: out }
}

const main = async () => {
  const c = JSON.parse(process.argv[2] ?? "{}") as MixConfig
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(c.url)) throw new Error(`loopback only, got ${c.url}`)
  process.stdout.write(`${JSON.stringify(await runMix(c))}\n`)
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
