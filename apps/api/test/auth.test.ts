import { users } from "@xianfeng/db"
import { eq } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Agent, backends, problemOf, type TestSystem, testSystem } from "./support.js"

describe.each(backends)("authentication on %s", (backend) => {
  let sys: TestSystem
  beforeAll(async () => {
    sys = await testSystem(backend)
  })
  afterAll(async () => {
    await sys.stop()
  })

  it("signs in with the demo login and sets an httpOnly, SameSite=Strict session cookie", async () => {
    const agent = new Agent(sys)
    const res = await agent.login("admin")
    expect(res.status).toBe(200)
    const cookie = res.headers.get("set-cookie") ?? ""
    expect(cookie).toMatch(/xf_session=/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Strict/i)
    const body = (await res.json()) as { user: { role: string; username: string }; csrfToken: string }
    expect(body.user).toMatchObject({ username: "admin", role: "district-admin" })
    expect(body.csrfToken.length).toBeGreaterThan(20)
    const me = await agent.get("/api/auth/me")
    expect(me.status).toBe(200)
  })

  it("stores passwords as argon2id hashes", async () => {
    const [u] = await sys.deps.db
      .select({ h: users.passwordHash })
      .from(users)
      .where(eq(users.username, "admin"))
    expect(u?.h).toMatch(/^\$argon2id\$/)
  })

  it("answers a wrong password and an unknown user alike, naming the password field", async () => {
    const a = await new Agent(sys).login("admin", "wrong-password")
    const b = await new Agent(sys).login("nobody-here", "wrong-password")
    expect(a.status).toBe(400)
    expect(b.status).toBe(400)
    expect(a.headers.get("content-type")).toMatch(/application\/problem\+json/)
    const [pa, pb] = [await problemOf(a), await problemOf(b)]
    expect(pa).toEqual(pb)
    expect(pa.errors?.[0]?.field).toBe("password")
  })

  it("locks an account after 5 failures, even against the right password, for 15 minutes", async () => {
    for (let i = 0; i < 5; i++) expect((await new Agent(sys).login("auditor", "nope-nope")).status).toBe(400)
    const locked = await new Agent(sys).login("auditor")
    expect(locked.status).toBe(423)
    sys.clock.advance(16 * 60_000)
    expect((await new Agent(sys).login("auditor")).status).toBe(200)
  })

  it("refuses a cookie-authenticated write without the CSRF token, and changes nothing", async () => {
    const agent = new Agent(sys)
    await agent.login("admin")
    const before = await agent.json<{ items: unknown[] }>("GET", "/api/users")
    const res = await agent.send(
      "POST",
      "/api/users",
      {
        username: "csrf.victim",
        displayName: "x",
        role: "auditor",
        orgId: "d1",
        password: "long-enough-pw",
      },
      { "x-csrf-token": "forged" },
    )
    expect(res.status).toBe(403)
    expect((await problemOf(res)).type).toMatch(/csrf/)
    const after = await agent.json<{ items: unknown[] }>("GET", "/api/users")
    expect(after.items.length).toBe(before.items.length)
  })

  it("ends the session on logout", async () => {
    const agent = new Agent(sys)
    await agent.login("admin")
    const cookie = agent.cookie
    expect((await agent.send("POST", "/api/auth/logout")).status).toBe(200)
    agent.cookie = cookie
    expect((await agent.get("/api/auth/me")).status).toBe(401)
  })

  it("answers /auth/session with 200 and null for nobody, the session once signed in, null again after logout", async () => {
    const agent = new Agent(sys)
    const before = await agent.get("/api/auth/session")
    expect(before.status).toBe(200)
    expect(await before.json()).toBeNull()
    // /auth/me keeps its contract for API clients: nobody signed in is a 401.
    expect((await agent.get("/api/auth/me")).status).toBe(401)
    await agent.login("secretary1")
    const during = await agent.get("/api/auth/session")
    expect(during.status).toBe(200)
    const s = (await during.json()) as { user: { username: string }; csrfToken: string }
    expect(s.user.username).toBe("secretary1")
    const me = await agent.json<{ csrfToken: string }>("GET", "/api/auth/me")
    expect(s.csrfToken).toBe(me.csrfToken)
    const cookie = agent.cookie
    expect((await agent.send("POST", "/api/auth/logout")).status).toBe(200)
    agent.cookie = cookie
    const after = await agent.get("/api/auth/session")
    expect(after.status).toBe(200)
    expect(await after.json()).toBeNull()
  })

  it("answers /auth/session with 401 for a bearer token that is not valid", async () => {
    const res = await sys.request("/api/auth/session", { headers: { authorization: "Bearer not-a-token" } })
    expect(res.status).toBe(401)
  })

  it("expires an idle session after 30 minutes", async () => {
    const agent = new Agent(sys)
    await agent.login("admin")
    sys.clock.advance(31 * 60_000)
    expect((await agent.get("/api/auth/me")).status).toBe(401)
  })

  it("gives machine clients bearer tokens that need no CSRF token and can be revoked", async () => {
    const agent = new Agent(sys)
    await agent.login("admin")
    const { token } = await agent.json<{ token: string }>("POST", "/api/auth/tokens", { name: "sync job" })
    const auth = { authorization: `Bearer ${token}` }
    const me = await sys.request("/api/auth/me", { headers: auth })
    expect(me.status).toBe(200)
    const revoke = await sys.request("/api/auth/tokens", { method: "DELETE", headers: auth })
    expect(revoke.status).toBe(200)
    expect((await sys.request("/api/auth/me", { headers: auth })).status).toBe(401)
  })
})
