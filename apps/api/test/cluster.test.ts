import { existsSync, readFileSync } from "node:fs"
import { request } from "node:http"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ServerProcess, signInOverHttp, startServerProcess } from "./server-process.js"
import { demoDatabase } from "./support.js"

// One API server of two processes (XF_API_PROCESSES=2, node:cluster) on PostgreSQL: every new connection goes
// to the next worker, each worker caches callers and appends audit rows on lanes of its own, and a logout holds
// in both at their very next request (docs/deploying.md "Several API processes").

/** One request on a connection of its own (no keep-alive), so the primary hands it to the next worker. */
const once = (
  base: string,
  path: string,
  headers: Record<string, string>,
  method = "GET",
): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers, agent: false }, (res) => {
      let body = ""
      res.setEncoding("utf8")
      res.on("data", (d) => {
        body += d
      })
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on("error", reject)
    req.end()
  })

describe.skipIf(!process.env.TEST_DATABASE_URL)("one API server of two processes on PostgreSQL", () => {
  let server: ServerProcess
  let url: string
  let drop: () => Promise<void>

  beforeAll(async () => {
    const copy = await demoDatabase("postgres")
    drop = copy.drop
    if (copy.database.kind !== "postgres") throw new Error("a PostgreSQL copy was asked for")
    url = copy.database.url
    server = await startServerProcess(copy.database, {
      demo: copy.demo,
      waitMs: 180_000,
      env: { XF_API_PROCESSES: "2" },
    })
    // The port answers once the first worker serves; the primary says so when the second one does too.
    const deadline = Date.now() + 120_000
    while (!/2 API processes \(XF_API_PROCESSES\)/.test(server.output())) {
      if (Date.now() > deadline) throw new Error(`the second worker did not start:\n${server.output()}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }, 400_000)
  afterAll(async () => {
    await server?.stop()
    await drop?.()
  })

  it("reads in both processes, each on its own audit lanes; a logout holds in both at the next request", async () => {
    const { cookie, csrfToken } = await signInOverHttp(server.base, "admin")
    const page = await once(server.base, "/api/members?pageSize=8", { cookie })
    expect(page.status).toBe(200)
    const ids = (JSON.parse(page.body) as { items: { id: string }[] }).items.map((m) => m.id)
    expect(ids).toHaveLength(8)
    for (const id of ids) expect((await once(server.base, `/api/members/${id}`, { cookie })).status).toBe(200)

    // Worker 0 appends from lane 0, worker 1 from lane 2 (two batches in flight each: lanes 0–1 and 2–3); one
    // process alone would have put these sequential reads on one lane.
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      const { rows } = await client.query<{ lane: number }>(
        "select distinct lane from audit_log where action = 'member.read' and object_id = any($1::text[])",
        [ids],
      )
      const lanes = rows.map((r) => Number(r.lane))
      expect(lanes.some((l) => l === 0 || l === 1)).toBe(true)
      expect(lanes.some((l) => l === 2 || l === 3)).toBe(true)
    } finally {
      await client.end()
    }

    const out = await once(server.base, "/api/auth/logout", { cookie, "x-csrf-token": csrfToken }, "POST")
    expect(out.status).toBe(200)
    // Both workers had the caller cached; each refuses the session at its next request.
    for (const id of ids) expect((await once(server.base, `/api/members/${id}`, { cookie })).status).toBe(401)
  }, 120_000)

  it("stops its workers with it on SIGTERM", async () => {
    const pid = server.child.pid
    const workers = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
    expect(workers).toHaveLength(2)
    await server.stop()
    // Gone, or a zombie left for whoever reaps orphans here.
    const running = (w: string) =>
      existsSync(`/proc/${w}`) && !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${w}/stat`, "utf8"))
    for (const w of workers) expect(running(w)).toBe(false)
  })
})
