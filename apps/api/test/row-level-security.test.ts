import { withoutScopeCondition } from "@xianfeng/db/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Agent, backends, type TestSystem, testSystem, userWithToken } from "./support.js"

// The same district twice, from the same seed and clock: once with the API's queries as the owner, once as
// `xianfeng_app` under row-level security. Every answer a signed-in user gets must be the same — the policies
// admit exactly what each query's own scope condition admits — and sign-in (unscoped system work) must work.

const logins = ["admin", "officer", "secretary1", "auditor"] as const

const reads = (memberId: string, orgId: string) => [
  "/api/auth/me",
  "/api/orgs/root",
  "/api/members?pageSize=20",
  "/api/members?pageSize=20&q=zh",
  "/api/stats/members-by-stage",
  `/api/members/${memberId}`,
  "/api/development/steps",
  "/api/development/pipeline?days=60",
  "/api/agenda?days=90",
  "/api/development/composition?year=2026",
  `/api/development/people/${memberId}`,
  `/api/development/people/${memberId}/plan`,
  "/api/users",
  `/api/discipline/meetings?orgId=${orgId}`,
  `/api/discipline/compliance?orgId=${orgId}`,
  `/api/discipline/talks?orgId=${orgId}`,
  "/api/discipline/heatmap",
  "/api/discipline/overview",
  "/api/discipline/draws",
  "/api/discipline/findings",
  "/api/discipline/orders",
  `/api/discipline/recheck?orgId=${orgId}`,
  "/api/care/visit-plans",
  "/api/care/surveys",
  "/api/care/campaigns",
  "/api/care/dashboard",
  "/api/care/commendations/results",
  "/api/education/classes",
]

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gu

/**
 * The body without what differs between two sign-ins of the same user (each session's CSRF token) or between
 * two loads of the same district (the random keys of the discipline area's rows: their contents must agree).
 */
const comparable = (text: string, path = ""): unknown => {
  const body =
    path.startsWith("/api/discipline/") || path.startsWith("/api/care/") ? text.replace(uuid, "<uuid>") : text
  try {
    // An agenda item's uid is a hash of its row's id, random per database (an appraisal case, an order).
    const random = (key: string) => key === "csrfToken" || (path.startsWith("/api/agenda") && key === "uid")
    return JSON.parse(body, (key, value) => (random(key) ? undefined : value))
  } catch {
    return body
  }
}

