/**
 * The load generator: a separate process (spawned by the suite) that drives autocannon against one loopback
 * server and prints one JSON line with the result. Paths are cycled, so a run reads many different members.
 */
import autocannon from "autocannon"
import { LOAD_MAX_EXTENSIONS } from "./config.js"

export interface LoadConfig {
  readonly url: string
  readonly paths: readonly string[]
  readonly connections: number
  readonly seconds: number
  readonly warmupSeconds: number
  readonly headers: Record<string, string>
}

export interface LoadResult {
  readonly requests: number
  readonly seconds: number
  readonly rps: number
  readonly p50: number
  readonly p99: number
  readonly max: number
  readonly non2xx: number
  readonly errors: number
}

/** The answers a load must count for its rate: one per connection. */
const minimumAnswers = (c: LoadConfig): number => c.connections

const run = async (c: LoadConfig, seconds: number) => {
  let i = 0
  return autocannon({
    url: c.url,
    connections: c.connections,
    duration: seconds,
    timeout: 10,
    headers: c.headers,
    requests: [
      {
        method: "GET",
        setupRequest: (req) => ({ ...req, path: c.paths[i++ % c.paths.length] ?? "/" }),
      },
    ],
  })
}

const main = async () => {
  const c = JSON.parse(process.argv[2] ?? "{}") as LoadConfig
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(c.url)) throw new Error(`loopback only, got ${c.url}`)
  if (c.warmupSeconds > 0) await run(c, c.warmupSeconds)
  // A rate needs answers to count: on a loaded box a 1 s load (the test's small mode) once finished with none
  // (its first 50-row pages still running), and a ratio of zero requests says nothing. Such a load runs again,
  // twice as long each time, up to `LOAD_MAX_EXTENSIONS` times; the result says how long the counted load ran.
  let seconds = c.seconds
  let r = await run(c, seconds)
  for (let i = 0; r.requests.total < minimumAnswers(c) && i < LOAD_MAX_EXTENSIONS; i++) {
    seconds *= 2
    r = await run(c, seconds)
  }
  const out: LoadResult = {
    requests: r.requests.total,
    seconds: r.duration,
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  }
  process.stdout.write(`${JSON.stringify(out)}\n`)
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
