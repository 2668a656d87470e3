import { join } from "node:path"
import type { SurveyView, VisitPlanView } from "@xianfeng/api/contract/care"
import { describe, expect, it } from "vitest"
import { api, base, harness, page, shots, useHarness } from "./harness"

// 党内关怀 end to end against the real API and the demo district, as the first branch secretary: a visit recorded
// through the form moves the Spring Festival plan's progress; the branch reviews its survey entries and confirms;
// the festival calendar with its lunar dates fits a phone.

useHarness({ signIn: "secretary1" })

describe("care in the admin", () => {
  it("recording a visit moves the plan's progress", async () => {
    const { items } = await api<{ items: { id: string }[] }>("/care/visit-plans")
    const planId = items[0]?.id as string
    const before = await api<VisitPlanView>(`/care/visit-plans/${planId}`)
    const target = before.targets.find((t) => t.visit === null)
    if (target === undefined)
      throw new Error("the demo plan has no one left to visit in the secretary's branch")

    await page.goto(`${base}/care`)
    await page.getByTestId("care-plan-count").waitFor()
    expect(await page.getByTestId("care-plan-count").textContent()).toBe(
      `${before.plan.visited} / ${before.plan.targets}`,
    )
    await page.getByTestId(`care-visit-${target.id}`).click()
    await page.getByTestId("care-visitors").fill("支部书记、组织委员")
    await page.getByTestId("care-amount").fill("1000")
    await page.getByTestId("care-visit-save").click()
    await page.getByText("已登记走访").waitFor()
    await expect
      .poll(() => page.getByTestId("care-plan-count").textContent())
      .toBe(`${before.plan.visited + 1} / ${before.plan.targets}`)

    const after = await api<VisitPlanView>(`/care/visit-plans/${planId}`)
    expect(after.plan.spentFen).toBe(before.plan.spentFen + 100_000)
    expect(after.targets.find((t) => t.id === target.id)?.visit?.visitors).toEqual(["支部书记", "组织委员"])
  })

  it("a branch reviews its survey entries and confirms", async () => {
    await page.goto(`${base}/care/survey`)
    await page.getByTestId("care-confirm-branch").waitFor()
    // The demo leaves the secretaries' branches with entries to review. Every one still holds.
    await page.locator("[data-testid^=care-holds-]").first().waitFor()
    for (;;) {
      const next = page.locator("[data-testid^=care-holds-]").first()
      if ((await next.count()) === 0) break
      await next.click()
      await next.waitFor({ state: "detached" })
    }
    await page.getByTestId("care-confirm-branch").click()
    await page.getByTestId("care-confirm-branch").waitFor({ state: "detached" })
    const { items } = await api<{ items: SurveyView[] }>("/care/surveys")
    const me = await api<{ user: { orgId: string } }>("/auth/me")
    expect(items[0]?.branches.find((b) => b.orgId === me.user.orgId)?.confirmedOn).not.toBeNull()
  })

  it("the festival calendar shows the lunar dates and fits a phone", async () => {
    for (const [w, h, name] of [
      [1280, 800, "desktop"],
      [390, 844, "phone"],
    ] as const) {
      await page.setViewportSize({ width: w, height: h })
      await page.goto(`${base}/care`)
      await page.getByTestId("care-calendar").locator("[data-date]").first().waitFor()
      // The plan's month is shown: the Spring Festival's cell reads 春节.
      await page.getByTestId("care-calendar").getByText("春节").first().waitFor()
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      expect(overflow, name).toBeLessThanOrEqual(0)
      await page.screenshot({ path: join(shots, `care-visits-${name}.png`), fullPage: true })
      await page.goto(`${base}/care/survey`)
      await page.getByTestId("care-survey-progress").waitFor()
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        `${name} survey`,
      ).toBeLessThanOrEqual(0)
      await page.screenshot({ path: join(shots, `care-survey-${name}.png`), fullPage: true })
      await page.goto(`${base}/care/dues`)
      await page.getByTestId("care-arrears").waitFor()
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        `${name} dues`,
      ).toBeLessThanOrEqual(0)
      await page.screenshot({ path: join(shots, `care-dues-${name}.png`), fullPage: true })
    }
    expect(harness?.offOrigin).toEqual([])
    expect(harness?.pageErrors).toEqual([])
  })
})
