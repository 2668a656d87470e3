import { Temporal } from "@xianfeng/core"
import { auditLog, members, verifyAuditChain } from "@xianfeng/db"
import { count, eq } from "drizzle-orm"
import ExcelJS from "exceljs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { MemberDetail, MemberPage, Org } from "../src/routes/platform/contract.js"
import {
  Agent,
  backends,
  DEMO_MEMBERS,
  problemOf,
  SMALL_DEMO_MEMBERS,
  type TestSystem,
  testSystem,
  userWithToken,
} from "./support.js"

const MASK = /^\d{3}\*{11}[\dX]{4}$/

describe.each(backends)("members on %s", (backend) => {
  let sys: TestSystem
  let admin: Agent
  beforeAll(async () => {
    sys = await testSystem(backend)
    admin = new Agent(sys)
    await admin.login("admin")
  })
  afterAll(async () => {
    await sys.stop()
  })

  it("pages the members of the caller's subtree with masked ID numbers", async () => {
    const page = await admin.json<MemberPage>("GET", "/api/members?page=2&pageSize=25")
    expect(page.items).toHaveLength(25)
    expect(page.total).toBeGreaterThan(1000)
    for (const m of page.items) expect(m.idNumberMasked).toMatch(MASK)
    expect(JSON.stringify(page)).not.toMatch(/\d{17}[\dX]/)
  })

  it("exports the list with its filter as .xlsx: every row the filter finds, masked, date cells, audited", async () => {
    const filter = "stage=probationary"
    const page = await admin.json<MemberPage>("GET", `/api/members?${filter}&pageSize=100`)
    const res = await admin.get(`/api/members/export.xlsx?${filter}`)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toContain("spreadsheetml")
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    const ws = wb.getWorksheet("党员名册")
    expect(ws?.getRow(1).values).toEqual([
      undefined,
      "序号",
      "姓名",
      "性别",
      "出生日期",
      "民族",
      "学历",
      "公民身份号码",
      "人员类别",
      "所在党组织",
      "入党日期",
      "转正日期",
      "联系电话",
    ])
    const rows: ExcelJS.Row[] = []
    ws?.eachRow((r, i) => {
      if (i > 1) rows.push(r)
    })
    // The filter's true total, not a page of it.
    expect(rows.length).toBe(page.total)
    for (const r of rows) {
      expect(r.getCell(7).value).toMatch(MASK)
      expect(r.getCell(8).value).toBe("预备党员")
      expect(r.getCell(4).value).toBeInstanceOf(Date)
      expect(r.getCell(10).value).toBeInstanceOf(Date)
    }
    let text = ""
    ws?.eachRow((r) => {
      text += JSON.stringify(r.values)
    })
    expect(text).not.toMatch(/\d{17}[\dX]/)
    expect(text).not.toMatch(/probationary|"01"/)
    const [a] = await sys.deps.db.select().from(auditLog).where(eq(auditLog.action, "member.export"))
    expect(a?.details).toMatchObject({ format: "xlsx", rows: page.total, stage: "probationary" })
  })

  it("exports only the caller's subtree", async () => {
    const secretary = new Agent(sys)
    await secretary.login("secretary1")
    const page = await secretary.json<MemberPage>("GET", "/api/members?pageSize=100")
    const res = await secretary.get("/api/members/export.xlsx")
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    const ws = wb.getWorksheet("党员名册")
    expect((ws?.rowCount ?? 1) - 1).toBe(page.total)
    const orgs = new Set<string>()
    ws?.eachRow((r, i) => {
      if (i > 1) orgs.add(String(r.getCell(9).value))
    })
    expect([...orgs]).toEqual([...new Set(page.items.map((m) => m.orgName))])
  })

  it("finds a member by pinyin initials (zs finds 张三)", async () => {
    const first = (await admin.json<MemberPage>("GET", "/api/members?pageSize=1")).items[0]
    if (!first) throw new Error("no members")
    const [row] = await sys.deps.db
      .select({ initials: members.nameInitials })
      .from(members)
      .where(eq(members.id, first.id))
    const found = await admin.json<MemberPage>("GET", `/api/members?q=${row?.initials}&pageSize=100`)
    expect(found.items.map((m) => m.id)).toContain(first.id)
    for (const m of found.items) {
      const [r] = await sys.deps.db
        .select({ i: members.nameInitials, p: members.namePinyin })
        .from(members)
        .where(eq(members.id, m.id))
      expect(r?.i.startsWith(row?.initials ?? "") || r?.p.startsWith(row?.initials ?? "")).toBe(true)
    }
  })

  it("finds organizations by name at any depth of the subtree, and none outside it", async () => {
    type Hit = { id: string; name: string; parentId: string | null; parentName: string | null }
    const root = await admin.json<{ id: string }>("GET", "/api/orgs/root")
    const committees = await admin.json<{ items: { id: string; name: string; childCount: number }[] }>(
      "GET",
      `/api/orgs/${root.id}/children`,
    )
    const committee = committees.items.filter((o) => o.childCount > 0).at(-1)
    const branches = await admin.json<{ items: { id: string; name: string }[] }>(
      "GET",
      `/api/orgs/${committee?.id}/children`,
    )
    const branch = branches.items[branches.items.length - 1]
    if (committee === undefined || branch === undefined)
      throw new Error("the demo has no branch under a committee")
    const { items } = await admin.json<{ items: Hit[] }>(
      "GET",
      `/api/orgs?q=${encodeURIComponent(branch.name)}`,
    )
    expect(items).toContainEqual(
      expect.objectContaining({
        id: branch.id,
        name: branch.name,
        parentId: committee.id,
        parentName: committee.name,
      }),
    )
    expect(items.every((h) => h.name.includes(branch.name))).toBe(true)
    // A branch secretary finds nothing outside their branch, even by that branch's own name.
    const secretary = new Agent(sys)
    await secretary.login("secretary1")
    const own = (await secretary.json<{ user: { orgId: string } }>("GET", "/api/auth/me")).user.orgId
    const theirs = await secretary.json<{ items: Hit[] }>(
      "GET",
      `/api/orgs?q=${encodeURIComponent(branch.name)}`,
    )
    expect(theirs.items.every((h) => h.id === own)).toBe(true)
    // Taken literally: a wildcard finds nothing; an empty search is refused naming q (400, as any bad query).
    expect((await admin.json<{ items: Hit[] }>("GET", "/api/orgs?q=%25")).items).toEqual([])
    const empty = await admin.send("GET", "/api/orgs?q=")
    expect(empty.status).toBe(400)
    expect((await problemOf(empty)).errors?.[0]?.field).toBe("q")
  })

  it("refuses a page size over 100 and names the field", async () => {
    const res = await admin.get("/api/members?pageSize=500")
    expect(res.status).toBe(400)
    const p = await problemOf(res)
    expect(p.errors?.[0]?.field).toBe("pageSize")
    expect(p.errors?.[0]?.message).toBe("字段pageSize的值无效：应在1到100之间")
  })

  it("refuses an unknown query parameter", async () => {
    const res = await admin.get("/api/members?idNumber=110101199001011234")
    expect(res.status).toBe(400)
    expect((await problemOf(res)).errors?.[0]).toMatchObject({ field: "idNumber", reason: "unknown-field" })
  })

  it("rejects a stale write with 409 and keeps the newer one", async () => {
    const m = (await admin.json<MemberPage>("GET", "/api/members?pageSize=1")).items[0]
    if (!m) throw new Error("no members")
    const d = await admin.json<MemberDetail>("GET", `/api/members/${m.id}`)
    const first = await admin.send("PATCH", `/api/members/${m.id}`, {
      version: d.version,
      phone: "13800000001",
    })
    expect(first.status).toBe(200)
    const stale = await admin.send("PATCH", `/api/members/${m.id}`, {
      version: d.version,
      phone: "13800000002",
    })
    expect(stale.status).toBe(409)
    const now = await admin.json<MemberDetail>("GET", `/api/members/${m.id}`)
    expect(now.phone).toBe("13800000001")
    expect(now.version).toBe(d.version + 1)
  })

  it("refuses a bad ID number naming the field and the reason, and writes nothing", async () => {
    const before = await sys.deps.db.select({ n: count() }).from(members)
    const res = await admin.send("POST", "/api/members", {
      orgId: (await admin.json<MemberPage>("GET", "/api/members?pageSize=1")).items[0]?.orgId,
      name: "李四",
      idNumber: "110101199001011235",
      ethnicity: "01",
      education: "21",
      occupationGroup: "industrial-worker",
      stage: "applicant",
    })
    expect(res.status).toBe(400)
    const p = await problemOf(res)
    expect(p.errors?.[0]).toMatchObject({ field: "idNumber", reason: "check-digit" })
    expect(p.detail).toMatch(/校验码/)
    const after = await sys.deps.db.select({ n: count() }).from(members)
    expect(after[0]?.n).toBe(before[0]?.n)
  })

  it("answers problems in English when asked", async () => {
    const res = await admin.send("GET", "/api/members?pageSize=0", undefined, { "accept-language": "en-US" })
    expect((await problemOf(res)).title).toBe("Invalid request")
  })

  it("reveals a full ID number only through the audited action, and never to a branch secretary", async () => {
    const m = (await admin.json<MemberPage>("GET", "/api/members?pageSize=1")).items[0]
    if (!m) throw new Error("no members")
    const res = await admin.json<{ idNumber: string }>("POST", `/api/members/${m.id}/reveal-id`, {
      reason: "核对档案",
    })
    expect(res.idNumber).toMatch(/^\d{17}[\dX]$/)
    expect(res.idNumber.slice(0, 3)).toBe(m.idNumberMasked.slice(0, 3))
    const rows = await sys.deps.db.select().from(auditLog).where(eq(auditLog.action, "member.reveal-id"))
    expect(
      rows.some((r) => r.objectId === m.id && (r.details as { reason?: string }).reason === "核对档案"),
    ).toBe(true)
    expect(JSON.stringify(rows)).not.toContain(res.idNumber)
    const sec = new Agent(sys)
    await sec.login("secretary1")
    const own = (await sec.json<MemberPage>("GET", "/api/members?pageSize=1")).items[0]
    if (!own) throw new Error("secretary sees nobody")
    expect((await sec.send("POST", `/api/members/${own.id}/reveal-id`, { reason: "想看" })).status).toBe(403)
  })

  it("answers a reveal for a member with no ID number on file with a 422 naming id, not the 404 of a missing member", async () => {
    const m = (await admin.json<MemberPage>("GET", "/api/members?pageSize=1")).items[0]
    if (!m) throw new Error("no members")
    const [bare] = await sys.deps.db
      .insert(members)
      .values({
        orgId: m.orgId,
        name: "无证号党员",
        namePinyin: "wuzhenghaodangyuan",
        nameInitials: "wzhdy",
        sex: "male",
        birthDate: Temporal.PlainDate.from("1980-03-04"),
        ethnicity: "01",
        education: "21",
        occupationGroup: "worker",
        stage: "full",
      })
      .returning({ id: members.id })
    if (!bare) throw new Error("no member inserted")
    const res = await admin.send("POST", `/api/members/${bare.id}/reveal-id`, { reason: "核对档案" })
    expect(res.status).toBe(422)
    expect((await problemOf(res)).errors?.[0]).toMatchObject({ field: "id", reason: "no-id-number" })
    const rows = await sys.deps.db.select().from(auditLog).where(eq(auditLog.action, "member.reveal-id"))
    expect(rows.some((r) => r.objectId === bare.id)).toBe(false)
  })

  it("transfers a member to another branch and writes the move to the audit log", async () => {
    const m = (await admin.json<MemberPage>("GET", "/api/members?pageSize=1")).items[0]
    if (!m) throw new Error("no members")
    const d = await admin.json<MemberDetail>("GET", `/api/members/${m.id}`)
    const other = (await admin.json<MemberPage>("GET", "/api/members?pageSize=100")).items.find(
      (x) => x.orgId !== m.orgId,
    )
    if (!other) throw new Error("one branch only")
    const moved = await admin.json<MemberDetail>("POST", `/api/members/${m.id}/transfer`, {
      toOrgId: other.orgId,
      version: d.version,
    })
    expect(moved.orgId).toBe(other.orgId)
    const rows = await sys.deps.db.select().from(auditLog).where(eq(auditLog.action, "member.transfer"))
    expect(rows.at(-1)?.details).toMatchObject({ from: m.orgId, to: other.orgId })
  })

  it("refuses a body over 1 MB", async () => {
    const res = await admin.send("POST", "/api/auth/tokens", { name: "x".repeat(1_100_000) })
    expect(res.status).toBe(413)
  })

  it("keeps the audit chain intact through all of the above", async () => {
    const v = await verifyAuditChain(sys.deps.db)
    expect(v.ok).toBe(true)
  })

  it("sends security headers and no-store on API answers", async () => {
    const res = await admin.get("/api/auth/me")
    expect(res.headers.get("x-content-type-options")).toBe("nosniff")
    expect(res.headers.get("content-security-policy")).toMatch(/default-src 'self'/)
    expect(res.headers.get("cache-control")).toBe("no-store")
  })
})

