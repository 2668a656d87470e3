import { type ChildProcess, spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { createServer } from "node:net"
import { fileURLToPath } from "node:url"
import { DEMO_PASSWORD } from "@xianfeng/demo"

// A real API process (the built dist/server.js) on a port of its own, for the tests whose point is the process:
// killed mid-stream (audit-crash), or two of them sharing one database (multiprocess). Everything else runs the
// app in-process (support.ts).

const serverJs = fileURLToPath(new URL("../dist/server.js", import.meta.url))

/** Where a spawned server keeps its data: an embedded PGlite folder, or a PostgreSQL database. */
export type ServerDatabase =
  | { readonly kind: "pglite"; readonly dataDir: string }
  | { readonly kind: "postgres"; readonly url: string }

export interface ServerProcess {
  readonly child: ChildProcess
  /** `http://127.0.0.1:<port>` */
  readonly base: string
  /** Settles when the process has exited, however it ended. */
  readonly exited: Promise<void>
  /** What the process wrote to stdout and stderr so far. */
  output(): string
  /** SIGTERM (the server closes its database), then waits for the exit. */
  stop(): Promise<void>
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer()
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
    s.on("error", reject)
  })

/**
 * Starts dist/server.js on `database` with the demo district `demo` (its size, seed and ID key: the process loads
 * it into an empty database, or finds it there when `database` is a copy of the run's loaded district,
 * `demoDatabase` in support.ts), and waits for `/api/health` up to `waitMs` (default 10 minutes: on a box at
 * load 40 a first start's migrations and demo load take minutes on PGlite). Throws with the process's output
 * when it exits first or does not answer in time (then it is killed).
 */
export const startServerProcess = async (
  database: ServerDatabase,
  options: {
    readonly demo: { readonly members: number; readonly seed: number; readonly idKey: string }
    readonly waitMs?: number
    /** More of the process's environment (e.g. `XF_API_PROCESSES`). */
    readonly env?: Readonly<Record<string, string>>
  },
): Promise<ServerProcess> => {
  if (!existsSync(serverJs))
    throw new Error(`apps/api must be built (turbo runs build before test): ${serverJs}`)
  const port = await freePort()
  const child = spawn(process.execPath, [serverJs], {
    env: {
      ...process.env,
      PORT: String(port),
      ...(database.kind === "postgres"
        ? { DATABASE_URL: database.url }
        : { DATABASE_URL: "", XF_DATA_DIR: database.dataDir }),
      XF_DEMO_MEMBERS: String(options.demo.members),
      XF_DEMO_SEED: String(options.demo.seed),
      XF_ID_KEY: options.demo.idKey,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  child.stdout?.on("data", (d) => {
    output += d
  })
  child.stderr?.on("data", (d) => {
    output += d
  })
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + (options.waitMs ?? 600_000)
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/api/health`)).ok)
        return {
          child,
          base,
          exited,
          output: () => output,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM")
            await exited
          },
        }
    } catch {}
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill("SIGKILL")
  throw new Error(`server did not answer /api/health in time: ${output}`)
}

/** A session on a server over HTTP: its cookie (`xf_session=…`) and the CSRF token writes send. */
export interface HttpSession {
  readonly cookie: string
  readonly csrfToken: string
}

/** Signs `username` in at `base` over HTTP; throws unless the server answers 200. */
export const signInOverHttp = async (
  base: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<HttpSession> => {
  const r = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  })
  if (r.status !== 200) throw new Error(`sign-in of ${username} at ${base}: ${r.status} ${await r.text()}`)
  const { csrfToken } = (await r.json()) as { csrfToken: string }
  return { cookie: (r.headers.get("set-cookie") ?? "").split(";")[0] ?? "", csrfToken }
}
