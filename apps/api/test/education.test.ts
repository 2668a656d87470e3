import { randomUUID } from "node:crypto"
import ExcelJS from "exceljs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type {
  ClassPage,
  ClassView,
  EducationPolicyImpact,
  FirstItemLedger,
  PostView,
  Roster,
  StudyCard,
  StudyStatistics,
  ThreadPage,
} from "../src/routes/education/contract.js"
import { Agent, backends, problemOf, type TestSystem, testSystem } from "./support.js"

// The area's routes on every backend, as a branch secretary and the district would use them. The test clock
// stands at 2026-11-27 (Asia/Shanghai).
describe.each(backends)("Education and training on %s", (backend) => {
  let sys: TestSystem
  let admin: Agent
  let secretary: Agent
  let other: Agent
  let branchId: string
  let members: { id: string; name: string }[]
  let klass: ClassView

  beforeAll(async () => {
    sys = await testSystem(backend)
    admin = new Agent(sys)
    secretary = new Agent(sys)
    other = new Agent(sys)
    expect((await admin.login("admin")).status).toBe(200)
    expect((await secretary.login("secretary1")).status).toBe(200)
    expect((await other.login("secretary2")).status).toBe(200)
    branchId = (await secretary.json<{ user: { orgId: string } }>("GET", "/api/auth/me")).user.orgId
    members = (
      await secretary.json<{ items: { id: string; name: string; stage: string }[] }>(
        "GET",
        `/api/members?orgId=${branchId}&pageSize=100`,
      )
    ).items.filter((m) => m.stage === "full" || m.stage === "probationary")
  }, 600_000)
  afterAll(async () => {
    await sys.stop()
  })

  const session = (date: string, startTime: string, endTime: string, hours: number) => ({
    topic: "专题学习",
    date,
    startTime,
    endTime,
    hours,
  })

  it("creates a class for the secretary's branch with its sessions", async () => {
    const res = await secretary.send("POST", "/api/education/classes", {
      orgId: branchId,
      title: "支部党员冬训班",
      audience: { kind: "subtree", orgId: branchId },
      sessions: [session("2026-11-20", "09:00", "12:00", 4), session("2026-11-21", "09:00", "12:00", 4)],
    })
    expect(res.status).toBe(201)
    klass = (await res.json()) as ClassView
    expect([klass.sessions.length, klass.hours, klass.personTimes]).toEqual([2, 8, 0])
    // Today (2026-11-27) is after both sessions: the class is not 进行中 but awaits its closing.
    expect(klass.status).toBe("sessions-over")
    const page = await secretary.json<ClassPage>("GET", `/api/education/classes?orgId=${branchId}`)
    expect(page.items.map((c) => c.id)).toContain(klass.id)
  })

  it("refuses negative, absurd and overlapping sessions with 422 naming the field, and creates nothing", async () => {
    const before = (await secretary.json<ClassPage>("GET", "/api/education/classes")).total
    const cases: [unknown[], string][] = [
      [[session("2026-11-20", "09:00", "12:00", -2)], "sessions[0].hours"],
      [[session("2026-11-20", "09:00", "12:00", 900)], "sessions[0].hours"],
      [
        [session("2026-11-20", "09:00", "12:00", 4), session("2026-11-20", "11:00", "13:00", 2)],
        "sessions[1].startTime",
      ],
      [[session("2026-11-20", "12:00", "09:00", 2)], "sessions[0].endTime"],
    ]
    for (const [sessions, field] of cases) {
      const res = await secretary.send("POST", "/api/education/classes", {
        orgId: branchId,
        title: "坏班",
        audience: { kind: "list" },
        sessions,
      })
      expect(res.status, field).toBe(422)
      expect((await problemOf(res)).errors?.map((e) => e.field)).toContain(field)
    }
    expect((await secretary.json<ClassPage>("GET", "/api/education/classes")).total).toBe(before)
  })

  it("enrols the branch, refuses attendance for someone outside the audience (422, nothing changed), then ticks it", async () => {
    const enrol = await secretary.json<{ added: number }>(
      "POST",
      `/api/education/classes/${klass.id}/enrolments`,
      {
        orgId: branchId,
      },
    )
    expect(enrol.added).toBe(members.length)
    const outsider = (
      await admin.json<{ items: { id: string; orgId: string }[] }>("GET", "/api/members?pageSize=100")
    ).items.find((m) => m.orgId !== branchId)
    const s1 = klass.sessions[0]?.id ?? ""
    const bad = await admin.send("PUT", `/api/education/classes/${klass.id}/sessions/${s1}/attendance`, {
      memberIds: [members[0]?.id, outsider?.id],
    })
    expect(bad.status).toBe(422)
    expect((await problemOf(bad)).errors?.map((e) => [e.field, e.reason])).toEqual([
      ["memberIds[1]", "not-enrolled"],
    ])
    expect(
      (await secretary.json<Roster>("GET", `/api/education/classes/${klass.id}`)).class.personTimes,
    ).toBe(0)
    const ok = await secretary.json<{ personTimes: number }>(
      "PUT",
      `/api/education/classes/${klass.id}/sessions/${s1}/attendance`,
      { memberIds: members.map((m) => m.id) },
    )
    expect(ok.personTimes).toBe(members.length)
    const roster = await secretary.json<Roster>("GET", `/api/education/classes/${klass.id}`)
    expect(roster.members.find((m) => m.id === members[0]?.id)?.hours).toBe(4)
  })

  it("refuses to enrol a member id that does not exist with 422 naming memberIds[i], and enrols no one", async () => {
    const missing = randomUUID()
    const bad = await secretary.send("POST", `/api/education/classes/${klass.id}/enrolments`, {
      memberIds: [members[0]?.id, missing],
    })
    expect(bad.status).toBe(422)
    expect((await problemOf(bad)).errors?.map((e) => [e.field, e.reason])).toEqual([
      ["memberIds[1]", "not-found"],
    ])
    // A member the caller sees but the class's audience does not admit (another branch, asked by the district),
    // and an id given twice: each place is named.
    const outsider = (
      await admin.json<{ items: { id: string; orgId: string }[] }>("GET", "/api/members?pageSize=100")
    ).items.find((m) => m.orgId !== branchId)
    const twice = await admin.send("POST", `/api/education/classes/${klass.id}/enrolments`, {
      memberIds: [outsider?.id, members[0]?.id, outsider?.id, missing],
    })
    expect(twice.status).toBe(422)
    expect((await problemOf(twice)).errors?.map((e) => [e.field, e.reason])).toEqual([
      ["memberIds[0]", "outside-audience"],
      ["memberIds[2]", "outside-audience"],
      ["memberIds[3]", "not-found"],
    ])
    // Nothing was written: the class still counts the branch's members enrolled above.
    expect((await secretary.json<Roster>("GET", `/api/education/classes/${klass.id}`)).class.enrolled).toBe(
      members.length,
    )
  })

  it("shows the hours on the member's card, counted once with the demo's study", async () => {
    const id = members[0]?.id ?? ""
    const card = await secretary.json<StudyCard>("GET", `/api/education/members/${id}/study?year=2026`)
    expect(card.lines.some((l) => l.date === "2026-11-20" && l.credited === 4)).toBe(true)
    expect(card.hours).toBeCloseTo(
      card.lines.reduce((n, l) => n + l.credited, 0),
      5,
    )
    expect(card.verdicts.length).toBeGreaterThan(0)
    expect((await other.get(`/api/education/members/${id}/study`)).status).toBe(404)
  })

  it("refuses online hours that are negative or absurd, naming the field", async () => {
    for (const hours of [-1, 0, 40]) {
      const res = await secretary.send("POST", "/api/education/online", {
        memberId: members[0]?.id,
        title: "网络学习",
        date: "2026-11-01",
        hours,
      })
      expect(res.status).toBe(422)
      expect((await problemOf(res)).errors?.[0]?.field).toBe("hours")
    }
  })

  it("gives statistics with person-times by month and organization, and names who is below (not ranked)", async () => {
    const stats = await admin.json<StudyStatistics>("GET", "/api/education/statistics?year=2026")
    expect(stats.members).toBeGreaterThan(0)
    expect(stats.byMonth.reduce((n, m) => n + m.personTimes, 0)).toBe(stats.personTimes)
    expect(stats.byOrg.reduce((n, o) => n + o.personTimes, 0)).toBe(stats.personTimes)
    expect(stats.meeting + stats.exempt + stats.below.length).toBe(stats.members)
    expect(stats.meeting).toBeGreaterThan(stats.below.length)
    // The demo year: one rotation class of about 1,100 person-times; named members below the minimum.
    const classes = await admin.json<ClassPage>("GET", "/api/education/classes?pageSize=100")
    const rotation = classes.items.find((c) => c.title.includes("轮训"))
    expect(rotation?.personTimes).toBeGreaterThanOrEqual(1_000)
    expect(rotation?.personTimes).toBeLessThanOrEqual(1_200)
    expect(stats.below.every((b) => b.name.length > 0 && b.messages.length > 0)).toBe(true)
  })

  it("previews whose study verdicts a raised minimum (32 h → 40 h) would change, saving nothing", async () => {
    const before = await admin.json<StudyStatistics>("GET", "/api/education/statistics?year=2026")
    const r = await admin.json<EducationPolicyImpact>("POST", "/api/education/policy-impact", {
      year: 2026,
      overlay: { memberMinHours: 40 },
    })
    expect(r.people).toBe(before.members)
    expect(r.affectedPeople).toBeGreaterThan(0)
    expect(r.groups.map((g) => g.rule)).toContain("STUDY-MEMBER-HOURS")
    expect(r.groups.flatMap((g) => g.sample).every((s) => s.name.endsWith("*"))).toBe(true)
    const bad = await admin.send("POST", "/api/education/policy-impact", { overlay: { memberMinHourz: 40 } })
    expect(bad.status).toBe(400)
    expect((await problemOf(bad)).errors?.[0]?.field).toBe("overlay.memberMinHourz")
    expect((await secretary.send("POST", "/api/education/policy-impact", { overlay: {} })).status).toBe(403)
    // Nothing saved: the statistics still judge by 32 h.
    const after = await admin.json<StudyStatistics>("GET", "/api/education/statistics?year=2026")
    expect([after.minimum, after.meeting]).toEqual([before.minimum, before.meeting])
  })

  it("exports the roster and the study-hours ledger as .xlsx with Chinese headings", async () => {
    const res = await secretary.get(`/api/education/study-ledger.xlsx?orgId=${branchId}&year=2026`)
    expect(res.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    expect(wb.worksheets[0]?.getRow(2).getCell(2).value).toBe("姓名")
    const roster = await secretary.get(`/api/education/classes/${klass.id}/roster.xlsx`)
    expect(roster.status).toBe(200)
    const rb = new ExcelJS.Workbook()
    await rb.xlsx.load(await roster.arrayBuffer())
    const sheet = rb.worksheets[0]
    expect(sheet?.getRow(3).getCell(4).value).toEqual(new Date("2026-11-20T00:00:00Z"))
    expect(sheet?.getRow(4).getCell(2).value).toBe("姓名")
    const first = sheet?.getRow(5)
    expect(first?.getCell(first.cellCount).value).toBe(4)
  })

  it("keeps the 第一议题 ledger from the meeting records, a page of lines at a time", async () => {
    const path = "/api/education/first-item?from=2026-01-01&to=2026-11-27"
    const ledger = (query = "") => admin.json<FirstItemLedger>("GET", `${path}${query}`)
    const first = await ledger()
    expect([first.page, first.pageSize]).toEqual([1, 20])
    expect(first.compliance.every((c) => c.opened <= c.required)).toBe(true)
    // The first 100 lines, oldest first then by meeting id, each once; pages of 7 cut the same list.
    const head = (await ledger("&pageSize=100")).lines
    expect(head.length).toBe(Math.min(100, first.linesTotal))
    expect(new Set(head.map((l) => l.meetingId)).size).toBe(head.length)
    const key = (l: FirstItemLedger["lines"][number] | undefined) => `${l?.date} ${l?.meetingId}`
    expect(head.every((l, i) => i === 0 || key(head[i - 1]) < key(l))).toBe(true)
    expect(first.lines).toEqual(head.slice(0, 20))
    // Enough lines in the demo year for more than two pages of 7: pages 1 and 2 are disjoint and follow on.
    expect(first.linesTotal).toBeGreaterThan(14)
    const [p1, p2] = [await ledger("&pageSize=7"), await ledger("&page=2&pageSize=7")]
    expect([p1.lines.length, p2.lines.length, p2.linesTotal]).toEqual([7, 7, first.linesTotal])
    expect(p2.lines.filter((l) => p1.lines.some((x) => x.meetingId === l.meetingId))).toEqual([])
    expect([...p1.lines, ...p2.lines]).toEqual(head.slice(0, 14))
    expect(p2.compliance).toEqual(first.compliance)
    // The last page of 100 holds what is left, the newest line last; a page past it is empty and still counts.
    const last = Math.ceil(first.linesTotal / 100)
    const end = await ledger(`&page=${last}&pageSize=100`)
    expect(end.lines.length).toBe(first.linesTotal - 100 * (last - 1))
    const before = last === 1 ? undefined : (await ledger(`&page=${last - 1}&pageSize=100`)).lines.at(-1)
    expect(before === undefined || key(before) < key(end.lines[0])).toBe(true)
    const past = await ledger(`&page=${last + 1}&pageSize=100`)
    expect([past.lines, past.linesTotal]).toEqual([[], first.linesTotal])
    for (const [query, field] of [
      ["page=0", "page"],
      ["page=abc", "page"],
      ["page=1.5", "page"],
      ["pageSize=0", "pageSize"],
      ["pageSize=101", "pageSize"],
      ["pageSize=-3", "pageSize"],
    ] as const) {
      const res = await admin.get(`${path}&${query}`)
      expect(res.status, query).toBe(400)
      expect((await problemOf(res)).errors?.[0]?.field, query).toBe(field)
    }
  })

  it("marks attendance from a sign-in sheet (.csv), and refuses a name not enrolled (422, nothing changed)", async () => {
    const s2 = klass.sessions[1]?.id ?? ""
    const unique = members.filter((m) => members.filter((x) => x.name === m.name).length === 1).slice(0, 2)
    const sheet = (names: string[]) =>
      Buffer.from(`序号,姓名\n${names.map((n, i) => `${i + 1},${n}`).join("\n")}\n`).toString("base64")
    const before = (await secretary.json<Roster>("GET", `/api/education/classes/${klass.id}`)).class
      .personTimes
    const bad = await secretary.send("POST", `/api/education/classes/${klass.id}/sessions/${s2}/sign-in`, {
      filename: "签到表.csv",
      content: sheet([unique[0]?.name ?? "", "不存在的人"]),
    })
    expect(bad.status).toBe(422)
    expect((await problemOf(bad)).errors?.[0]?.field).toBe("content")
    expect(
      (await secretary.json<Roster>("GET", `/api/education/classes/${klass.id}`)).class.personTimes,
    ).toBe(before)
    const ok = await secretary.json<{ present: number; personTimes: number }>(
      "POST",
      `/api/education/classes/${klass.id}/sessions/${s2}/sign-in`,
      { filename: "签到表.csv", content: sheet(unique.map((m) => m.name)) },
    )
    expect([ok.present, ok.personTimes]).toEqual([unique.length, before + unique.length])
  })

  it("closes the class: no more attendance (409)", async () => {
    const closed = await secretary.json<ClassView>("POST", `/api/education/classes/${klass.id}/close`, {
      version: klass.version,
    })
    expect([closed.closed, closed.status]).toEqual([true, "closed"])
    const res = await secretary.send(
      "PUT",
      `/api/education/classes/${klass.id}/sessions/${klass.sessions[1]?.id}/attendance`,
      {
        memberIds: [],
      },
    )
    expect(res.status).toBe(409)
  })

  it("posts in the forum, finds it by a Chinese word, and a moderator hides it from everyone else", async () => {
    const post = await secretary.json<PostView>("POST", "/api/education/forum/threads", {
      title: "社区网格党建的做法",
      body: "我们把楼栋长和党员中心户结合起来，形成了“红色网格”。",
    })
    const search = (agent: Agent, q: string) =>
      agent.json<ThreadPage>("GET", `/api/education/forum/threads?q=${encodeURIComponent(q)}`)
    expect((await search(other, "网格")).items.map((t) => t.id)).toContain(post.id)
    expect((await search(other, "中心户")).items.map((t) => t.id)).toContain(post.id)
    expect((await search(other, "财务")).items.map((t) => t.id)).not.toContain(post.id)
    expect(
      (await secretary.send("POST", `/api/education/forum/posts/${post.id}/hide`, { reason: "x" })).status,
    ).toBe(403)
    expect(
      (await admin.send("POST", `/api/education/forum/posts/${post.id}/hide`, { reason: "内容重复" })).status,
    ).toBe(200)
    expect((await search(other, "网格")).items.map((t) => t.id)).not.toContain(post.id)
    expect((await other.get(`/api/education/forum/threads/${post.id}`)).status).toBe(404)
    expect((await search(admin, "网格")).items.find((t) => t.id === post.id)?.hiddenReason).toBe("内容重复")
  })

  it("refuses an attachment that is too big or not what it claims (422), and posts nothing", async () => {
    const before = (await secretary.json<ThreadPage>("GET", "/api/education/forum/threads")).total
    const res = await secretary.send("POST", "/api/education/forum/threads", {
      title: "附件",
      body: "图片",
      attachments: [
        { filename: "a.png", mime: "image/png", content: Buffer.from("not a png").toString("base64") },
      ],
    })
    expect(res.status).toBe(422)
    expect((await problemOf(res)).errors?.[0]?.field).toBe("attachments[0].mime")
    expect((await secretary.json<ThreadPage>("GET", "/api/education/forum/threads")).total).toBe(before)
  })
})
