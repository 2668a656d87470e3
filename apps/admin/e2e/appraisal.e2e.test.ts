import { join } from "node:path"
import type { CycleDetail, CycleSummary, MyRecord } from "@xianfeng/api/contract/appraisal"
import type { Page } from "playwright-core"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { type Harness, shots, startHarness } from "./harness"

// 民主评议 end to end against the real API and the demo district: secretary1's branch has this year's cycle open;
// its member2 activates the account with the code the start banner prints and, like member1, rates the others
// on a 390×844 phone; the secretary meets the cap, proposes; the committee confirms; the members then see the
// anonymity rule and their grade. A member sees who viewed their record.

const DEMO_PASSWORD = "xianfeng-demo"
const DEMO_ACTIVATION_CODE = "DEMO-2345-ABCD"
const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 800 }

let harness: Harness | undefined
let base = ""
let page: Page

const api = async <T>(path: string, method = "GET", body?: unknown): Promise<T> => {
  const res =
    method === "GET"
      ? await page.request.get(`${base}/api${path}`)
      : await page.request.fetch(`${base}/api${path}`, { method, data: body as object })
  if (!res.ok()) throw new Error(`${method} /api${path} → ${res.status()}: ${await res.text()}`)
  return (await res.json()) as T
}

const signIn = async (username: string, password = DEMO_PASSWORD, size = DESKTOP) => {
  await page.context().clearCookies()
  await page.setViewportSize(size)
  await page.goto(`${base}/login`)
  await page.getByTestId("login-username").fill(username)
  await page.getByTestId("login-password").fill(password)
  await page.getByTestId("login-submit").click()
  await page.getByTestId("user-menu").waitFor()
}

const shot = (name: string) => page.screenshot({ path: join(shots, `appraisal-${name}.png`), fullPage: true })

/** No horizontal scroll on a phone: the page is no wider than the screen. */
const fitsPhone = async () =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)

beforeAll(async () => {
  harness = await startHarness()
  ;({ base, page } = harness)
  expect(harness.serverLog()).toContain(DEMO_ACTIVATION_CODE)
})

afterAll(async () => {
  await harness?.close()
})

afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail" && page) {
    const name = ctx.task.name.replace(/[^\w]+/g, "-").slice(0, 60)
    await page.screenshot({ path: join(shots, `failed-${name}.png`), fullPage: true }).catch(() => undefined)
  }
  expect(harness?.offOrigin ?? []).toEqual([])
})

/** A member rates everyone they may on the phone, by tapping the grade buttons. */
const rateAll = async (grade: string) => {
  await page.getByText("党员互评").first().waitFor()
  const peers = page.locator('[data-testid^="peer-"]')
  const n = await peers.count()
  for (let i = 0; i < n; i++) {
    const row = peers.nth(i)
    const button = row.getByText(grade, { exact: true })
    if ((await button.count()) === 0 || (await row.getByText("已评").count()) > 0) continue
    await button.click()
    await row.getByText("已评").waitFor()
  }
}

