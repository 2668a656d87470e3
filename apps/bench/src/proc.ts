import { type ChildProcess, execFile, spawn } from "node:child_process"
import { createServer } from "node:net"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { childEnv, LOAD_MAX_EXTENSIONS } from "./config.js"
import type { LoadConfig, LoadResult } from "./load-worker.js"

const here = dirname(fileURLToPath(import.meta.url))
/** apps/bench/dist (built) — the worker and servers are siblings of main.js. */
export const distFile = (name: string) => join(here, name)
export const repoRoot = join(here, "..", "..", "..")
export const apiServerJs = join(repoRoot, "apps", "api", "dist", "server.js")
export const adminDist = join(repoRoot, "apps", "admin", "dist")

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer()
    s.once("error", reject)
    s.listen(0, "127.0.0.1", () => {
      const a = s.address()
      s.close(() => (typeof a === "object" && a ? resolve(a.port) : reject(new Error("no port"))))
    })
  })

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export interface Server {
  readonly url: string
  readonly readyMs: number
  readonly proc: ChildProcess
  readonly output: () => string
  stop(): Promise<void>
}

/** Starts `node script` with `env` and waits until `healthPath` answers 200; readyMs counts from spawn. */
export const startServer = async (
  script: string,
  env: Record<string, string>,
  healthPath: string,
  timeoutMs = 600_000,
): Promise<Server> => {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  let output = ""
  const t0 = performance.now()
  const proc = spawn(process.execPath, [script], {
    env: childEnv({ ...env, PORT: String(port), HOST: "127.0.0.1" }),
    stdio: ["ignore", "pipe", "pipe"],
  })
  proc.stdout?.on("data", (d: Buffer) => {
    output += d.toString()
  })
  proc.stderr?.on("data", (d: Buffer) => {
    output += d.toString()
  })
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return
    const exited = new Promise((r) => proc.once("exit", r))
    proc.kill("SIGTERM")
    await Promise.race([exited, sleep(10_000)])
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill("SIGKILL")
      await exited
    }
  }
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${script} exited (${proc.exitCode}):\n${output}`)
    try {
      const r = await fetch(url + healthPath)
      await r.arrayBuffer()
      if (r.ok) break
    } catch {
      // not listening yet
    }
    if (performance.now() - t0 > timeoutMs) {
      await stop()
      throw new Error(`${script} did not answer within ${timeoutMs} ms:\n${output}`)
    }
    await sleep(15)
  }
  return { url, readyMs: performance.now() - t0, proc, output: () => output, stop }
}

/** Runs the load generator in its own process against a loopback server. */
export const runLoad = (config: LoadConfig): Promise<LoadResult> =>
  new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [distFile("load-worker.js"), JSON.stringify(config)],
      {
        encoding: "utf8",
        // The load, and its runs again when it counted too few answers (1 + 2 + 4 + 8 times its length).
        timeout: (config.seconds * (2 ** (LOAD_MAX_EXTENSIONS + 1) - 1) + config.warmupSeconds + 60) * 1000,
        maxBuffer: 1 << 20,
      },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`load worker: ${err.message}\n${stderr}`))
        const line = stdout.trim().split("\n").pop() ?? ""
        resolve(JSON.parse(line) as LoadResult)
      },
    )
  })
