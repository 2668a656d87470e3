import { describe, expect, it } from "vitest"
import type {
  DrawList,
  DrawView,
  FindingList,
  FindingView,
  OrderList,
  OrderView,
  RecheckList,
} from "../src/routes/discipline/contract.js"
import { backends, problemOf, useDemo } from "./support.js"

// Inspections on every backend: a reproducible draw, a finding, and an order from issue to verified close.
// The test clock stands at 2026-11-27 (Asia/Shanghai).
describe.each(backends)("Inspections and rectification on %s", (backend) => {
  const demo = useDemo(backend, { logins: ["admin", "secretary1"] })
  const { admin, secretary1: secretary } = demo.agents
  /** secretary1's branch. */
  const branchId = () => demo.orgOf("secretary1")

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
      orgId: branchId(),
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
    expect(order).toMatchObject({ state: "open", deadline: "2026-12-27", followedBy: branchId() })

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
  it("a finding names the obligation and its evidence; the next inspection of the branch re-checks its open orders", async () => {
    const first = await admin.json<FindingView>("POST", "/api/discipline/findings", {
      orgId: branchId(),
      obligation: "general-meeting",
      period: "2026-Q3",
      evidence: "2026年第三季度无支部党员大会记录",
      severity: "minor",
    })
    expect(first).toMatchObject({
      obligation: "general-meeting",
      evidence: "2026年第三季度无支部党员大会记录",
    })
    const order = await admin.json<OrderView>("POST", "/api/discipline/orders", {
      findingId: first.id,
      owner: "支部书记",
    })
    expect(order).toMatchObject({ obligation: "general-meeting", severity: "minor", deadline: "2027-01-26" })
    const recheck = await admin.json<RecheckList>("GET", `/api/discipline/recheck?orgId=${branchId()}`)
    expect(recheck.items.map((o) => o.id)).toContain(order.id)
    const next = await admin.json<FindingView>("POST", "/api/discipline/findings", {
      orgId: branchId(),
      obligation: "theme-day",
      period: "2026-10",
      evidence: "2026年10月无主题党日记录",
      severity: "critical",
    })
    expect(next.recheck.map((o) => o.id)).toContain(order.id)
    const listed = await secretary.json<FindingList>("GET", "/api/discipline/findings")
    expect(listed.items.map((f) => f.id)).toEqual(expect.arrayContaining([first.id, next.id]))
    expect(listed.items.every((f) => f.orgId === branchId())).toBe(true)
  })

  it("a finding without evidence is refused naming the field, and nothing is written", async () => {
    const before = (await admin.json<FindingList>("GET", "/api/discipline/findings")).items.length
    const res = await admin.send("POST", "/api/discipline/findings", {
      orgId: branchId(),
      obligation: "theme-day",
      period: "2026-10",
      evidence: "",
      severity: "minor",
    })
    expect([400, 422]).toContain(res.status)
    expect((await problemOf(res)).errors?.map((e) => e.field)).toContain("evidence")
    expect((await admin.json<FindingList>("GET", "/api/discipline/findings")).items.length).toBe(before)
  })

  it("an overdue order escalated by the district shows at the level above, and the owner cannot verify it", async () => {
    const all = await admin.json<OrderList>("GET", "/api/discipline/orders")
    const overdue = all.items.find((o) => o.overdue && o.state === "open" && o.escalations.length === 0)
    if (overdue === undefined) throw new Error("the demo district has no overdue open order")
    const up = await admin.json<OrderView>("POST", `/api/discipline/orders/${overdue.id}/escalate`, {
      version: overdue.version,
    })
    expect(up.followedBy).not.toBe(overdue.orgId)
    expect(up.escalations).toHaveLength(1)
    const above = await admin.json<OrderList>("GET", `/api/discipline/orders?followedBy=${up.followedBy}`)
    expect(above.items.map((o) => o.id)).toContain(overdue.id)
    expect(above.items.find((o) => o.id === overdue.id)?.followedByName).not.toBe(up.followedBy)
    const own = await admin.json<OrderList>("GET", `/api/discipline/orders?followedBy=${overdue.orgId}`)
    expect(own.items.map((o) => o.id)).not.toContain(overdue.id)
  })

  it("closing without verification is refused (422) and changes nothing", async () => {
    const all = await admin.json<OrderList>("GET", "/api/discipline/orders")
    const open = all.items.find((o) => o.state === "open")
    if (open === undefined) throw new Error("no open order")
    const res = await admin.send("POST", `/api/discipline/orders/${open.id}/verify`, {
      accept: true,
      version: open.version,
    })
    expect(res.status).toBe(422)
    const problem = await problemOf(res)
    expect(problem.errors?.map((e) => [e.field, e.reason])).toEqual([["accept", "not-submitted"]])
    const after = (await admin.json<OrderList>("GET", "/api/discipline/orders")).items.find(
      (o) => o.id === open.id,
    )
    expect(after).toMatchObject({ state: "open", version: open.version, closedBy: null })
  })
})