describe.each(backends)("row-level security changes no answer on %s", (backend) => {
  let owner: TestSystem
  let app: TestSystem
  beforeAll(async () => {
    owner = await testSystem(backend, { demoMembers: 400 })
    app = await testSystem(backend, { demoMembers: 400, databaseRole: "xianfeng_app" })
  })
  afterAll(async () => {
    await owner?.stop()
    await app?.stop()
  })

  it("answers every read of every demo user alike, as the owner and as xianfeng_app", async () => {
    let compared = 0
    for (const login of logins) {
      const a = new Agent(owner)
      const b = new Agent(app)
      expect((await a.login(login)).status).toBe(200)
      expect((await b.login(login)).status).toBe(200)
      const page = await a.json<{ items: { id: string }[] }>("GET", "/api/members?pageSize=1")
      const memberId = page.items[0]?.id
      if (memberId === undefined) throw new Error(`${login} sees no member`)
      const me = await a.json<{ user: { orgId: string } }>("GET", "/api/auth/me")
      for (const path of reads(memberId, me.user.orgId)) {
        const [x, y] = [await a.get(path), await b.get(path)]
        expect(y.status, `${login} ${path}`).toBe(x.status)
        expect(comparable(await y.text(), path), `${login} ${path}`).toEqual(comparable(await x.text(), path))
        if (x.status === 200) compared++
      }
      // Each visit plan the caller sees, with its people and visits: a district-run plan reaches a committee
      // and a branch through their people, never through the district's own row (which the policy hides).
      const plansOf = async (agent: Agent) => {
        const res = await agent.get("/api/care/visit-plans")
        return res.ok ? ((await res.json()) as { items: { id: string }[] }).items : []
      }
      const [plansA, plansB] = [await plansOf(a), await plansOf(b)]
      expect(plansB.length, `${login} visit plans`).toBe(plansA.length)
      // Its first page, and the pages of those visited and of those left (the filter reads care_visits too).
      for (const [i, plan] of plansA.entries()) {
        for (const query of ["", "?visited=true&pageSize=100", "?visited=false&page=2&pageSize=5"]) {
          const path = `/api/care/visit-plans/${plan.id}${query}`
          const [x, y] = [await a.get(path), await b.get(`/api/care/visit-plans/${plansB[i]?.id}${query}`)]
          expect(y.status, `${login} ${path}`).toBe(x.status)
          expect(comparable(await y.text(), path), `${login} ${path}`).toEqual(
            comparable(await x.text(), path),
          )
          if (x.status === 200) compared++
        }
      }
      const audit = await b.get("/api/audit?pageSize=5")
      expect(audit.status, `${login} /api/audit`).toBe((await a.get("/api/audit?pageSize=5")).status)
    }
    expect(compared).toBeGreaterThan(30)
  })

  it("shows a branch the results commending its members on a town's nomination, as the owner and as xianfeng_app", async () => {
    // Results are announced publicly: the branch reads them though the town's nominations and campaign are not in
    // its scope — the query's condition and the policies (care_results_visible_to_members_orgs) admit the same.
    const a = new Agent(owner)
    expect((await a.login("admin")).status).toBe(200)
    const all = await a.json<{ items: { nominationId: string; memberId: string | null; orgId: string }[] }>(
      "GET",
      "/api/care/commendations/results",
    )
    const person = all.items.find((r) => r.memberId !== null)
    if (person?.memberId == null) throw new Error("the demo approves a member")
    const { orgId: branch } = await a.json<{ orgId: string }>("GET", `/api/members/${person.memberId}`)
    expect(person.orgId).not.toBe(branch)
    const answers: unknown[] = []
    let ownerText = ""
    for (const sys of [owner, app]) {
      const token = await userWithToken(sys, "branch-secretary", branch)
      const res = await sys.request("/api/care/commendations/results", {
        headers: { authorization: `Bearer ${token}` },
      })
      expect(res.status).toBe(200)
      const text = await res.text()
      if (sys === owner) ownerText = text
      answers.push(comparable(text, "/api/care/commendations/results"))
    }
    expect(answers[1]).toEqual(answers[0])
    const ids = (JSON.parse(ownerText) as { items: { nominationId: string }[] }).items.map(
      (r) => r.nominationId,
    )
    expect(ids).toContain(person.nominationId)
  })

  // 培训班 seen from below: a committee's and the district's classes enrol a branch's members, so its secretary
  // sees them (the organizer's name from the class, never the organizer's hidden orgs row) with its own members'
  // rows only. The same answers with the scope condition alone (the owner), row-level security alone (the
  // condition switched off) and both.
  it("answers the class list and each class's roster alike with either wall alone and with both", async () => {
    let seenFromBelow = 0
    for (const login of logins) {
      const a = new Agent(owner)
      const b = new Agent(app)
      expect((await a.login(login)).status).toBe(200)
      expect((await b.login(login)).status).toBe(200)
      const list = await a.get("/api/education/classes?pageSize=50")
      const [both, rlsOnly] = [
        await b.get("/api/education/classes?pageSize=50"),
        await withoutScopeCondition(() => b.get("/api/education/classes?pageSize=50")),
      ]
      const listText = await list.text()
      expect(both.status, `${login} classes`).toBe(list.status)
      expect(rlsOnly.status, `${login} classes`).toBe(list.status)
      expect(comparable(await both.text()), `${login} classes, both walls`).toEqual(comparable(listText))
      expect(comparable(await rlsOnly.text()), `${login} classes, RLS alone`).toEqual(comparable(listText))
      if (!list.ok) continue
      const items = (JSON.parse(listText) as { items: { id: string; organizedInScope: boolean }[] }).items
      for (const c of items) {
        if (!c.organizedInScope) seenFromBelow++
        const path = `/api/education/classes/${c.id}`
        const x = await a.get(path)
        const [y, z] = [await b.get(path), await withoutScopeCondition(() => b.get(path))]
        const text = await x.text()
        expect([y.status, z.status], `${login} ${path}`).toEqual([x.status, x.status])
        expect(comparable(await y.text()), `${login} ${path}, both walls`).toEqual(comparable(text))
        expect(comparable(await z.text()), `${login} ${path}, RLS alone`).toEqual(comparable(text))
      }
      if (login === "secretary1") {
        expect(items.length, "secretary1 sees the classes that enrol its members").toBeGreaterThan(0)
        expect(items.every((c) => !c.organizedInScope)).toBe(true)
      }
    }
    expect(seenFromBelow).toBeGreaterThan(0)
  })

  it("writes under row-level security: a member's phone in scope, and 404 for a transfer out of it", async () => {
    const secretary = new Agent(app)
    expect((await secretary.login("secretary1")).status).toBe(200)
    const page = await secretary.json<{ items: { id: string; version: number }[] }>(
      "GET",
      "/api/members?pageSize=1",
    )
    const member = page.items[0]
    if (member === undefined) throw new Error("secretary1 sees no member")
    const detail = await secretary.json<{ version: number; orgId: string }>(
      "GET",
      `/api/members/${member.id}`,
    )
    const patched = await secretary.send("PATCH", `/api/members/${member.id}`, {
      version: detail.version,
      phone: "13900000001",
    })
    expect(patched.status).toBe(200)
    const moved = await secretary.send("POST", `/api/members/${member.id}/transfer`, {
      toOrgId: "d1",
      version: detail.version + 1,
    })
    expect(moved.status).toBe(404)
    const after = await secretary.json<{ phone: string | null; orgId: string; version: number }>(
      "GET",
      `/api/members/${member.id}`,
    )
    expect(after).toMatchObject({ phone: "13900000001", orgId: detail.orgId, version: detail.version + 1 })
    // A class organized above the branch: its secretary ticks its own members (the policy admits their rows) and
    // leaves the rest of the class alone; enrolling stays with the organizer's side (403).
    const classes = await secretary.json<{ items: { id: string; organizedInScope: boolean }[] }>(
      "GET",
      "/api/education/classes?pageSize=50",
    )
    const above = classes.items.find((c) => !c.organizedInScope)
    if (above === undefined) throw new Error("secretary1 sees no class organized above it")
    const roster = await secretary.json<{
      class: { sessions: { id: string }[]; closed: boolean }
      members: { id: string; present: string[] }[]
    }>("GET", `/api/education/classes/${above.id}`)
    const session = roster.class.sessions[0]?.id
    const own = roster.members.map((m) => m.id)
    expect(own.length).toBeGreaterThan(0)
    if (!roster.class.closed && session !== undefined) {
      const ticked = await secretary.send(
        "PUT",
        `/api/education/classes/${above.id}/sessions/${session}/attendance`,
        { memberIds: own.slice(0, 1) },
      )
      expect(ticked.status).toBe(200)
      const again = await secretary.json<{ members: { id: string; present: string[] }[] }>(
        "GET",
        `/api/education/classes/${above.id}`,
      )
      expect(again.members.filter((m) => m.present.includes(session)).map((m) => m.id)).toEqual(
        own.slice(0, 1),
      )
    }
    const enrol = await secretary.send("POST", `/api/education/classes/${above.id}/enrolments`, {
      memberIds: own.slice(0, 1),
    })
    expect(enrol.status).toBe(403)
  })
})
