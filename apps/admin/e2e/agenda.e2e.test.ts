import { join } from "node:path"
import type { AgendaView } from "@xianfeng/api/contract/agenda"
import { describe, expect, it } from "vitest"
import { base, context, harness, page, shots, signIn, useHarness } from "./harness"

// 日程 end to end against the real API and the demo district: the dashboard's "近30天到期" panel lists what falls
// due in the user's scope and links to it; the account menu leads to the calendar feed, whose address answers
// an iCalendar stream without a session and stops answering once replaced.

/** The page is no wider than the screen (no horizontal scroll). */
const fitsWidth = () =>
  page.evaluate(
    () => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) <= window.innerWidth,
  )

useHarness()

describe("the agenda in the admin", () => {
  it("the dashboard lists what falls due in the next 30 days, each item linking to its page", async () => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await signIn("admin")
    const res = await context.request.get(`${base}/api/agenda`)
    expect(res.status()).toBe(200)
    const view = (await res.json()) as AgendaView
    expect(view.items.length).toBeGreaterThan(0)
    const panel = page.getByTestId("agenda-panel")
    await panel.waitFor()
    const first = view.items[0]
    if (first === undefined) throw new Error("no agenda item")
    const item = panel.getByTestId("agenda-item").first()
    await expect(item.textContent()).resolves.toContain(first.title)
    await expect(item.textContent()).resolves.toContain(first.date)
    await page.screenshot({ path: join(shots, "agenda-dashboard-1280.png") })
    // One line per kind and topic (an obligation, a step), not one per item; the soonest group is open.
    const groups = panel.getByTestId("agenda-group")
    const topics = new Set(view.items.map((i) => `${i.kind}|${i.topic ?? ""}`))
    await expect(groups.count()).resolves.toBe(topics.size)
    if (first.topic) await expect(groups.first().textContent()).resolves.toContain(first.topic)
    // A kind filter shows only that kind, in its groups, the first open.
    const kind = first.kind
    await panel.getByTestId(`agenda-kind-${kind}`).click()
    const kinds = await groups.evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")))
    expect(new Set(kinds)).toEqual(new Set([kind]))
    const titles = await panel.getByTestId("agenda-item").allTextContents()
    const ofGroup = view.items.filter((i) => i.kind === kind && i.topic === first.topic).slice(0, 8)
    expect(titles.length).toBe(ofGroup.length)
    // The item's link opens the page that shows it.
    await panel.getByTestId("agenda-item").first().locator("a").click()
    await page.waitForURL((u) => `${u.pathname}${u.search}` === first.link)
    expect(harness?.pageErrors).toEqual([])
  })

  it("on a phone the panel is a card list without horizontal scroll", async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${base}/`)
    await page.getByTestId("agenda-panel").getByTestId("agenda-item").first().waitFor()
    expect(await fitsWidth()).toBe(true)
    await page.screenshot({ path: join(shots, "agenda-dashboard-390.png"), fullPage: true })
    // After a resize the charts above redraw on their own time; the page must settle within the screen.
    await page.setViewportSize({ width: 360, height: 780 })
    await expect.poll(fitsWidth, { timeout: 10_000 }).toBe(true)
  })

  it("a branch secretary gets a feed address from the account menu; it serves iCalendar and dies on replace", async () => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await signIn("secretary1")
    await page.getByTestId("agenda-panel").waitFor()
    await page.getByTestId("user-menu").click()
    await page.getByTestId("user-menu-agenda-feed").click()
    await page.waitForURL((u) => u.pathname === "/agenda/feed")
    await page.getByTestId("feed-status").waitFor()
    await page.getByTestId("feed-create").click()
    const url = await page.getByTestId("feed-url").inputValue()
    expect(url).toMatch(new RegExp(`^${base}/api/agenda/feed/cal_[A-Za-z0-9_-]{43}\\.ics$`))
    await page.screenshot({ path: join(shots, "agenda-feed-1280.png") })

    // A calendar app has no session: plain fetch, no cookies.
    const feed = await fetch(url)
    expect(feed.status).toBe(200)
    expect(feed.headers.get("content-type")).toMatch(/^text\/calendar/)
    const text = await feed.text()
    expect(text).toContain("BEGIN:VCALENDAR")
    expect(text).toContain("BEGIN:VEVENT")
    expect(text).toMatch(/DTSTART;VALUE=DATE:\d{8}/)

    // The layout reflows on its own time after a resize (the header folds the user's name into its menu).
    await page.setViewportSize({ width: 390, height: 844 })
    await page.screenshot({ path: join(shots, "agenda-feed-390-first.png"), fullPage: true })
    await expect.poll(fitsWidth, { timeout: 10_000 }).toBe(true)
    await page.screenshot({ path: join(shots, "agenda-feed-390.png"), fullPage: true })

    await page.reload()
    await page.getByTestId("feed-rotate").click()
    await page.locator(".ant-popconfirm .ant-btn-primary").filter({ visible: true }).click()
    const next = await page.getByTestId("feed-url").inputValue()
    expect(next).not.toBe(url)
    expect((await fetch(url)).status).toBe(404)
    expect((await fetch(next)).status).toBe(200)
    await page.getByTestId("feed-revoke").click()
    await page.locator(".ant-popconfirm .ant-btn-primary").filter({ visible: true }).click()
    await page.getByTestId("feed-create").waitFor()
    expect((await fetch(next)).status).toBe(404)
    expect(harness?.pageErrors).toEqual([])
    expect(harness?.offOrigin).toEqual([])
  })
})
