import ExcelJS from "exceljs"
import { beforeAll, describe, expect, it } from "vitest"
import type {
  ArrearsView,
  CalendarView,
  CampaignView,
  CommendationResultList,
  DuesSheetView,
  LedgerView,
  MedalView,
  VisitPlanList,
  VisitPlanView,
  VisitRecordedView,
} from "../src/routes/care/contract.js"
import { type Agent, backends, problemOf, useDemo, wholeArrears, wholeSheet } from "./support.js"

// The area's routes on every backend, on the demo district. The test clock stands at 2026-11-27 (Asia/Shanghai).
describe.each(backends)("Care on %s", (backend) => {
  const demo = useDemo(backend, { logins: ["auditor", "admin", "officer", "secretary1"] })
  const { auditor, admin, officer, secretary1: secretary } = demo.agents
  let branchId: string

  beforeAll(async () => {
    branchId = demo.orgOf("secretary1")
  })

  const auditCount = async (action: string) =>
    (await auditor.json<{ total: number }>("GET", `/api/audit?action=${action}`)).total

  /** Every page of a plan's targets as `who` reads them, `pageSize` a page (with `visited` when given), in order. */
  const pagesOf = async (who: Agent, planId: string, pageSize: number, visited?: "true" | "false") => {
    const pages: VisitPlanView[] = []
    for (let page = 1; ; page++) {
      const filter = visited === undefined ? "" : `&visited=${visited}`
      pages.push(
        await who.json<VisitPlanView>(
          "GET",
          `/api/care/visit-plans/${planId}?page=${page}&pageSize=${pageSize}${filter}`,
        ),
      )
      if (pages.length * pageSize >= (pages[0]?.total ?? 0)) return pages
    }
  }

  describe("party dues", () => {
    it("lists members six and more months in arrears as the self-lapse alert's evidence", async () => {
      const arrears = await admin.json<ArrearsView>("GET", "/api/care/dues/arrears?year=2026")
      const lapsing = arrears.items.filter((i) => i.selfLapse)
      expect(lapsing.length).toBeGreaterThan(0)
      expect(lapsing.every((i) => i.consecutiveUnpaid >= 6)).toBe(true)
    })

    it("pages the arrears list, the longest run first, with the whole list's figures on every page, and refuses a page of more than 100 (400 naming pageSize)", async () => {
      const whole = await wholeArrears<ArrearsView>(admin, "/api/care/dues/arrears?year=2026")
      expect(whole.total).toBeGreaterThan(20)
      expect(whole.items).toHaveLength(whole.total)
      expect(new Set(whole.items.map((i) => i.memberId)).size).toBe(whole.total)
      const runs = whole.items.map((i) => i.consecutiveUnpaid)
      expect(runs).toEqual([...runs].sort((a, b) => b - a))
      expect(whole.items.every((i) => i.arrears.length > 0 && i.owedFen > 0)).toBe(true)
      expect(whole.selfLapse).toBe(whole.items.filter((i) => i.selfLapse).length)
      expect(whole.owedFen).toBe(whole.items.reduce((s, i) => s + i.owedFen, 0))
      const second = await admin.json<ArrearsView>(
        "GET",
        "/api/care/dues/arrears?year=2026&page=2&pageSize=20",
      )
      expect(second).toMatchObject({ page: 2, pageSize: 20, total: whole.total, selfLapse: whole.selfLapse })
      expect(second.items).toEqual(whole.items.slice(20, 40))
      const beyond = await admin.json<ArrearsView>(
        "GET",
        `/api/care/dues/arrears?year=2026&page=${Math.ceil(whole.total / 20) + 1}&pageSize=20`,
      )
      expect(beyond.items).toEqual([])
      expect(beyond.total).toBe(whole.total)
      const tooMany = await admin.send("GET", "/api/care/dues/arrears?year=2026&pageSize=101")
      expect(tooMany.status).toBe(400)
      expect((await problemOf(tooMany)).errors?.[0]?.field).toBe("pageSize")
      // A branch's list is the district's list of that branch's members, in the same order.
      const orgId = whole.items[0]?.orgId as string
      const branch = await admin.json<ArrearsView>(
        "GET",
        `/api/care/dues/arrears?year=2026&orgId=${orgId}&pageSize=100`,
      )
      expect(branch.items.length).toBeGreaterThan(0)
      expect(branch.total).toBe(branch.items.length)
      expect(branch.items).toEqual(whole.items.filter((i) => i.orgId === orgId))
    })

    it("pages the collection sheet in its order (branch, name) with the roll's total, and refuses a page of more than 100 (400 naming pageSize)", async () => {
      const whole = await wholeSheet<DuesSheetView>(admin, "/api/care/dues/sheet?year=2026")
      expect(whole.total).toBeGreaterThan(40)
      expect(whole.rows).toHaveLength(whole.total)
      expect(new Set(whole.rows.map((r) => r.memberId)).size).toBe(whole.total)
      const second = await admin.json<DuesSheetView>(
        "GET",
        "/api/care/dues/sheet?year=2026&page=2&pageSize=20",
      )
      expect([second.page, second.pageSize, second.total]).toEqual([2, 20, whole.total])
      expect(second.rows.map((r) => r.memberId)).toEqual(whole.rows.slice(20, 40).map((r) => r.memberId))
      const first = await admin.json<DuesSheetView>("GET", "/api/care/dues/sheet?year=2026")
      expect([first.page, first.pageSize, first.rows.length]).toEqual([1, 20, 20])
      const beyond = await admin.json<DuesSheetView>(
        "GET",
        "/api/care/dues/sheet?year=2026&page=100000&pageSize=100",
      )
      expect([beyond.rows.length, beyond.total]).toEqual([0, whole.total])
      const tooBig = await admin.send("GET", "/api/care/dues/sheet?year=2026&pageSize=500")
      expect(tooBig.status).toBe(400)
      expect((await problemOf(tooBig)).errors?.map((e) => e.field)).toEqual(["pageSize"])
    })

    it("shows the income base to the branch secretary (audited) and hides it from the committee officer", async () => {
      const before = await auditCount("care.dues.read-income")
      const mine = await wholeSheet<DuesSheetView>(
        secretary,
        `/api/care/dues/sheet?year=2026&orgId=${branchId}`,
      )
      expect(mine.incomeShown).toBe(true)
      expect(mine.rows.some((r) => r.baseFen !== null)).toBe(true)
      expect(await auditCount("care.dues.read-income")).toBe(before + 1)
      const theirs = await wholeSheet<DuesSheetView>(
        officer,
        `/api/care/dues/sheet?year=2026&orgId=${branchId}`,
      )
      expect(theirs.incomeShown).toBe(false)
      expect(theirs.rows.every((r) => r.baseFen === null)).toBe(true)
    })

    it("refuses a negative base and a payment with a fraction of a fen (422 naming the field), changing nothing", async () => {
      const sheet = await wholeSheet<DuesSheetView>(
        secretary,
        `/api/care/dues/sheet?year=2026&orgId=${branchId}`,
      )
      const member = sheet.rows[0]
      if (member === undefined) throw new Error("the branch has no members")
      const base = await secretary.send("POST", "/api/care/dues/assessments", {
        memberId: member.memberId,
        year: 2026,
        category: "salaried",
        baseFen: -100,
      })
      expect(base.status).toBe(422)
      expect((await problemOf(base)).errors?.[0]?.field).toBe("baseFen")
      const pay = await secretary.send("POST", "/api/care/dues/payments", {
        memberId: member.memberId,
        month: "2026-11",
        amountFen: 1500.5,
      })
      expect(pay.status).toBe(422)
      expect((await problemOf(pay)).errors?.[0]?.field).toBe("amountFen")
      const after = await wholeSheet<DuesSheetView>(
        secretary,
        `/api/care/dues/sheet?year=2026&orgId=${branchId}`,
      )
      expect(after.rows[0]).toEqual(member)
    })

    it("takes a back payment within six months and refuses one further back", async () => {
      const arrears = await admin.json<ArrearsView>("GET", "/api/care/dues/arrears?year=2026")
      const lapsing = arrears.items.find((i) => i.consecutiveUnpaid >= 7)
      if (lapsing === undefined) throw new Error("no member seven months behind")
      const oldest = lapsing.arrears.at(-7) as string
      const tooOld = await admin.send("POST", "/api/care/dues/payments", {
        memberId: lapsing.memberId,
        month: oldest,
        amountFen: 100,
      })
      expect(tooOld.status).toBe(422)
      expect((await problemOf(tooOld)).errors?.[0]?.field).toBe("month")
      const latest = lapsing.arrears.at(-1) as string
      const sheet = await wholeSheet<DuesSheetView>(admin, "/api/care/dues/sheet?year=2026")
      const due = sheet.rows
        .find((r) => r.memberId === lapsing.memberId)
        ?.months.find((m) => m.month === latest)?.dueFen
      const ok = await admin.send("POST", "/api/care/dues/payments", {
        memberId: lapsing.memberId,
        month: latest,
        amountFen: due,
      })
      expect(ok.status).toBe(201)
      // Still owing the older months, the member has no run of unpaid months now: off the head of the list.
      const now = await wholeArrears<ArrearsView>(admin, "/api/care/dues/arrears?year=2026")
      expect(now.items.find((i) => i.memberId === lapsing.memberId)?.consecutiveUnpaid).toBe(0)
      expect(now.items.findIndex((i) => i.memberId === lapsing.memberId)).toBeGreaterThanOrEqual(
        now.items.findIndex((i) => i.consecutiveUnpaid === 0),
      )
    })
  })

  describe("the care ledger and the survey", () => {
    it("hides hardship details from the officer, shows them to the secretary and audits that read", async () => {
      const before = await auditCount("care.ledger.read-hardship")
      const mine = await secretary.json<LedgerView>("GET", "/api/care/ledger")
      expect(mine.detailShown).toBe(true)
      expect(mine.items.length).toBeGreaterThan(0)
      expect(await auditCount("care.ledger.read-hardship")).toBe(before + 1)
      const theirs = await officer.json<LedgerView>("GET", `/api/care/ledger?orgId=${branchId}`)
      expect(theirs.items.every((e) => e.detail === null)).toBe(true)
      expect(theirs.items.map((e) => e.entryId)).toEqual(mine.items.map((e) => e.entryId))
    })

    it("a closed entry leaves the ledger from its date, and the ledger as of the day before still has it", async () => {
      const ledger = await secretary.json<LedgerView>("GET", "/api/care/ledger")
      const entry = ledger.items[0]
      if (entry === undefined) throw new Error("no entry")
      const res = await secretary.send("POST", "/api/care/ledger/events", {
        entryId: entry.entryId,
        orgId: entry.orgId,
        kind: "closed",
        onDate: "2026-11-20",
        reason: "家庭情况好转",
      })
      expect(res.status).toBe(201)
      const now = await secretary.json<LedgerView>("GET", "/api/care/ledger")
      expect(now.items.map((e) => e.entryId)).not.toContain(entry.entryId)
      const then = await secretary.json<LedgerView>("GET", "/api/care/ledger?asOf=2026-11-19")
      expect(then.items.map((e) => e.entryId)).toContain(entry.entryId)
      const again = await secretary.send("POST", "/api/care/ledger/events", {
        entryId: entry.entryId,
        orgId: entry.orgId,
        kind: "closed",
        onDate: "2026-11-21",
        reason: "重复",
      })
      expect(again.status).toBe(422)
      expect((await problemOf(again)).errors?.[0]?.field).toBe("entryId")
    })

    it("a branch confirms its survey only when every entry is reviewed", async () => {
      const { items } = await secretary.json<{
        items: { id: string; branches: { orgId: string; entries: number; reviewed: number }[] }[]
      }>("GET", "/api/care/surveys")
      const survey = items[0]
      if (survey === undefined) throw new Error("no survey")
      // An entry the survey must review: opened before the survey started.
      const sheet = await wholeSheet<DuesSheetView>(
        secretary,
        `/api/care/dues/sheet?year=2026&orgId=${branchId}`,
      )
      const opened = await secretary.send("POST", "/api/care/ledger/events", {
        orgId: branchId,
        memberId: sheet.rows[0]?.memberId,
        kind: "opened",
        category: "hospitalized",
        onDate: "2026-11-01",
        reason: "住院",
      })
      expect(opened.status).toBe(201)
      const early = await secretary.send(
        "POST",
        `/api/care/surveys/${survey.id}/branches/${branchId}/confirm`,
        {},
      )
      expect(early.status).toBe(422)
      expect((await problemOf(early)).errors?.[0]?.field).toBe("orgId")
      const ledger = await secretary.json<LedgerView>("GET", "/api/care/ledger?asOf=2026-11-06")
      for (const e of ledger.items.filter((x) => x.orgId === branchId)) {
        await secretary.send("POST", "/api/care/ledger/events", {
          entryId: e.entryId,
          orgId: branchId,
          kind: "confirmed",
          onDate: "2026-11-27",
          reason: "摸底核实",
          surveyId: survey.id,
        })
      }
      const res = await secretary.send(
        "POST",
        `/api/care/surveys/${survey.id}/branches/${branchId}/confirm`,
        {},
      )
      expect(res.status).toBe(200)
    })
  })

  describe("festival visits", () => {
    it("records a visit, moves the plan's progress, and refuses a second visit, a stranger and a fraction of a fen", async () => {
      const { items } = await officer.json<{ items: { id: string; visited: number }[] }>(
        "GET",
        "/api/care/visit-plans",
      )
      const planId = items[0]?.id as string
      const plan = await officer.json<VisitPlanView>("GET", `/api/care/visit-plans/${planId}?visited=false`)
      const open = plan.targets[0]
      if (open === undefined) throw new Error("every target visited")
      const body = {
        targetId: open.id,
        visitedOn: "2026-11-26",
        visitors: ["镇党委书记"],
        help: "慰问金",
        amountFen: 100_000,
      }
      const fraction = await officer.send("POST", `/api/care/visit-plans/${planId}/visits`, {
        ...body,
        amountFen: 100.5,
      })
      expect(fraction.status).toBe(422)
      expect((await problemOf(fraction)).errors?.[0]?.field).toBe("amountFen")
      // More than an amount's column holds (2^31 fen): a 422 naming the field, not the database's overflow.
      const huge = await officer.send("POST", `/api/care/visit-plans/${planId}/visits`, {
        ...body,
        amountFen: 3_000_000_000,
      })
      expect(huge.status).toBe(400)
      expect((await problemOf(huge)).errors?.[0]?.field).toBe("amountFen")
      const stranger = await officer.send("POST", `/api/care/visit-plans/${planId}/visits`, {
        ...body,
        targetId: crypto.randomUUID(),
      })
      expect(stranger.status).toBe(422)
      expect((await problemOf(stranger)).errors?.[0]?.field).toBe("targetId")
      // The refusals wrote nothing: the plan's counts stand.
      const unchanged = await officer.json<VisitPlanView>("GET", `/api/care/visit-plans/${planId}`)
      expect(unchanged.plan).toMatchObject({ visited: plan.plan.visited, spentFen: plan.plan.spentFen })
      const res = await officer.send("POST", `/api/care/visit-plans/${planId}/visits`, body)
      expect(res.status).toBe(201)
      // The answer is the plan's progress and the row visited, not the plan's target list.
      const after = (await res.json()) as VisitRecordedView
      expect(Object.keys(after).sort()).toEqual(["plan", "target"])
      expect(after.plan.visited).toBe(plan.plan.visited + 1)
      expect(after.plan.spentFen).toBe(plan.plan.spentFen + 100_000)
      expect(after.target).toEqual({
        ...open,
        visit: { visitedOn: "2026-11-26", visitors: ["镇党委书记"], help: "慰问金", amountFen: 100_000 },
      })
      // Left off the list of who is left, found among the visited.
      const left = await officer.json<VisitPlanView>("GET", `/api/care/visit-plans/${planId}?visited=false`)
      expect(left.total).toBe(plan.total - 1)
      expect(left.targets.some((t) => t.id === open.id)).toBe(false)
      const done = await pagesOf(officer, planId, 100, "true")
      expect(done.flatMap((p) => p.targets).find((t) => t.id === open.id)).toEqual(after.target)
      const twice = await officer.send("POST", `/api/care/visit-plans/${planId}/visits`, body)
      expect(twice.status).toBe(422)
      expect((await problemOf(twice)).errors?.[0]?.field).toBe("targetId")
    })

    it("pages a plan's targets in a stable order, with the total and the visited filter", async () => {
      const { items } = await officer.json<typeof VisitPlanList.Type>("GET", "/api/care/visit-plans")
      const plan = items.find((p) => p.visited > 0 && p.visited < p.targets)
      if (plan === undefined) throw new Error("the demo district needs a plan partly visited")
      const first = await officer.json<VisitPlanView>("GET", `/api/care/visit-plans/${plan.id}`)
      // 20 a page unless asked; the total is the plan's people in the subtree, as the list counts them.
      expect([first.page, first.pageSize, first.total]).toEqual([1, 20, plan.targets])
      expect(first.targets.length).toBe(Math.min(20, plan.targets))
      expect(first.plan).toEqual(plan)
      // Pages of 7 together are the pages of 100 together: each person once, in one order, the last page short.
      const small = await pagesOf(officer, plan.id, 7)
      const big = await pagesOf(officer, plan.id, 100)
      const ids = small.flatMap((p) => p.targets.map((t) => t.id))
      expect(ids).toEqual(big.flatMap((p) => p.targets.map((t) => t.id)))
      expect(new Set(ids).size).toBe(plan.targets)
      expect(small.at(-1)?.targets.length).toBe(plan.targets - 7 * (small.length - 1))
      expect(small.every((p) => p.total === plan.targets && p.plan.visited === plan.visited)).toBe(true)
      // By organization: a branch's people come together.
      const orgsInOrder = small.flatMap((p) => p.targets.map((t) => t.orgId))
      expect(new Set(orgsInOrder).size).toBe(orgsInOrder.filter((o, i) => o !== orgsInOrder[i - 1]).length)
      // A page past the last is empty and still counts.
      const past = await officer.json<VisitPlanView>(
        "GET",
        `/api/care/visit-plans/${plan.id}?page=${small.length + 1}&pageSize=7`,
      )
      expect([past.targets, past.total]).toEqual([[], plan.targets])
      // The filter: those visited and those left, together everyone once, in the same order.
      const visited = (await pagesOf(officer, plan.id, 100, "true")).flatMap((p) => p.targets)
      const left = await pagesOf(officer, plan.id, 100, "false")
      expect(visited.length).toBe(plan.visited)
      expect(left[0]?.total).toBe(plan.targets - plan.visited)
      expect(visited.every((t) => t.visit !== null)).toBe(true)
      expect(left.flatMap((p) => p.targets).every((t) => t.visit === null)).toBe(true)
      const all = big.flatMap((p) => p.targets)
      expect(visited).toEqual(all.filter((t) => t.visit !== null))
      expect(left.flatMap((p) => p.targets)).toEqual(all.filter((t) => t.visit === null))
    })

    it("refuses a page, a page size or a filter it cannot read, naming the field (400)", async () => {
      const { items } = await officer.json<typeof VisitPlanList.Type>("GET", "/api/care/visit-plans")
      const path = `/api/care/visit-plans/${items[0]?.id}`
      for (const [query, field] of [
        ["page=0", "page"],
        ["page=-1", "page"],
        ["page=abc", "page"],
        ["page=1.5", "page"],
        ["pageSize=0", "pageSize"],
        ["pageSize=101", "pageSize"],
        ["visited=maybe", "visited"],
        ["visited=1", "visited"],
        ["sort=name", "sort"],
      ] as const) {
        const res = await officer.get(`${path}?${query}`)
        expect(res.status, query).toBe(400)
        expect((await problemOf(res)).errors?.[0]?.field, query).toBe(field)
      }
      const size = await problemOf(await officer.get(`${path}?pageSize=101`))
      expect(size.errors?.[0]?.message).toBe("字段pageSize的值无效：应在1到100之间")
      // The largest page is served.
      expect((await officer.get(`${path}?pageSize=100&page=1&visited=true`)).status).toBe(200)
    })

    it("shows the Spring Festival on its lunar date in the calendar", async () => {
      const cal = await officer.json<CalendarView>("GET", "/api/care/calendar?month=2027-02")
      const day = cal.days.find((d) => d.date === "2027-02-06")
      expect(day?.festival).toBe("春节")
      expect(day?.lunar).toContain("正月")
      expect(day?.plans.some((p) => p.what === "festival")).toBe(true)
    })

    it("exports the register, and an export of the ledger needs a reason", async () => {
      const { items } = await officer.json<{ items: { id: string }[] }>("GET", "/api/care/visit-plans")
      const xlsx = await officer.get(`/api/care/visit-plans/${items[0]?.id}/export.xlsx`)
      expect(xlsx.status).toBe(200)
      expect(xlsx.headers.get("content-type")).toContain("spreadsheetml")
      expect((await secretary.get("/api/care/ledger.xlsx")).status).toBe(400)
      expect(
        (await secretary.get(`/api/care/ledger.xlsx?reason=${encodeURIComponent("年终走访统计")}`)).status,
      ).toBe(200)
    })
  })

  describe("the demo district", () => {
    it("its Spring Festival plan is about half done and within its budget, and the district runs it for the towns", async () => {
      const plans = await admin.json<typeof VisitPlanList.Type>("GET", "/api/care/visit-plans")
      const plan = plans.items.find((p) => p.festival === "spring-festival")
      if (plan === undefined) throw new Error("no Spring Festival plan in the demo")
      expect(plan.budgetFen).toBe(120_000_000)
      expect(plan.visited / plan.targets).toBeGreaterThan(0.3)
      expect(plan.visited / plan.targets).toBeLessThan(0.7)
      expect(plan.spentFen).toBeLessThanOrEqual(plan.budgetFen)
      expect(plan.verdict.code).not.toBe("CARE-PLAN.over-budget")
      // The committee officer sees the district's plan through the town's people, named as the district's.
      const theirs = (await officer.json<typeof VisitPlanList.Type>("GET", "/api/care/visit-plans")).items
      expect(theirs.find((p) => p.id === plan.id)).toMatchObject({ orgId: "d1", orgName: plan.orgName })
    })

    it("a branch sees its own part of a district plan's visits and spending, and the budget as the plan's", async () => {
      const whole = (await admin.json<typeof VisitPlanList.Type>("GET", "/api/care/visit-plans")).items[0]
      const part = (
        await secretary.json<typeof VisitPlanList.Type>("GET", "/api/care/visit-plans")
      ).items.find((p) => p.id === whole?.id)
      expect(whole).toMatchObject({
        scope: "whole",
        remainingFen: (whole?.budgetFen ?? 0) - (whole?.spentFen ?? 0),
      })
      expect(part).toMatchObject({ scope: "part", remainingFen: null, budgetFen: whole?.budgetFen })
      // The branch's own visits and spending, which the plan's people in the branch add up to.
      const pages = await pagesOf(secretary, whole?.id as string, 100)
      const targets = pages.flatMap((p) => p.targets)
      const visits = targets.flatMap((t) => (t.visit === null ? [] : [t.visit]))
      expect(pages[0]?.total).toBe(targets.length)
      expect(part?.targets).toBe(targets.length)
      expect(part?.visited).toBe(visits.length)
      expect(part?.spentFen).toBe(visits.reduce((s, v) => s + v.amountFen, 0))
      expect(part?.spentFen).toBeLessThan(whole?.spentFen ?? 0)
    })

    it("its commendation campaign has nominations at every stage, and a town whose quota is used up", async () => {
      const campaigns = await admin.json<{ items: CampaignView[] }>("GET", "/api/care/campaigns")
      const campaign = campaigns.items.find((c) => c.orgId === "d1")
      if (campaign === undefined) throw new Error("no district campaign in the demo")
      const { items } = await admin.json<{ items: { stage: string }[] }>(
        "GET",
        `/api/care/campaigns/${campaign.id}/nominations`,
      )
      expect(new Set(items.map((n) => n.stage))).toEqual(
        new Set(["nominated", "vetted", "noticed", "approved", "withdrawn"]),
      )
      expect(campaign.quotas.some((q) => q.used >= q.quota)).toBe(true)
      expect(campaign.quotas.find((q) => q.orgId === "c01")?.used).toBeLessThan(
        campaign.quotas.find((q) => q.orgId === "c01")?.quota ?? 0,
      )
    })
  })

  describe("the 50-year medal", () => {
    it("records an award for an eligible member once, and refuses one not eligible (422 naming memberId), changing nothing", async () => {
      const list = await admin.json<MedalView>("GET", "/api/care/medal?year=2026")
      const eligible = list.items.find((i) => i.verdict.code === "MEDAL-50.eligible")
      if (eligible === undefined) throw new Error("the demo district needs a member eligible for the medal")
      expect(eligible.standingBars).toEqual([])
      expect(eligible.partyAge).toBeGreaterThanOrEqual(50)
      const before = await auditCount("care.medal.award")
      const future = await admin.send("POST", "/api/care/medal/awards", {
        memberId: eligible.memberId,
        year: 2026,
        awardedOn: "2026-12-01",
      })
      expect(future.status).toBe(422)
      expect((await problemOf(future)).errors?.[0]?.field).toBe("awardedOn")
      const res = await admin.send("POST", "/api/care/medal/awards", {
        memberId: eligible.memberId,
        year: 2026,
        awardedOn: "2026-07-01",
      })
      expect(res.status).toBe(201)
      expect(((await res.json()) as { verdict: { code: string } }).verdict.code).toBe("MEDAL-50.awarded")
      expect(await auditCount("care.medal.award")).toBe(before + 1)
      const again = await admin.send("POST", "/api/care/medal/awards", {
        memberId: eligible.memberId,
        year: 2026,
      })
      expect(again.status).toBe(422)
      expect((await problemOf(again)).errors?.[0]?.field).toBe("memberId")
      // A member far from 50 years: refused, and the list does not change.
      const sheet = await wholeSheet<DuesSheetView>(
        secretary,
        `/api/care/dues/sheet?year=2026&orgId=${branchId}`,
      )
      const young = sheet.rows.find((r) => !list.items.some((i) => i.memberId === r.memberId))
      const no = await admin.send("POST", "/api/care/medal/awards", { memberId: young?.memberId, year: 2026 })
      expect(no.status).toBe(422)
      expect((await problemOf(no)).errors?.[0]?.field).toBe("memberId")
      const after = await admin.json<MedalView>("GET", "/api/care/medal?year=2026")
      expect(after.items.filter((i) => i.verdict.code === "MEDAL-50.awarded").length).toBe(
        list.items.filter((i) => i.verdict.code === "MEDAL-50.awarded").length + 1,
      )
      expect(await auditCount("care.medal.award")).toBe(before + 1)
      // Recording is for those who organize it, not a branch secretary.
      expect(
        (await secretary.send("POST", "/api/care/medal/awards", { memberId: eligible.memberId, year: 2026 }))
          .status,
      ).toBe(403)
    })
  })

  describe("commendations", () => {
    it("refuses a nomination over the organization's quota (422 naming orgId)", async () => {
      const res = await admin.send("POST", "/api/care/campaigns", {
        orgId: "c01",
        year: 2027,
        title: "2027年“两优一先”评选",
        quotas: [{ orgId: branchId, quota: 1 }],
      })
      expect(res.status).toBe(201)
      const campaign = (await res.json()) as CampaignView
      const nominate = () =>
        secretary.send("POST", `/api/care/campaigns/${campaign.id}/nominations`, {
          orgId: branchId,
          title: "advanced-org",
          deeds: "标准化规范化建设成效明显",
        })
      expect((await nominate()).status).toBe(201)
      const over = await nominate()
      expect(over.status).toBe(422)
      expect((await problemOf(over)).errors?.[0]?.field).toBe("orgId")
      const list = await secretary.json<{ items: unknown[] }>(
        "GET",
        `/api/care/campaigns/${campaign.id}/nominations`,
      )
      expect(list.items).toHaveLength(1)
    })
  })
  describe("commendation results", () => {
    it("lists the approved commendations of the caller's subtree, by year, and no other scope's", async () => {
      const all = await admin.json<CommendationResultList>("GET", "/api/care/commendations/results")
      const mine = await officer.json<CommendationResultList>("GET", "/api/care/commendations/results")
      const campaigns = await admin.json<{ items: CampaignView[] }>("GET", "/api/care/campaigns")
      // The demo approves nominations of c01 and of other towns: the district sees both, the town only its own.
      expect(mine.items.length).toBeGreaterThan(0)
      expect(all.items.some((r) => r.orgId !== "c01")).toBe(true)
      expect(mine.items.every((r) => r.orgId === "c01")).toBe(true)
      expect(mine.items.map((r) => r.nominationId).sort()).toEqual(
        all.items
          .filter((r) => r.orgId === "c01")
          .map((r) => r.nominationId)
          .sort(),
      )
      // Every one is an approved nomination of its campaign, with the campaign's year.
      for (const r of all.items.slice(0, 5)) {
        const campaign = campaigns.items.find((c) => c.id === r.campaignId)
        expect(r.year).toBe(campaign?.year)
        const { items } = await admin.json<{ items: { id: string; stage: string; name: string }[] }>(
          "GET",
          `/api/care/campaigns/${r.campaignId}/nominations`,
        )
        const n = items.find((x) => x.id === r.nominationId)
        expect(n?.stage).toBe("approved")
        expect(n?.name).toBe(r.name)
      }
      const year = all.items[0]?.year ?? 0
      const ofYear = await admin.json<CommendationResultList>(
        "GET",
        `/api/care/commendations/results?year=${year}&orgId=c01`,
      )
      expect(ofYear.items.map((r) => r.nominationId).sort()).toEqual(
        mine.items
          .filter((r) => r.year === year)
          .map((r) => r.nominationId)
          .sort(),
      )
      expect(
        (await admin.json<CommendationResultList>("GET", `/api/care/commendations/results?year=${year + 1}`))
          .items,
      ).toEqual([])
      // Filtered to a branch: the town's nominations of the branch's members (a reference its secretary cites).
      const person = mine.items.find((r) => r.memberId !== null)
      if (person?.memberId == null) throw new Error("the demo needs an approved member of c01")
      const { orgId: branch } = await officer.json<{ orgId: string }>(
        "GET",
        `/api/members/${person.memberId}`,
      )
      const ofBranch = await officer.json<CommendationResultList>(
        "GET",
        `/api/care/commendations/results?orgId=${branch}`,
      )
      expect(ofBranch.items.map((r) => r.nominationId)).toContain(person.nominationId)
      expect(ofBranch.items.length).toBeLessThanOrEqual(mine.items.length)
      // A branch of the town sees the town's results that commend its own members (announced publicly), and
      // no other; another town is the 404 of a missing org.
      const ofSecretary = (
        await secretary.json<CommendationResultList>("GET", "/api/care/commendations/results")
      ).items
      const ownMembers = new Set(
        (
          await officer.json<CommendationResultList>(
            "GET",
            `/api/care/commendations/results?orgId=${branchId}`,
          )
        ).items.map((r) => r.nominationId),
      )
      expect(ofSecretary.map((r) => r.nominationId).sort()).toEqual([...ownMembers].sort())
      const other = await officer.get("/api/care/commendations/results?orgId=c05")
      const missing = await officer.get("/api/care/commendations/results?orgId=nosuch")
      expect(other.status).toBe(404)
      expect(missing.status).toBe(404)
      expect((await problemOf(other)).type).toBe((await problemOf(missing)).type)
    })

    it("names the field of a bad query", async () => {
      for (const [q, field] of [
        ["year=abc", "year"],
        ["year=1800", "year"],
        ["orgId=bad-id!", "orgId"],
      ] as const) {
        const res = await officer.get(`/api/care/commendations/results?${q}`)
        expect([400, 422]).toContain(res.status)
        expect((await problemOf(res)).errors?.map((e) => e.field)).toContain(field)
        const xlsx = await officer.get(`/api/care/commendations/results.xlsx?${q}`)
        expect([400, 422]).toContain(xlsx.status)
      }
    })

    it("exports the same rows as an .xlsx without a reason (the results are public)", async () => {
      const { items } = await officer.json<CommendationResultList>("GET", "/api/care/commendations/results")
      const res = await officer.get("/api/care/commendations/results.xlsx")
      expect(res.status).toBe(200)
      expect(res.headers.get("content-type")).toContain("spreadsheetml")
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(await res.arrayBuffer())
      const ws = wb.worksheets[0]
      if (ws === undefined) throw new Error("no sheet")
      expect(ws.rowCount).toBe(items.length + 1)
      for (const [i, r] of items.entries()) {
        const row = ws.getRow(i + 2)
        expect(row.getCell(2).value).toBe(r.year)
        expect(row.getCell(4).value).toBe(r.name)
        expect(row.getCell(5).value).toBe(r.orgName)
        expect(["优秀共产党员", "优秀党务工作者", "先进基层党组织"]).toContain(row.getCell(3).value)
      }
    })
  })
  // Last: a plan for a later festival would come first in the lists the tests above read.
  describe("plan budgets", () => {
    it("keeps a plan's budget above 21,474,836.47 yuan (a province's), and refuses one past 10 billion by field", async () => {
      const body = {
        orgId: "c01",
        festival: "spring-festival",
        year: 2028,
        title: "2028年春节走访",
        budgetFen: 3_000_000_000,
      }
      const res = await officer.send("POST", "/api/care/visit-plans", body)
      if (res.status !== 201) throw new Error(`${res.status}: ${await res.text()}`)
      const made = (await res.json()) as VisitPlanView
      expect(made.plan.budgetFen).toBe(3_000_000_000)
      // The plan and its first page, as its read without a query answers.
      expect(made).toEqual(await officer.json<VisitPlanView>("GET", `/api/care/visit-plans/${made.plan.id}`))
      expect([made.page, made.pageSize, made.total]).toEqual([1, 20, made.plan.targets])
      const tooMuch = await officer.send("POST", "/api/care/visit-plans", { ...body, budgetFen: 2e12 })
      expect(tooMuch.status).toBe(400)
      expect((await problemOf(tooMuch)).errors?.[0]?.field).toBe("budgetFen")
    })
  })
})
