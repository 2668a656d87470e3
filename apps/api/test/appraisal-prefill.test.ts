import { describe, expect, it } from "vitest"
import type { PrefillView } from "../src/routes/appraisal/contract.js"
import type { CommendationResultList, VisitPlanList, VisitPlanView } from "../src/routes/care/contract.js"
import type { StudyStatistics } from "../src/routes/education/contract.js"
import { backends, useDemo } from "./support.js"

// The secretaries' appraisal (抓基层党建述职评议考核) pre-fills its study-hours and visits indicators from what the
// education and care areas record, on the demo district. The test clock stands at 2026-11-27 (Asia/Shanghai).
describe.each(backends)("Secretaries' appraisal indicators from other areas on %s", (backend) => {
  const demo = useDemo(backend, { logins: ["officer"] })
  const { officer } = demo.agents

  const pct = (a: number, b: number) => (b === 0 ? null : Math.round((a * 100) / b))

  /** A branch with someone a visit plan names and nobody has visited yet, and that plan. */
  const unvisited = async () => {
    const plans = await officer.json<typeof VisitPlanList.Type>("GET", "/api/care/visit-plans")
    for (const p of plans.items) {
      const left = await officer.json<VisitPlanView>("GET", `/api/care/visit-plans/${p.id}?visited=false`)
      const target = left.targets[0]
      if (target) return { plan: p, target }
    }
    throw new Error("the demo district needs a visit plan with someone not yet visited")
  }

  /** The people named in `orgId` by the plans of `year`, and how many were visited, from the care area's views. */
  const visitCounts = async (orgId: string, year: number) => {
    const plans = await officer.json<typeof VisitPlanList.Type>("GET", "/api/care/visit-plans")
    let targets = 0
    let visited = 0
    for (const p of plans.items.filter((x) => x.year === year)) {
      for (let page = 1; (page - 1) * 100 < p.targets; page++) {
        const detail = await officer.json<VisitPlanView>(
          "GET",
          `/api/care/visit-plans/${p.id}?page=${page}&pageSize=100`,
        )
        const mine = detail.targets.filter((t) => t.orgId === orgId)
        targets += mine.length
        visited += mine.filter((t) => t.visit !== null).length
      }
    }
    return { targets, visited }
  }

  it("visits done: the share of the people the year's visit plans name in the branch who were visited, and a recorded visit moves it", async () => {
    const { plan, target } = await unvisited()
    const orgId = target.orgId
    const before = await officer.json<typeof PrefillView.Type>(
      "GET",
      `/api/appraisal/secretaries/prefill?orgId=${orgId}&year=${plan.year}`,
    )
    const counted = await visitCounts(orgId, plan.year)
    expect(counted.targets).toBeGreaterThan(counted.visited)
    expect(before.indicators.visits).toBe(pct(counted.visited, counted.targets))
    expect(before.notRecorded).not.toContain("visits")
    const res = await officer.send("POST", `/api/care/visit-plans/${plan.id}/visits`, {
      targetId: target.id,
      visitedOn: "2026-11-26",
      visitors: ["支部书记"],
      amountFen: 0,
    })
    expect(res.status).toBe(201)
    const after = await officer.json<typeof PrefillView.Type>(
      "GET",
      `/api/appraisal/secretaries/prefill?orgId=${orgId}&year=${plan.year}`,
    )
    expect(after.indicators.visits).toBe(pct(counted.visited + 1, counted.targets))
  })

  it("study hours: the share of the branch's members (exempt ones apart) meeting the year's minimums, as education counts them (EM 22–23)", async () => {
    const { target } = await unvisited()
    const orgId = target.orgId
    const stats = await officer.json<StudyStatistics>(
      "GET",
      `/api/education/statistics?orgId=${orgId}&year=2026`,
    )
    expect(stats.members).toBeGreaterThan(0)
    const prefill = await officer.json<typeof PrefillView.Type>(
      "GET",
      `/api/appraisal/secretaries/prefill?orgId=${orgId}&year=2026`,
    )
    expect(prefill.indicators.studyHours).toBe(pct(stats.meeting, stats.members - stats.exempt))
    expect(prefill.notRecorded).not.toContain("studyHours")
    expect(prefill.basis.join("\n")).toContain(
      `studyHours: ${stats.meeting} of ${stats.members - stats.exempt}`,
    )
  })

  it("a year with nothing to count leaves both to be entered by hand (null, listed in notRecorded)", async () => {
    const { target } = await unvisited()
    const prefill = await officer.json<typeof PrefillView.Type>(
      "GET",
      `/api/appraisal/secretaries/prefill?orgId=${target.orgId}&year=2001`,
    )
    expect(prefill.indicators.visits).toBeNull()
    expect(prefill.notRecorded).toContain("visits")
  })
  it("commendations of the year: the care area's approved results (两优一先) as a reference line", async () => {
    const { items } = await officer.json<CommendationResultList>(
      "GET",
      "/api/care/commendations/results?orgId=c01",
    )
    const year = items[0]?.year
    if (year === undefined) throw new Error("the demo needs an approved commendation in c01")
    const ofYear = items.filter((r) => r.year === year)
    const prefill = await officer.json<typeof PrefillView.Type>(
      "GET",
      `/api/appraisal/secretaries/prefill?orgId=c01&year=${year}`,
    )
    const line = prefill.basis.find((b) => b.startsWith("commendations (reference):"))
    expect(line).toContain(`${ofYear.length} approved in ${year}`)
    for (const r of ofYear) expect(line).toContain(r.name)
    const none = await officer.json<typeof PrefillView.Type>(
      "GET",
      `/api/appraisal/secretaries/prefill?orgId=c01&year=2001`,
    )
    expect(none.basis).toContain("commendations (reference): 0 approved in 2001 (两优一先)")
  })
})
