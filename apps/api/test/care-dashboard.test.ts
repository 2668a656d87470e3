import { describe, expect, it } from "vitest"
import type { AgendaView } from "../src/routes/agenda/contract.js"
import type {
  ArrearsView,
  CampaignView,
  CommendationResultList,
  DashboardView,
  DuesSheetView,
  NominationView,
} from "../src/routes/care/contract.js"
import { backends, useDemo, userWithToken, wholeArrears, wholeSheet } from "./support.js"

// The care panel's figures, the commendations' stages and results, and the dues agenda, on the demo district.
// The test clock stands at 2026-11-27 (Asia/Shanghai); the demo's notice began 15 days before, so it is over.
describe.each(backends)("care dashboard, commendations and dues agenda on %s", (backend) => {
  const demo = useDemo(backend, { logins: ["admin", "secretary1"] })
  const { admin, secretary1: secretary } = demo.agents
  /** secretary1's branch. */
  const branchId = () => demo.orgOf("secretary1")

  it("counts the panel's arrears in one query exactly as the arrears list evaluates every member", async () => {
    for (const agent of [admin, secretary]) {
      const panel = await agent.json<DashboardView>("GET", "/api/care/dashboard")
      const list = await wholeArrears<ArrearsView>(agent, "/api/care/dues/arrears?year=2026")
      expect(panel.arrears).toEqual({
        members: list.items.length,
        selfLapse: list.items.filter((i) => i.selfLapse).length,
        owedFen: list.items.reduce((s, i) => s + i.owedFen, 0),
      })
      // The list's own figures are the whole list's, whichever page is read.
      expect({ members: list.total, selfLapse: list.selfLapse, owedFen: list.owedFen }).toEqual(panel.arrears)
    }
    const district = await admin.json<DashboardView>("GET", "/api/care/dashboard")
    expect(district.arrears.members).toBeGreaterThan(0)
    expect(district.arrears.selfLapse).toBeGreaterThan(0)
  })

  it("counts this month's dues as collected so far: most have paid by the 27th, and the agenda says how many have not", async () => {
    const sheet = await wholeSheet<DuesSheetView>(admin, "/api/care/dues/sheet?year=2026")
    const owing = sheet.rows.filter((r) => (r.months[10]?.dueFen ?? 0) > 0)
    const unpaid = owing.filter((r) => (r.months[10]?.paidFen ?? 0) < (r.months[10]?.dueFen ?? 0))
    // A realistic month: neither everyone nor no one still to pay on the 27th.
    expect(unpaid.length).toBeGreaterThan(0)
    expect(unpaid.length).toBeLessThan(owing.length / 4)
    const agenda = await admin.json<AgendaView>("GET", "/api/agenda?days=30")
    const november = agenda.items.find((i) => i.kind === "care.dues" && i.date === "2026-11-30")
    expect(november?.title).toContain(`（${unpaid.length}/${owing.length}人未交）`)
    expect(november?.state).toBe("due")
  })

  it("says a nomination's notice is over and approval awaited, and records the day it is approved", async () => {
    const campaign = (await admin.json<{ items: CampaignView[] }>("GET", "/api/care/campaigns")).items[0]
    if (campaign?.noticeEndsOn == null) throw new Error("the demo's campaign has a notice")
    expect(campaign.noticeEndsOn < "2026-11-27").toBe(true)
    const nominations = (
      await admin.json<{ items: NominationView[] }>("GET", `/api/care/campaigns/${campaign.id}/nominations`)
    ).items
    const noticed = nominations.filter((n) => n.stage === "noticed")
    expect(noticed.length).toBeGreaterThan(0)
    expect(noticed.every((n) => n.noticeOver)).toBe(true)
    expect(nominations.filter((n) => n.stage !== "noticed").every((n) => !n.noticeOver)).toBe(true)
    // The demo's approved ones were approved the day after the notice's last day.
    for (const n of nominations.filter((x) => x.stage === "approved"))
      expect(n.approvedOn !== null && n.approvedOn > campaign.noticeEndsOn).toBe(true)
    const one = noticed[0] as NominationView
    const moved = await admin.json<NominationView>("POST", `/api/care/nominations/${one.id}/stage`, {
      stage: "approved",
      version: one.version,
    })
    expect(moved).toMatchObject({ stage: "approved", approvedOn: "2026-11-27", noticeOver: false })
    const results = await admin.json<CommendationResultList>("GET", "/api/care/commendations/results")
    expect(results.items.find((r) => r.nominationId === one.id)?.approvedOn).toBe("2026-11-27")
  })

  it("shows a branch's secretary the results of its own members commended on a town's nomination, and no others", async () => {
    const all = (await admin.json<CommendationResultList>("GET", "/api/care/commendations/results")).items
    const person = all.find((r) => r.memberId !== null)
    if (person?.memberId == null) throw new Error("the demo approves a member")
    const { orgId: branch } = await admin.json<{ orgId: string }>("GET", `/api/members/${person.memberId}`)
    expect(person.orgId).not.toBe(branch)
    const token = await userWithToken(demo.sys, "branch-secretary", branch)
    const res = await demo.sys.request("/api/care/commendations/results", {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(res.status).toBe(200)
    const theirs = ((await res.json()) as CommendationResultList).items
    expect(theirs.map((r) => r.nominationId)).toContain(person.nominationId)
    const shown = theirs.find((r) => r.nominationId === person.nominationId)
    // Who nominated, the campaign and the day it was approved, as the district sees them.
    expect(shown).toEqual(person)
    // Only results commending members of the branch: every one is a member the secretary may open.
    for (const r of theirs) {
      expect(r.memberId).not.toBeNull()
      const m = await demo.sys.request(`/api/members/${r.memberId}`, {
        headers: { authorization: `Bearer ${token}` },
      })
      expect(m.status).toBe(200)
    }
    // The nominations themselves stay the town's: the branch cannot list the campaign's nominations.
    const listed = await demo.sys.request(`/api/care/campaigns/${person.campaignId}/nominations`, {
      headers: { authorization: `Bearer ${token}` },
    })
    if (listed.status === 200)
      expect(((await listed.json()) as { items: NominationView[] }).items.map((n) => n.id)).not.toContain(
        person.nominationId,
      )
    // secretary1's own branch sees only its own members' results.
    const mine = await secretary.json<CommendationResultList>("GET", "/api/care/commendations/results")
    for (const r of mine.items) {
      const { orgId } = await secretary.json<{ orgId: string }>("GET", `/api/members/${r.memberId}`)
      expect(orgId).toBe(branchId())
    }
  })
})
