import { randomUUID } from "node:crypto"
import { makeIdNumber, Temporal } from "@xianfeng/core"
import { beforeAll, describe, expect, it } from "vitest"
import type {
  CycleDetail,
  IssuedCodes,
  MyRecord,
  ResultsView,
  ViewersView,
} from "../src/routes/appraisal/contract.js"
import type { MemberDetail } from "../src/routes/platform/contract.js"
import { Agent, backends, problemOf, useDemo } from "./support.js"

/** Passwords made per run, so no credential is written in the repository. */
const memberPassword = `m-${randomUUID()}`
const otherPassword = `o-${randomUUID()}`

// A whole democratic appraisal through the API, as a branch secretary, its members on their own accounts and
// the higher committee would run it. The test clock stands at 2026-11-27 (Asia/Shanghai); the cycle is 2025's, so
// it does not meet the demo's own 2026 cycle of the branch.
describe.each(backends)("Appraisal on %s", (backend) => {
  const demo = useDemo(backend, { logins: ["admin", "secretary1", "officer", "secretary2"] })
  const { admin, secretary1: secretary, officer } = demo.agents
  let branchId: string
  let cycleId: string
  let stranger: string
  const people: MemberDetail[] = []
  const members: Agent[] = []
  let seq = 600

  const newMember = (orgId: string, name: string, stage: "full" | "probationary") =>
    admin.json<MemberDetail>("POST", "/api/members", {
      orgId,
      name,
      idNumber: makeIdNumber("330199", Temporal.PlainDate.from("1988-06-01"), seq++),
      ethnicity: "01",
      education: "21",
      occupationGroup: "worker",
      stage,
    })
  const rate = (agent: Agent, rateeId: string, grade: string, cycle = cycleId) =>
    agent.send("POST", "/api/appraisal/me/ratings", { cycleId: cycle, rateeId, grade })
  const detail = () => secretary.json<CycleDetail>("GET", `/api/appraisal/cycles/${cycleId}`)

  beforeAll(async () => {
    branchId = demo.orgOf("secretary1")
    const names = ["赵一", "钱二", "孙三", "李四", "周五", "吴六"]
    for (const n of names) people.push(await newMember(branchId, n, "full"))
    people.push(await newMember(branchId, "郑七", "probationary"))
    const other = (await secretary.json<{ user: { orgId: string } }>("GET", "/api/auth/me")).user.orgId
    void other
    const otherBranch = demo.orgOf("secretary2")
    stranger = (await newMember(otherBranch, "王外", "full")).id
  })

  it("opens 2025's cycle for the branch once: a second is 409 naming year; only a branch holds one (422 orgId)", async () => {
    const res = await secretary.send("POST", "/api/appraisal/cycles", { orgId: branchId, year: 2025 })
    expect(res.status).toBe(201)
    cycleId = ((await res.json()) as { id: string }).id
    const again = await secretary.send("POST", "/api/appraisal/cycles", { orgId: branchId, year: 2025 })
    expect(again.status).toBe(409)
    expect((await problemOf(again)).errors?.[0]?.field).toBe("year")
    const district = await admin.send("POST", "/api/appraisal/cycles", { orgId: "d1", year: 2025 })
    expect(district.status).toBe(422)
    expect((await problemOf(district)).errors?.[0]?.field).toBe("orgId")
  })

  it("issues one-time activation codes (only hashes kept); a code activates once and the member signs in", async () => {
    const issued = await secretary.json<IssuedCodes>("POST", "/api/appraisal/accounts", {
      orgId: branchId,
      memberIds: people.map((p) => p.id),
    })
    expect(issued.items).toHaveLength(people.length)
    for (const item of issued.items) {
      const res = await new Agent(demo.sys).send("POST", "/api/appraisal/activate", {
        code: item.code,
        password: memberPassword,
      })
      expect(res.status).toBe(200)
      const agent = new Agent(demo.sys)
      expect((await agent.login(item.username, memberPassword)).status).toBe(200)
      members.push(agent)
    }
    const reused = await new Agent(demo.sys).send("POST", "/api/appraisal/activate", {
      code: issued.items[0]?.code,
      password: otherPassword,
    })
    expect(reused.status).toBe(422)
    expect((await problemOf(reused)).errors?.[0]?.field).toBe("code")
  })

  it("a member reaches their own appraisal and nothing else", async () => {
    const me = members[0] as Agent
    const record = await me.json<MyRecord>("GET", "/api/appraisal/me")
    expect(record.memberId).toBe(people[0]?.id)
    expect(record.cycles.map((c) => c.cycleId)).toContain(cycleId)
    for (const path of [
      `/api/members/${people[0]?.id}`,
      "/api/members",
      "/api/appraisal/cycles",
      `/api/appraisal/cycles/${cycleId}`,
      `/api/orgs/${branchId}`,
      "/api/users",
    ])
      expect((await me.get(path)).status, path).toBe(403)
    expect((await me.send("POST", "/api/auth/tokens", { name: "x" })).status).toBe(403)
  })

  it("bad ratings are 422 naming the field and change nothing", async () => {
    const me = members[0] as Agent
    const before = (await detail()).participants.map((p) => p.raters)
    const cases: [Promise<Response>, string, string][] = [
      [rate(me, people[0]?.id ?? "", "excellent"), "rateeId", "self-rating"],
      [rate(me, people[1]?.id ?? "", "superb"), "grade", "scale"],
      [rate(me, stranger, "qualified"), "rateeId", "not-in-branch"],
    ]
    for (const [res, field, reason] of cases) {
      const r = await res
      expect(r.status).toBe(422)
      expect((await problemOf(r)).errors?.[0]).toMatchObject({ field, reason })
    }
    expect((await rate(me, people[1]?.id ?? "", "qualified")).status).toBe(201)
    const twice = await rate(me, people[1]?.id ?? "", "excellent")
    expect(twice.status).toBe(422)
    expect((await problemOf(twice)).errors?.[0]).toMatchObject({ field: "rateeId", reason: "duplicate" })
    const after = (await detail()).participants.map((p) => p.raters)
    expect(after.reduce((a, b) => a + b, 0)).toBe(before.reduce((a, b) => a + b, 0) + 1)
  })

  it("shows a member nothing of their ratings while the step is open", async () => {
    const rec = await (members[1] as Agent).json<MyRecord>("GET", "/api/appraisal/me")
    expect(rec.cycles.find((c) => c.cycleId === cycleId)?.peerView).toMatchObject({
      shown: false,
      reason: "open",
    })
  })

  it("a recusal (回避) takes two members out of each other's counts; the list and the detail give the same figures", async () => {
    const [a, b] = [people[4]?.id ?? "", people[5]?.id ?? ""]
    const before = await detail()
    const possible = (d: CycleDetail, id: string) =>
      d.participants.find((p) => p.memberId === id)?.ratersPossible
    const n = before.participants.length
    // Without recusals each member may be rated by everyone else, and the cycle expects n·(n−1) ratings.
    expect(possible(before, a)).toBe(n - 1)
    expect(before.cycle.ratingsExpected).toBe(n * (n - 1))
    expect(before.cycle.ratingsGiven).toBe(before.participants.reduce((s, p) => s + p.raters, 0))
    const self = await secretary.send("POST", `/api/appraisal/cycles/${cycleId}/recusals`, {
      memberId: a,
      recusals: [a],
    })
    expect(self.status).toBe(422)
    expect((await problemOf(self)).errors?.[0]?.field).toBe("recusals[0]")
    const set = await secretary.json<CycleDetail>("POST", `/api/appraisal/cycles/${cycleId}/recusals`, {
      memberId: a,
      recusals: [b],
    })
    expect(possible(set, a)).toBe(n - 2)
    expect(possible(set, b)).toBe(n - 2)
    expect(set.cycle.ratingsExpected).toBe(n * (n - 1) - 2)
    const list = await secretary.json<{ items: CycleDetail["cycle"][] }>(
      "GET",
      `/api/appraisal/cycles?orgId=${branchId}&year=2025`,
    )
    const summary = list.items.find((c) => c.id === cycleId)
    for (const k of [
      "participants",
      "graded",
      "excellentCap",
      "selfDone",
      "ratersDone",
      "ratingsGiven",
      "ratingsExpected",
    ] as const)
      expect(summary?.[k], k).toBe(set.cycle[k])
    const cleared = await secretary.json<CycleDetail>("POST", `/api/appraisal/cycles/${cycleId}/recusals`, {
      memberId: a,
      recusals: [],
    })
    expect(cleared.cycle.ratingsExpected).toBe(n * (n - 1))
  })

  it("the branch cannot propose more excellent grades than the cap (422 grades); then proposes; the committee confirms", async () => {
    // Everyone rates everyone: the first three of the six are rated excellent by all, the rest qualified.
    for (const [i, agent] of members.entries())
      for (const [j, p] of people.entries()) {
        if (i === j || (i === 0 && j === 1)) continue
        expect((await rate(agent, p.id, j < 3 ? "excellent" : "qualified")).status).toBe(201)
      }
    const d = await detail()
    expect(d.cycle.excellentCap).toBe(Math.floor(d.cycle.graded / 3))
    const graded = d.participants.filter((p) => p.graded)
    const over = graded.map((p, i) => ({
      memberId: p.memberId,
      grade: i <= d.cycle.excellentCap ? "excellent" : (p.suggested ?? "qualified"),
      reason: "日常表现突出",
    }))
    const refused = await secretary.send("POST", `/api/appraisal/cycles/${cycleId}/propose`, { grades: over })
    expect(refused.status).toBe(422)
    expect((await problemOf(refused)).errors?.[0]).toMatchObject({ field: "grades", reason: "over-cap" })
    expect((await detail()).cycle.state).toBe("open")
    const probationer = d.participants.find((p) => p.memberId === people[6]?.id)
    expect(probationer?.graded).toBe(false)
    const proposal = graded.map((p) => ({
      memberId: p.memberId,
      grade: p.suggested ?? "qualified",
      reason: "无测评结果",
    }))
    const proposed = await secretary.json<CycleDetail>("POST", `/api/appraisal/cycles/${cycleId}/propose`, {
      grades: proposal,
    })
    expect(proposed.cycle.state).toBe("proposed")
    expect(proposed.participants.filter((p) => p.proposed === "excellent").length).toBeLessThanOrEqual(
      d.cycle.excellentCap,
    )
    // The branch does not confirm its own grades; the committee does.
    expect(
      (await secretary.send("POST", `/api/appraisal/cycles/${cycleId}/confirm`, { grades: proposal })).status,
    ).toBe(403)
    const confirmed = await officer.json<CycleDetail>("POST", `/api/appraisal/cycles/${cycleId}/confirm`, {
      grades: proposal,
    })
    expect(confirmed.cycle.state).toBe("confirmed")
    expect(
      confirmed.participants.find((p) => p.memberId === people[0]?.id)?.explanation.at(-1)?.code,
    ).toMatch(/^APPR-CONFIRMED/)
  })

  it("after the step, a member sees only aggregates of the ratings they received, never who gave them", async () => {
    const rec = await (members[3] as Agent).json<MyRecord>("GET", "/api/appraisal/me")
    const mine = rec.cycles.find((c) => c.cycleId === cycleId)
    expect(mine?.peerView.shown).toBe(true)
    if (mine?.peerView.shown) {
      const counts = mine.peerView.counts
      expect(counts.excellent + counts.qualified + counts.basic + counts.unqualified).toBe(
        mine.peerView.raters,
      )
    }
    const text = JSON.stringify(mine?.peerView)
    for (const p of people) expect(text).not.toContain(p.id)
    expect(mine?.confirmed).not.toBeNull()
  })

  it("shows a member who viewed their record: role, organization, when, which action — not the viewer's name", async () => {
    const target = people[2]?.id ?? ""
    expect((await admin.get(`/api/members/${target}`)).status).toBe(200)
    const views = await (members[2] as Agent).json<ViewersView>("GET", "/api/appraisal/me/viewers")
    const read = views.items.find((v) => v.action === "member.read")
    expect(read).toMatchObject({ viewerRole: "district-admin" })
    expect(read?.viewerOrg).toBeTruthy()
    expect(Object.keys(read ?? {}).sort()).toEqual(["action", "at", "viewerOrg", "viewerRole"])
    expect(JSON.stringify(views)).not.toContain("区委组织部管理员")
  })

  it("gives the year's results per branch and as a workbook", async () => {
    const results = await officer.json<ResultsView>("GET", "/api/appraisal/results?year=2025")
    const mine = results.branches.find((b) => b.cycleId === cycleId)
    expect(mine?.state).toBe("confirmed")
    const sum = Object.values(results.totals).reduce((a, b) => a + b, 0)
    expect(sum).toBeGreaterThanOrEqual(6)
    const x = await officer.get("/api/appraisal/results.xlsx?year=2025")
    expect(x.status).toBe(200)
    expect(x.headers.get("content-type")).toContain("spreadsheetml")
  })

  it("a member cannot be made through the users API: 422 naming role", async () => {
    const res = await admin.send("POST", "/api/users", {
      username: "fake.member",
      displayName: "假党员",
      password: otherPassword,
      role: "member",
      orgId: branchId,
    })
    expect(res.status).toBe(422)
    expect((await problemOf(res)).errors?.[0]?.field).toBe("role")
  })
})
