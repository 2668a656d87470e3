import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { __AreaPascal__RecordPage, __AreaPascal__RecordView } from "../src/routes/__area__/contract.js"
import { Agent, backends, problemOf, SMALL_DEMO_MEMBERS, type TestSystem, testSystem } from "./support.js"

// The area's routes on every backend, as a branch secretary and the district would use them. The test clock
// stands at 2026-11-27 (Asia/Shanghai).
describe.each(backends)("__titleEn__ on %s", (backend) => {
  let sys: TestSystem
  let admin: Agent
  let secretary: Agent
  let branchId: string

  beforeAll(async () => {
    sys = await testSystem(backend, { demoMembers: SMALL_DEMO_MEMBERS })
    admin = new Agent(sys)
    secretary = new Agent(sys)
    expect((await admin.login("admin")).status).toBe(200)
    expect((await secretary.login("secretary1")).status).toBe(200)
    branchId = (await secretary.json<{ user: { orgId: string } }>("GET", "/api/auth/me")).user.orgId
  })
  afterAll(async () => {
    await sys.stop()
  })

  it("records one for the secretary's branch and lists it", async () => {
    const res = await secretary.send("POST", "/api/__area__/records", {
      orgId: branchId,
      title: "样例记录",
      onDate: "2026-11-20",
    })
    expect(res.status).toBe(201)
    const created = (await res.json()) as __AreaPascal__RecordView
    expect(created.orgId).toBe(branchId)
    const page = await secretary.json<__AreaPascal__RecordPage>("GET", `/api/__area__/records?orgId=${branchId}`)
    expect(page.items.map((r) => r.id)).toContain(created.id)
  })

  it("refuses a record dated after today with the rule's reason (422), and writes nothing", async () => {
    const before = await admin.json<__AreaPascal__RecordPage>("GET", "/api/__area__/records")
    const res = await secretary.send("POST", "/api/__area__/records", {
      orgId: branchId,
      title: "未来的记录",
      onDate: "2026-12-31",
    })
    expect(res.status).toBe(422)
    expect(JSON.stringify(await res.json())).toContain("__AREA_CODE__-RECORD-DATE.future")
    expect((await admin.json<__AreaPascal__RecordPage>("GET", "/api/__area__/records")).total).toBe(before.total)
  })

  it("refuses a date that does not exist, naming the field", async () => {
    const res = await secretary.send("POST", "/api/__area__/records", {
      orgId: branchId,
      title: "记录",
      onDate: "2026-02-30",
    })
    expect(res.status).toBe(400)
    expect((await problemOf(res)).errors?.[0]?.field).toBe("onDate")
  })

  it("answers 404 for an organization outside the secretary's branch, as for a missing one", async () => {
    const res = await secretary.send("POST", "/api/__area__/records", {
      orgId: "d1",
      title: "越权记录",
      onDate: "2026-11-20",
    })
    expect(res.status).toBe(404)
  })

  it("lets the auditor read but not record", async () => {
    const auditor = new Agent(sys)
    expect((await auditor.login("auditor")).status).toBe(200)
    expect((await auditor.get("/api/__area__/records")).status).toBe(200)
    const res = await auditor.send("POST", "/api/__area__/records", { orgId: "d1", title: "记录", onDate: "2026-11-20" })
    expect(res.status).toBe(403)
  })
})
