import { join } from "node:path"
import type { CycleDetail, CycleSummary, MyRecord } from "@xianfeng/api/contract/appraisal"
import { afterEach, beforeAll, describe, expect, it } from "vitest"
import { api, base, DEMO_PASSWORD, harness, page, shots, signIn as signInWith, useHarness } from "./harness"

// 民主评议 end to end against the real API and the demo district: secretary1's branch has this year's cycle open;
// its member2 activates the account with the code the start banner prints and, like member1, rates the others
// on a 390×844 phone; the secretary meets the cap, proposes; the committee confirms; the members then see the
// anonymity rule and their grade. A member sees who viewed their record.

const DEMO_ACTIVATION_CODE = "DEMO-2345-ABCD"
const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 800 }

const signIn = (username: string, password = DEMO_PASSWORD, size = DESKTOP) =>
  signInWith(username, { password, viewport: size })

const shot = (name: string) => page.screenshot({ path: join(shots, `appraisal-${name}.png`), fullPage: true })

/** No horizontal scroll on a phone: the page is no wider than the screen. */
const fitsPhone = async () =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)

useHarness()

beforeAll(() => {
  expect(harness?.serverLog()).toContain(DEMO_ACTIVATION_CODE)
})

afterEach(() => {
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
    // A public page asks for no session: nobody is signed in on it.
    const sessionAsks: string[] = []
    const onRequest = (r: { url: () => string }) => {
      if (new URL(r.url()).pathname === "/api/auth/session") sessionAsks.push(r.url())
    }
    page.on("request", onRequest)
    await page.goto(`${base}/activate`)
    await page.getByTestId("activate-code").fill(DEMO_ACTIVATION_CODE.toLowerCase())
    page.off("request", onRequest)
    expect(sessionAsks).toEqual([])
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
      // Nothing is chosen for the member before they choose: no grade highlighted, nothing to save yet.
      if (cycle.selfGrade === null) {
        await expect(
          page.getByTestId("self-grade").locator(".ant-radio-button-wrapper-checked").count(),
        ).resolves.toBe(0)
        await expect(page.getByTestId("save-self").isDisabled()).resolves.toBe(true)
      }
      await page.getByTestId("self-grade").getByText("合格", { exact: true }).click()
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
    // A member with no suggestion (too few ratings) is 待评 in the draft, not 合格: the secretary grades them.
    const toGrade = graded.filter((p) => p.suggested === null && p.proposed === null && p.confirmed === null)
    const gradeTheUnrated = async () => {
      for (const p of toGrade) {
        await page.getByTestId(`grade-${p.memberId}`).click()
        await page.locator(".ant-select-dropdown:visible").getByText("合格", { exact: true }).click()
      }
    }
    await gradeTheUnrated()
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
    // As suggested (and the unrated graded by the secretary), then: the rating step closes.
    await page.reload()
    await page.getByTestId("cap-rule").waitFor()
    await gradeTheUnrated()
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

  it("the cycle's figures read alike on the list and the detail; a phone lists members one line each, with a drawer for the rest and the recusals", async () => {
    await signIn("officer", DEMO_PASSWORD, { width: 1440, height: 900 })
    // The dashboard's panel, and the side menu by area (each area's pages under its heading).
    await page.getByTestId("appraisal-panel").waitFor()
    await page.getByTestId("menu-group-appraisal").waitFor()
    await page.screenshot({ path: join(shots, "menu-desktop-1440.png") })
    // The demo's one open cycle was confirmed above: open next year's for the same branch, through the API.
    const { items } = await api<{ items: CycleSummary[] }>("/appraisal/cycles")
    const some = items.find((c) => c.participants > 2)
    if (some === undefined) throw new Error("no cycle in the demo")
    const open = await api<CycleSummary>("/appraisal/cycles", "POST", {
      orgId: some.orgId,
      year: some.year + 1,
    })
    expect(open.state).toBe("open")
    const progress = `自评 ${open.selfDone}/${open.participants}人 · 互评已交 ${open.ratingsGiven}/${open.ratingsExpected}票 · 已评完他人 ${open.ratersDone}/${open.participants}人`
    await page.goto(`${base}/appraisal?orgId=${open.orgId}&year=${open.year}`)
    await page.getByTestId("appraisal-results").waitFor()
    // No grade given yet in this branch: an empty state, not a donut of four equal zeros.
    await expect(page.getByTestId("appraisal-results").textContent()).resolves.toContain(
      "本年度还没有评定等次",
    )
    await page.getByText(progress).waitFor()
    // Both figures on the list, each labelled: the draft's (nobody has rated yet: none) and the decided.
    await page
      .getByText(`已定优秀（已提出或确定）0/${open.excellentCap}名（${open.graded}人评定等次）`)
      .waitFor()
    await page
      .getByText(`拟评优秀（草案，含测评建议）${open.draftExcellent}/${open.excellentCap}名`)
      .waitFor()
    await page.goto(`${base}/appraisal/cycles/${open.id}`)
    await expect(page.getByTestId("cycle-progress").textContent()).resolves.toBe(progress)
    // The same two figures on the detail; members nobody has rated and who have not self-assessed are 待评, not 合格.
    await expect(page.getByTestId("cap-draft").textContent()).resolves.toBe(
      `拟评优秀（草案，含测评建议）0/${open.excellentCap}名`,
    )
    await expect(page.getByTestId("cap-use").textContent()).resolves.toBe(
      `已定优秀（已提出或确定）0/${open.excellentCap}名（${open.graded}人评定等次）`,
    )
    expect(open.ungraded).toBe(open.graded)
    await page.getByTestId("cap-ungraded").getByText(`待评 ${open.graded}人`).waitFor()
    await shot("cycle-draft-and-decided-1440")

    await page.setViewportSize(PHONE)
    await page.getByTestId("participants").waitFor()
    await fitsPhone()
    // One line per member: sixty members are a few screens, not sixty cards.
    const height = await page.evaluate(() => document.documentElement.scrollHeight)
    expect(height).toBeLessThan(open.participants * 60 + 1200)
    await shot("cycle-compact-phone")
    const detail = await api<CycleDetail>(`/appraisal/cycles/${open.id}`)
    const [who, other] = detail.participants
    if (who === undefined || other === undefined) throw new Error("too few participants")
    await page.getByTestId(`participant-row-${who.memberId}`).click()
    const drawer = page.getByTestId("participant-drawer")
    await drawer.getByText(`${who.name}的评议情况`).waitFor()
    await drawer.getByText(`${who.raters}/${who.ratersPossible}人`).waitFor()
    // 回避 set in the drawer reaches the API, and both members' counts drop by one.
    await page.getByTestId("recusals-select").click()
    await page.locator(".ant-select-dropdown:visible").getByText(other.name, { exact: true }).first().click()
    await page.keyboard.press("Escape")
    await page.getByTestId("recusals-save").click()
    await expect
      .poll(async () => (await api<CycleDetail>(`/appraisal/cycles/${open.id}`)).participants[0]?.recusals)
      .toEqual([other.memberId])
    await shot("cycle-drawer-phone")
    const after = await api<CycleDetail>(`/appraisal/cycles/${open.id}`)
    expect(after.participants[1]?.ratersPossible).toBe(other.ratersPossible - 1)
    await api(`/appraisal/cycles/${open.id}/recusals`, "POST", { memberId: who.memberId, recusals: [] })

    // A branch secretary's only branch is chosen for them where a page works on one branch.
    await signIn("secretary1")
    const own = (await api<{ user: { orgId: string; orgName: string } }>("/auth/me")).user
    await page.goto(`${base}/discipline/standing`)
    await page.waitForURL((u) => u.searchParams.get("orgId") === own.orgId)
    await page.getByTestId("standing-list").waitFor()
    await page.goto(`${base}/appraisal`)
    await page.getByTestId("open-cycle").click()
    await page.getByTestId("open-cycle-org").getByText(own.orgName).waitFor()
    await page.keyboard.press("Escape")
    await page.setViewportSize(PHONE)

    // The menu on a phone: the same headings.
    await page.goto(`${base}/`)
    await page.locator(".ant-layout-sider-zero-width-trigger").click()
    await page.getByTestId("menu-group-appraisal").waitFor()
    await page.screenshot({ path: join(shots, "menu-phone-390.png") })
    expect(harness?.pageErrors ?? []).toEqual([])
  })
})
