import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import type { Pipeline, Timeline } from "@xianfeng/api/contract/development"
import type { MemberPage } from "@xianfeng/api/contract/platform"
import type { BrowserContext, Page } from "playwright-core"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { zhCN } from "../src/pages/development/locales/zh-CN"
import { apiDir, type Harness, shots, startHarness } from "./harness"

// 发展党员 end to end: one fictitious applicant walked through all five stages in the admin, every
// step entered through the forms the admin generates from the steps' evidence schemas, against the
// real API and its rules (the demo district: three-level pre-review, 5 days / 40 hours of training,
// 6 months before activist, a notice before the admission meeting). Nothing is mocked. When an
// endpoint the admin needs is missing, the step that needs it fails and says which one.

const DEMO_PASSWORD = "xianfeng-demo"

// The example evidence all development tests share: the rules package's `testing` entry, found from the API
// (the admin itself depends on the API's contract only).
const fromApi = createRequire(join(apiDir, "package.json"))
const { exampleEvidence } = (await import(
  pathToFileURL(fromApi.resolve("@xianfeng/development-rules/testing")).href
)) as {
  exampleEvidence: {
    "political-review": { items: readonly string[] }
    archive: { items: readonly string[]; fileKind: string }
    "direct-admission": Evidence
  }
}

let harness: Harness | undefined
let base = ""
let context: BrowserContext
let page: Page

const api = async <T>(path: string): Promise<T> => {
  const res = await context.request.get(`${base}/api${path}`)
  if (!res.ok())
    throw new Error(`GET /api${path} → ${res.status()} (is this endpoint built?): ${await res.text()}`)
  return (await res.json()) as T
}

/** Fails clearly when the API lacks an endpoint the page needs (instead of a timeout on the page). */
const requireEndpoint = async (path: string) => {
  const res = await context.request.get(`${base}/api${path}`)
  expect(res.status(), `GET /api${path} must exist for this page (answered ${res.status()})`).toBe(200)
}

const shot = (name: string, fullPage = true) =>
  page.screenshot({ path: join(shots, `${name}.png`), fullPage })

const login = async (username: string) => {
  await page.goto(`${base}/login`)
  await page.getByTestId("login-username").fill(username)
  await page.getByTestId("login-password").fill(DEMO_PASSWORD)
  await page.getByTestId("login-submit").click()
  await page.getByTestId("user-menu").waitFor()
}

/** GB 11643: region 330199 (fictitious), born 1998-03-12, a sequence number and its check character. */
const idNumber = (seq: number, birth = "19980312") => {
  const first17 = `330199${birth}${String(seq).padStart(3, "0")}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = weights.reduce((a, w, i) => a + w * Number(first17[i]), 0)
  return `${first17}${"10X98765432"[sum % 11]}`
}

/** antd puts a test id on the number input itself or on its wrapper, depending on the version. */
const numberInput = (testId: string) =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first()

const label = (value: string) => (zhCN as Record<string, string>)[`dev.enum.${value}`] ?? value

type Evidence = { readonly [k: string]: unknown }

/** Fills one control of the generated form, whatever antd made of the schema type. */
const fillControl = async (id: string, value: unknown): Promise<void> => {
  const el = page.locator(`#${id}`)
  await el.waitFor()
  const kind = await el.evaluate((e) =>
    e.closest(".ant-select") ? "select" : e.classList.contains("ant-radio-group") ? "yes-no" : "input",
  )
  if (kind === "yes-no") {
    // 是 / 否 buttons: a yes/no starts unanswered and is chosen on purpose.
    await el.locator(".ant-radio-button-wrapper", { hasText: value === true ? "是" : "否" }).click()
    return
  }
  if (kind === "select") {
    const values = Array.isArray(value) ? (value as string[]) : [value as string]
    // The selector, not its input: a chosen (or carried-over) value covers the input.
    await el
      .locator(
        "xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' ant-select-selector ')][1]",
      )
      .click()
    for (const v of values) {
      const option = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label(v)}"]`)
      await option.waitFor()
      if (!(await option.getAttribute("class"))?.includes("ant-select-item-option-selected"))
        await option.click()
      else if (!Array.isArray(value)) await page.keyboard.press("Escape") // already chosen (carried over)
    }
    if (Array.isArray(value)) await page.keyboard.press("Escape")
    // Wait for the dropdown to close, so the next select's options are not confused with these. On a loaded
    // machine a dropdown can stay open after the choice; Escape closes it without changing the value.
    const open = page.locator(".ant-select-dropdown:visible").first()
    try {
      await open.waitFor({ state: "hidden", timeout: 4_000 })
    } catch {
      await page.keyboard.press("Escape")
      await open.waitFor({ state: "hidden" })
    }
    return
  }
  await el.fill(String(value))
}

