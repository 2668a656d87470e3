import { careDuesPayments } from "@xianfeng/db"
import { and, eq } from "drizzle-orm"
import { describe, expect, it } from "vitest"
import type { AgendaView } from "../src/routes/agenda/contract.js"
import type {
  DuesSheetView,
  LedgerView,
  SurveyList,
  VisitPlanList,
  VisitPlanView,
} from "../src/routes/care/contract.js"
import type { ClassView } from "../src/routes/education/contract.js"
import { Agent, backends, useDemo, wholeSheet } from "./support.js"

// The agenda entries of the areas merged after the agenda (care), on the demo district. The test clock stands
// at 2026-11-27 (Asia/Shanghai).
describe.each(backends)("Area agenda sources on %s", (backend) => {
  const demo = useDemo(backend, { logins: ["officer", "secretary1"] })
  const { officer, secretary1: secretary } = demo.agents
  /** secretary1's branch. */
  const branchId = () => demo.orgOf("secretary1")

  it("a visit plan with people still to visit shows on its deadline, the last day before the festival; fully visited it leaves", async () => {
    const plans = await officer.json<typeof VisitPlanList.Type>("GET", "/api/care/visit-plans")
    const open = plans.items.find((p) => p.visited < p.targets && p.deadline >= "2026-11-27")
    if (open === undefined) throw new Error("the demo district needs an open visit plan")
    const window = `from=${open.deadline}&days=1`
    const entryOf = async () =>
      (await officer.json<AgendaView>("GET", `/api/agenda?${window}`)).items.find(
        (i) => i.kind === "care.visit-plan" && i.date === open.deadline,
      )
    const entry = await entryOf()
    expect(entry?.state).toBe("due")
    expect(entry?.title).toContain(`${open.visited}/${open.targets}`)
    expect(entry?.link).toBe("/care")
    // Visit everyone the plan names in the scope, a page of those left at a time: the entry goes.
    const leftOf = () =>
      officer.json<VisitPlanView>("GET", `/api/care/visit-plans/${open.id}?visited=false&pageSize=100`)
    for (let left = await leftOf(); left.total > 0; left = await leftOf()) {
      for (const t of left.targets) {
        const res = await officer.send("POST", `/api/care/visit-plans/${open.id}/visits`, {
          targetId: t.id,
          visitedOn: "2026-11-26",
          visitors: ["支部书记"],
          amountFen: 0,
        })
        expect(res.status).toBe(201)
      }
    }
    expect(await entryOf()).toBeUndefined()
  })

  it("a survey with branches still to confirm shows on its deadline; once the branch confirms, it leaves the branch's agenda", async () => {
    const survey = (await secretary.json<typeof SurveyList.Type>("GET", "/api/care/surveys")).items[0]
    if (survey === undefined) throw new Error("the demo district needs a survey in progress")
    const entryOf = async (who: Agent) =>
      (await who.json<AgendaView>("GET", `/api/agenda?from=${survey.deadline}&days=1`)).items.find(
        (i) => i.kind === "care.survey" && i.date === survey.deadline,
      )
    const officers = (await officer.json<typeof SurveyList.Type>("GET", "/api/care/surveys")).items[0]
    const confirmed = officers?.branches.filter((b) => b.confirmedOn !== null).length
    expect((await entryOf(officer))?.title).toContain(`${confirmed}/${officers?.branches.length}`)
    const mine = await entryOf(secretary)
    expect(mine).toMatchObject({ state: "due", link: "/care/survey", orgName: survey.orgName })
    expect(mine?.title).toContain("0/1")
    // Review every entry of the branch open at the survey's start, then confirm: the entry goes.
    const ledger = await secretary.json<LedgerView>("GET", `/api/care/ledger?asOf=${survey.startsOn}`)
    for (const e of ledger.items.filter((x) => x.orgId === branchId()))
      await secretary.json("POST", "/api/care/ledger/events", {
        entryId: e.entryId,
        orgId: branchId(),
        kind: "confirmed",
        onDate: "2026-11-27",
        reason: "摸底核实",
        surveyId: survey.id,
      })
    await secretary.json("POST", `/api/care/surveys/${survey.id}/branches/${branchId()}/confirm`, {})
    expect(await entryOf(secretary)).toBeUndefined()
  })

  it("this month's dues collection shows on the month's last day with the members still to pay; a payment counts", async () => {
    const sheetOf = () =>
      wholeSheet<DuesSheetView>(secretary, `/api/care/dues/sheet?year=2026&orgId=${branchId()}`)
    const owingIn = (sheet: DuesSheetView) => sheet.rows.filter((r) => (r.months[10]?.dueFen ?? 0) > 0)
    const unpaidIn = (sheet: DuesSheetView) =>
      owingIn(sheet).filter((r) => (r.months[10]?.paidFen ?? 0) < (r.months[10]?.dueFen ?? 0))
    let sheet = await sheetOf()
    const first = owingIn(sheet)[0]
    if (unpaidIn(sheet).length === 0 && first !== undefined) {
      // The demo's members pay by a day of their own up to the 25th, so the branch may have paid November in full
      // by the 27th: take one member's November payment back so that someone is still to pay.
      await demo.sys.deps.db
        .delete(careDuesPayments)
        .where(and(eq(careDuesPayments.memberId, first.memberId), eq(careDuesPayments.month, "2026-11")))
      sheet = await sheetOf()
    }
    const owing = owingIn(sheet)
    const unpaid = unpaidIn(sheet)
    expect(unpaid.length).toBeGreaterThan(0)
    const entryOf = async () =>
      (await secretary.json<AgendaView>("GET", "/api/agenda?from=2026-11-27&days=40")).items.filter(
        (i) => i.kind === "care.dues",
      )
    const [entry, ...later] = await entryOf()
    // Only November's: December has not begun, so nothing is due for it yet.
    expect(later).toEqual([])
    expect(entry).toMatchObject({ date: "2026-11-30", state: "due", link: "/care/dues", orgId: branchId() })
    expect(entry?.title).toContain(`${unpaid.length}/${owing.length}`)
    const payer = unpaid[0]
    await secretary.json("POST", "/api/care/dues/payments", {
      memberId: payer?.memberId,
      month: "2026-11",
      amountFen: payer?.months[10]?.dueFen,
    })
    // One fewer to pay; when that was the last, the month's collection leaves the agenda.
    const [after] = await entryOf()
    if (unpaid.length > 1) expect(after?.title).toContain(`${unpaid.length - 1}/${owing.length}`)
    else expect(after).toBeUndefined()
  })

  it("a class's coming sessions show on their day for its branch; past ones and a closed class's do not", async () => {
    const session = (date: string, topic: string) => ({
      topic,
      date,
      startTime: "14:30",
      endTime: "16:30",
      hours: 2,
    })
    const res = await secretary.send("POST", "/api/education/classes", {
      orgId: branchId(),
      title: "支部冬训班",
      audience: { kind: "subtree", orgId: branchId() },
      sessions: [
        session("2026-11-20", "已上过的课"),
        session("2026-12-03", "党章学习"),
        session("2026-12-10", "党史学习"),
      ],
    })
    expect(res.status).toBe(201)
    const klass = (await res.json()) as ClassView
    const sessionsOf = async (who: Agent) =>
      (await who.json<AgendaView>("GET", "/api/agenda?from=2026-11-01&days=60")).items.filter(
        (i) => i.kind === "education.session" && i.link === `/education/classes/${klass.id}`,
      )
    const mine = await sessionsOf(secretary)
    expect(mine.map((i) => i.date)).toEqual(["2026-12-03", "2026-12-10"])
    expect(mine[0]?.title).toContain("支部冬训班·党章学习（14:30）")
    expect(mine.every((i) => i.state === "due")).toBe(true)
    // Another branch's secretary sees nothing of it.
    const other = new Agent(demo.sys)
    expect((await other.login("secretary2")).status).toBe(200)
    expect(await sessionsOf(other)).toEqual([])
    const closed = await secretary.send("POST", `/api/education/classes/${klass.id}/close`, {
      version: klass.version,
    })
    expect(closed.status).toBe(200)
    expect(await sessionsOf(secretary)).toEqual([])
  })

  it("a heart-to-heart talk recorded meets its yearly obligation on the agenda: the stored calendar is evaluated again (BR 19)", async () => {
    const talkTitle = "党员之间谈心谈话"
    const talkEntry = async () =>
      (await secretary.json<AgendaView>("GET", "/api/agenda?days=60")).items.find(
        (i) => i.kind === "discipline.obligation" && i.orgId === branchId() && i.title.includes(talkTitle),
      )
    expect((await talkEntry())?.date).toBe("2026-12-31")
    const ours = await secretary.json<{ items: { id: string }[] }>(
      "GET",
      `/api/members?orgId=${branchId()}&pageSize=5`,
    )
    const [a, b] = ours.items
    if (!a || !b) throw new Error("the branch needs two members")
    const res = await secretary.send("POST", "/api/discipline/talks", {
      orgId: branchId(),
      pair: "member-member",
      date: "2026-11-20",
      firstMemberId: a.id,
      secondMemberId: b.id,
    })
    expect(res.status).toBe(201)
    expect(await talkEntry()).toBeUndefined()
  })

  it("an unqualified member's case shows its current step on the step's due date, without the member's name (EM 29)", async () => {
    const admin = new Agent(demo.sys)
    expect((await admin.login("admin")).status).toBe(200)
    const cases = await admin.json<{
      items: { id: string; memberName: string; closedOn: string | null; steps: { dueBy: string }[] }[]
    }>("GET", "/api/appraisal/cases")
    const open = cases.items.find((c) => c.closedOn === null && c.steps.length > 0)
    if (open === undefined) throw new Error("the demo district needs an open case with a step taken")
    const dueBy = open.steps.at(-1)?.dueBy as string
    const view = await admin.json<AgendaView>("GET", `/api/agenda?from=${dueBy}&days=1`)
    const entries = view.items.filter((i) => i.kind === "appraisal.case-step" && i.date === dueBy)
    expect(entries.length).toBeGreaterThan(0)
    expect(entries.every((i) => i.link === "/appraisal/cases" && i.person === null)).toBe(true)
    for (const c of cases.items) for (const e of entries) expect(e.title).not.toContain(c.memberName)
    expect(entries[0]?.state).toBe(dueBy < "2026-11-27" ? "overdue" : "due")
  })
})
