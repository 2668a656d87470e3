import { join } from "node:path"
import type {
  ArrearsView,
  CampaignView,
  CommendationResultList,
  NominationView,
  SurveyView,
  VisitPlanView,
} from "@xianfeng/api/contract/care"
import { describe, expect, it } from "vitest"
import { api, base, harness, page, shots, shownRowKeys, signIn, useHarness } from "./harness"

/** Fen as the admin writes yuan: two decimals, grouped as in zh-CN. */
const yuanOf = (fen: number) =>
  (fen / 100).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 })

// 党内关怀 end to end against the real API and the demo district, as the first branch secretary: a visit recorded
// through the form moves the Spring Festival plan's progress; the branch reviews its survey entries and confirms;
// the festival calendar with its lunar dates fits a phone.

useHarness({ signIn: "secretary1" })

describe("care in the admin", () => {
  it("recording a visit moves the plan's progress", async () => {
    const { items } = await api<{ items: { id: string }[] }>("/care/visit-plans")
    const planId = items[0]?.id as string
    const before = await api<VisitPlanView>(`/care/visit-plans/${planId}?visited=false`)
    const target = before.targets[0]
    if (target === undefined)
      throw new Error("the demo plan has no one left to visit in the secretary's branch")

    await page.goto(`${base}/care`)
    await page.getByTestId("care-plan-count").waitFor()
    expect(await page.getByTestId("care-plan-count").textContent()).toBe(
      `${before.plan.visited} / ${before.plan.targets}`,
    )
    // Those still to visit: the person is on the first page of them.
    await page.getByTestId("care-visit-filter").getByText("未走访").click()
    await page.getByTestId(`care-visit-${target.id}`).click()
    await page.getByTestId("care-visitors").fill("支部书记、组织委员")
    await page.getByTestId("care-amount").fill("1000")
    await page.getByTestId("care-visit-save").click()
    await page.getByText("已登记走访").waitFor()
    await expect
      .poll(() => page.getByTestId("care-plan-count").textContent())
      .toBe(`${before.plan.visited + 1} / ${before.plan.targets}`)
    // Visited, the person leaves the list of those left.
    await page.getByTestId(`care-visit-${target.id}`).waitFor({ state: "detached" })

    const after = await api<VisitPlanView>(`/care/visit-plans/${planId}?visited=true&pageSize=100`)
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

  it("a one-branch secretary finds their branch preselected on the ledger and the dues", async () => {
    const me = await api<{ user: { orgId: string } }>("/auth/me")
    for (const path of ["/care/ledger", "/care/dues"]) {
      await page.goto(`${base}${path}`)
      // The picker holds the branch, not its placeholder, and the page asks for that branch.
      await page.waitForURL((url) => url.searchParams.get("orgId") === me.user.orgId)
      await page.getByTestId("care-org").getByText(/支部/).first().waitFor()
      expect(await page.getByTestId("care-org").textContent()).not.toContain("请选择所属组织")
    }
  })

  it("the dues sheet comes a page at a time, and the assessment finds a member by name from the API", async () => {
    const me = await api<{ user: { orgId: string } }>("/auth/me")
    const whole = await api<{ total: number; rows: { memberId: string; name: string }[] }>(
      `/care/dues/sheet?year=2026&orgId=${me.user.orgId}&pageSize=100`,
    )
    await page.goto(`${base}/care/dues?orgId=${me.user.orgId}`)
    // The arrears tab counts the whole list (the API's total, not the page's rows) and sums it up.
    const owing = await api<ArrearsView>(`/care/dues/arrears?year=2026&orgId=${me.user.orgId}`)
    await page.getByRole("tab", { name: `欠缴名单（${owing.total}）` }).waitFor()
    await expect
      .poll(() => page.getByTestId("care-arrears-summary").allTextContents())
      .toEqual(
        owing.total === 0
          ? []
          : [`其中连续6个月以上未缴 ${owing.selfLapse} 人；合计欠缴 ${yuanOf(owing.owedFen)} 元`],
      )
    await page.getByRole("tab", { name: "收缴台账" }).click()
    await page.getByText(`共 ${whole.total} 条`).waitFor()
    await page.screenshot({ path: join(shots, "care-dues-sheet.png"), fullPage: true })
    const someone = whole.rows[whole.rows.length - 1]
    if (someone === undefined) throw new Error("the branch has no one on its dues roll")
    await page.getByTestId("care-assess").click()
    await page.getByTestId("care-assess-member").click()
    await page.keyboard.type(someone.name)
    await page.locator(".ant-select-item-option").filter({ hasText: someone.name }).first().click()
    await expect.poll(() => page.getByTestId("care-assess-member").textContent()).toContain(someone.name)
    await page.screenshot({ path: join(shots, "care-dues-assess.png") })
    await page.keyboard.press("Escape")
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

describe("care's forms in the admin", () => {
  it("a committee officer nominates within the town's quota, is refused over it in the form, and moves nominations on", async () => {
    await signIn("officer", { viewport: { width: 1440, height: 900 } })

    const { items: campaigns } = await api<{ items: CampaignView[] }>("/care/campaigns")
    const campaign = campaigns[0]
    if (campaign === undefined) throw new Error("the demo district needs a commendation campaign")
    const quotaOf = async () =>
      (await api<{ items: CampaignView[] }>("/care/campaigns")).items[0]?.quotas.find(
        (q) => q.orgId === "c01",
      )
    const before = await quotaOf()
    if (before === undefined || before.used !== before.quota - 1)
      throw new Error("the demo leaves the first town one place to nominate")
    const nominationsOf = async () =>
      (await api<{ items: NominationView[] }>(`/care/campaigns/${campaign.id}/nominations`)).items
    const nominated = new Set((await nominationsOf()).map((n) => n.name))

    await page.goto(`${base}/care/commendations`)
    const nominate = async (used: number) => {
      await page.getByTestId("care-nominate").click()
      const dialog = page.getByRole("dialog")
      await dialog.getByLabel("推荐单位（已推荐/名额）").click()
      await page
        .locator(".ant-select-item-option", { hasText: `${before.orgName}（${used}/${before.quota}）` })
        .first()
        .click()
      await dialog.getByLabel("党员", { exact: true }).click()
      const options = page.locator(".ant-select-item-option:visible")
      await options.first().waitFor()
      const names = await options.allTextContents()
      const fresh = names.findIndex((n) => !nominated.has(n))
      if (fresh < 0) throw new Error("every member offered is nominated already")
      nominated.add(names[fresh] as string)
      await options.nth(fresh).click()
      await dialog.getByLabel(`${campaign.year - 1}年度民主评议等次`).click()
      await page.locator(".ant-select-item-option:visible", { hasText: "优秀" }).first().click()
      await dialog.getByLabel("主要事迹").fill("带领群众修建村道，组织防汛抢险")
      await page.getByTestId("care-nomination-save").click()
      return dialog
    }
    const first = await nominate(before.used)
    await first.waitFor({ state: "detached" })
    expect((await quotaOf())?.used).toBe(before.quota)
    const count = (await nominationsOf()).length

    // The place is taken: the next nomination is refused and the form says why, under the organization.
    const second = await nominate(before.quota)
    await second.locator(".ant-form-item-explain-error", { hasText: "名额" }).waitFor()
    await page.screenshot({ path: join(shots, "care-nominate-refused-desktop.png") })
    await second.getByRole("button", { name: /取\s*消/ }).click()
    expect((await nominationsOf()).length).toBe(count)

    // Vetting → public notice → approval (the demo's notice has run its working days).
    const vetted = (await nominationsOf()).find((n) => n.stage === "vetted")
    const noticed = (await nominationsOf()).find((n) => n.stage === "noticed")
    if (vetted === undefined || noticed === undefined)
      throw new Error("the demo needs vetted and noticed nominations")
    await page.getByTestId(`care-step-noticed-${vetted.id}`).click()
    await expect
      .poll(async () => (await nominationsOf()).find((n) => n.id === vetted.id)?.stage)
      .toBe("noticed")
    await page.getByTestId(`care-step-approved-${noticed.id}`).click()
    await expect
      .poll(async () => (await nominationsOf()).find((n) => n.id === noticed.id)?.stage)
      .toBe("approved")

    for (const [w, h, name] of [
      [1440, 900, "desktop"],
      [390, 844, "phone"],
    ] as const) {
      await page.setViewportSize({ width: w, height: h })
      await page.goto(`${base}/care/commendations`)
      await page.getByTestId("care-nominate").waitFor()
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        `${name} commendations`,
      ).toBeLessThanOrEqual(0)
      await page.screenshot({ path: join(shots, `care-commendations-${name}.png`), fullPage: true })
      await page.goto(`${base}/`)
      await page.getByTestId("care-panel").locator("canvas").first().waitFor()
      await page.getByTestId("care-panel").scrollIntoViewIfNeeded()
      await page.screenshot({ path: join(shots, `care-dashboard-${name}.png`), fullPage: true })
    }
    expect(harness?.offOrigin).toEqual([])
    expect(harness?.pageErrors).toEqual([])
  })
  it("the visits table pages through a town's plan on the server and filters who is left, on a desktop and a phone", async () => {
    await signIn("officer", { viewport: { width: 1280, height: 800 } })
    const { items } = await api<{ items: { id: string }[] }>("/care/visit-plans")
    const planId = items[0]?.id as string
    /** The first two pages (of 20) of the plan's targets the API answers, everyone or `visited` only. */
    const pagesOf = async (visited?: boolean) =>
      Promise.all(
        [1, 2].map((n) =>
          api<VisitPlanView>(
            `/care/visit-plans/${planId}?page=${n}${visited === undefined ? "" : `&visited=${visited}`}`,
          ),
        ),
      )
    const [all, left, visited] = [await pagesOf(), await pagesOf(false), await pagesOf(true)]
    if ((all[1]?.targets.length ?? 0) === 0 || (left[0]?.targets.length ?? 0) === 0)
      throw new Error("the demo's town plan needs more than a page of people, some not yet visited")
    const ids = (p: VisitPlanView | undefined) => p?.targets.map((t) => t.id)
    const table = page.getByTestId("care-targets")
    const shown = shownRowKeys("care-targets")

    for (const [w, h, name] of [
      [1280, 800, "desktop"],
      [390, 844, "phone"],
    ] as const) {
      await page.setViewportSize({ width: w, height: h })
      await page.goto(`${base}/care`)
      // The first page is the API's, with the plan's number of people; the second is read when asked for.
      await expect.poll(shown).toEqual(ids(all[0]))
      // (antd puts the table's test id on the table, its pagination beside it: the page's only pagination.)
      await page.locator(".ant-pagination").getByText(`共 ${all[0]?.total} 条`).waitFor()
      await page.locator(".ant-pagination-item-2").click()
      await expect.poll(shown).toEqual(ids(all[1]))
      // Who is left: from the first page again, each with the button to record a visit; then who was visited.
      await page.getByTestId("care-visit-filter").getByText("未走访").click()
      await expect.poll(shown).toEqual(ids(left[0]))
      await page.locator(".ant-pagination").getByText(`共 ${left[0]?.total} 条`).waitFor()
      for (const id of ids(left[0]) ?? []) await table.getByTestId(`care-visit-${id}`).waitFor()
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        `${name} visits`,
      ).toBeLessThanOrEqual(0)
      await page.screenshot({ path: join(shots, `care-visits-left-${name}.png`), fullPage: true })
      await page.getByTestId("care-visit-filter").getByText("已走访").click()
      await expect.poll(shown).toEqual(ids(visited[0]))
      await page.screenshot({ path: join(shots, `care-visits-visited-${name}.png`), fullPage: true })
    }
    expect(harness?.offOrigin).toEqual([])
    expect(harness?.pageErrors).toEqual([])
  })
  it("the arrears list pages through the district on the server, the longest run first, with the whole list's figures, on a desktop and a phone", async () => {
    await signIn("admin", { viewport: { width: 1280, height: 800 } })
    const [first, second] = await Promise.all(
      [1, 2].map((n) => api<ArrearsView>(`/care/dues/arrears?year=${new Date().getFullYear()}&page=${n}`)),
    )
    if (first === undefined || second === undefined || second.items.length === 0)
      throw new Error("the demo district needs more than a page of members in arrears")
    const ids = (p: ArrearsView) => p.items.map((i) => i.memberId)
    const shown = shownRowKeys("care-arrears")
    for (const [w, h, name] of [
      [1280, 800, "desktop"],
      [390, 844, "phone"],
    ] as const) {
      await page.setViewportSize({ width: w, height: h })
      await page.goto(`${base}/care/dues`)
      await page.getByRole("tab", { name: `欠缴名单（${first.total}）` }).waitFor()
      await expect.poll(shown).toEqual(ids(first))
      await expect
        .poll(() => page.getByTestId("care-arrears-summary").textContent())
        .toBe(`其中连续6个月以上未缴 ${first.selfLapse} 人；合计欠缴 ${yuanOf(first.owedFen)} 元`)
      await page.locator(".ant-pagination").getByText(`共 ${first.total} 条`).waitFor()
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        `${name} arrears`,
      ).toBeLessThanOrEqual(0)
      await page.screenshot({ path: join(shots, `care-arrears-${name}.png`), fullPage: true })
      await page.locator(".ant-pagination-item-2").click()
      await expect.poll(shown).toEqual(ids(second))
    }
    expect(harness?.offOrigin).toEqual([])
    expect(harness?.pageErrors).toEqual([])
  })

  it("the results tab lists the approved commendations by year and exports them, on a desktop and a phone", async () => {
    await signIn("officer", { viewport: { width: 1440, height: 900 } })
    const { items } = await api<CommendationResultList>("/care/commendations/results")
    const first = items[0]
    if (first === undefined) throw new Error("the demo district needs an approved commendation in c01")
    for (const [w, h, name] of [
      [1440, 900, "desktop"],
      [390, 844, "phone"],
    ] as const) {
      await page.setViewportSize({ width: w, height: h })
      await page.goto(`${base}/care/commendations`)
      await page.getByRole("tab", { name: "表彰结果" }).click()
      // A table on a desktop, cards on a phone: the name in the results tab's pane either way.
      await page.locator(".ant-tabs-tabpane-active").getByText(first.name, { exact: true }).first().waitFor()
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        `${name} results`,
      ).toBeLessThanOrEqual(0)
      await page.screenshot({ path: join(shots, `care-results-${name}.png`), fullPage: true })
    }
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("care-results-export").click(),
    ])
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/)
    expect(harness?.offOrigin).toEqual([])
    expect(harness?.pageErrors).toEqual([])
  })
})
