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
import { describe, expect, it } from "vitest"
import type {
  DisciplineOverview,
  HeatmapView,
  MeetingBody,
  MeetingList,
  OrderList,
} from "../src/routes/discipline/contract.js"
import { backends, useDemo, userWithToken } from "./support.js"

// The heatmap and the quarter and year roll-ups are read from the stored monthly compliance index
// (discipline_compliance_index). Here the stored answer is compared with evaluating every organization of the demo
// district afresh, today, 40 days on and after an edit. The test clock stands at 2026-11-27 (Asia/Shanghai).
describe.each(backends)("The monthly compliance index on %s", (backend) => {
  const demo = useDemo(backend, { logins: ["secretary1"] })
  const { secretary1: secretary } = demo.agents
  /** secretary1's branch. */
  const branchId = () => demo.orgOf("secretary1")

  const scope = { orgId: "d1", orgPath: "d1" }

  /** The heatmap as a full evaluation would answer it: every organization judged afresh from its sittings. */
  const evaluated = async (year: number, today: string) => {
    const asOf = date(today)
    const from = date(`${year}-01-01`)
    const to = date(`${year}-12-31`)
    const { policy, orgs, sittings, talks } = await asSystem(demo.sys.deps.db, async (db) => ({
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
  const heatmapOf = async (query: string) => {
    if (token === "") token = await userWithToken(demo.sys, "district-admin", "d1")
    const res = await demo.sys.request(`/api/discipline/heatmap?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(res.status).toBe(200)
    return (await res.json()) as HeatmapView
  }
  /** A compact cell (`[met, upcoming, due, overdue, missed]`) as the counts it stands for. */
  const countsOf = (h: HeatmapView, cell: readonly number[]) => {
    const c = Object.fromEntries(h.statuses.map((s, i) => [s, cell[i]])) as Record<
      "met" | "upcoming" | "due" | "overdue" | "missed",
      number
    >
    return { met: c.met, upcoming: c.upcoming, due: c.due, overdue: c.overdue, missed: c.missed }
  }
  /**
   * What the heatmap answers: every branch's months, page by page, and the quarters of the district and its
   * direct children — with `deep`, of every organization, drilling down through each one that is not a branch.
   */
  const stored = async (year: number, deep = false) => {
    const cells: Record<string, unknown> = {}
    const quarters: Record<string, unknown> = {}
    const take = (h: HeatmapView) => {
      for (const r of h.rollup) quarters[r.orgId] = r.quarters.map(({ rate: _, ...c }) => c)
    }
    for (let page = 1; ; page++) {
      const h = await heatmapOf(`year=${year}&page=${page}&pageSize=500`)
      if (page === 1) take(h)
      for (const b of h.branches)
        cells[b.orgId] = b.cells.map((c) => {
          const counts = countsOf(h, c)
          return { ...counts, rate: complianceRate(counts) }
        })
      if (page * h.pageSize >= h.total) break
    }
    const walk = async (orgId: string) => {
      const h = await heatmapOf(`year=${year}&orgId=${orgId}`)
      take(h)
      for (const r of h.rollup) if (r.parentId !== null && r.kind !== "branch") await walk(r.orgId)
    }
    if (deep)
      for (const [id, q] of Object.entries(quarters))
        if (q !== undefined && id !== "d1" && !(id in cells)) await walk(id)
    return { cells, quarters }
  }
  const rows = async (year: number) =>
    asSystem(demo.sys.deps.db, async (db) =>
      Number(
        rowsOf<{ n: number }>(
          await db.execute(
            sql`select count(*)::int as n from discipline_compliance_index where year = ${year}`,
          ),
        )[0]?.n,
      ),
    )
  const alter = (set: ReturnType<typeof sql>) =>
    asSystem(demo.sys.deps.db, (db) =>
      db.execute(
        sql`update discipline_compliance_index set ${set} where org_id = ${branchId()} and year = 2025`,
      ),
    )

  it("equals evaluating every organization of the demo district, this year and last, and is stored", async () => {
    for (const year of [2026, 2025]) {
      const first = await stored(year, true)
      expect(Object.keys(first.cells).length).toBeGreaterThan(10)
      expect(first).toEqual(await evaluated(year, "2026-11-27"))
      expect(await rows(year)).toBe(Object.keys(first.quarters).length)
      expect(await stored(year, true)).toEqual(first)
    }
  }, 600_000)

  it("pages the branches and drills down one organization at a time; a bad page size is refused naming it", async () => {
    const all = await heatmapOf("year=2026&pageSize=500")
    expect(all.total).toBeGreaterThan(10)
    expect(all.branches.length).toBe(Math.min(500, all.total))
    expect(all.statuses).toEqual(["met", "upcoming", "due", "overdue", "missed"])
    const second = await heatmapOf("year=2026&page=2&pageSize=5")
    expect(second.branches.map((b) => b.orgId)).toEqual(all.branches.slice(5, 10).map((b) => b.orgId))
    expect((await heatmapOf(`year=2026&page=${all.total + 1}&pageSize=1`)).branches).toEqual([])
    const last = await heatmapOf(`year=2026&page=${all.total}&pageSize=1`)
    expect(last.branches).toHaveLength(1)
    // The district's roll-up: itself and its direct children, whose branches add up to the district's.
    const [root, ...children] = all.rollup
    expect(root).toMatchObject({ orgId: "d1", parentId: null, branches: all.total })
    expect(children.every((c) => c.parentId === "d1")).toBe(true)
    expect(children.reduce((n, c) => n + c.branches, 0)).toBe(all.total)
    const committee = children.find((c) => c.kind !== "branch" && c.branches > 0)
    if (committee === undefined) throw new Error("the demo district has no committee with branches")
    const below = await heatmapOf(`year=2026&orgId=${committee.orgId}&pageSize=500`)
    expect(below.total).toBe(committee.branches)
    expect(below.rollup[0]).toEqual({ ...committee, parentId: null })
    for (const b of below.branches) {
      const same = all.branches.find((x) => x.orgId === b.orgId)
      if (same !== undefined) expect(b.cells).toEqual(same.cells)
    }
    for (const bad of ["pageSize=501", "pageSize=0", "pageSize=x"]) {
      const res = await demo.sys.request(`/api/discipline/heatmap?${bad}`, {
        headers: { authorization: `Bearer ${token}` },
      })
      // A query string the contract refuses is a 400 problem naming the field, as for every query (agenda.test.ts).
      expect(res.status).toBe(400)
      const problem = (await res.json()) as { errors?: { field: string }[] }
      expect(problem.errors?.map((e) => e.field)).toContain("pageSize")
    }
  })

  it("is read from the stored rows while their basis holds, and evaluated again when it does not", async () => {
    const before = await stored(2025)
    const branchCells = before.cells[branchId()]
    if (branchCells === undefined) throw new Error("secretary1's branch is not on the heatmap")
    // A stored row altered behind the index's back is what the heatmap shows: it is read, not recomputed…
    const forged = Array.from({ length: 12 }, () => ({ met: 99, upcoming: 0, due: 0, overdue: 0, missed: 0 }))
    await alter(sql`months = ${JSON.stringify(forged)}::jsonb`)
    expect((await stored(2025)).cells[branchId()]).toMatchObject(forged.map(() => ({ met: 99 })))
    // …until its basis no longer matches (here: as after a district policy change), when it is evaluated again.
    await alter(sql`basis = 'changed'`)
    expect((await stored(2025)).cells[branchId()]).toEqual(branchCells)
  })

  it("sees an edited sitting at once", async () => {
    const list = await secretary.json<MeetingList>(
      "GET",
      `/api/discipline/meetings?orgId=${branchId()}&year=2026`,
    )
    // A sitting with its roll call (the demo records those of the last months) counted for two obligations.
    const m = list.items.find((x) => x.attendance.length > 0 && x.types.length > 1)
    if (m === undefined) throw new Error("no sitting to edit")
    const { id, recordedAt: _, ...body } = m
    await stored(2026)
    const basis = () =>
      asSystem(demo.sys.deps.db, async (db) =>
        rowsOf<{ basis: string }>(
          await db.execute(
            sql`select basis from discipline_compliance_index where org_id = ${branchId()} and year = 2026`,
          ),
        ).map((r) => r.basis),
      )
    const before = await basis()
    // The demo's headcounts are its roll call's (on the roll, ticked present), so a sitting read and sent back
    // as it is passes; here with one type fewer.
    for (const x of list.items.filter((i) => i.attendance.length > 0)) {
      expect(x.present.full + x.present.probationary).toBe(x.attendance.filter((a) => a.present).length)
      expect(x.expected.full + x.expected.probationary).toBe(x.attendance.length)
    }
    const res = await secretary.send("PUT", `/api/discipline/meetings/${id}`, {
      ...body,
      types: body.types.slice(0, -1),
    })
    expect(res.status, await res.clone().text()).toBe(200)
    expect(await stored(2026, true)).toEqual(await evaluated(2026, "2026-11-27"))
    // The edit moved the row's basis on (the sittings' versions), so the row was evaluated again.
    expect(await basis()).not.toEqual(before)
  }, 600_000)

  it.each([
    "a sitting recorded through the form",
    "a heart-to-heart talk",
    "a sitting imported from a sheet",
  ])(
    "%s is seen at once: the year's stored row is evaluated again in the next read",
    async (what) => {
      // The branch's 2025 row is forged behind the index's back with its basis intact, so only a moved basis
      // stamp (bumped by the write itself) makes the heatmap evaluate it again.
      await stored(2025)
      const forged = Array.from({ length: 12 }, () => ({
        met: 99,
        upcoming: 0,
        due: 0,
        overdue: 0,
        missed: 0,
      }))
      await alter(sql`months = ${JSON.stringify(forged)}::jsonb`)
      expect((await stored(2025)).cells[branchId()]).toMatchObject(forged.map(() => ({ met: 99 })))
      const ours = (
        await secretary.json<{ items: { id: string; orgId: string; stage: string }[] }>(
          "GET",
          `/api/members?orgId=${branchId()}&pageSize=100`,
        )
      ).items.filter((m) => m.orgId === branchId() && m.stage === "full")
      const [a, b] = ours
      if (a === undefined || b === undefined) throw new Error("the branch lacks two full members")
      if (what.includes("form")) {
        const body: MeetingBody = {
          orgId: branchId(),
          types: ["committee-meeting"],
          date: "2025-03-12",
          startTime: "14:30",
          endTime: "15:30",
          place: "党员活动室",
          chair: "支部书记",
          recorder: "组织委员",
          expected: { full: ours.length, probationary: 0 },
          present: { full: ours.length, probationary: 0 },
          attendance: ours.map((m) => ({ memberId: m.id, present: true })),
          observers: [],
          firstItem: { topic: "学习党章", form: "集中学习" },
          agenda: ["学习党章"],
          resolutions: [],
          votes: [],
        }
        const res = await secretary.send("POST", "/api/discipline/meetings", body)
        expect(res.status, await res.clone().text()).toBe(201)
      } else if (what.includes("talk")) {
        const res = await secretary.send("POST", "/api/discipline/talks", {
          orgId: branchId(),
          pair: "member-member",
          date: "2025-04-02",
          firstMemberId: a.id,
          secondMemberId: b.id,
          topic: "思想工作交流",
        })
        expect(res.status, await res.clone().text()).toBe(201)
      } else {
        const csv = `党组织编码,会议类型,会议日期,开始时间,结束时间,地点,主持人,记录人\n${branchId()},支委会,2025-05-14,9:00,10:00,党员活动室,支部书记,组织委员\n`
        const res = await demo.sys.request("/api/import/meetings", {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ fileName: "meetings.csv", content: Buffer.from(csv).toString("base64") }),
        })
        expect(res.status, await res.clone().text()).toBe(201)
      }
      expect(await stored(2025, true)).toEqual(await evaluated(2025, "2026-11-27"))
      expect((await stored(2025)).cells[branchId()]).not.toMatchObject(forged.map(() => ({ met: 99 })))
    },
    600_000,
  )

  it("a stale organization among fresh ones is evaluated again, and only it", async () => {
    const before = await stored(2025)
    const other = Object.keys(before.cells).find((id) => id !== branchId())
    if (other === undefined) throw new Error("the demo district has one branch")
    // Two rows forged behind the index's back with their bases intact: each is shown as stored…
    const forged = Array.from({ length: 12 }, () => ({ met: 99, upcoming: 0, due: 0, overdue: 0, missed: 0 }))
    const forge = (orgId: string) =>
      asSystem(demo.sys.deps.db, (db) =>
        db.execute(
          sql`update discipline_compliance_index set months = ${JSON.stringify(forged)}::jsonb where org_id = ${orgId} and year = 2025`,
        ),
      )
    await forge(branchId())
    await forge(other)
    const asForged = forged.map(() => ({ met: 99 }))
    const both = await stored(2025)
    expect(both.cells[branchId()]).toMatchObject(asForged)
    expect(both.cells[other]).toMatchObject(asForged)
    // …until a talk of the secretary's branch moves its stamp on: that row alone is evaluated again.
    const ours = (
      await secretary.json<{ items: { id: string; orgId: string; stage: string }[] }>(
        "GET",
        `/api/members?orgId=${branchId()}&pageSize=100`,
      )
    ).items.filter((m) => m.orgId === branchId() && m.stage === "full")
    const [a, b] = ours
    if (a === undefined || b === undefined) throw new Error("the branch lacks two full members")
    const res = await secretary.send("POST", "/api/discipline/talks", {
      orgId: branchId(),
      pair: "member-member",
      date: "2025-07-03",
      firstMemberId: a.id,
      secondMemberId: b.id,
      topic: "谈心谈话",
    })
    expect(res.status, await res.clone().text()).toBe(201)
    const after = await stored(2025)
    expect(after.cells[branchId()]).not.toMatchObject(asForged)
    expect(after.cells[other]).toMatchObject(asForged)
    // The other row, made stale in turn, is evaluated again too; then the whole year equals a full evaluation.
    await asSystem(demo.sys.deps.db, (db) =>
      db.execute(
        sql`update discipline_compliance_index set basis = 'changed' where org_id = ${other} and year = 2025`,
      ),
    )
    expect(await stored(2025, true)).toEqual(await evaluated(2025, "2026-11-27"))
  }, 600_000)

  it("40 days on, the rows whose recheck day has come are evaluated again; back on the first day, so are the rows dated later", async () => {
    const first = await stored(2026, true)
    demo.sys.clock.advance(40 * 86_400_000)
    try {
      const later = await stored(2026, true)
      expect(later).toEqual(await evaluated(2026, "2027-01-06"))
      expect(later).not.toEqual(first)
    } finally {
      demo.sys.clock.advance(-40 * 86_400_000)
    }
    expect(await stored(2026, true)).toEqual(first)
  }, 600_000)

  it("the dashboard's overview: the scope's quarter and year as the heatmap rolls them up, and its orders", async () => {
    const overview = await secretary.json<DisciplineOverview>("GET", "/api/discipline/overview")
    const heatmap = await secretary.json<HeatmapView>("GET", "/api/discipline/heatmap?year=2026")
    const mine = heatmap.rollup.find((r) => r.orgId === branchId())
    expect(overview).toMatchObject({ asOf: "2026-11-27", orgId: branchId(), quarter: "2026-Q4" })
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
    const district = await userWithToken(demo.sys, "district-admin", "d1")
    const all = (await (
      await demo.sys.request("/api/discipline/overview", { headers: { authorization: `Bearer ${district}` } })
    ).json()) as DisciplineOverview
    expect(all.branches).toBeGreaterThan(10)
    expect(all.orders.notClosed).toBeGreaterThanOrEqual(overview.orders.notClosed)
    expect(all.orders.overdue).toBeGreaterThan(0)
    // The district's figures as a full evaluation of every organization gives them (not the stored roll-up the
    // overview reads): Q4 and the year summed over the tree, and the branches with an own overdue or missed
    // period ending in October to December.
    const full = await evaluated(2026, "2026-11-27")
    const pick = (c: unknown) => {
      const { met, upcoming, due, overdue, missed } = c as Record<
        "met" | "upcoming" | "due" | "overdue" | "missed",
        number
      >
      return { met, upcoming, due, overdue, missed }
    }
    const quarters = (full.quarters.d1 as unknown[]).map(pick)
    expect(pick(all.quarterCounts)).toEqual(quarters[3])
    expect(pick(all.yearCounts)).toEqual(
      quarters.reduce((a, q) => ({
        met: a.met + q.met,
        upcoming: a.upcoming + q.upcoming,
        due: a.due + q.due,
        overdue: a.overdue + q.overdue,
        missed: a.missed + q.missed,
      })),
    )
    const cells = Object.values(full.cells) as { overdue: number; missed: number }[][]
    expect(all.branches).toBe(cells.length)
    const behind = cells.filter((months) => months.slice(9).some((m) => m.overdue + m.missed > 0)).length
    expect(all.branchesBehind).toBe(behind)
    expect(behind).toBeGreaterThan(0)
    expect(behind).toBeLessThan(cells.length)
  }, 600_000)
})
