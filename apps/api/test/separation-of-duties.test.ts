import { asSystem, auditLog, grantRoleAsOwner } from "@xianfeng/db"
import { eq } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Agent, backends, SMALL_DEMO_MEMBERS, type TestSystem, testSystem } from "./support.js"

/**
 * 三员分立 (graded protection level 3): the system, security and audit administrators are different roles,
 * and none can grant itself another.
 */
describe.each(backends)("separation of duties on %s", (backend) => {
  let sys: TestSystem
  let sysadmin: Agent
  let secadmin: Agent
  let auditadmin: Agent
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    sys = await testSystem(backend, { demoMembers: SMALL_DEMO_MEMBERS })
    sysadmin = new Agent(sys)
    secadmin = new Agent(sys)
    auditadmin = new Agent(sys)
    for (const [agent, name] of [
      [sysadmin, "sysadmin"],
      [secadmin, "secadmin"],
      [auditadmin, "auditadmin"],
    ] as const) {
      expect((await agent.login(name)).status).toBe(200)
    }
    const { items } = await sysadmin.json<{ items: { id: string; username: string }[] }>("GET", "/api/users")
    for (const u of items) ids[u.username] = u.id
  })
  afterAll(async () => {
    await sys.stop()
  })

  const newUser = (username: string, role: string) => ({
    username,
    displayName: "分立",
    role,
    orgId: "d1",
    password: "a-long-password",
  })

  it("lets the system administrator run accounts of the work, but not give or touch the three roles", async () => {
    const made = await sysadmin.send("POST", "/api/users", newUser("sod.worker", "branch-secretary"))
    expect(made.status).toBe(201)
    ids["sod.worker"] = ((await made.json()) as { id: string }).id
    // Nor the guarded roles, which carry the audit log (auditor) or account work and the log (district-admin).
    for (const role of ["system-admin", "security-admin", "audit-admin", "district-admin", "auditor"]) {
      expect((await sysadmin.send("POST", "/api/users", newUser(`sod.${role}`, role))).status).toBe(403)
      expect((await sysadmin.send("PATCH", `/api/users/${ids["sod.worker"]}`, { role })).status).toBe(403)
    }
    // It cannot reset a security administrator's password and so become one.
    const reset = await sysadmin.send("PATCH", `/api/users/${ids.secadmin}`, { password: "taken-over-pw" })
    expect(reset.status).toBe(403)
    expect((await sysadmin.get("/api/audit")).status).toBe(403)
    expect((await sysadmin.get("/api/security/refusals")).status).toBe(403)
  })

  it("lets the security administrator give and take the three roles, and do nothing else to an account", async () => {
    expect(
      (await secadmin.send("POST", "/api/users", newUser("sod.second", "branch-secretary"))).status,
    ).toBe(403)
    const target = ids["sod.worker"] as string
    expect(
      (await secadmin.send("PATCH", `/api/users/${target}`, { password: "another-password" })).status,
    ).toBe(403)
    expect((await secadmin.send("PATCH", `/api/users/${target}`, { orgId: "d1" })).status).toBe(403)
    const grant = await secadmin.send("PATCH", `/api/users/${target}`, { role: "auditor" })
    expect(grant.status).toBe(200)
    expect(((await grant.json()) as { role: string }).role).toBe("auditor")
    // The system administrator no longer manages that account: it holds a guarded role.
    expect((await sysadmin.send("PATCH", `/api/users/${target}`, { password: "taken-over-pw" })).status).toBe(
      403,
    )
    expect((await secadmin.send("PATCH", `/api/users/${target}`, { role: "branch-secretary" })).status).toBe(
      200,
    )
    // None of the three is given or taken through the API, by anyone.
    for (const role of ["system-admin", "security-admin", "audit-admin"]) {
      expect((await secadmin.send("PATCH", `/api/users/${target}`, { role })).status, role).toBe(403)
    }
    expect(
      (await secadmin.send("PATCH", `/api/users/${ids.sysadmin}`, { role: "branch-secretary" })).status,
    ).toBe(403)
    expect((await secadmin.get("/api/audit")).status).toBe(403)
  })

  it("lets the audit administrator read and verify the audit log, and change nothing", async () => {
    expect((await auditadmin.get("/api/audit")).status).toBe(200)
    expect((await auditadmin.send("POST", "/api/audit/verify")).status).toBe(200)
    expect((await auditadmin.get("/api/users")).status).toBe(403)
    expect((await auditadmin.send("POST", "/api/users", newUser("sod.third", "auditor"))).status).toBe(403)
  })

  it("lets none of the three grant itself another role", async () => {
    for (const [agent, name] of [
      [sysadmin, "sysadmin"],
      [secadmin, "secadmin"],
      [auditadmin, "auditadmin"],
    ] as const) {
      for (const role of ["district-admin", "system-admin", "security-admin", "audit-admin"]) {
        const res = await agent.send("PATCH", `/api/users/${ids[name]}`, { role })
        expect(res.status, `${name} → ${role}`).toBe(403)
      }
    }
    const me = await secadmin.json<{ user: { role: string } }>("GET", "/api/auth/me")
    expect(me.user.role).toBe("security-admin")
  })

  it("lets none of them make a member account or turn an account into one: members' accounts come only from activation codes", async () => {
    const made = await sysadmin.send("POST", "/api/users", newUser("sod.member", "member"))
    expect(made.status).toBe(422)
    const worker = await sysadmin.json<{ id: string }>(
      "POST",
      "/api/users",
      newUser("sod.worker2", "branch-secretary"),
    )
    for (const agent of [sysadmin, secadmin]) {
      const res = await agent.send("PATCH", `/api/users/${worker.id}`, { role: "member" })
      expect([403, 422]).toContain(res.status)
    }
    const { items } = await sysadmin.json<{ items: { id: string; role: string }[] }>("GET", "/api/users")
    expect(items.find((u) => u.id === worker.id)?.role).toBe("branch-secretary")
  })

  it("has the database owner give one of the three roles, ending the user's sessions, with an audit row", async () => {
    const worker = new Agent(sys)
    expect((await worker.login("sod.worker", "a-long-password")).status).toBe(200)
    const verdict = await grantRoleAsOwner(sys.database.db, {
      username: "sod.worker",
      role: "audit-admin",
      by: "root",
      at: new Date(),
    })
    expect(verdict).toMatchObject({ kind: "ok", before: "branch-secretary", ended: { sessions: 1 } })
    expect((await worker.get("/api/auth/me")).status).toBe(401)
    expect((await worker.login("sod.worker", "a-long-password")).status).toBe(200)
    expect((await worker.get("/api/audit")).status).toBe(200)
    const rows = await asSystem(sys.database.db, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, "user.grant-role")),
    )
    expect(rows.find((r) => r.objectId === ids["sod.worker"])).toMatchObject({
      actorId: null,
      details: { from: "branch-secretary", to: "audit-admin", by: "root" },
    })
    expect(
      await grantRoleAsOwner(sys.database.db, {
        username: "nobody",
        role: "auditor",
        by: "root",
        at: new Date(),
      }),
    ).toEqual({ kind: "no-user" })
    expect(
      await grantRoleAsOwner(sys.database.db, {
        username: "sod.worker",
        role: "king",
        by: "root",
        at: new Date(),
      }),
    ).toEqual({ kind: "not-a-role" })
  })
})
