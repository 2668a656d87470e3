import { join } from "node:path"
import type { FirstItemLedger } from "@xianfeng/api/contract/education"
import { describe, expect, it } from "vitest"
import { base, harness, page, shots, shownRowKeys, signIn, useHarness } from "./harness"

// 教育培训 end to end against the real API and the demo district: a branch secretary creates a class, enrols the
// branch, ticks attendance and sees the hours on a member's card; posts in 书记话党建 and finds the post by a
// Chinese word; the organization department hides it, and another secretary no longer finds it.

/** The forum's search box (antd puts the test id on the input itself or on its wrapper). */
const search = () =>
  page.locator('input[data-testid="forum-search"], [data-testid="forum-search"] input').first()

const logout = async () => {
  await page.getByTestId("user-menu").click()
  await page.getByTestId("logout").click()
  await page.waitForURL(`${base}/login`)
  await page.getByTestId("login-submit").waitFor()
}

useHarness()

describe("education and training in the admin", () => {
  it("a class is created, attendance ticked, and the hours show on a member's card", async () => {
    await signIn("secretary1")
    await page.goto(`${base}/education`)
    await page.getByTestId("class-create").click()
    await page.getByTestId("class-title").fill("支部党员冬训班（浏览器测试）")
    await page.getByTestId("session-topic-0").fill("党章学习")
    await page.getByTestId("session-date-0").fill("2026-11-02")
    await page.getByTestId("class-save").click()
    await page.waitForURL(/\/education\/classes\//)
    await page.getByTestId("enrol").click()
    await page.getByText(/新增报名\d+人/).waitFor()
    // The page refetches the class and its roster after enrolling; a tick made before that redraw is lost with it.
    await page.waitForLoadState("networkidle")
    const first = page.getByTestId("attendance-ticks").locator("input[type=checkbox]").first()
    await first.waitFor()
    await expect
      .poll(
        async () => {
          await first.check({ timeout: 2_000 }).catch(() => undefined)
          return first.isChecked()
        },
        { timeout: 20_000 },
      )
      .toBe(true)
    await page.getByTestId("save-attendance").click()
    await page.getByText("已登记出勤1人").waitFor()
    // The page refetches the class after the save: its person-times become 1.
    await page.locator('[data-testid="class-person-times"]', { hasText: /^1$/ }).waitFor()
    await page.getByTestId("roster-member").first().click()
    await page.waitForURL(/\/education\/members\//)
    await page.getByTestId("card-hours").waitFor()
    await page.getByText("党章学习").first().waitFor()
    await page.getByText("2026-11-02").first().waitFor()
    await page.screenshot({ path: join(shots, "education-card.png"), fullPage: true })
  })

  it("a forum post is found by a Chinese word, and once hidden by the organization department others no longer see it", async () => {
    await page.goto(`${base}/education/forum`)
    await page.getByTestId("forum-new").click()
    await page.getByTestId("thread-title").fill("楼道党小组的做法")
    await page.getByTestId("thread-body").fill("我们在老旧小区推行“楼道议事会”，党员带头协调加装电梯。")
    await page.getByTestId("thread-save").click()
    await page.getByText("已发布").waitFor()
    await search().fill("加装电梯")
    await search().press("Enter")
    await page.getByTestId("forum-threads").getByText("楼道党小组的做法").waitFor()
    await logout()

    await signIn("admin")
    await page.goto(`${base}/education/forum`)
    await page.getByTestId("forum-threads").getByText("楼道党小组的做法").click()
    await page.getByTestId("forum-hide").first().click()
    await page.getByTestId("forum-hide-reason").fill("与主题无关")
    await page.getByTestId("forum-hide-ok").click()
    await page.getByText("已屏蔽：与主题无关").waitFor()
    await logout()

    await signIn("secretary2")
    await page.goto(`${base}/education/forum`)
    await search().fill("加装电梯")
    await search().press("Enter")
    await page.getByText("还没有帖子").waitFor()
    expect(await page.getByTestId("forum-threads").getByText("楼道党小组的做法").count()).toBe(0)
  })

  it("online learning is entered on a member's card and counted in their hours (desktop and phone)", async () => {
    await signIn("secretary1")
    const res = await page.request.get(`${base}/api/members?pageSize=20`)
    const { items } = (await res.json()) as { items: { id: string; stage: string }[] }
    const member = items.find((m) => m.stage === "full")
    expect(member).toBeDefined()
    await page.goto(`${base}/education/members/${member?.id}`)
    const hours = page.getByTestId("card-hours").locator(".ant-statistic-content-value")
    await hours.waitFor()
    const before = Number(await hours.innerText())
    await page.getByTestId("online-open").click()
    await page.getByTestId("online-date").fill(`${new Date().getFullYear()}-01-03`)
    await page.getByTestId("online-hours").fill("2.5")
    await page.screenshot({ path: join(shots, "education-online-form.png") })
    await page.getByTestId("online-save").click()
    await page.getByText("已录入网络学习学时").waitFor()
    await page
      .locator('[data-testid="card-hours"] .ant-statistic-content-value', {
        hasText: String(before + 2.5),
      })
      .waitFor()
    await page.screenshot({ path: join(shots, "education-online-desktop.png"), fullPage: true })
    await page.setViewportSize({ width: 390, height: 844 })
    await page.getByTestId("online-open").click()
    await page.getByTestId("online-hours").fill("-1")
    await page.getByTestId("online-date").fill(`${new Date().getFullYear()}-01-04`)
    await page.getByTestId("online-save").click()
    // The API's 422 names the field: the message shows on it, and nothing is written.
    await page.getByText("学时须大于0且不超过16").waitFor()
    await page.screenshot({ path: join(shots, "education-online-phone.png"), fullPage: true })
    await page.setViewportSize({ width: 1440, height: 900 })
  })

  it("a branch secretary sees the classes organized above that enrol their members, their branch preselected (desktop and phone)", async () => {
    await signIn("secretary1")
    await page.goto(`${base}/education`)
    // The list's organization filter holds the secretary's one branch without a pick.
    await page.getByTestId("classes-org").getByText(/支部/).first().waitFor()
    // The committee's yearly class enrols the branch's members: listed with its organizer's name.
    const row = page.getByText(/年度党员集中学习/).first()
    await row.waitFor()
    await page.screenshot({ path: join(shots, "education-classes-secretary-desktop.png"), fullPage: true })
    await page.setViewportSize({ width: 390, height: 844 })
    await row.waitFor()
    await page.screenshot({ path: join(shots, "education-classes-secretary-phone.png"), fullPage: true })
    await page.setViewportSize({ width: 1440, height: 900 })
    await row.click()
    await page.waitForURL(/\/education\/classes\//)
    // Seen from below: the notice, no closing or enrolling, the branch's own members on the roster.
    await page.getByTestId("class-seen-from-below").waitFor()
    expect(await page.getByTestId("enrol").count()).toBe(0)
    expect(await page.getByRole("button", { name: "结业" }).count()).toBe(0)
    await page.getByTestId("roster-member").first().waitFor()
    await page.screenshot({ path: join(shots, "education-class-from-below-desktop.png"), fullPage: true })
    await page.setViewportSize({ width: 390, height: 844 })
    await page.screenshot({ path: join(shots, "education-class-from-below-phone.png"), fullPage: true })
    await page.setViewportSize({ width: 1440, height: 900 })
  })

  it("the 第一议题 ledger pages its lines on the server and starts again at the first page for other dates (desktop and phone)", async () => {
    await signIn("officer", { viewport: { width: 1280, height: 800 } })
    /** The ledger the page asks the API for next, at `pageNo` (what it shows must be that answer). */
    const answer = (pageNo: number) =>
      page
        .waitForResponse((r) => {
          const url = new URL(r.url())
          return url.pathname === "/api/education/first-item" && url.searchParams.get("page") === `${pageNo}`
        })
        .then(async (r) => (await r.json()) as FirstItemLedger)
    const shown = shownRowKeys("fi-lines")
    const ids = (l: FirstItemLedger) => l.lines.map((x) => x.meetingId)
    // (the ledger's pagination is the first on the page, the compliance table's the second.)
    const pager = page.locator(".ant-pagination").first()

    for (const [w, h, name] of [
      [1280, 800, "desktop"],
      [390, 844, "phone"],
    ] as const) {
      await page.setViewportSize({ width: w, height: h })
      const first = answer(1)
      await page.goto(`${base}/education/first-item`)
      const p1 = await first
      if (p1.linesTotal <= p1.pageSize) throw new Error("the demo's ledger needs more than a page of lines")
      expect(p1.lines.length).toBe(20)
      await expect.poll(shown).toEqual(ids(p1))
      await pager.getByText(`共 ${p1.linesTotal} 条`).waitFor()
      // The second page is read when asked for: other meetings, the same total.
      const second = answer(2)
      await pager.locator(".ant-pagination-item-2").click()
      const p2 = await second
      expect(p2.linesTotal).toBe(p1.linesTotal)
      expect(ids(p2).filter((id) => ids(p1).includes(id))).toEqual([])
      await expect.poll(shown).toEqual(ids(p2))
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        `${name} first item`,
      ).toBeLessThanOrEqual(0)
      await page.screenshot({ path: join(shots, `education-first-item-${name}.png`), fullPage: true })
      // Another window: back to its first page.
      const again = answer(1)
      await page.getByLabel("起", { exact: true }).fill(`${p1.from.slice(0, 4)}-02-01`)
      const moved = await again
      expect(moved.from).toBe(`${p1.from.slice(0, 4)}-02-01`)
      await expect.poll(shown).toEqual(ids(moved))
      await pager.locator(".ant-pagination-item-active").getByText("1").waitFor()
    }
    expect(harness?.offOrigin).toEqual([])
    expect(harness?.pageErrors).toEqual([])
  })
})
