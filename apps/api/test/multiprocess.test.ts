import { type ChildProcess, spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { createServer } from "node:net"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { scratchDatabase } from "./support.js"

const server = fileURLToPath(new URL("../dist/server.js", import.meta.url))

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer()
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
    s.on("error", reject)
  })

const start = async (url: string) => {
  const port = await freePort()
  const child = spawn(process.execPath, [server], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: url,
      XF_DEMO_MEMBERS: "300",
      XF_DEMO_SEED: "3",
      XF_ID_KEY: Buffer.alloc(32, 7).toString("base64"),
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
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base }
    } catch {}
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`server did not start: ${output}`)
}

// Two API processes on one PostgreSQL database share everything through it: sessions, lockouts, limits.
describe.skipIf(!process.env.TEST_DATABASE_URL)("two API processes on one PostgreSQL database", () => {
  let a: { child: ChildProcess; base: string }
  let b: { child: ChildProcess; base: string }
  let drop: () => Promise<void>

  beforeAll(async () => {
    expect(existsSync(server), "apps/api must be built (turbo runs build before test)").toBe(true)
    const db = await scratchDatabase()
    drop = db.drop
    a = await start(db.url)
    b = await start(db.url)
  })
  afterAll(async () => {
    a?.child.kill()
    b?.child.kill()
    await new Promise((r) => setTimeout(r, 300))
    await drop?.()
  })

  it("uses one session across both processes, CSRF-checked writes included", async () => {
    const login = await fetch(`${a.base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: "xianfeng-demo" }),
    })
    expect(login.status).toBe(200)
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? ""
    const { csrfToken } = (await login.json()) as { csrfToken: string }
    const me = await fetch(`${b.base}/api/auth/me`, { headers: { cookie } })
    expect(me.status).toBe(200)
    const token = await fetch(`${b.base}/api/auth/tokens`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", "x-csrf-token": csrfToken },
      body: JSON.stringify({ name: "made on B" }),
    })
    expect(token.status).toBe(201)
    const logout = await fetch(`${b.base}/api/auth/logout`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrfToken },
    })
    expect(logout.status).toBe(200)
    expect((await fetch(`${a.base}/api/auth/me`, { headers: { cookie } })).status).toBe(401)
  })

  it("counts failed sign-ins across both processes toward one lockout", async () => {
    const attempt = (base: string, password: string) =>
      fetch(`${base}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "officer", password }),
      })
    for (let i = 0; i < 5; i++) expect((await attempt(i % 2 ? a.base : b.base, "wrong-one")).status).toBe(400)
    expect((await attempt(a.base, "xianfeng-demo")).status).toBe(423)
    expect((await attempt(b.base, "xianfeng-demo")).status).toBe(423)
  })
})