describe("democratic appraisal in the admin", () => {
  let cycleId = ""

  it("runs a whole cycle for one branch: members rate on a phone, the cap and the anonymity rule hold", async () => {
    // member2 turns the printed code into an account on the phone.
    await page.context().clearCookies()
    await page.setViewportSize(PHONE)
    await page.goto(`${base}/activate`)
    await page.getByTestId("activate-code").fill(DEMO_ACTIVATION_CODE.toLowerCase())
    await page.getByTestId("activate-password").fill("member2-secret")
    await page.getByTestId("activate-submit").click()
    await page.getByText("member2").first().waitFor()
    await fitsPhone()

    for (const [who, password, grade] of [
      ["member2", "member2-secret", "优秀"],
      ["member1", DEMO_PASSWORD, "合格"],
    ] as const) {
      await signIn(who, password, PHONE)
      await page.waitForURL(/\/appraisal\/me$/)
      const me = await api<MyRecord>("/appraisal/me")
      const cycle = me.cycles.find((c) => c.state === "open")
      if (cycle === undefined) throw new Error(`${who} has no open cycle`)
      cycleId = cycle.cycleId
      await page.getByTestId("self-text").fill("对照党员标准，按时参加组织生活，完成支部分配的任务。")
      await page.getByTestId("save-self").click()
      await rateAll(grade)
      // While the step is open a member sees nothing of the ratings they received.
      await expect(page.getByTestId("peer-view").textContent()).resolves.toContain("互评进行中")
      await fitsPhone()
      await shot(`${who}-phone`)
      // A second rating of the same member is refused by the API, naming the field, and changes nothing.
      const rated = (await api<MyRecord>("/appraisal/me")).cycles
        .find((c) => c.cycleId === cycleId)
        ?.peers.find((p) => p.myGrade)
      if (rated) {
        const { csrfToken } = await api<{ csrfToken: string }>("/auth/me")
        const again = await page.request.post(`${base}/api/appraisal/me/ratings`, {
          data: { cycleId, rateeId: rated.memberId, grade: "basic" },
          headers: { "x-csrf-token": csrfToken },
        })
        expect(again.status()).toBe(422)
        expect(((await again.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe("rateeId")
      }
    }

    // The secretary meets the cap on the desktop: one more excellent than allowed is refused.
    await signIn("secretary1")
    await page.goto(`${base}/appraisal/cycles/${cycleId}`)
    await page.getByTestId("cap-rule").waitFor()
    const detail = await api<CycleDetail>(`/appraisal/cycles/${cycleId}`)
    const graded = detail.participants.filter((p) => p.graded)
    expect(await page.getByTestId("cap-rule").textContent()).toContain(`最多${detail.cycle.excellentCap}名`)
    for (const p of graded.slice(0, detail.cycle.excellentCap + 1)) {
      await page.getByTestId(`grade-${p.memberId}`).click()
      await page.locator(".ant-select-dropdown:visible").getByText("优秀", { exact: true }).click()
    }
    const reasons = page.getByPlaceholder("理由（与建议不同时必填）")
    for (let i = 0; i < (await reasons.count()); i++) await reasons.nth(i).fill("日常表现")
    await page.getByTestId("propose-grades").click()
    await expect(page.getByTestId("grades-problem").textContent()).resolves.toContain("超过")
    expect((await api<CycleDetail>(`/appraisal/cycles/${cycleId}`)).cycle.state).toBe("open")
    await shot("cap-refused-desktop")
    // As suggested, then: the rating step closes.
    await page.reload()
    await page.getByTestId("propose-grades").click()
    await page.waitForFunction(() => !document.querySelector('[data-testid="propose-grades"]'))
    expect((await api<CycleDetail>(`/appraisal/cycles/${cycleId}`)).cycle.state).toBe("proposed")

    // The committee confirms.
    await signIn("officer")
    await page.goto(`${base}/appraisal/cycles/${cycleId}`)
    await page.getByTestId("confirm-grades").click()
    await page.waitForFunction(() => !document.querySelector('[data-testid="confirm-grades"]'))
    expect((await api<CycleDetail>(`/appraisal/cycles/${cycleId}`)).cycle.state).toBe("confirmed")
    await page.goto(`${base}/appraisal`)
    await page.getByTestId("appraisal-results").waitFor()
    const cycles = await api<{ items: CycleSummary[] }>("/appraisal/cycles")
    expect(cycles.items.some((c) => c.id === cycleId && c.state === "confirmed")).toBe(true)
    await shot("results-desktop")

    // Back on the phone: the grade with how it was reached, and the ratings only as allowed.
    await signIn("member2", "member2-secret", PHONE)
    const mine = (await api<MyRecord>("/appraisal/me")).cycles.find((c) => c.cycleId === cycleId)
    const view = await page.getByTestId("peer-view").first().textContent()
    const peerView = mine?.peerView
    if (peerView?.shown) expect(view).toContain("人评议")
    else expect(view).toContain(`评议人数少于${peerView?.minimum}人`)
    expect(JSON.stringify(mine?.peerView)).not.toContain("member")
    await fitsPhone()
    await shot("member-result-phone")
  })

  it("shows a member who has viewed their record", async () => {
    await signIn("member1", DEMO_PASSWORD, PHONE)
    const me = await api<MyRecord>("/appraisal/me")
    await signIn("admin")
    await page.goto(`${base}/members/${me.memberId}`)
    await page.getByText(me.name).first().waitFor()
    await signIn("member1", DEMO_PASSWORD, PHONE)
    const table = page.getByTestId("record-viewers")
    await table.getByText("区委组织部管理员").first().waitFor()
    expect(await table.textContent()).toContain("查看党员档案")
    await fitsPhone()
    await shot("viewers-phone")
  })

  it("the staff's pages work on a phone (no horizontal scroll, tables as cards) and on a desktop", async () => {
    await signIn("officer")
    const cycles = await api<{ items: CycleSummary[] }>("/appraisal/cycles")
    const first = cycles.items[0]
    if (first === undefined) throw new Error("no cycles in the demo")
    for (const size of [PHONE, DESKTOP]) {
      await page.setViewportSize(size)
      for (const [name, path, ready] of [
        ["cycles", "/appraisal", "appraisal-results"],
        ["cycle", `/appraisal/cycles/${first.id}`, "cap-rule"],
        ["cases", "/appraisal/cases", undefined],
        ["secretaries", "/appraisal/secretaries", undefined],
      ] as const) {
        await page.goto(`${base}${path}`)
        if (ready) await page.getByTestId(ready).waitFor()
        else await page.locator(".xf-page").waitFor()
        await page.waitForLoadState("networkidle")
        if (size === PHONE) await fitsPhone()
        await shot(`${name}-${size === PHONE ? "phone" : "desktop"}`)
      }
    }
    expect(harness?.pageErrors ?? []).toEqual([])
  })
})
