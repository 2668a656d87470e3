import { join } from "node:path"
import type { MeetingList, MeetingRollView } from "@xianfeng/api/contract/discipline"
import type { CommitteeView, Org } from "@xianfeng/api/contract/platform"
import { describe, expect, it } from "vitest"
import { api, base, context, page, shots, signIn, useHarness } from "./harness"

// What a newcomer using the admin as a district's users met: the sign-in page logging a failed request, the org
// picker not finding a branch under a node not yet opened, the meeting form's roll call (select all, reasons of
// absence, whom a committee meeting expects, the browser's own date and time inputs), an empty 表彰结果 tab
// without a word, and the overview's stage bars without saying what they count. Then 支部委员会 end to end: a
// branch secretary adds a 组织委员 on the organization's page, and the 支委会 form's roll (BR 12: the committee's
// members) then expects them too (screenshots at 1440 and 390 px). One file, so that one start of the server
// and the browser serves both rounds (every file starts its own); the committee's comes last.

useHarness()

const desktop = { width: 1440, height: 900 }
/** A loaded machine answers the district-wide reads slowly: wait for them as long as the other files do. */
const slow = { timeout: 180_000 }
/** The API's JSON answer as the signed-in user, waited for as long as a loaded machine needs. */
const read = async <T>(path: string): Promise<T> => {
  const res = await context.request.get(`${base}/api${path}`, slow)
  if (!res.ok()) throw new Error(`GET /api${path} → ${res.status()}: ${await res.text()}`)
  return (await res.json()) as T
}
const phone = { width: 390, height: 844 }