const fillEvidence = async (evidence: Evidence, path: readonly (string | number)[] = ["evidence"]) => {
  for (const [key, value] of Object.entries(evidence)) {
    const here = [...path, key]
    const id = `record_${here.join("_")}`
    if (Array.isArray(value) && value.length > 0 && typeof value[0] === "object") {
      const testPath = here.join(".")
      const existing = await page.locator(`[data-testid^="remove-${testPath}."]`).count()
      for (let i = existing; i < value.length; i++) await page.getByTestId(`add-${testPath}`).click()
      for (const [i, item] of (value as Evidence[]).entries()) await fillEvidence(item, [...here, i])
    } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      await fillEvidence(value as Evidence, here)
    } else if (Array.isArray(value) && value.length === 0) {
      // an empty list: nothing to add
    } else {
      await fillControl(id, value)
    }
  }
}

const openForm = async (step: string) => {
  const next = page.getByTestId(`next-${step}`)
  if (await next.count()) await next.click()
  else await page.getByTestId(`record-${step}`).click()
  const form = page.locator(`[data-testid="record-form"][data-step="${step}"]`)
  await form.waitFor()
  return form
}

/** Records one step through its generated form and waits until the API accepted it. */
const record = async (step: string, onDate: string, evidence: Evidence) => {
  const form = await openForm(step)
  await page.locator("#record_onDate").fill(onDate)
  await fillEvidence(evidence)
  await page.getByTestId("record-submit").click()
  const outcome = await Promise.race([
    form.waitFor({ state: "detached" }).then(() => "saved"),
    page
      .getByTestId("record-blocked")
      .or(page.getByTestId("record-error"))
      .or(page.locator(".ant-modal .ant-form-item-explain-error"))
      .first()
      .waitFor()
      .then(() => "refused"),
  ])
  if (outcome !== "saved") {
    await shot(`failed-record-${step}`)
    const text = await page.locator(".ant-modal").innerText()
    throw new Error(`recording ${step} on ${onDate} was refused:\n${text}`)
  }
}

const members = ["李明", "王芳"].map((name) => ({ name, status: "full", sanctions: [] }))
const meeting = {
  expectedVoters: 20,
  presentVoters: 18,
  writtenOpinions: 1,
  yesVotes: 19,
  noVotes: 0,
  abstentions: 0,
  probationaryPresent: 1,
  candidatesInBallot: 1,
  secretBallot: true,
}
const approver = { id: "c01", kind: "party-committee", path: "中共示范区青溪镇第一党委" }

beforeAll(async () => {
  harness = await startHarness()
  ;({ base, context, page } = harness)
})

afterAll(async () => {
  await harness?.close()
})

afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail" && harness && harness.serverExitCode() !== null)
    console.error(
      `the API server has exited (${harness.serverExitCode()}); its output:\n${harness.serverLog().slice(-4000)}`,
    )
  if (ctx.task.result?.state === "fail" && page) {
    const name = ctx.task.name.replace(/[^\w]+/g, "-").slice(0, 60)
    await page
      .screenshot({ path: join(shots, `failed-dev-${name}.png`), fullPage: true })
      .catch(() => undefined)
  }
})

