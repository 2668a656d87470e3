import { join } from "node:path"
import type { MeetingView } from "@xianfeng/api/contract/discipline"
import { demoRoadUntil } from "@xianfeng/development-rules/testing"
import { describe, expect, it } from "vitest"
import { api, base, context, page, shots, useHarness } from "./harness"

// An admission recorded from the meeting record that decided it (DR 19): the branch general meeting is recorded
// once, in 组织生活; the development form picks it ("从会议记录选择"), its date and figures fill in read-only, the
// rules judge them, and the meeting then lists the decision.

useHarness({ signIn: "admin" })

/** GB 11643: region 330199 (fictitious), born 1998-03-12, a sequence number and its check character. */
const idNumber = (seq: number) => {
  const first17 = `33019919980312${String(seq).padStart(3, "0")}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = weights.reduce((a, w, i) => a + w * Number(first17[i]), 0)
  return `${first17}${"10X98765432"[sum % 11]}`
}

/**
 * A read with room for a loaded machine: right after sign-in the server is still answering the dashboard's
 * panels, and the harness's reads give up after 20 s.
 */
const read = async <T>(path: string): Promise<T> => {
  const res = await context.request.get(`${base}/api${path}`, { timeout: 180_000 })
  if (!res.ok()) throw new Error(`GET /api${path} → ${res.status()}: ${await res.text()}`)
  return (await res.json()) as T
}

describe("发展党员: an admission recorded from its branch general meeting", () => {
  it("picks the meeting, fills its figures read-only, and the meeting lists the decision", async () => {
    // Off the dashboard, so its panels stop asking.
    await page.goto("about:blank")
    const root = await read<{ id: string }>("/orgs/root")
    const [town] = (await read<{ items: { id: string }[] }>(`/orgs/${root.id}/children`)).items
    const branches = await read<{ items: { id: string; kind: string }[] }>(`/orgs/${town?.id}/children`)
    const branchId = branches.items.find((o) => o.kind === "branch")?.id ?? ""
    const roll = (
      await read<{ items: { id: string; orgId: string; stage: string }[] }>(
        `/members?orgId=${branchId}&pageSize=100`,
      )
    ).items.filter((m) => m.orgId === branchId)
    const full = roll.filter((m) => m.stage === "full")
    const probationary = roll.filter((m) => m.stage === "probationary")
    expect(full.length, "the demo branch has full members to sit").toBeGreaterThan(3)

    const name = "宋雨桐"
    const person = await api<{ id: string }>("/members", "POST", {
      orgId: branchId,
      name,
      idNumber: idNumber(461),
      ethnicity: "01",
      education: "21",
      occupationGroup: "worker",
      stage: "applicant",
    })
    // The road up to the admission meeting, entered through the API (the form is what this test is about).
    for (const [step, onDate, evidence] of demoRoadUntil("admission-meeting"))
      await api(`/development/people/${person.id}/records`, "POST", { step, onDate, evidence })
    const [absent, ...present] = full
    // The branch general meeting and its vote on the person, recorded once, through 组织生活's form.
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.goto(`${base}/discipline/meetings?orgId=${branchId}&year=2026`)
    await page.getByTestId("record-meeting").click()
    await page.getByTestId("meeting-type-general-meeting").click()
    await page.getByTestId("meeting-date").fill("2026-06-10")
    await page.getByTestId("meeting-date").press("Enter") // antd's DatePicker takes a typed date on Enter
    await page.getByTestId("meeting-place").fill("党员活动室")
    await page.getByTestId("meeting-chair").fill("支部书记")
    await page.getByTestId("meeting-recorder").fill("组织委员")
    const attendance = page.getByTestId("meeting-attendance")
    await attendance.locator("input").first().waitFor()
    for (const m of [...present, ...probationary]) await attendance.locator(`input[value="${m.id}"]`).check()
    await page.getByTestId("meeting-topic").fill("学习习近平总书记最新重要讲话精神")
    await page.getByTestId("meeting-form").fill("集中学习")
    await page.getByTestId("vote-add").click()
    // The subject is picked from the branch's 发展对象 (sent as the member id), not typed.
    await page.getByTestId("meeting-vote-0").locator(".ant-select-selector").nth(1).click()
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: name })
      .first()
      .click()
    // More votes than voting members present is refused on the form, before anything is sent.
    await page.getByTestId("vote-yesVotes-0").fill(String(present.length + 1))
    await page.getByTestId("vote-abstentions-0").fill("0")
    await page.getByTestId("meeting-save").click()
    await expect
      .poll(() =>
        page.getByTestId("meeting-vote-0").locator(".ant-form-item-explain-error").allTextContents(),
      )
      .toContain(
        `赞成、反对、弃权合计${present.length + 1}票，超过到会有表决权的党员与书面意见之和${present.length}`,
      )
    await page.getByTestId("vote-yesVotes-0").fill(String(present.length))
    await page.getByTestId("meeting-votes").scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(shots, "meeting-votes-1440.png") })
    await page.setViewportSize({ width: 390, height: 844 })
    await page.getByTestId("meeting-votes").scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(shots, "meeting-votes-390.png") })
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.getByTestId("meeting-save").click()
    await page.getByTestId("meeting-save").waitFor({ state: "hidden", timeout: 60_000 })
    const meetings = await read<{ items: MeetingView[] }>(`/discipline/meetings?orgId=${branchId}&year=2026`)
    const meeting = meetings.items.find((m) => m.date === "2026-06-10" && m.votes.length > 0)
    expect(meeting?.votes).toEqual([
      {
        matter: "admission",
        subject: person.id,
        expectedVoters: full.length,
        presentVoters: present.length,
        writtenOpinions: 0,
        yesVotes: present.length,
        noVotes: 0,
        abstentions: 0,
      },
    ])
    expect(meeting?.attendance.find((a) => a.memberId === absent?.id)?.present).toBe(false)
    // Editing the meeting shows its vote, on the person by name.
    await page.getByTestId(`meeting-edit-${meeting?.id}`).click()
    await expect.poll(() => page.getByTestId("meeting-vote-0").textContent()).toContain(name)
    expect(await page.getByTestId("vote-yesVotes-0").inputValue()).toBe(String(present.length))
    await page.keyboard.press("Escape")

    await page.goto(`${base}/development/people/${person.id}`)
    const next = page.getByTestId("next-admission-meeting")
    await next.or(page.getByTestId("record-admission-meeting")).first().click()
    const form = page.locator('[data-testid="record-form"][data-step="admission-meeting"]')
    await form.waitFor()
    await form.getByTestId("field-meetingId").locator(".ant-select-selector").click()
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: "2026-06-10" })
      .first()
      .click()
    // The date and the ballot come from the meeting record, shown and not typed.
    await expect.poll(() => page.locator("#record_onDate").inputValue()).toBe("2026-06-10")
    expect(await page.locator("#record_onDate").isDisabled()).toBe(true)
    await expect
      .poll(() => page.locator("#record_evidence_presentVoters").inputValue())
      .toBe(String(present.length))
    expect(await page.locator("#record_evidence_yesVotes").isDisabled()).toBe(true)
    // What the meeting record does not hold is still answered on the form.
    await page.locator("#record_evidence_candidatesInBallot").fill("1")
    await page.locator("#record_evidence_secretBallot .ant-radio-button-wrapper", { hasText: "是" }).click()
    await page.getByTestId("record-submit").click()
    await form.waitFor({ state: "detached" })
    await expect.poll(() => page.getByTestId("record-meeting").first().textContent()).toContain("2026-06-10")

    await page.goto(`${base}/discipline/meetings?orgId=${branchId}&year=2026`)
    await expect
      .poll(() => page.getByTestId(`meeting-decisions-${meeting?.id}`).textContent(), { timeout: 30_000 })
      .toContain(name)
    // The decision now rests on the ballot: changing it is refused by the API (422), shown on the vote section.
    await page.getByTestId(`meeting-edit-${meeting?.id}`).click()
    await expect.poll(() => page.getByTestId("meeting-vote-0").textContent()).toContain(name)
    await page.getByTestId("vote-yesVotes-0").fill(String(present.length - 1))
    await page.getByTestId("meeting-save").click()
    await expect
      .poll(
        () => page.getByTestId("meeting-votes").locator(".ant-form-item-explain-error").allTextContents(),
        {
          timeout: 60_000,
        },
      )
      .toEqual([expect.stringContaining(`${name}的“`)])
  })
})
