import { join } from "node:path"
import type { ArrearsView } from "@xianfeng/api/contract/care"
import type {
  ComplianceView,
  DisciplineOverview,
  FindingList,
  HeatmapView,
  OrderList,
  StandingView,
} from "@xianfeng/api/contract/discipline"
import { describe, expect, it } from "vitest"
import { api, base, page, shots, useHarness } from "./harness"

// 组织生活与督查 end to end against the real API and the demo district: a meeting recorded through the form moves
// its branch's cell on the heatmap; a draw previewed twice with one seed draws the same sample; an order goes
// from issue (the demo's spot check) through evidence to a verified close.

useHarness({ signIn: "admin" })

describe("organizational life and inspections in the admin", () => {
  it("recording a meeting changes the branch's cell on the heatmap", async () => {
    // The district's first read judges and stores every organization's year (the compliance index): through the
    // page's own fetch, which has no 20-second limit, so that a loaded machine does not fail the scenario.
    await page.goto(`${base}/`)
    await page.evaluate(async () => (await fetch("/api/discipline/heatmap")).status)
    const before = await api<HeatmapView>("/discipline/heatmap")
    // A branch with a theme party day missed this year, and that month.
    let target: { orgId: string; month: string } | undefined
    for (const row of before.branches) {
      const c = await api<ComplianceView>(`/discipline/compliance?orgId=${row.orgId}`)
      const missed = c.periods.find((p) => p.obligation === "theme-day" && p.status === "missed")
      if (missed) {
        target = { orgId: row.orgId, month: missed.period }
        break
      }
    }
    if (target === undefined) throw new Error("the demo district has no missed theme party day to record")
    const m = before.months.indexOf(target.month)
    // A cell is [met, upcoming, due, overdue, missed] (the order of `statuses`).
    const cellOf = (h: HeatmapView) => {
      const c = h.branches.find((b) => b.orgId === target?.orgId)?.cells[m]
      return c && { met: c[h.statuses.indexOf("met")], missed: c[h.statuses.indexOf("missed")] }
    }

    await page.goto(`${base}/discipline/meetings?orgId=${target.orgId}`)
    await page.getByTestId("compliance-calendar").waitFor()
    await page.getByTestId("record-meeting").click()
    await page.getByTestId("meeting-type-theme-day").click()
    await page.getByTestId("meeting-date").fill(`${target.month}-15`)
    await page.getByTestId("meeting-date").press("Enter") // antd's DatePicker takes a typed date on Enter
    await page.getByTestId("meeting-place").fill("党员活动室")
    await page.getByTestId("meeting-chair").fill("支部书记")
    await page.getByTestId("meeting-recorder").fill("组织委员")
    await page.getByTestId("meeting-topic").fill("学习习近平总书记最新重要讲话精神")
    await page.getByTestId("meeting-form").fill("集中学习")
    await page.getByTestId("meeting-attendance").locator("input[type=checkbox]").first().check()
    await page.getByTestId("meeting-save").click()
    await page.getByText("会议已登记").waitFor()

    const after = await api<HeatmapView>("/discipline/heatmap")
    expect(cellOf(after)?.met).toBe((cellOf(before)?.met ?? 0) + 1)
    expect(cellOf(after)?.missed).toBe((cellOf(before)?.missed ?? 0) - 1)
    await page.goto(`${base}/discipline/heatmap`)
    await page.getByTestId("discipline-heatmap").locator("canvas").first().waitFor()
  })

  it("a draw run twice with the same seed gives the same sample", async () => {
    await page.goto(`${base}/discipline/inspections`)
    await page.getByTestId("draw-seed").fill("2026-Q4-e2e")
    await page.getByTestId("draw-preview").click()
    const sample = page.getByTestId("draw-sample")
    await sample.waitFor()
    const first = await sample.textContent()
    await page.getByTestId("draw-seed").fill("another-seed")
    await page.getByTestId("draw-preview").click()
    await expect.poll(() => sample.textContent()).not.toBe(first)
    await page.getByTestId("draw-seed").fill("2026-Q4-e2e")
    await page.getByTestId("draw-preview").click()
    await expect.poll(() => sample.textContent()).toBe(first)
    expect(first).toContain("xf-draw-1")
  })

  it("a finding recorded in the inspection becomes an order that goes from issue to a verified close", async () => {
    const heatmap = await api<HeatmapView>("/discipline/heatmap")
    const branch = heatmap.branches[0]
    if (branch === undefined) throw new Error("the demo district has no branch")
    const before = (await api<FindingList>("/discipline/findings")).items.map((f) => f.id)
    await page.goto(`${base}/discipline/inspections?orgId=${branch.orgId}`)
    await page.getByTestId("record-finding").click()
    const modal = page.locator(".ant-modal-content", { hasText: "记录检查发现的问题" })
    // The branch's orders still open are shown for re-checking before anything is recorded.
    await modal.getByTestId("finding-recheck").waitFor()
    await modal.getByLabel("事项").click()
    await page.locator(".ant-select-dropdown:visible .ant-select-item-option[title='主题党日']").click()
    await modal.getByTestId("finding-period").fill("2026-09")
    await modal.getByTestId("finding-evidence").fill("9月主题党日无会议记录")
    await page.getByTestId("finding-save").click()
    await page.getByText("问题已记录").waitFor()
    const finding = (await api<FindingList>("/discipline/findings")).items.find((f) => !before.includes(f.id))
    expect(finding).toMatchObject({
      orgId: branch.orgId,
      obligation: "theme-day",
      evidence: "9月主题党日无会议记录",
    })

    await page.getByTestId(`finding-issue-${finding?.id}`).click()
    await page.getByTestId("order-issue-save").click()
    await page.getByText("整改通知已下发").waitFor()
    const order = (await api<OrderList>("/discipline/orders")).items.find((o) => o.findingId === finding?.id)
    if (order === undefined) throw new Error("the order was not issued")
    const state = page.getByTestId(`order-state-${order.id}`)
    await expect.poll(() => state.textContent()).toBe("待整改")
    await page.getByTestId(`order-submit-${order.id}`).click()
    await page.getByTestId("order-evidence-text").fill("已于10月补开主题党日，附会议记录")
    await page.getByTestId("order-step-save").click()
    await expect.poll(() => state.textContent()).toBe("待验收")
    await page.getByTestId(`order-verify-${order.id}`).click()
    await page.locator(".ant-modal-content", { hasText: "已于10月补开主题党日" }).waitFor()
    await page.getByTestId("order-step-save").click()
    await expect.poll(() => state.textContent()).toBe("已销号")
    const closed = (await api<OrderList>("/discipline/orders")).items.find((o) => o.id === order.id)
    expect(closed).toMatchObject({ state: "closed", closedBy: expect.any(String) })
  })

  it("an overdue order escalated shows at the level above", async () => {
    const me = await api<{ user: { orgId: string } }>("/auth/me")
    const overdue = (await api<OrderList>("/discipline/orders")).items.find(
      (o) => o.overdue && o.state !== "closed" && o.escalations.length === 0,
    )
    if (overdue === undefined) throw new Error("the demo district has no overdue order")
    await page.goto(`${base}/discipline/inspections`)
    // One level up at a time (first the branch's committee) until it reaches the district, the admin's own level.
    const followed = async () =>
      (await api<OrderList>("/discipline/orders")).items.find((o) => o.id === overdue.id)
    for (let k = 1; k <= 4 && (await followed())?.followedBy !== me.user.orgId; k++) {
      await page.getByTestId(`order-escalate-${overdue.id}`).click()
      await page
        .locator(".ant-modal-confirm-btns")
        .getByRole("button", { name: /提级督办/ })
        .click()
      // The confirmation closes once the escalation is saved and the list reloaded (or refused, with a message):
      // the next level's button is pressed only after it has gone, and a refusal fails here with its own words.
      await page.locator(".ant-modal-confirm").waitFor({ state: "detached" })
      const refusal = page.locator(".ant-message-error")
      if ((await refusal.count()) > 0)
        throw new Error(`escalation ${k} refused: ${await refusal.textContent()}`)
      await expect.poll(async () => (await followed())?.escalations.length).toBe(k)
      // The tag names the organization now following it.
      await expect
        .poll(() => page.getByTestId(`order-escalated-${overdue.id}`).textContent())
        .toContain((await followed())?.followedByName)
    }
    const up = (await api<OrderList>("/discipline/orders")).items.find((o) => o.id === overdue.id)
    expect(up?.followedBy).toBe(me.user.orgId)
    await page.getByTestId("orders-filter").getByText("本级督办").click()
    await page.getByTestId(`order-escalated-${overdue.id}`).waitFor()
    expect(await page.getByTestId(`order-escalated-${overdue.id}`).textContent()).toContain(
      up?.followedByName,
    )
  })
  it("a member six months behind with dues shows the self-lapse alert on the standing page (PC 9)", async () => {
    const arrears = await api<ArrearsView>("/care/dues/arrears?year=2026")
    const late = arrears.items.find((i) => i.consecutiveUnpaid >= 6)
    if (late === undefined) throw new Error("the demo district needs a member six months behind with dues")
    const { orgId } = await api<{ orgId: string }>(`/members/${late.memberId}`)
    const view = await api<StandingView>(`/discipline/standing?orgId=${orgId}`)
    const message = view.members
      .find((m) => m.memberId === late.memberId)
      ?.alerts.find((a) => a.code === "STANDING-SELF-LAPSE.dues")?.message
    expect(message).toContain("党费")
    await page.goto(`${base}/discipline/standing?orgId=${orgId}`)
    const cell = page.getByTestId(`standing-alerts-${late.memberId}`)
    await cell.waitFor()
    expect(await cell.textContent()).toContain(message)
    expect(await page.getByTestId("standing-missing").textContent()).not.toContain("党费")
  })

  it.each([
    { name: "desktop", width: 1440, height: 900 },
    { name: "phone", width: 390, height: 844 },
  ])(
    "the heatmap says what it shows and drills down; the meetings page asks for a branch ($name)",
    async (size) => {
      await page.setViewportSize({ width: size.width, height: size.height })
      try {
        const district = await api<HeatmapView>("/discipline/heatmap")
        const root = district.rollup.find((r) => r.parentId === null)
        const child = district.rollup.find(
          (r) => r.parentId !== null && r.kind !== "branch" && r.branches > 0,
        )
        if (root === undefined || child === undefined) throw new Error("the demo district has no committee")
        await page.goto(`${base}/discipline/heatmap`)
        await page.getByTestId("discipline-heatmap").locator("canvas").first().waitFor()
        // The filter names the whole scope it shows, not "pick an organization".
        expect(await page.getByTestId("heatmap-org").textContent()).toContain(root.name)
        // The legend is in the first screen, above the chart.
        const legend = await page.getByTestId("heatmap-legend").boundingBox()
        expect(legend, "the legend is shown").not.toBeNull()
        expect((legend?.y ?? 0) + (legend?.height ?? 0)).toBeLessThanOrEqual(size.height)
        // The summary counts obligations and says so, with the branches it covers.
        const summary = await page.getByTestId("heatmap-summary").textContent()
        expect(summary).toContain(`${root.branches}个党支部`)
        expect(summary).toContain(
          `${root.year.met} / ${root.year.met + root.year.overdue + root.year.missed} 项`,
        )
        await page.screenshot({ path: join(shots, `discipline-${size.name}-heatmap-first-screen.png`) })
        // Drill down to a committee: only its branches, the way back offered.
        if (size.width >= 768) await page.getByTestId(`heatmap-child-${child.orgId}`).click()
        else {
          // On a phone the children are one select.
          await page.getByTestId("heatmap-children").click()
          await page.locator(".ant-select-item-option", { hasText: child.name }).first().click()
        }
        await expect.poll(() => page.getByTestId("heatmap-summary").textContent()).toContain(child.name)
        expect(new URL(page.url()).searchParams.get("orgId")).toBe(child.orgId)
        await page.getByTestId("discipline-heatmap").locator("canvas").first().waitFor()
        await page.screenshot({ path: join(shots, `discipline-${size.name}-heatmap-committee.png`) })
        // 组织生活 without a branch chosen says what to do instead of an empty table.
        await page.goto(`${base}/discipline/meetings`)
        await page.getByTestId("meetings-pick-org").waitFor()
        expect(await page.getByTestId("record-meeting").isDisabled()).toBe(true)
        expect(await page.getByTestId("meetings-pick-org").textContent()).toContain(
          "请先在右上角选择一个党支部",
        )
        await page.screenshot({ path: join(shots, `discipline-${size.name}-meetings-no-branch.png`) })
      } finally {
        await page.setViewportSize({ width: 1440, height: 900 })
      }
    },
  )

  it.each([
    { name: "desktop", width: 1440, height: 900 },
    { name: "phone", width: 390, height: 844 },
  ])("every discipline page fits a $width×$height window without sideways scrolling", async (size) => {
    const heatmap = await api<HeatmapView>("/discipline/heatmap")
    const branch = heatmap.branches[0]?.orgId ?? ""
    await page.setViewportSize({ width: size.width, height: size.height })
    try {
      for (const [name, path, ready] of [
        ["meetings", `/discipline/meetings?orgId=${branch}`, "meeting-list"],
        ["heatmap", "/discipline/heatmap", "discipline-heatmap"],
        ["inspections", "/discipline/inspections", "order-list"],
        ["standing", `/discipline/standing?orgId=${branch}`, "standing-list"],
      ] as const) {
        await page.goto(`${base}${path}`)
        await page.getByTestId(ready).waitFor()
        await page.waitForTimeout(400)
        const { vw, wide } = await page.evaluate(() => ({
          vw: window.innerWidth,
          wide: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
        }))
        await page.screenshot({ path: join(shots, `discipline-${size.name}-${name}.png`), fullPage: false })
        expect(wide, `${name}: ${wide} px wide in a ${vw} px window`).toBeLessThanOrEqual(vw)
      }
      await page.goto(`${base}/discipline/meetings?orgId=${branch}`)
      // The list first: a click while the page still loads its branch (slow in a busy CI run) opened nothing.
      await page.getByTestId("meeting-list").waitFor()
      await page.getByTestId("record-meeting").click()
      await page.getByTestId("meeting-date").waitFor()
      await page.screenshot({
        path: join(shots, `discipline-${size.name}-meeting-form.png`),
        fullPage: false,
      })
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 })
    }
  })
  it.each([
    { name: "desktop", width: 1440, height: 900 },
    { name: "phone", width: 390, height: 844 },
  ])("the dashboard's 纪律约束 panel shows the scope's quarter and its orders ($name)", async (size) => {
    await page.setViewportSize({ width: size.width, height: size.height })
    try {
      await page.goto(`${base}/`)
      const panel = page.getByTestId("discipline-panel")
      await panel.waitFor()
      // Read through the page's own connection (the request context's idle one may have been closed meanwhile).
      const overview = (await page.evaluate(async () =>
        (await fetch("/api/discipline/overview")).json(),
      )) as DisciplineOverview
      expect(await page.getByTestId("discipline-panel-orders").textContent()).toContain(
        String(overview.orders.notClosed),
      )
      expect(await page.getByTestId("discipline-panel-orders-overdue").textContent()).toContain(
        String(overview.orders.overdue),
      )
      // The rate says what it counts (obligations due this quarter), next to the branches behind (branches).
      const q = overview.quarterCounts
      expect(await page.getByTestId("discipline-panel-rate-count").textContent()).toBe(
        `已到期 ${q.met + q.overdue + q.missed} 项中按时落实 ${q.met} 项`,
      )
      expect(await page.getByTestId("discipline-panel-behind").textContent()).toContain(
        `/ ${overview.branches} 个支部`,
      )
      expect(await page.getByTestId("discipline-panel-behind").textContent()).toContain(
        String(overview.branchesBehind),
      )
      expect(overview.orders.overdue).toBeGreaterThan(0)
      await panel.scrollIntoViewIfNeeded()
      const { vw, wide } = await page.evaluate(() => ({
        vw: window.innerWidth,
        wide: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
      }))
      await page.screenshot({
        path: join(shots, `discipline-${size.name}-dashboard-panel.png`),
        fullPage: false,
      })
      expect(wide, `dashboard: ${wide} px wide in a ${vw} px window`).toBeLessThanOrEqual(vw)
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 })
    }
  })
})
