import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { DrawList, DrawView, OrderList, OrderView } from "../src/routes/discipline/contract.js"
import { Agent, backends, type TestSystem, testSystem } from "./support.js"

// Inspections on every backend: a reproducible draw, a finding, and an order from issue to verified close.
// The test clock stands at 2026-11-27 (Asia/Shanghai).
describe.each(backends)("Inspections and rectification on %s", (backend) => {
  let sys: TestSystem
  let admin: Agent
  let secretary: Agent
  let branchId: string

  beforeAll(async () => {
    sys = await testSystem(backend)
    admin = new Agent(sys)
    secretary = new Agent(sys)
    expect((await admin.login("admin")).status).toBe(200)
    expect((await secretary.login("secretary1")).status).toBe(200)
    branchId = (await secretary.json<{ user: { orgId: string } }>("GET", "/api/auth/me")).user.orgId
  })
  afterAll(async () => {
    await sys.stop()
  })

  const draw = { title: "2026年第四季度组织生活抽查", seed: "2026-Q4-公开种子", size: 5, stratify: true }

  it("a draw run twice with the same published seed gives the same sample; publishing stores seed and candidates", async () => {
    const a = await admin.json<DrawView>("POST", "/api/discipline/draws/preview", draw)
    const b = await admin.json<DrawView>("POST", "/api/discipline/draws/preview", draw)
    expect(a.sample).toHaveLength(5)
    expect(b.sample).toEqual(a.sample)
    const other = await admin.json<DrawView>("POST", "/api/discipline/draws/preview", {
      ...draw,
      seed: "另一个种子",
    })
    expect(other.sample).not.toEqual(a.sample)
    const res = await admin.send("POST", "/api/discipline/draws", draw)
    expect(res.status).toBe(201)
    const published = (await res.json()) as DrawView
    expect(published).toMatchObject({ seed: draw.seed, algorithm: "xf-draw-1", sample: a.sample })
    expect(published.candidates.length).toBeGreaterThan(5)
    const list = await admin.json<DrawList>("GET", "/api/discipline/draws")
    expect(list.items.map((d) => d.id)).toContain(published.id)
    // Branches just drawn (and those of the demo's spot check this quarter) are left out when the draw excludes
    // this quarter's inspections.
    const next = await admin.json<DrawView>("POST", "/api/discipline/draws/preview", {
      ...draw,
      exclude: { count: 1, cadence: "quarter" },
    })
    expect(next.excluded).toEqual(expect.arrayContaining([...a.sample]))
    expect(next.sample.filter((id) => a.sample.includes(id))).toEqual([])
  })

  it("a secretary may not run a draw", async () => {
    expect((await secretary.send("POST", "/api/discipline/draws/preview", draw)).status).toBe(403)
  })

  it("an order goes from issue to a verified close, and cannot close without evidence", async () => {
    const finding = await admin.json<{ id: string }>("POST", "/api/discipline/findings", {
      orgId: branchId,
      obligation: "theme-day",
      period: "2026-09",
      evidence: "2026年9月无主题党日记录",
      severity: "serious",
    })
    const issued = await admin.send("POST", "/api/discipline/orders", {
      findingId: finding.id,
      owner: "支部书记",
    })
    expect(issued.status).toBe(201)
    const order = (await issued.json()) as OrderView
    expect(order).toMatchObject({ state: "open", deadline: "2026-12-27", followedBy: branchId })

    const early = await admin.send("POST", `/api/discipline/orders/${order.id}/verify`, {
      accept: true,
      version: order.version,
    })
    expect(early.status).toBe(422)
    expect(JSON.stringify(await early.json())).toContain("RECTIFY.not-submitted")
    const notDue = await admin.send("POST", `/api/discipline/orders/${order.id}/escalate`, {
      version: order.version,
    })
    expect(notDue.status).toBe(422)

    const submitted = await secretary.json<OrderView>("POST", `/api/discipline/orders/${order.id}/evidence`, {
      text: "已于11月补开主题党日，附会议记录",
      version: order.version,
    })
    expect(submitted.state).toBe("submitted")
    const stale = await admin.send("POST", `/api/discipline/orders/${order.id}/verify`, {
      accept: true,
      version: order.version,
    })
    expect(stale.status).toBe(409)
    const closed = await admin.json<OrderView>("POST", `/api/discipline/orders/${order.id}/verify`, {
      accept: true,
      version: submitted.version,
    })
    expect(closed).toMatchObject({ state: "closed", closedOn: "2026-11-27" })
    const mine = await secretary.json<OrderList>("GET", "/api/discipline/orders")
    expect(mine.items.find((o) => o.id === order.id)?.state).toBe("closed")
  })
})