describe("organization counts", () => {
  let sys: TestSystem
  let admin: Agent
  beforeAll(async () => {
    sys = await testSystem("pglite")
    admin = new Agent(sys)
    await admin.login("admin")
  })
  afterAll(async () => {
    await sys.stop()
  })

  it("counts each organization's direct children and the members of its whole subtree", async () => {
    const root = await admin.json<Org>("GET", "/api/orgs/root")
    const { items } = await admin.json<{ items: Org[] }>("GET", `/api/orgs/${root.id}/children`)
    expect(root.childCount).toBe(items.length)
    expect(root.memberCount).toBe(DEMO_MEMBERS)
    expect(items.reduce((n, o) => n + o.memberCount, 0)).toBe(DEMO_MEMBERS)
    const committee = items.find((o) => o.childCount > 0)
    if (!committee) throw new Error("no committee with children")
    const below = await admin.json<{ items: Org[] }>("GET", `/api/orgs/${committee.id}/children`)
    expect(below.items.length).toBe(committee.childCount)
    expect(committee.memberCount).toBeLessThan(DEMO_MEMBERS)
  })
})

describe("finding a member by ID number", () => {
  let sys: TestSystem
  beforeAll(async () => {
    sys = await testSystem("pglite")
  })
  afterAll(async () => {
    await sys.stop()
  })

  it("matches the full number exactly through the keyed hash, inside the caller's subtree only", async () => {
    const admin = new Agent(sys)
    await admin.login("admin")
    const m = (await admin.json<MemberPage>("GET", "/api/members?pageSize=1")).items[0]
    if (!m) throw new Error("no members")
    const { idNumber } = await admin.json<{ idNumber: string }>("POST", `/api/members/${m.id}/reveal-id`, {
      reason: "测试",
    })
    const found = await admin.json<{ items: { id: string; idNumberMasked: string }[] }>(
      "POST",
      "/api/members/lookup",
      { idNumber },
    )
    expect(found.items.map((x) => x.id)).toEqual([m.id])
    expect(found.items[0]?.idNumberMasked).toMatch(MASK)
    const sec = new Agent(sys)
    await sec.login("secretary1")
    const own = (await sec.json<MemberPage>("GET", "/api/members?pageSize=100")).items.map((x) => x.id)
    const seen = await sec.json<{ items: unknown[] }>("POST", "/api/members/lookup", { idNumber })
    expect(seen.items.length).toBe(own.includes(m.id) ? 1 : 0)
    const bad = await admin.send("POST", "/api/members/lookup", { idNumber: "12345" })
    expect(bad.status).toBe(400)
    expect((await problemOf(bad)).errors?.[0]).toMatchObject({ field: "idNumber", reason: "length" })
  })
})

