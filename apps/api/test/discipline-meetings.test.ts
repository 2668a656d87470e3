import { beforeAll, describe, expect, it } from "vitest"
import type {
  ComplianceView,
  HeatmapView,
  MeetingBody,
  MeetingList,
  MeetingView,
  TalkList,
  TalkView,
} from "../src/routes/discipline/contract.js"
import { backends, problemOf, useDemo } from "./support.js"

interface MemberItem {
  readonly id: string
  readonly orgId: string
  readonly stage: string
}

// Meetings and a branch's compliance on every backend. The test clock stands at 2026-11-27 (Asia/Shanghai).
describe.each(backends)("Organizational life meetings on %s", (backend) => {
  const demo = useDemo(backend, { logins: ["admin", "secretary1"] })
  const { admin, secretary1: secretary } = demo.agents
  let branchId: string
  let ours: readonly MemberItem[]
  let stranger: MemberItem

  beforeAll(async () => {
    branchId = demo.orgOf("secretary1")
    const mine = await secretary.json<{ items: MemberItem[] }>(
      "GET",
      `/api/members?orgId=${branchId}&pageSize=100`,
    )
    ours = mine.items.filter(
      (m) => m.orgId === branchId && (m.stage === "full" || m.stage === "probationary"),
    )
    const all = await admin.json<{ items: MemberItem[] }>("GET", "/api/members?pageSize=100&stage=full")
    const other = all.items.find((m) => m.orgId !== branchId)
    if (other === undefined || ours.length < 2)
      throw new Error("the demo district lacks members for this test")
    stranger = other
  })

  const form = (x: Partial<MeetingBody> = {}): MeetingBody => {
    const full = ours.filter((m) => m.stage === "full")
    const probationary = ours.filter((m) => m.stage === "probationary")
    const [absent, ...present] = full
    return {
      orgId: branchId,
      types: ["general-meeting", "theme-day", "party-lecture"],
      date: "2026-11-15",
      startTime: "14:30",
      endTime: "16:00",
      place: "党员活动室",
      chair: "支部书记",
      recorder: "组织委员",
      expected: { full: full.length, probationary: probationary.length },
      present: { full: full.length - 1, probationary: probationary.length },
      attendance: [
        ...present.map((m) => ({ memberId: m.id, present: true })),
        ...probationary.map((m) => ({ memberId: m.id, present: true })),
        ...(absent ? [{ memberId: absent.id, present: false, reason: "出差" }] : []),
      ],
      observers: [],
      firstItem: { topic: "学习习近平总书记最新重要讲话精神", form: "集中学习" },
      agenda: ["第一议题学习", "党课"],
      resolutions: [{ text: "开展志愿服务", owner: "支部书记", deadline: "2026-12-15" }],
      votes: [],
      ...x,
    }
  }

  const meetingsNow = async () =>
    (await secretary.json<MeetingList>("GET", `/api/discipline/meetings?orgId=${branchId}`)).items.length

  it("records one sitting of three kinds once, and the branch's compliance counts it for each", async () => {
    // 2025 lies before the demo district's year of sittings, so its second quarter is empty.
    const url = `/api/discipline/compliance?orgId=${branchId}&year=2025`
    const before = await secretary.json<ComplianceView>("GET", url)
    const cell = (v: ComplianceView, obligation: string, period: string) =>
      v.periods.find((p) => p.obligation === obligation && p.period === period)
    expect(cell(before, "general-meeting", "2025-Q2")?.status).toBe("missed")
    const res = await secretary.send("POST", "/api/discipline/meetings", form({ date: "2025-05-15" }))
    expect(res.status).toBe(201)
    const created = (await res.json()) as MeetingView
    const after = await secretary.json<ComplianceView>("GET", url)
    for (const [o, p] of [
      ["general-meeting", "2025-Q2"],
      ["theme-day", "2025-05"],
      ["party-lecture", "2025-Q2"],
    ] as const) {
      expect(cell(after, o, p)).toMatchObject({ status: "met", meetings: [created.id] })
    }
    expect(cell(after, "general-meeting", "2025-Q2")?.citations.join()).toContain("第十一条")
    expect(after.calendar.length).toBeGreaterThan(0)
  })

  it("edits a sitting at its version and refuses a stale edit (409)", async () => {
    const [m] = (
      await secretary.json<MeetingList>("GET", `/api/discipline/meetings?orgId=${branchId}&year=2025`)
    ).items
    if (!m) throw new Error("no meeting")
    const { id: _, recordedAt: __, ...body } = m
    const ok = await secretary.send("PUT", `/api/discipline/meetings/${m.id}`, { ...body, place: "会议室" })
    expect(ok.status).toBe(200)
    expect(((await ok.json()) as MeetingView).version).toBe(m.version + 1)
    const stale = await secretary.send("PUT", `/api/discipline/meetings/${m.id}`, { ...body, place: "别处" })
    expect(stale.status).toBe(409)
    const kept = await secretary.json<MeetingList>(
      "GET",
      `/api/discipline/meetings?orgId=${branchId}&year=2025`,
    )
    expect(kept.items.find((x) => x.id === m.id)).toMatchObject({ place: "会议室", version: m.version + 1 })
  })

  it.each([
    ["a meeting dated after today", () => form({ date: "2026-11-28" }), "date"],
    ["more present than expected", () => form({ present: { full: 999, probationary: 0 } }), "present.full"],
    [
      "a tally that does not add up",
      () =>
        form({
          votes: [
            {
              matter: "ordinary",
              subject: "计划",
              expectedVoters: 3,
              presentVoters: 2,
              writtenOpinions: 0,
              yesVotes: 3,
              noVotes: 0,
              abstentions: 0,
            },
          ],
        }),
      "votes[0]",
    ],
  ])("refuses %s with 422 naming the field, and writes nothing", async (_, body, field) => {
    const before = await meetingsNow()
    const res = await secretary.send("POST", "/api/discipline/meetings", body())
    expect(res.status).toBe(422)
    expect((await problemOf(res)).errors?.map((e) => e.field)).toContain(field)
    expect(await meetingsNow()).toBe(before)
  })

  it("refuses attendees from another branch, naming the attendance, and writes nothing", async () => {
    const before = await meetingsNow()
    const f = form()
    const attendance = f.attendance.map((a, i) => (i === 0 ? { ...a, memberId: stranger.id } : a))
    const res = await secretary.send("POST", "/api/discipline/meetings", { ...f, attendance })
    expect(res.status).toBe(422)
    expect((await problemOf(res)).errors?.[0]?.field).toBe("attendance")
    expect(await meetingsNow()).toBe(before)
  })

  it("stores an absentee's kind of leave with the note, and refuses a kind for a member ticked present", async () => {
    const f = form({ date: "2026-11-16" })
    const attendance = f.attendance.map((a) =>
      a.present
        ? a
        : { memberId: a.memberId, present: false, reasonKind: "official" as const, reason: "区里开会" },
    )
    const saved = await secretary.json<MeetingView>("POST", "/api/discipline/meetings", { ...f, attendance })
    expect(saved.attendance.filter((a) => !a.present)).toEqual([
      {
        memberId: attendance.find((a) => !a.present)?.memberId,
        present: false,
        reasonKind: "official",
        reason: "区里开会",
      },
    ])
    const read = await secretary.json<MeetingView>("GET", `/api/discipline/meetings/${saved.id}`)
    const byMember = (a: { memberId: string }, b: { memberId: string }) =>
      a.memberId.localeCompare(b.memberId)
    expect([...read.attendance].sort(byMember)).toEqual([...saved.attendance].sort(byMember))

    const before = await meetingsNow()
    const wrong = f.attendance.map((a, i) =>
      i === 0 ? { ...a, present: true, reasonKind: "sick" as const } : a,
    )
    const res = await secretary.send("POST", "/api/discipline/meetings", { ...f, attendance: wrong })
    expect(res.status).toBe(422)
    expect((await problemOf(res)).errors?.map((e) => e.field)).toContain("attendance[0].reasonKind")
    const unknown = f.attendance.map((a) => (a.present ? a : { ...a, reasonKind: "holiday" }))
    // A kind the contract does not know is a bad request (400, as any field out of its schema).
    const odd = await secretary.send("POST", "/api/discipline/meetings", { ...f, attendance: unknown })
    expect(odd.status).toBe(400)
    expect((await problemOf(odd)).errors?.[0]?.field).toMatch(/^attendance\.\d+\.reasonKind$/)
    expect(await meetingsNow()).toBe(before)
  })

  it("a branch committee meeting expects the committee's members (BR 12), any other sitting the branch", async () => {
    type Roll = { basis: string; citations: string[]; items: { memberId: string; posts: string[] }[] }
    const committee = await secretary.json<Roll>(
      "GET",
      `/api/discipline/meetings/roll?orgId=${branchId}&types=committee-meeting`,
    )
    const joint = await secretary.json<Roll>(
      "GET",
      `/api/discipline/meetings/roll?orgId=${branchId}&types=committee-meeting,general-meeting`,
    )
    expect(committee.basis).toBe("committee")
    expect(committee.citations.join()).toContain("第十二条")
    expect(committee.items.length).toBeGreaterThan(0)
    expect(committee.items.every((m) => m.posts.some((p) => /secretary|committee-member/.test(p)))).toBe(true)
    expect(joint.basis).toBe("branch")
    expect(joint.items.map((m) => m.memberId).sort()).toEqual(ours.map((m) => m.id).sort())
    const bad = await secretary.send("GET", `/api/discipline/meetings/roll?orgId=${branchId}&types=picnic`)
    expect(bad.status).toBe(422)
    expect((await problemOf(bad)).errors?.[0]?.field).toBe("types")
    // Another branch's roll is as missing as a branch that does not exist.
    expect(
      (await secretary.send("GET", `/api/discipline/meetings/roll?orgId=${stranger.orgId}`)).status,
    ).toBe(404)
  })

  it("recording a sitting changes the branch's cell on the district heatmap, and the roll-up above it", async () => {
    // A cell is [met, upcoming, due, overdue, missed] (the order of `statuses`); the branch's row is read from
    // the district's heatmap drilled down to the branch, the district's total from its first page.
    const at = (h: HeatmapView, status: string) => h.statuses.indexOf(status)
    const cell = (h: HeatmapView) => {
      const c = h.branches.find((b) => b.orgId === branchId)?.cells[2]
      return c && { met: c[at(h, "met")], missed: c[at(h, "missed")] }
    }
    const districtTotal = (h: HeatmapView) => h.rollup.find((r) => r.parentId === null)?.year
    const read = async () => ({
      branch: await admin.json<HeatmapView>("GET", `/api/discipline/heatmap?year=2025&orgId=${branchId}`),
      district: await admin.json<HeatmapView>("GET", "/api/discipline/heatmap?year=2025&pageSize=1"),
    })
    const { branch: before, district: beforeDistrict } = await read()
    expect(beforeDistrict.branches).toHaveLength(1)
    expect(beforeDistrict.total).toBeGreaterThan(1)
    expect(before.months[2]).toBe("2025-03")
    const res = await secretary.send(
      "POST",
      "/api/discipline/meetings",
      form({ types: ["theme-day"], date: "2025-03-15" }),
    )
    expect(res.status).toBe(201)
    const { branch: after, district: afterDistrict } = await read()
    expect(cell(after)?.met).toBe((cell(before)?.met ?? 0) + 1)
    expect(cell(after)?.missed).toBe((cell(before)?.missed ?? 0) - 1)
    expect(districtTotal(afterDistrict)?.met).toBe((districtTotal(beforeDistrict)?.met ?? 0) + 1)
    const mine = await secretary.json<HeatmapView>("GET", "/api/discipline/heatmap?year=2025")
    expect(mine.branches.map((b) => b.orgId)).toEqual([branchId])
    expect(mine.total).toBe(1)
    expect(mine.rollup).toMatchObject([{ orgId: branchId, parentId: null, branches: 1 }])
  })

  it("answers 404 for another branch's compliance, as for a missing one", async () => {
    const res = await secretary.send("GET", `/api/discipline/compliance?orgId=${stranger.orgId}`)
    expect(res.status).toBe(404)
  })
  it("a heart-to-heart talk between two of the branch's members is recorded and counted for its pair type's yearly obligation (BR 19)", async () => {
    const [a, b] = ours
    if (!a || !b) throw new Error("no members")
    const status = async () =>
      (
        await secretary.json<ComplianceView>("GET", `/api/discipline/compliance?orgId=${branchId}&year=2025`)
      ).periods.find((p) => p.obligation === "talk:member-member")?.status
    expect(await status()).toBe("missed")
    const res = await secretary.send("POST", "/api/discipline/talks", {
      orgId: branchId,
      pair: "member-member",
      date: "2025-06-01",
      firstMemberId: a.id,
      secondMemberId: b.id,
      topic: "思想工作交流",
    })
    expect(res.status).toBe(201)
    const talk = (await res.json()) as TalkView
    expect(await status()).toBe("met")
    const listed = await secretary.json<TalkList>("GET", `/api/discipline/talks?orgId=${branchId}&year=2025`)
    expect(listed.items.map((t) => t.id)).toContain(talk.id)
  })

  it.each([
    ["a talk dated after today", { date: "2026-11-28" }, "date"],
    ["the same member twice", { same: true }, "secondMemberId"],
    ["a member of another branch", { stranger: true }, "secondMemberId"],
  ])("refuses %s with 422 naming the field, and writes nothing", async (_, x, field) => {
    const [a, b] = ours
    if (!a || !b) throw new Error("no members")
    const count = async () =>
      (await secretary.json<TalkList>("GET", `/api/discipline/talks?orgId=${branchId}&year=2026`)).items
        .length
    const before = await count()
    const res = await secretary.send("POST", "/api/discipline/talks", {
      orgId: branchId,
      pair: "committee-member",
      date: "date" in x ? x.date : "2026-11-01",
      firstMemberId: a.id,
      secondMemberId: "same" in x ? a.id : "stranger" in x ? stranger.id : b.id,
    })
    expect(res.status).toBe(422)
    expect((await problemOf(res)).errors?.map((e) => e.field)).toContain(field)
    expect(await count()).toBe(before)
  })
})
