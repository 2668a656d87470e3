import { date } from "@xianfeng/core"
import { asSystem, loadAreaPolicy, rowsOf, subtreeSittings, subtreeTalks } from "@xianfeng/db"
import {
  complianceOf,
  complianceRate,
  disciplinePolicy,
  type ObligationPeriod,
  type OrgShape,
  periodsBetween,
  rollUp,
  type Sitting,
  type SittingType,
  summarize,
  type TalkPair,
  talkOf,
} from "@xianfeng/inspection-scheduling"
import { sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type {
  DisciplineOverview,
  HeatmapView,
  MeetingList,
  OrderList,
} from "../src/routes/discipline/contract.js"
import { Agent, backends, type TestSystem, testSystem, userWithToken } from "./support.js"

// The heatmap and the quarter and year roll-ups are read from the stored monthly compliance index
// (discipline_compliance_index). Here the stored answer is compared with evaluating every organization of the demo
// district afresh, today, 40 days on and after an edit. The test clock stands at 2026-11-27 (Asia/Shanghai).
describe.each(backends)("The monthly compliance index on %s", (backend) => {
  let sys: TestSystem
  let secretary: Agent
  let branchId: string

  beforeAll(async () => {
    sys = await testSystem(backend)
    secretary = new Agent(sys)
    expect((await secretary.login("secretary1")).status).toBe(200)
    branchId = (await secretary.json<{ user: { orgId: string } }>("GET", "/api/auth/me")).user.orgId
  })
  afterAll(async () => {
    await sys.stop()
  })

  const scope = { orgId: "d1", orgPath: "d1" }

  /** The heatmap as a full evaluation would answer it: every organization judged afresh from its sittings. */
  const evaluated = async (year: number, today: string) => {
    const asOf = date(today)
    const from = date(`${year}-01-01`)
    const to = date(`${year}-12-31`)
    const { policy, orgs, sittings, talks } = await asSystem(sys.deps.db, async (db) => ({
      policy: (await loadAreaPolicy(db, "d1", disciplinePolicy)).policy,
      ...(await subtreeSittings(db, scope, undefined, from, to)),
      talks: await subtreeTalks(db, scope, undefined, from, to),
    }))
    const own = new Map<string, Sitting[]>()
    const add = (id: string, s: Sitting) => own.set(id, [...(own.get(id) ?? []), s])
    for (const s of sittings)
      add(s.orgId, { id: s.id, on: s.onDate, counts: s.types as readonly SittingType[] })
    for (const t of talks) add(t.orgId, talkOf(t.id, t.onDate, t.pair as TalkPair))
    const byOrg = new Map<string, readonly ObligationPeriod[]>(
      orgs.map((o) => {
        const shape: OrgShape = {
          kind: o.kind as OrgShape["kind"],
          hasCommittee: o.fullMembers >= 7,
          hasGroups: false,
        }
        return [o.id, complianceOf({ org: shape, sittings: own.get(o.id) ?? [], from, to, asOf, policy })]
      }),
    )
    const months = periodsBetween("month", from, to)
    const quarters = periodsBetween("quarter", from, to)
    const nodes = orgs.map((o) => ({ id: o.id, parentId: o.parentId }))
    const rolled = quarters.map((q) => rollUp(nodes, byOrg, q))
    const view = (c: ReturnType<typeof summarize>) => ({ ...c, rate: complianceRate(c) })
    return {
      cells: Object.fromEntries(
        orgs
          .filter((o) => o.kind === "branch")
          .map((o) => [o.id, months.map((m) => view(summarize(byOrg.get(o.id) ?? [], m)))]),
      ),
      quarters: Object.fromEntries(orgs.map((o) => [o.id, rolled.map((r) => r.get(o.id))])),
    }
  }
  // A bearer token of the district's organization department: a session would end while the clock moves on.
  let token = ""
  const stored = async (year: number) => {
    if (token === "") token = await userWithToken(sys, "district-admin", "d1")
    const res = await sys.request(`/api/discipline/heatmap?year=${year}`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(res.status).toBe(200)
    const h = (await res.json()) as HeatmapView
    return {
      cells: Object.fromEntries(h.branches.map((b) => [b.orgId, b.cells])),
      quarters: Object.fromEntries(h.rollup.map((r) => [r.orgId, r.quarters.map(({ rate: _, ...c }) => c)])),
    }
  }
  const rows = async (year: number) =>
    asSystem(sys.deps.db, async (db) =>
      Number(
        rowsOf<{ n: number }>(
          await db.execute(
            sql`select count(*)::int as n from discipline_compliance_index where year = ${year}`,
          ),
        )[0]?.n,
      ),
    )
  const alter = (set: ReturnType<typeof sql>) =>
    asSystem(sys.deps.db, (db) =>
      db.execute(
        sql`update discipline_compliance_index set ${set} where org_id = ${branchId} and year = 2025`,
      ),
    )

  it("equals evaluating every organization of the demo district, this year and last, and is stored", async () => {
    for (const year of [2026, 2025]) {
      const first = await stored(year)
      expect(Object.keys(first.cells).length).toBeGreaterThan(10)
      expect(first).toEqual(await evaluated(year, "2026-11-27"))
      expect(await rows(year)).toBe(Object.keys(first.quarters).length)
      expect(await stored(year)).toEqual(first)
    }
  })

  it("is read from the stored rows while their basis holds, and evaluated again when it does not", async () => {
    const before = await stored(2025)
    const branchCells = before.cells[branchId]
    if (branchCells === undefined) throw new Error("secretary1's branch is not on the heatmap")
    // A stored row altered behind the index's back is what the heatmap shows: it is read, not recomputed…
    const forged = Array.from({ length: 12 }, () => ({ met: 99, upcoming: 0, due: 0, overdue: 0, missed: 0 }))
    await alter(sql`months = ${JSON.stringify(forged)}::jsonb`)
    expect((await stored(2025)).cells[branchId]?.[0]?.met).toBe(99)
    // …until its basis no longer matches (here: as after a district policy change), when it is evaluated again.
    await alter(sql`basis = 'changed'`)
    expect((await stored(2025)).cells[branchId]).toEqual(branchCells)
  })

  it("sees an edited sitting at once", async () => {
    const list = await secretary.json<MeetingList>(
      "GET",
      `/api/discipline/meetings?orgId=${branchId}&year=2026`,
    )
    // A sitting with its roll call (the demo records those of the last months) counted for two obligations.
    const m = list.items.find((x) => x.attendance.length > 0 && x.types.length > 1)
    if (m === undefined) throw new Error("no sitting to edit")
    const { id, recordedAt: _, ...body } = m
    await stored(2026)
    const basis = () =>
      asSystem(sys.deps.db, async (db) =>
        rowsOf<{ basis: string }>(
          await db.execute(
            sql`select basis from discipline_compliance_index where org_id = ${branchId} and year = 2026`,
          ),
        ).map((r) => r.basis),
      )
    const before = await basis()
    // The demo's headcounts are not its roll call's: the edit states the headcount the ticks give.
    const ticked = body.attendance.filter((a) => a.present).length
    const absent = body.attendance.length - ticked
    const res = await secretary.send("PUT", `/api/discipline/meetings/${id}`, {
      ...body,
      expected: { full: Math.max(body.expected.full, ticked + absent), probationary: 0 },
      present: { full: ticked, probationary: 0 },
      types: body.types.slice(0, -1),
    })
    expect(res.status, await res.clone().text()).toBe(200)
    expect(await stored(2026)).toEqual(await evaluated(2026, "2026-11-27"))
    // The edit moved the row's basis on (the sittings' versions), so the row was evaluated again.
    expect(await basis()).not.toEqual(before)
  })

  it("40 days on, the rows whose recheck day has come are evaluated again; back on the first day, so are the rows dated later", async () => {
    const first = await stored(2026)
    sys.clock.advance(40 * 86_400_000)
    try {
      const later = await stored(2026)
      expect(later).toEqual(await evaluated(2026, "2027-01-06"))
      expect(later).not.toEqual(first)
    } finally {
      sys.clock.advance(-40 * 86_400_000)
    }
    expect(await stored(2026)).toEqual(first)
  })

  it("the dashboard's overview: the scope's quarter and year as the heatmap rolls them up, and its orders", async () => {
    const overview = await secretary.json<DisciplineOverview>("GET", "/api/discipline/overview")
    const heatmap = await secretary.json<HeatmapView>("GET", "/api/discipline/heatmap?year=2026")
    const mine = heatmap.rollup.find((r) => r.orgId === branchId)
    expect(overview).toMatchObject({ asOf: "2026-11-27", orgId: branchId, quarter: "2026-Q4" })
    expect(overview.quarterCounts).toEqual(mine?.quarters[3])
    expect(overview.yearCounts).toEqual(mine?.year)
    expect(overview.branches).toBe(1)
    const orders = (await secretary.json<OrderList>("GET", "/api/discipline/orders")).items.filter(
      (o) => o.state !== "closed",
    )
    expect(overview.orders).toEqual({
      notClosed: orders.length,
      awaitingVerification: orders.filter((o) => o.state === "submitted").length,
      overdue: orders.filter((o) => o.overdue).length,
      escalated: orders.filter((o) => o.followedBy !== o.orgId).length,
    })
    // The district sees every branch, and at least the secretary's orders among its own.
    const district = await userWithToken(sys, "district-admin", "d1")
    const all = (await (
      await sys.request("/api/discipline/overview", { headers: { authorization: `Bearer ${district}` } })
    ).json()) as DisciplineOverview
    expect(all.branches).toBeGreaterThan(10)
    expect(all.orders.notClosed).toBeGreaterThanOrEqual(overview.orders.notClosed)
    expect(all.orders.overdue).toBeGreaterThan(0)
  })
})