describe("a newcomer's round of the admin", () => {
  it("the sign-in page asks who is signed in without a failed request on the console", async () => {
    await context.clearCookies()
    const errors: string[] = []
    const onConsole = (m: { type: () => string; text: () => string }) => {
      if (m.type() === "error") errors.push(m.text())
    }
    page.on("console", onConsole)
    try {
      const asked = page.waitForResponse((r) => r.url().endsWith("/api/auth/session"))
      await page.goto(`${base}/login`)
      const answer = await asked
      expect(answer.status()).toBe(200)
      expect(await answer.json()).toBeNull()
      await page.getByTestId("login-username").waitFor()
      // The form is up once the session answer was drawn; nothing else is asked before sign-in.
      expect(errors).toEqual([])
    } finally {
      page.off("console", onConsole)
    }
  })

  it("the org picker finds a branch under a committee nobody opened, and chooses it", async () => {
    await signIn("admin", { viewport: desktop })
    const root = await read<Org>("/orgs/root")
    const committees = (await read<{ items: Org[] }>(`/orgs/${root.id}/children`)).items.filter(
      (o) => o.childCount > 0,
    )
    // A branch of the last committee: the tree shows the root's children only until one is opened.
    const committee = committees[committees.length - 1]
    if (committee === undefined) throw new Error("the demo district has no committee with branches")
    const branches = (await read<{ items: Org[] }>(`/orgs/${committee.id}/children`)).items
    const branch = branches[branches.length - 1]
    if (branch === undefined) throw new Error("the committee has no branch")

    await page.goto(`${base}/discipline/meetings`)
    const picker = page.getByTestId("meetings-org")
    await picker.click(slow)
    await page.keyboard.type(branch.name)
    const hit = page.locator(".ant-select-dropdown:visible .ant-select-tree-title", {
      hasText: `${branch.name}（${committee.name}）`,
    })
    await hit.first().click(slow)
    await expect.poll(() => new URL(page.url()).searchParams.get("orgId")).toBe(branch.id)
    // Chosen, it shows by its name (not its id) once the search is over.
    await expect.poll(() => picker.textContent()).toContain(branch.name)
    await page.screenshot({ path: join(shots, "newcomer-org-search-1440.png") })
  })

  it("the overview's stage bars say what they count and of what total", async () => {
    // Signed in here too, so the test stands alone (`-t overview`).
    await signIn("admin", { viewport: desktop })
    for (const size of [desktop, phone]) {
      await page.setViewportSize(size)
      await page.goto(`${base}/`)
      const caption = page.getByTestId("stage-chart-caption")
      await caption.waitFor(slow)
      expect(await caption.textContent()).toMatch(/各发展阶段的人数.*合计[\d,]+人/)
      await page.getByTestId("stage-chart").locator("canvas").first().waitFor(slow)
      await page.screenshot({ path: join(shots, `newcomer-overview-${size.width}.png`) })
    }
    await page.setViewportSize(desktop)
  })

  it("a branch committee meeting expects the committee; select all; a kind and a note per absentee", async () => {
    await signIn("secretary1", { viewport: desktop })
    const me = await api<{ user: { orgId: string } }>("/auth/me")
    const branchId = me.user.orgId
    const committee = await api<MeetingRollView>(
      `/discipline/meetings/roll?orgId=${branchId}&types=committee-meeting`,
    )
    const whole = await api<MeetingRollView>(
      `/discipline/meetings/roll?orgId=${branchId}&types=general-meeting`,
    )
    expect(committee.basis).toBe("committee")
    expect(committee.items.length).toBeGreaterThan(0)
    expect(committee.items.length).toBeLessThan(whole.items.length)
    for (const m of committee.items)
      expect(m.posts).toContainEqual(expect.stringMatching(/secretary|committee/))

    await page.goto(`${base}/discipline/meetings?orgId=${branchId}`)
    await page.getByTestId("record-meeting").click()
    const attendance = page.getByTestId("meeting-attendance")
    const basis = page.getByTestId("meeting-roll-basis")
    const boxes = attendance.locator("input[type=checkbox]")
    await page.getByTestId("meeting-type-committee-meeting").click()
    await expect.poll(() => basis.getAttribute("data-basis")).toBe("committee")
    await expect.poll(() => boxes.count()).toBe(committee.items.length)
    // Held together with the general meeting, the sitting expects the whole branch.
    await page.getByTestId("meeting-type-general-meeting").click()
    await expect.poll(() => basis.getAttribute("data-basis")).toBe("branch")
    await expect.poll(() => boxes.count()).toBe(whole.items.length)
    await page.getByTestId("meeting-type-general-meeting").click()
    await expect.poll(() => boxes.count()).toBe(committee.items.length)

    // 全选 ticks everyone, and again no one.
    const all = page.getByTestId("meeting-attendance-all")
    await all.click()
    await expect.poll(() => attendance.locator("input:checked").count()).toBe(committee.items.length)
    await all.click()
    await expect.poll(() => attendance.locator("input:checked").count()).toBe(0)
    // Everyone but the last: the absentee gets a kind of leave and a note.
    await all.click()
    const absent = committee.items[committee.items.length - 1]
    if (absent === undefined) throw new Error("no committee member")
    await attendance.locator(`input[value="${absent.memberId}"]`).uncheck()
    await page.getByTestId(`absent-kind-${absent.memberId}`).click()
    await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: "病假" }).click()
    await page.getByTestId(`absent-reason-${absent.memberId}`).fill("住院")

    // The date and times on antd's pickers in Chinese, not the browser's own inputs.
    expect(await page.getByTestId("meeting-date").getAttribute("type")).not.toBe("date")
    // Yesterday in the browser's day: not after the server's today in any time zone.
    const today = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
    await page.getByTestId("meeting-date").click()
    await page.locator(".ant-picker-dropdown:visible .ant-picker-date-panel").waitFor()
    await page.getByTestId("meeting-date").fill(today)
    await page.getByTestId("meeting-date").press("Enter")
    await expect.poll(() => page.getByTestId("meeting-date").inputValue()).toBe(today)
    await page.getByTestId("meeting-start").click()
    await page.locator(".ant-picker-dropdown:visible .ant-picker-time-panel").waitFor()
    await page.getByTestId("meeting-start").fill("09:00")
    await page.getByTestId("meeting-start").press("Enter")
    await page.getByTestId("meeting-end").click()
    await page.getByTestId("meeting-end").fill("10:30")
    await page.getByTestId("meeting-end").press("Enter")
    await page.getByTestId("meeting-place").fill("党员活动室")
    await page.getByTestId("meeting-chair").fill("支部书记")
    await page.getByTestId("meeting-recorder").fill("组织委员")
    await page.getByTestId("meeting-topic").fill("学习习近平总书记最新重要讲话精神")
    await page.getByTestId("meeting-form").fill("集中学习")
    await page.getByTestId("meeting-absentees").scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(shots, "newcomer-meeting-form-1440.png") })
    await page.setViewportSize(phone)
    await page.getByTestId("meeting-absentees").scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(shots, "newcomer-meeting-form-390.png") })
    await page.setViewportSize(desktop)
    await page.getByTestId("meeting-save").click()
    await page.getByTestId("meeting-save").waitFor({ state: "hidden", timeout: 60_000 })

    const { items } = await api<MeetingList>(`/discipline/meetings?orgId=${branchId}`)
    const saved = items.find((m) => m.date === today && m.startTime === "09:00" && m.endTime === "10:30")
    expect(saved?.types).toEqual(["committee-meeting"])
    expect((saved?.expected.full ?? 0) + (saved?.expected.probationary ?? 0)).toBe(committee.items.length)
    expect(saved?.attendance).toHaveLength(committee.items.length)
    expect(saved?.attendance.find((a) => a.memberId === absent.memberId)).toEqual({
      memberId: absent.memberId,
      present: false,
      reasonKind: "sick",
      reason: "住院",
    })
  })

  it("an empty 表彰结果 says why and where results come from", async () => {
    for (const size of [desktop, phone]) {
      await page.setViewportSize(size)
      await page.goto(`${base}/care/commendations`)
      await page.getByRole("tab", { name: "表彰结果" }).click()
      await page.getByRole("spinbutton", { name: "年度" }).fill("2001")
      const empty = page.getByTestId("care-results-empty")
      await expect.poll(() => empty.textContent()).toContain("2001年")
      expect(await empty.textContent()).toContain("尚无经批准的表彰")
      expect(await empty.textContent()).toContain("党委批准后列于此处")
      await page.screenshot({ path: join(shots, `newcomer-care-results-${size.width}.png`) })
    }
    await page.setViewportSize(desktop)
  })
})

