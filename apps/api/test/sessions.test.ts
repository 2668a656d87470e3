import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { MAX_FAILED_LOGINS } from "../src/routes/platform/auth.js"
import type { Org } from "../src/routes/platform/contract.js"
import { Agent, backends, SMALL_DEMO_MEMBERS, type TestSystem, testSystem } from "./support.js"

/** Sign-in and sessions: failures counted atomically; nothing issued before a credential or role change outlives it. */
describe.each(backends)("sessions on %s", (backend) => {
  let sys: TestSystem
  let admin: Agent
  let committee: Org
  let n = 0
  const PASSWORD = "first-password-one"

  /** A new user with a password, signed in, with a bearer token. */
  const signedInUser = async (role = "branch-secretary") => {
    const username = `sess${n++}`
    const { id } = await admin.json<{ id: string }>("POST", "/api/users", {
      username,
      displayName: "会话",
      role,
      orgId: committee.id,
      password: PASSWORD,
    })
    const agent = new Agent(sys)
    expect((await agent.login(username, PASSWORD)).status).toBe(200)
    const { token } = await agent.json<{ token: string }>("POST", "/api/auth/tokens", { name: "job" })
    const viaToken = () => sys.request("/api/auth/me", { headers: { authorization: `Bearer ${token}` } })
    expect((await viaToken()).status).toBe(200)
    return { id, username, agent, viaToken }
  }

  beforeAll(async () => {
    sys = await testSystem(backend, { demoMembers: SMALL_DEMO_MEMBERS })
    admin = new Agent(sys)
    await admin.login("admin")
    const { items } = await admin.json<{ items: Org[] }>("GET", "/api/orgs/d1/children")
    const first = items.find((o) => o.kind !== "branch")
    if (!first) throw new Error("no committee")
    committee = first
  })
  afterAll(async () => {
    await sys.stop()
  })

  it("judges exactly 5 of 12 simultaneous wrong passwords as wrong; the rest find the account locked", async () => {
    const { username } = await signedInUser()
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => new Agent(sys).login(username, "wrong-password")),
    )
    const statuses = answers.map((r) => r.status)
    expect(statuses.filter((s) => s === 400)).toHaveLength(MAX_FAILED_LOGINS)
    expect(statuses.filter((s) => s === 423)).toHaveLength(12 - MAX_FAILED_LOGINS)
    expect((await new Agent(sys).login(username, PASSWORD)).status).toBe(423)
  })

  it("ends every session and token of a user whose password an administrator resets", async () => {
    const u = await signedInUser()
    await admin.json("PATCH", `/api/users/${u.id}`, { password: "reset-password-two" })
    expect((await u.agent.get("/api/auth/me")).status).toBe(401)
    expect((await u.viaToken()).status).toBe(401)
    expect((await new Agent(sys).login(u.username, "reset-password-two")).status).toBe(200)
  })

  it("ends every session and token on disable, and re-enabling brings none of them back", async () => {
    const u = await signedInUser()
    await admin.json("PATCH", `/api/users/${u.id}`, { disabled: true })
    expect((await u.agent.get("/api/auth/me")).status).toBe(401)
    await admin.json("PATCH", `/api/users/${u.id}`, { disabled: false })
    expect((await u.agent.get("/api/auth/me")).status).toBe(401)
    expect((await u.viaToken()).status).toBe(401)
    expect((await new Agent(sys).login(u.username, PASSWORD)).status).toBe(200)
  })

  it("ends every session and token on a role change", async () => {
    const u = await signedInUser()
    await admin.json("PATCH", `/api/users/${u.id}`, { role: "committee-officer" })
    expect((await u.agent.get("/api/auth/me")).status).toBe(401)
    expect((await u.viaToken()).status).toBe(401)
  })

  it("ends every session and token, this one included, when users change their own password", async () => {
    const u = await signedInUser()
    const other = new Agent(sys)
    await other.login(u.username, PASSWORD)
    const wrong = await u.agent.send("POST", "/api/auth/password", {
      currentPassword: "not-it",
      newPassword: "second-password-two",
    })
    expect(wrong.status).toBe(400)
    expect((await u.agent.get("/api/auth/me")).status).toBe(200)
    const ok = await u.agent.send("POST", "/api/auth/password", {
      currentPassword: PASSWORD,
      newPassword: "second-password-two",
    })
    expect(ok.status).toBe(200)
    expect((await other.get("/api/auth/me")).status).toBe(401)
    expect((await u.viaToken()).status).toBe(401)
    expect((await new Agent(sys).login(u.username, PASSWORD)).status).toBe(400)
    expect((await new Agent(sys).login(u.username, "second-password-two")).status).toBe(200)
  })

  it("applies a change of scope on the next request of a live session", async () => {
    const u = await signedInUser()
    expect((await u.agent.get("/api/orgs/d1")).status).toBe(404)
    await admin.json("PATCH", `/api/users/${u.id}`, { orgId: "d1" })
    expect((await u.agent.get("/api/orgs/d1")).status).toBe(200)
    expect((await u.viaToken()).status).toBe(200)
  })
})
