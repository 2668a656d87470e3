import { date } from "@xianfeng/core"
import { loadAreaPolicy, subtreeSittings } from "@xianfeng/db"
import {
  calendarOf,
  disciplinePolicy,
  type OrgShape,
  type SittingType,
} from "@xianfeng/inspection-scheduling"
import ICAL from "ical.js"
import { beforeAll, describe, expect, it } from "vitest"
import type { AgendaView, FeedStatus, NewFeed } from "../src/routes/agenda/contract.js"
import { uidOf } from "../src/routes/agenda/gather.js"
import type { MeetingBody, OrderView } from "../src/routes/discipline/contract.js"
import { Agent, backends, problemOf, useDemo, userWithToken } from "./support.js"

// The agenda (日程) of every area, and its iCalendar feed. The test clock stands at 2026-11-27 (Asia/Shanghai).
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i

const eventsOf = (text: string) =>
  new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v))

describe.each(backends)("Agenda and calendar feed on %s", (backend) => {
  const demo = useDemo(backend, { logins: ["admin", "secretary1", "secretary2"] })
  const { admin, secretary1: secretary, secretary2: other } = demo.agents
  let branchId: string
  let order: OrderView

  beforeAll(async () => {
    branchId = demo.orgOf("secretary1")
    // An order for secretary1's branch: a serious finding gets 30 days (district default), so 2026-12-27.
    const finding = await admin.json<{ id: string }>("POST", "/api/discipline/findings", {
      orgId: branchId,
      obligation: "committee-meeting",
      period: "2026-10",
      evidence: "2026年10月无支部委员会会议记录",
      severity: "serious",
    })
    order = await admin.json<OrderView>("POST", "/api/discipline/orders", {
      findingId: finding.id,
      owner: "支部书记",
    })
  })

  it("each obligation, order and development step names its topic (what it is, without whose), as its title says it", async () => {
    const view = await admin.json<AgendaView>("GET", "/api/agenda")
    const topical = view.items.filter((i) =>
      ["discipline.obligation", "discipline.order", "development.step"].includes(i.kind),
    )
    expect(topical.length).toBeGreaterThan(0)
    for (const i of topical) {
      expect(i.topic, i.title).toBeTruthy()
      expect(i.title).toContain(i.topic)
    }
    // A district's list reads as a few groups: far fewer topics than items.
    expect(new Set(topical.map((i) => `${i.kind}/${i.topic}`)).size).toBeLessThan(topical.length / 5)
  })

  it("the next 30 days by default, soonest first, with the order's deadline for its branch", async () => {
    const view = await secretary.json<AgendaView>("GET", "/api/agenda")
    expect(view).toMatchObject({ asOf: "2026-11-27", from: "2026-11-27", to: "2026-12-27" })
    const dates = view.items.map((i) => i.date)
    expect(dates).toEqual([...dates].sort())
    for (const i of view.items) expect(i.date >= view.from && i.date <= view.to).toBe(true)
    const item = view.items.find((i) => i.kind === "discipline.order")
    expect(item).toMatchObject({
      date: order.deadline,
      area: "discipline",
      orgId: branchId,
      link: `/discipline/inspections?orgId=${branchId}`,
      state: "due",
    })
    expect(item?.title).toContain("支部委员会会议")
    expect(item?.citations.join()).toContain("第十七条")
    expect(view.total).toBe(view.items.length)
    expect(view.totalExact).toBe(true)
  })

  it("a branch secretary sees only their branch's items; the district admin sees them too, and more", async () => {
    const mine = await secretary.json<AgendaView>("GET", "/api/agenda?days=90")
    const theirs = await other.json<AgendaView>("GET", "/api/agenda?days=90")
    const all = await admin.json<AgendaView>("GET", "/api/agenda?days=90")
    expect(mine.items.length).toBeGreaterThan(0)
    // Their branch's items, and the visit plans and surveys run from above that name people or the branch (care).
    const fromAbove = new Set(["care.visit-plan", "care.survey"])
    expect(new Set(mine.items.filter((i) => !fromAbove.has(i.kind)).map((i) => i.orgId))).toEqual(
      new Set([branchId]),
    )
    expect(theirs.items.some((i) => i.orgId === branchId)).toBe(false)
    // The district admin's window holds every branch's items; below the cap it holds secretary1's exactly.
    expect(all.total).toBeGreaterThan(mine.total)
    // (The month's dues collection is one entry per caller's scope: the district's counts the branch's members.)
    const allMine = all.items.filter((i) => i.orgId === branchId).map((i) => i.uid)
    if (all.total === all.items.length)
      expect(allMine.sort()).toEqual(
        mine.items
          .filter((i) => i.orgId === branchId && i.kind !== "care.dues")
          .map((i) => i.uid)
          .sort(),
      )
    expect([...new Set(all.items.map((i) => i.area))]).toEqual(
      expect.arrayContaining(["development", "discipline"]),
    )
    // A person is named only on items the caller's member list shows (development steps of members in scope).
    for (const i of all.items.filter((x) => x.kind === "development.step")) {
      expect(i.person).not.toBeNull()
      expect(i.link).toMatch(/^\/development\/people\//)
    }
  })

  it("the compliance calendar comes from stored answers equal to evaluating every organization, today and later", async () => {
    // A bearer token: a session would end while the clock moves on 40 days.
    const token = await userWithToken(demo.sys, "committee-officer", "c01")
    const scope = { orgId: "c01", orgPath: "d1.c01" }
    // Evaluating every organization of the scope afresh, as the compliance page does.
    const evaluated = async (today: string, days: number) => {
      const asOf = date(today)
      const { policy } = await loadAreaPolicy(demo.sys.deps.db, "d1", disciplinePolicy)
      const { orgs, sittings } = await subtreeSittings(
        demo.sys.deps.db,
        scope,
        undefined,
        date("2025-01-01"),
        asOf,
      )
      return orgs
        .flatMap((o) => {
          const shape: OrgShape = {
            kind: o.kind as OrgShape["kind"],
            hasCommittee: o.fullMembers >= 7,
            hasGroups: false,
          }
          const own = sittings
            .filter((x) => x.orgId === o.id)
            .map((x) => ({ id: x.id, on: x.onDate, counts: x.types as readonly SittingType[] }))
          return calendarOf({ org: shape, sittings: own, asOf, policy }).map((p) => ({
            uid: uidOf({ kind: "discipline.obligation", key: `${o.id}/${p.obligation}/${p.period.key}` }),
            date: p.dueBy.toString(),
          }))
        })
        .filter((i) => i.date >= today && i.date <= asOf.add({ days }).toString())
        .sort((a, b) => a.uid.localeCompare(b.uid))
    }
    const stored = async () =>
      (
        (await (
          await demo.sys.request("/api/agenda?days=60", { headers: { authorization: `Bearer ${token}` } })
        ).json()) as AgendaView
      ).items
        .filter((i) => i.kind === "discipline.obligation")
        .map((i) => ({ uid: i.uid, date: i.date }))
        .sort((a, b) => a.uid.localeCompare(b.uid))
    const first = await stored()
    expect(first.length).toBeGreaterThan(0)
    expect(first).toEqual(await evaluated("2026-11-27", 60))
    expect(await stored()).toEqual(first)
    // 40 days on: periods have turned over and the stored rows' recheck days have come.
    demo.sys.clock.advance(40 * 86_400_000)
    try {
      const later = await stored()
      expect(later).toEqual(await evaluated("2027-01-06", 60))
      expect(later).not.toEqual(first)
    } finally {
      demo.sys.clock.advance(-40 * 86_400_000)
    }
    // Back on the first day: stored rows dated later hold no more.
    expect(await stored()).toEqual(first)
  })

  it("recording a sitting takes its obligation off the agenda at once", async () => {
    const lecture = uidOf({ kind: "discipline.obligation", key: `${branchId}/party-lecture/2026-Q4` })
    const before = await secretary.json<AgendaView>("GET", "/api/agenda?days=90")
    expect(before.items.map((i) => i.uid)).toContain(lecture)
    const members = (
      await secretary.json<{ items: { id: string; orgId: string; stage: string }[] }>(
        "GET",
        `/api/members?orgId=${branchId}&pageSize=100`,
      )
    ).items.filter((m) => m.orgId === branchId && (m.stage === "full" || m.stage === "probationary"))
    const full = members.filter((m) => m.stage === "full").length
    const body: MeetingBody = {
      orgId: branchId,
      types: ["party-lecture"],
      date: "2026-11-20",
      startTime: "14:30",
      endTime: "16:00",
      place: "党员活动室",
      chair: "支部书记",
      recorder: "组织委员",
      expected: { full, probationary: members.length - full },
      present: { full, probationary: members.length - full },
      attendance: members.map((m) => ({ memberId: m.id, present: true })),
      observers: [],
      firstItem: { topic: "学习党的二十届四中全会精神", form: "专题党课" },
      agenda: ["专题党课"],
      resolutions: [],
      votes: [],
    }
    const res = await secretary.send("POST", "/api/discipline/meetings", body)
    expect(res.status).toBe(201)
    const after = await secretary.json<AgendaView>("GET", "/api/agenda?days=90")
    expect(after.items.map((i) => i.uid)).not.toContain(lecture)
  })

  it("English titles when asked for in English", async () => {
    const res = await secretary.send("GET", "/api/agenda", undefined, { "accept-language": "en" })
    const view = (await res.json()) as AgendaView
    const item = view.items.find((i) => i.kind === "discipline.order")
    expect(item?.title).toContain("rectification deadline")
    expect(item?.citations.join()).toContain("Art. 17")
  })

  it.each([
    ["days=0", "days"],
    ["days=1000", "days"],
    ["days=91", "days"],
    ["days=abc", "days"],
    ["from=2026-02-30", "from"],
    ["from=yesterday", "from"],
    ["from=9999-12-31", "from"],
    ["from=0000-01-01", "from"],
    ["when=2026-01-01", "when"],
  ])("bad input (%s) is refused naming the field %s", async (q, field) => {
    const res = await secretary.get(`/api/agenda?${q}`)
    expect(res.status).toBe(400)
    const problem = await problemOf(res)
    expect(problem.errors?.map((e) => e.field)).toContain(field)
  })

  it("the feed: no session needed, RFC 5545 all-day events with stable UIDs, the same items as the agenda", async () => {
    expect(await secretary.json<FeedStatus>("GET", "/api/agenda/feed")).toEqual({
      active: false,
      createdAt: null,
    })
    const made = await secretary.send("POST", "/api/agenda/feed")
    expect(made.status).toBe(201)
    const feed = (await made.json()) as NewFeed
    expect(feed.path).toBe(`/api/agenda/feed/${feed.token}.ics`)
    expect((await secretary.json<FeedStatus>("GET", "/api/agenda/feed")).active).toBe(true)

    const res = await demo.sys.request(feed.path)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toMatch(/^text\/calendar/)
    const text = await res.text()
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/)
    const events = eventsOf(text)
    // The feed's window is 14 days back to 90 ahead; the agenda of the same window has the same items.
    const head = await secretary.json<AgendaView>("GET", "/api/agenda?from=2026-11-13&days=90")
    const tail = await secretary.json<AgendaView>("GET", "/api/agenda?from=2027-02-12&days=13")
    expect([head.to, tail.to]).toEqual(["2027-02-11", "2027-02-25"])
    const inFeed = [...head.items, ...tail.items]
    expect(events.map((e) => e.uid.replace(/@xianfeng$/, "")).sort()).toEqual(inFeed.map((i) => i.uid).sort())
    const byUid = new Map(events.map((e) => [e.uid, e]))
    for (const i of inFeed) {
      const e = byUid.get(`${i.uid}@xianfeng`)
      expect(e?.startDate.isDate).toBe(true)
      expect(e?.startDate.toString()).toBe(i.date)
      expect(e?.endDate.toString()).toBe(date(i.date).add({ days: 1 }).toString())
      expect(e?.summary).toBe(i.title)
      expect(e?.summary).not.toMatch(UUID)
    }
    const orderEvent = events.find((e) => e.startDate.toString() === order.deadline && /整改/.test(e.summary))
    expect(orderEvent?.description).toContain("支部书记")
    // Stable: a second read gives the same UIDs.
    const again = eventsOf(await (await demo.sys.request(feed.path)).text())
    expect(again.map((e) => e.uid).sort()).toEqual(events.map((e) => e.uid).sort())
  })

  it("each read of the feed is audited as its user", async () => {
    const auditor = new Agent(demo.sys)
    expect((await auditor.login("auditor")).status).toBe(200)
    const log = await auditor.json<{ items: { action: string; actorRole: string | null }[] }>(
      "GET",
      "/api/audit?action=agenda.feed",
    )
    expect(log.items.length).toBeGreaterThanOrEqual(2)
    expect(log.items.every((r) => r.actorRole === "branch-secretary")).toBe(true)
  })

  it("rotating invalidates the old URL; revoking answers 404; a wrong token is 404", async () => {
    const first = await secretary.json<NewFeed>("POST", "/api/agenda/feed")
    expect((await demo.sys.request(first.path)).status).toBe(200)
    const second = await secretary.json<NewFeed>("POST", "/api/agenda/feed")
    expect(second.token).not.toBe(first.token)
    expect((await demo.sys.request(first.path)).status).toBe(404)
    expect((await demo.sys.request(second.path)).status).toBe(200)
    expect(await secretary.json("DELETE", "/api/agenda/feed")).toEqual({ revoked: true })
    expect((await demo.sys.request(second.path)).status).toBe(404)
    expect(await secretary.json("DELETE", "/api/agenda/feed")).toEqual({ revoked: false })
    const wrong = `cal_${"A".repeat(43)}`
    expect((await demo.sys.request(`/api/agenda/feed/${wrong}.ics`)).status).toBe(404)
    expect((await demo.sys.request("/api/agenda/feed/nonsense")).status).toBe(404)
  })

  it("disabling the user kills the feed like their sessions, and re-enabling brings it not back", async () => {
    const created = await admin.json<{ id: string }>("POST", "/api/users", {
      username: "feeduser",
      displayName: "订阅测试",
      role: "branch-secretary",
      orgId: branchId,
      password: "feed-user-password",
    })
    const user = new Agent(demo.sys)
    expect((await user.login("feeduser", "feed-user-password")).status).toBe(200)
    const feed = await user.json<NewFeed>("POST", "/api/agenda/feed")
    expect((await demo.sys.request(feed.path)).status).toBe(200)
    await admin.json("PATCH", `/api/users/${created.id}`, { disabled: true })
    expect((await demo.sys.request(feed.path)).status).toBe(404)
    await admin.json("PATCH", `/api/users/${created.id}`, { disabled: false })
    expect((await demo.sys.request(feed.path)).status).toBe(404)
    // A role change ends it too.
    expect((await user.login("feeduser", "feed-user-password")).status).toBe(200)
    const next = await user.json<NewFeed>("POST", "/api/agenda/feed")
    expect((await demo.sys.request(next.path)).status).toBe(200)
    await admin.json("PATCH", `/api/users/${created.id}`, { role: "committee-officer" })
    expect((await demo.sys.request(next.path)).status).toBe(404)
  })
})