describe("发展党员: one applicant from application to full member, in the admin", () => {
  let branch = { id: "", name: "" }
  let memberId = ""
  const name = "陈晓峰"

  it("the board shows the stages, the people and what needs attention", async () => {
    await login("admin")
    const root = await api<{ id: string }>("/orgs/root")
    const [town] = (await api<{ items: { id: string }[] }>(`/orgs/${root.id}/children`)).items
    expect(town, "the demo district has a sub-organization").toBeDefined()
    const branches = await api<{ items: { id: string; name: string; kind: string }[] }>(
      `/orgs/${town?.id}/children`,
    )
    const b = branches.items.find((o) => o.kind === "branch")
    expect(b, "the sub-organization has a branch").toBeDefined()
    branch = { id: b?.id ?? "", name: b?.name ?? "" }

    await page.getByTestId("side-menu").getByText("发展党员").click()
    await page.waitForURL(`${base}/development`)
    await requireEndpoint("/development/pipeline")
    const pipeline = await api<Pipeline>("/development/pipeline")
    await page.getByTestId("board").waitFor()
    for (const c of pipeline.counts)
      await expect
        .poll(() => page.getByTestId(`count-${c.stage}`).innerText())
        .toContain(c.count.toLocaleString("en-US"))
    await page.getByTestId("attention").waitFor()
    // Most urgent first: overdue rows (red) before due ones (orange).
    const states = await page
      .getByTestId("attention")
      .locator("tr[data-state]")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-state")))
    const firstDue = states.indexOf("due")
    expect(firstDue === -1 || !states.slice(firstDue).includes("overdue")).toBe(true)
    await shot("dev-01-board")

    // The dashboard carries the area's panel.
    await page.getByTestId("side-menu").getByText("工作台").click()
    await page.getByTestId("panel-development.attention").getByTestId("dev-panel").waitFor()
  })

  it("creates an applicant and sees the steps that cannot be taken yet, with their articles", async () => {
    await page.goto(`${base}/development?orgId=${branch.id}`)
    await page.getByTestId("new-applicant").click()
    const modal = page.locator(".ant-modal-content", { hasText: "新建入党申请人" })
    await modal.getByLabel("姓名").fill(name)
    await modal.getByLabel("公民身份号码").fill(idNumber(100 + (Date.now() % 800)))
    await modal.getByLabel("学历").click()
    await page.locator(".ant-select-dropdown:visible .ant-select-item-option[title='大学']").click()
    await modal.getByLabel("职业群体").click()
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option[title='工人（工勤技能人员）']")
      .click()
    // The board's organization filter is the new person's organization.
    await expect.poll(() => modal.getByTestId("applicant-org").innerText()).toContain(branch.name)
    await page.getByTestId("new-applicant-submit").click()
    await page.waitForURL(/\/development\/people\/[0-9a-f-]{36}$/)
    memberId = page.url().split("/").pop() ?? ""
    await page.getByTestId("timeline-name").getByText(name).waitFor()
    await page.getByTestId("timeline-stage").getByText("入党申请人").waitFor()
    // Only the application can be recorded; the talk explains why not, citing its article.
    await page.getByTestId("next-apply").waitFor()
    const talk = page.getByTestId("step-talk")
    await talk.getByTestId("verdict").first().waitFor()
    expect(await talk.getByTestId("verdict-citation").first().innerText()).toMatch(
      /第[一二三四五六七八九十]+条/,
    )
    await shot("dev-02-new-applicant-timeline")
  })

  it("does not offer the application to someone under 18, and says from when it can be recorded", async () => {
    const birth = new Date()
    const year = birth.getFullYear() - 17
    await page.goto(`${base}/development?orgId=${branch.id}`)
    await page.getByTestId("new-applicant").click()
    const modal = page.locator(".ant-modal-content", { hasText: "新建入党申请人" })
    await modal.getByLabel("姓名").fill("林小禾")
    await modal.getByLabel("公民身份号码").fill(idNumber(100 + (Date.now() % 800), `${year}0101`))
    await modal.getByLabel("学历").click()
    await page.locator(".ant-select-dropdown:visible .ant-select-item-option[title='大学']").click()
    await modal.getByLabel("职业群体").click()
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option[title='工人（工勤技能人员）']")
      .click()
    await page.getByTestId("new-applicant-submit").click()
    await page.waitForURL(/\/development\/people\/[0-9a-f-]{36}$/)
    await page.getByTestId("timeline-name").getByText("林小禾").waitFor()
    const from = page.getByTestId("from-apply")
    await from.waitFor()
    expect(await from.innerText()).toBe(`${year + 18}-01-01起可登记`)
    expect(await page.getByTestId("next-apply").count()).toBe(0)
    expect(await page.getByTestId("record-apply").count()).toBe(0)
  })

  it("records a direct admission, which closes the procedure and says so on the timeline", async () => {
    await page.goto(`${base}/development?orgId=${branch.id}`)
    await page.getByTestId("new-applicant").click()
    const modal = page.locator(".ant-modal-content", { hasText: "新建入党申请人" })
    await modal.getByLabel("姓名").fill("赵直")
    await modal.getByLabel("公民身份号码").fill(idNumber(100 + (Date.now() % 800), "19850601"))
    await modal.getByLabel("学历").click()
    await page.locator(".ant-select-dropdown:visible .ant-select-item-option[title='大学']").click()
    await modal.getByLabel("职业群体").click()
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option[title='工人（工勤技能人员）']")
      .click()
    await page.getByTestId("new-applicant-submit").click()
    await page.waitForURL(/\/development\/people\/[0-9a-f-]{36}$/)
    await page.getByTestId("timeline-name").getByText("赵直").waitFor()
    expect(await page.getByTestId("closed-by").count()).toBe(0)
    await page.getByText("第四阶段").first().click()
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
    await record("direct-admission", yesterday, exampleEvidence["direct-admission"])
    const closed = page.getByTestId("closed-by")
    await closed.waitFor()
    expect(await closed.innerText()).toBe(`${yesterday}经直接接收党员终结`)
  })

  it("walks the applicant through all five stages, and a step taken too early is refused with its article", async () => {
    expect(memberId, "the applicant was created").not.toBe("")
    await page.goto(`${base}/development/people/${memberId}`)
    await page.getByTestId("next-apply").waitFor()

    // Stage 1 and 2: application, talk within a month, activist after six months (district rule).
    await record("apply", "2024-03-04", { receivedBy: branch.name, acceptsProgramme: true })
    await record("talk", "2024-03-20", { talkedBy: "李明", notes: "了解入党动机，介绍党的基本知识" })
    await record("activist-decision", "2024-09-10", {
      source: "member-recommendation",
      decidedBy: "branch-committee",
    })
    await page.getByTestId("timeline-stage").getByText("入党积极分子").waitFor()
    await record("contacts-assigned", "2024-09-12", { contacts: members })
    await record("activist-filing", "2024-09-15", { filedWith: "中共示范区青溪镇委员会" })
    await record("activist-assessment", "2025-03-05", { assessedBy: "李明", comment: "学习认真，表现良好" })

    // Too early: less than a year as an activist. The rules refuse and the form says why, with the article.
    const decision = {
      decidedBy: "branch-committee",
      opinionsHeard: ["party-group", "contacts", "members", "non-members"],
    }
    await openForm("development-object-decision")
    await page.locator("#record_onDate").fill("2025-08-20")
    await fillEvidence(decision)
    await page.getByTestId("record-submit").click()
    const blocked = page.getByTestId("record-blocked")
    await blocked.waitFor()
    expect(await blocked.innerText()).toContain("培养考察一年以上")
    expect(await blocked.getByTestId("verdict-citation").first().innerText()).toContain("第十三条")
    await shot("dev-03-blocked-too-early", false)
    // The input is kept: only the date changes.
    expect(
      await page
        .locator("#record_evidence_decidedBy")
        .locator("xpath=ancestor::div[contains(@class,'ant-select')][1]")
        .innerText(),
    ).toContain("支部委员会")
    await page.locator("#record_onDate").fill("2025-09-12")
    await page.getByTestId("record-submit").click()
    await page.getByTestId("record-form").waitFor({ state: "detached" })

    // Stage 3: the higher committee agrees; introducers, political review, training (5 days / 40 hours).
    await record("higher-committee-agreement", "2025-09-20", {
      committeeId: "中共示范区青溪镇委员会",
      kind: "agreement",
    })
    await page.getByTestId("timeline-stage").getByText("发展对象").waitFor()
    await record("introducers", "2025-09-25", { introducers: members })
    await record("political-review", "2025-10-08", {
      conclusion: "政治历史清楚，现实表现良好，政治审查合格",
      passed: true,
      items: exampleEvidence["political-review"].items,
      jointReview: true,
    })
    await record("training", "2025-10-13", { days: 5, hours: 40, mode: "in-person", organizer: "区委党校" })

    // Stage 4: committee review, pre-review at three levels, the district's notice, form, meeting, talk, approval.
    await record("committee-review", "2025-10-20", { opinion: "同意提交预审", collective: true })
    await record("pre-review", "2025-10-22", {
      level: "branch",
      reviewer: branch.name,
      passed: true,
      written: true,
    })
    await record("pre-review", "2025-10-27", {
      level: "party-committee",
      reviewer: "青溪镇党委",
      passed: true,
      written: true,
    })
    await record("pre-review", "2025-10-30", {
      level: "org-department",
      reviewer: "区委组织部",
      passed: true,
      written: true,
    })
    await record("x-pre-admission-notice", "2025-11-03", { note: "公示期满，无异议" })
    await record("application-form", "2025-11-05", { formNo: "QX-2025-018", introducerOpinions: true })
    await record("admission-meeting", "2025-11-10", meeting)
    await page.getByTestId("timeline-stage").getByText("预备党员").waitFor()
    await record("committee-talk", "2025-11-20", { talkedBy: "张组织员", role: "organiser" })
    await record("admission-approval", "2025-12-15", {
      approver,
      parentKind: "district-committee",
      documentNo: "青委〔2025〕31号",
      collective: true,
    })
    await record("admission-filing", "2025-12-20", { filedWith: "区委组织部" })
    await page.getByTestId("derived-probationEnd").getByText("2026-11-10").waitFor()

    // Stage 5: placement, oath, probation, conversion one year after the admission meeting.
    await record("placement", "2025-12-22", { branchId: branch.name, group: "第一党小组" })
    await record("oath", "2026-01-05", { organizer: "青溪镇党委", collective: true })
    await record("probation-assessment", "2026-06-10", { assessedBy: "李明", comment: "发挥先锋模范作用" })
    await record("conversion-application", "2026-10-15", { written: true })
    await record("conversion-meeting", "2026-11-12", { ...meeting, probationaryPresent: 0 })
    await record("conversion-approval", "2026-11-20", {
      approver,
      parentKind: "district-committee",
      documentNo: "青委〔2026〕40号",
      collective: true,
    })
    await record("archive", "2026-11-25", exampleEvidence.archive)

    await page.getByTestId("timeline-stage").getByText("正式党员").waitFor()
    await page.getByTestId("derived-fullMemberSince").getByText("2026-11-10").waitFor()
    const tl = await api<Timeline>(`/development/people/${memberId}`)
    expect(tl.member.stage).toBe("full")
    expect(tl.steps.filter((s) => !s.optional && s.state !== "done").map((s) => s.step)).toEqual([])
    await shot("dev-04-full-member-timeline")

    // The member file shows the full-member date the timeline produced.
    await page.getByTestId("open-member").click()
    await page.waitForURL(`${base}/members/${memberId}`)
    await page.getByTestId("member-name").getByText(name).waitFor()
    await page.getByText("2026-11-10").first().waitFor()
  })

  it("exports the person's record as a spreadsheet", async () => {
    await requireEndpoint(`/development/people/${memberId}/export.xlsx`)
    await page.goto(`${base}/development/people/${memberId}`)
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-record").click(),
    ])
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
    const file = await download.path()
    expect(readFileSync(file).subarray(0, 2).toString()).toBe("PK")
  })

  it("shows a cultivation plan with due dates and progress", async () => {
    const activist = (await api<MemberPage>("/members?stage=activist&pageSize=1")).items[0]
    expect(activist, "the demo district has an activist").toBeDefined()
    await requireEndpoint(`/development/people/${activist?.id}/plan`)
    await page.goto(`${base}/development/people/${activist?.id}`)
    await page.getByTestId("open-plan").click()
    await page.waitForURL(`${base}/development/people/${activist?.id}/plan`)
    await page.getByTestId("plan-progress").waitFor()
    await page.getByTestId("plan-items").locator(".ant-table-row").first().waitFor()
    await shot("dev-05-plan")

    // A talk with a contact is recorded from the plan (a form generated from its schema) and counts as done.
    const before = await api<{ progress: { done: number } }>(`/development/people/${activist?.id}/plan`)
    const recordTalk = page.getByTestId("plan-record-talk").first()
    await recordTalk.waitFor()
    await recordTalk.click()
    const form = page.getByTestId("cultivation-form")
    await form.waitFor()
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
    await form.getByTestId("field-onDate").fill(yesterday)
    await form.getByTestId("field-evidence.talkedBy").fill("李明")
    await page.getByTestId("cultivation-submit").click()
    await form.waitFor({ state: "detached" })
    await expect
      .poll(
        async () =>
          (await api<{ progress: { done: number } }>(`/development/people/${activist?.id}/plan`)).progress
            .done,
      )
      .toBe(before.progress.done + 1)
    await page.getByTestId("plan-timeline").click()
    await page.getByTestId("cultivation").getByText("培养联系人谈话").first().waitFor()
  })

  it("analyses the year with charts, lists dormant organizations and saves the annual plan", async () => {
    const year = new Date().getFullYear()
    await requireEndpoint(`/development/composition?year=${year}`)
    await requireEndpoint(`/development/annual-plan?year=${year}`)
    await page.goto(`${base}/development`)
    await page.getByTestId("open-analysis").click()
    await page.waitForURL(`${base}/development/analysis`)
    for (const chart of ["chart-stage", "chart-occupation", "chart-age", "chart-education", "chart-sex"])
      await page.getByTestId(chart).locator("canvas").first().waitFor()
    await page.getByTestId("dormant").waitFor()

    const editor = page.getByTestId("annual-plan")
    await numberInput("annual-total").fill("30")
    // 建议分配 is a dry run: the split of 30 is shown, nothing is saved until 保存计划.
    await editor.getByTestId("annual-propose").click()
    await editor.getByText("试算建议，尚未保存").waitFor()
    const firstQuota = editor.locator("[data-testid^='quota-']").first()
    await firstQuota.waitFor()
    const quotaId = (await firstQuota.getAttribute("data-testid")) ?? ""
    const before = Number(await numberInput(quotaId).inputValue())
    await numberInput(quotaId).fill(String(before + 2))
    await editor.getByTestId("annual-save").click()
    await page.getByText("年度计划已保存").first().waitFor()
    await page.waitForTimeout(800)
    await shot("dev-06-analysis")

    // Reloading shows the saved plan, the manual change included.
    await page.reload()
    await page.getByTestId("annual-plan").waitFor()
    await expect.poll(async () => Number(await numberInput(quotaId).inputValue())).toBe(before + 2)

    // The year's activist-pool analysis (DR 11): due until 31 December, done once one is recorded.
    const pool = page.getByTestId("pool-analysis")
    await pool.scrollIntoViewIfNeeded()
    await expect.poll(() => pool.getByTestId("pool-status").getAttribute("data-status")).toBe("due")
    await pool.getByTestId("pool-record").click()
    await page.getByTestId("pool-on").fill(`${year}-03-10`)
    await numberInput("pool-activists").fill("14")
    await page.getByTestId("pool-problems").fill("青年职工比例偏低")
    await page.getByTestId("pool-measures").fill("在青年职工中加强宣传和培养")
    await page.getByTestId("pool-submit").click()
    await page.getByText("年度分析已登记").first().waitFor()
    await expect.poll(() => pool.getByTestId("pool-status").getAttribute("data-status")).toBe("ok")
    await pool.getByText("青年职工比例偏低").waitFor()

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-analysis").click(),
    ])
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
  })

  it("loaded nothing from any other host and threw no script errors", () => {
    expect(harness?.offOrigin).toEqual([])
    expect(harness?.pageErrors).toEqual([])
  })
})