describe.each(backends)("organization editing on %s", (backend) => {
  let sys: TestSystem
  let admin: Agent
  beforeAll(async () => {
    sys = await testSystem(backend)
    admin = new Agent(sys)
    await admin.login("admin")
  })
  afterAll(async () => {
    await sys.stop()
  })

  it("creates, renames and moves organizations, keeping paths, kinds and versions straight", async () => {
    const committees = (await admin.json<{ items: Org[] }>("GET", "/api/orgs/d1/children")).items.filter(
      (o) => ["working-committee", "township-committee"].includes(o.kind),
    )
    const [c1, c2] = committees
    if (!c1 || !c2) throw new Error("need two committees")
    const made = await admin.json<Org>("POST", "/api/orgs", {
      id: "bnew1",
      parentId: c1.id,
      kind: "branch",
      name: "新建测试党支部",
    })
    expect(made).toMatchObject({
      id: "bnew1",
      path: `${c1.path}.bnew1`,
      parentId: c1.id,
      childCount: 0,
      memberCount: 0,
    })

    const dup = await admin.send("POST", "/api/orgs", {
      id: "bnew1",
      parentId: c1.id,
      kind: "branch",
      name: "重复",
    })
    expect(dup.status).toBe(409)
    const misplaced = await admin.send("POST", "/api/orgs", {
      id: "cnew1",
      parentId: "bnew1",
      kind: "party-committee",
      name: "错位",
    })
    expect(misplaced.status).toBe(400)
    expect((await problemOf(misplaced)).errors?.[0]).toMatchObject({ field: "parentId", reason: "placement" })

    const renamed = await admin.json<Org>("PATCH", "/api/orgs/bnew1", {
      version: made.version,
      name: "更名后的党支部",
    })
    expect(renamed.name).toBe("更名后的党支部")
    const stale = await admin.send("PATCH", "/api/orgs/bnew1", { version: made.version, name: "过期" })
    expect(stale.status).toBe(409)

    const moved = await admin.json<Org>("PATCH", "/api/orgs/bnew1", {
      version: renamed.version,
      parentId: c2.id,
    })
    expect(moved).toMatchObject({ parentId: c2.id, path: `${c2.path}.bnew1` })
    const cycle = await admin.send("PATCH", `/api/orgs/${c1.id}`, {
      version: c1.version,
      parentId: (await admin.json<{ items: Org[] }>("GET", `/api/orgs/${c1.id}/children`)).items[0]?.id,
    })
    expect(cycle.status).toBe(400)
  })

  it("keeps branch secretaries out and answers 404 for a parent outside the caller's subtree", async () => {
    const sec = new Agent(sys)
    await sec.login("secretary1")
    const root = await sec.json<Org>("GET", "/api/orgs/root")
    expect(
      (await sec.send("POST", "/api/orgs", { id: "bx", parentId: root.id, kind: "branch", name: "x" }))
        .status,
    ).toBe(403)
    const officer = new Agent(sys)
    await officer.login("officer")
    const res = await officer.send("POST", "/api/orgs", {
      id: "bx2",
      parentId: "d1",
      kind: "branch",
      name: "x",
    })
    expect(res.status).toBe(404)
    const own = await officer.json<Org>("GET", "/api/orgs/root")
    expect(
      (await officer.send("PATCH", `/api/orgs/${own.id}`, { version: own.version, name: "改自己" })).status,
    ).toBe(403)
  })
})

