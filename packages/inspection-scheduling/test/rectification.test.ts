import { date, renderVerdict, verdict } from "@xianfeng/core"
import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  disciplineMessages,
  escalateOrder,
  followedBy,
  isOverdue,
  issueOrder,
  makeFinding,
  nationalPolicy,
  type RectificationOrder,
  submitEvidence,
  verifyOrder,
} from "../src/index.js"
import { exampleFinding } from "../src/testing.js"

const asOf = date("2026-11-30")
const issue = () =>
  issueOrder(
    {
      id: "o1",
      finding: exampleFinding(asOf),
      owner: "secretary",
      issuedOn: asOf,
      escalationPath: ["c1", "d1"],
    },
    nationalPolicy,
  )
const reasonOf = (r: Result.Result<RectificationOrder, { reason: string }>) =>
  Result.isFailure(r) ? r.failure.reason : "ok"

describe("findings and rectification orders", () => {
  it("a finding must state its evidence", () => {
    expect(Result.isFailure(makeFinding({ ...exampleFinding(asOf), evidence: " " }))).toBe(true)
    expect(Result.isSuccess(makeFinding(exampleFinding(asOf)))).toBe(true)
  })

  it("gives a serious finding 30 days by the district's default", () => {
    expect(issue().deadline).toEqual(date("2026-12-30"))
  })

  it("goes from issue through evidence to a verified close", () => {
    const submitted = Result.getOrThrow(
      submitEvidence(issue(), { on: date("2026-12-05"), by: "secretary", text: "已补开主题党日" }),
    )
    expect(submitted.state).toBe("submitted")
    const closed = Result.getOrThrow(
      verifyOrder(submitted, { on: date("2026-12-08"), by: "inspector", accept: true }),
    )
    expect(closed).toMatchObject({ state: "closed", closed: { by: "inspector" } })
    expect(reasonOf(submitEvidence(closed, { on: date("2026-12-09"), by: "secretary", text: "x" }))).toBe(
      "closed",
    )
  })

  it("refuses to close without evidence, and the owner may not verify their own order", () => {
    const refused = verifyOrder(issue(), { on: asOf, by: "inspector", accept: true })
    expect(reasonOf(refused)).toBe("not-submitted")
    if (Result.isFailure(refused)) {
      const v = verdict("blocked", refused.failure.code, [])
      expect(renderVerdict(v, disciplineMessages, "zh-CN")).toContain("尚未提交整改材料")
    }
    const submitted = Result.getOrThrow(
      submitEvidence(issue(), { on: asOf, by: "secretary", text: "已整改" }),
    )
    expect(reasonOf(verifyOrder(submitted, { on: asOf, by: "secretary", accept: true }))).toBe(
      "verifier-is-owner",
    )
    expect(reasonOf(verifyOrder(submitted, { on: asOf, by: "inspector", accept: false }))).toBe(
      "reason-required",
    )
    const returned = Result.getOrThrow(
      verifyOrder(submitted, { on: asOf, by: "inspector", accept: false, reason: "缺会议记录" }),
    )
    expect(returned.state).toBe("open")
  })

  it("escalates an overdue order one level up at a time, not before the deadline and not past the top", () => {
    expect(reasonOf(escalateOrder(issue(), date("2026-12-30")))).toBe("not-overdue")
    const late = date("2026-12-31")
    expect(isOverdue(issue(), late)).toBe(true)
    const once = Result.getOrThrow(escalateOrder(issue(), late))
    expect(followedBy(once)).toBe("c1")
    const twice = Result.getOrThrow(escalateOrder(once, late))
    expect(followedBy(twice)).toBe("d1")
    expect(reasonOf(escalateOrder(twice, late))).toBe("top-reached")
  })

  it("no sequence of steps closes an order without a verifier's acceptance of submitted evidence (property)", () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant("submit" as const), text: fc.constantFrom("", "已整改") }),
      fc.record({
        kind: fc.constant("verify" as const),
        by: fc.constantFrom("secretary", "inspector"),
        accept: fc.boolean(),
      }),
      fc.record({ kind: fc.constant("escalate" as const), days: fc.integer({ min: 0, max: 90 }) }),
    )
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
        let order = issue()
        let lastAccepted = false
        for (const s of steps) {
          const before = order.state
          const r =
            s.kind === "submit"
              ? submitEvidence(order, { on: asOf, by: "secretary", text: s.text })
              : s.kind === "verify"
                ? verifyOrder(order, { on: asOf, by: s.by, accept: s.accept, reason: "补充材料" })
                : escalateOrder(order, asOf.add({ days: s.days }))
          if (Result.isSuccess(r)) {
            lastAccepted = s.kind === "verify" && s.accept && before === "submitted" && s.by !== "secretary"
            order = r.success
          }
          if (order.state === "closed" && before !== "closed" && !lastAccepted) return false
        }
        return order.state !== "closed" || order.closed?.by === "inspector"
      }),
    )
  })
})
