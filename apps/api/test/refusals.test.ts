import { auditLog, users } from "@xianfeng/db"
import { and, eq } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { AUDITED_REFUSALS_PER_MINUTE } from "../src/refusals.js"
import type { RefusalList } from "../src/routes/platform/contract.js"
import { Agent, backends, SMALL_DEMO_MEMBERS, type TestSystem, testSystem } from "./support.js"

/** Refused requests are recorded (rate-limited) and repeated ones are shown to the security administrator. */
describe.each(backends)("refusals on %s", (backend) => {
  let sys: TestSystem
  let secretary: Agent
  let secretaryId: string
  let secadmin: Agent

  const rowsOf = async (action: string, actorId: string) =>
    sys.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.actorId, actorId)))

  beforeAll(async () => {
    sys = await testSystem(backend, { demoMembers: SMALL_DEMO_MEMBERS })
    secretary = new Agent(sys)
    await secretary.login("secretary1")
    secadmin = new Agent(sys)
    await secadmin.login("secadmin")
    const [u] = await sys.deps.db.select({ id: users.id }).from(users).where(eq(users.username, "secretary1"))
    secretaryId = u?.id as string
  })
  afterAll(async () => {
    await sys.stop()
  })

  it("audits a cross-scope 404, a role's 403 and a CSRF refusal, naming who and where", async () => {
    expect((await secretary.get("/api/orgs/d1")).status).toBe(404)
    const [scope] = await rowsOf("refusal.scope", secretaryId)
    expect(scope).toMatchObject({ result: "refused", actorRole: "branch-secretary" })
    expect(scope?.details).toMatchObject({
      method: "GET",
      path: "/api/orgs/d1",
      objectType: "org",
      objectId: "d1",
    })

    expect((await secretary.get("/api/users")).status).toBe(403)
    expect((await rowsOf("refusal.role", secretaryId))[0]?.details).toMatchObject({ path: "/api/users" })

    const forged = await secretary.send(
      "POST",
      "/api/auth/tokens",
      { name: "x" },
      { "x-csrf-token": "forged" },
    )
    expect(forged.status).toBe(403)
    expect(await rowsOf("refusal.csrf", secretaryId)).toHaveLength(1)
  })

  it("writes at most a few rows a minute for a flood, counts it all, and shows it to the security administrator", async () => {
    const flood = 40
    for (let i = 0; i < flood; i++) expect((await secretary.get("/api/audit")).status).toBe(403)
    const rows = (await rowsOf("refusal.role", secretaryId)).filter((r) => r.details.path === "/api/audit")
    expect(rows).toHaveLength(AUDITED_REFUSALS_PER_MINUTE - 1) // one /api/users refusal came first this minute
    expect(rows.at(-1)?.details).toMatchObject({ suppressing: true })

    for (let i = 0; i < 6; i++) await new Agent(sys).login("secretary2", "wrong-password")
    const seen = await secadmin.json<RefusalList>("GET", "/api/security/refusals?atLeast=5")
    const role = seen.items.find((r) => r.kind === "role" && r.username === "secretary1")
    expect(role?.count).toBe(flood + 1)
    const signIn = seen.items.find((r) => r.kind === "sign-in" && r.username === "secretary2")
    expect(signIn?.count).toBe(6)
    expect((await secretary.get("/api/security/refusals")).status).toBe(403)
    expect(
      (await sys.deps.db.select().from(auditLog).where(eq(auditLog.action, "security.refusals.read"))).length,
    ).toBe(1)
  })
})