describe("reviewing the audit log", () => {
  let sys: TestSystem
  beforeAll(async () => {
    sys = await testSystem("pglite")
  })
  afterAll(async () => {
    await sys.stop()
  })

  it("lets the auditor read who did what, newest first, and verify the chains; a secretary may not", async () => {
    const admin = new Agent(sys)
    await admin.login("admin")
    const m = (await admin.json<MemberPage>("GET", "/api/members?pageSize=1")).items[0]
    if (!m) throw new Error("no members")
    await admin.json("GET", `/api/members/${m.id}`)
    const auditor = new Agent(sys)
    await auditor.login("auditor")
    const page = await auditor.json<{
      items: { seq: number; actor: string; action: string; objectId: string | null }[]
      total: number
    }>("GET", `/api/audit?objectId=${m.id}`)
    expect(page.items[0]).toMatchObject({ actor: "admin", action: "member.read", objectId: m.id })
    const all = await auditor.json<{ items: { seq: number }[] }>("GET", "/api/audit?pageSize=20")
    const seqs = all.items.map((i) => i.seq)
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a))
    expect(await auditor.json("POST", "/api/audit/verify")).toMatchObject({ ok: true, brokenAt: null })
    const sec = new Agent(sys)
    await sec.login("secretary1")
    expect((await sec.get("/api/audit")).status).toBe(403)
  })
})

