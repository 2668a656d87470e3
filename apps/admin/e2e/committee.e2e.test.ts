import { join } from "node:path"
import type { MeetingRollView } from "@xianfeng/api/contract/discipline"
import type { CommitteeView } from "@xianfeng/api/contract/platform"
import { describe, expect, it } from "vitest"
import { api, base, page, shots, signIn, useHarness } from "./harness"

// 支部委员会 end to end: a branch secretary adds a 组织委员 on the organization's page, and the 支委会 form's roll
// (BR 12: the committee's members) then expects them too. Screenshots at 1440 and 390 px.

useHarness()

const desktop = { width: 1440, height: 900 }
const phone = { width: 390, height: 844 }
const slow = { timeout: 180_000 }

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