describe("a branch committee's posts in the admin", () => {
  it("adding a 组织委员 puts them on the 支委会 form's roll", async () => {
    await signIn("secretary1", { viewport: desktop })
    const me = await api<{ user: { orgId: string } }>("/auth/me")
    const branchId = me.user.orgId
    const before = await api<CommitteeView>(`/orgs/${branchId}/committee`)
    const whole = await api<MeetingRollView>(
      `/discipline/meetings/roll?orgId=${branchId}&types=general-meeting`,
    )
    const held = new Set(before.items.map((s) => s.memberId))
    const newcomer = whole.items.find((m) => !held.has(m.memberId))
    if (newcomer === undefined) throw new Error("every member of the branch already holds a post")

    await page.goto(`${base}/orgs?org=${branchId}`)
    const card = page.getByTestId("org-committee")
    await card
      .getByText(before.items[0]?.name ?? "")
      .first()
      .waitFor(slow)
    await page.screenshot({ path: join(shots, "committee-1440-card.png") })
    await page.getByTestId("committee-edit").click()
    await page.getByTestId("committee-add").click()
    const row = before.items.length
    await page.getByTestId(`committee-member-${row}`).click()
    await page.keyboard.type(newcomer.name)
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: newcomer.name })
      .first()
      .click()
    await page.getByTestId(`committee-duty-${row}`).click()
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: "组织委员" })
      .click()
    await page.screenshot({ path: join(shots, "committee-1440-form.png") })
    await page.getByTestId("committee-save").click()
    await page.getByTestId(`committee-seat-${newcomer.memberId}`).waitFor(slow)
    expect(await page.getByTestId(`committee-seat-${newcomer.memberId}`).textContent()).toContain("组织委员")
    const after = await api<CommitteeView>(`/orgs/${branchId}/committee`)
    expect(after.items.find((s) => s.memberId === newcomer.memberId)?.duty).toBe("organization")

    // The 支委会 form's roll now expects the new 组织委员.
    await page.goto(`${base}/discipline/meetings?orgId=${branchId}`)
    await page.getByTestId("record-meeting").click()
    await page.getByTestId("meeting-type-committee-meeting").click()
    const basis = page.getByTestId("meeting-roll-basis")
    await expect.poll(() => basis.getAttribute("data-basis"), slow).toBe("committee")
    const boxes = page.getByTestId("meeting-attendance").locator("input[type=checkbox]")
    await expect.poll(() => boxes.count(), slow).toBe(before.items.length + 1)
    expect(
      await page.getByTestId("meeting-attendance").locator(`input[value="${newcomer.memberId}"]`).count(),
    ).toBe(1)

    await page.setViewportSize(phone)
    await page.goto(`${base}/orgs?org=${branchId}`)
    await page.getByTestId(`committee-seat-${newcomer.memberId}`).waitFor(slow)
    await page.screenshot({ path: join(shots, "committee-390-card.png"), fullPage: true })
    await page.getByTestId("committee-edit").click()
    await page.getByTestId("committee-add").waitFor()
    await page.screenshot({ path: join(shots, "committee-390-form.png") })
    await page.setViewportSize(desktop)
  })
})