describe("validation messages", () => {
  let sys: TestSystem
  beforeAll(async () => {
    sys = await testSystem("pglite", { demoMembers: SMALL_DEMO_MEMBERS })
  })
  afterAll(async () => {
    await sys.stop()
  })

  it("say in plain words what a field must look like, in the reader's language", async () => {
    const token = await userWithToken(sys, "district-admin", "d1")
    const bad = await sys.request("/api/orgs/bad-id!", { headers: { authorization: `Bearer ${token}` } })
    expect(bad.status).toBe(400)
    const p = await problemOf(bad)
    expect(p.errors?.[0]).toMatchObject({ field: "id", reason: "invalid" })
    expect(p.errors?.[0]?.message).toBe("字段id的值无效：应为1至63位字母、数字或下划线")
    const en = await sys.request("/api/orgs/bad-id!", {
      headers: { authorization: `Bearer ${token}`, "accept-language": "en" },
    })
    expect((await problemOf(en)).errors?.[0]?.message).toBe("id: must be 1–63 letters, digits or _")
  })

  it("refuses a date that does not exist (2027-02-30), naming the field in both languages", async () => {
    const token = await userWithToken(sys, "district-admin", "d1")
    const body = JSON.stringify({
      orgId: "d1",
      name: "李四",
      idNumber: "110101199001011237",
      ethnicity: "01",
      education: "21",
      occupationGroup: "industrial-worker",
      stage: "applicant",
      appliedOn: "2027-02-30",
    })
    const post = (language: string) =>
      sys.request("/api/members", {
        method: "POST",
        body,
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "accept-language": language,
        },
      })
    const zh = await post("zh-CN")
    expect(zh.status).toBe(400)
    expect((await problemOf(zh)).errors?.[0]).toMatchObject({
      field: "appliedOn",
      reason: "invalid",
      message: "字段appliedOn的值无效：日历上没有2027-02-30这一天",
    })
    expect((await problemOf(await post("en"))).errors?.[0]?.message).toBe(
      "appliedOn: there is no such day as 2027-02-30",
    )
  })
})
