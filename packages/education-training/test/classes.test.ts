import { date } from "@xianfeng/core"
import { describe, expect, it } from "vitest"
import {
  audienceAdmits,
  classStatus,
  firstItemCompliance,
  firstItemLedger,
  nationalPolicy,
  validateSession,
} from "../src/index.js"

const member = { orgPath: "d.s1.b2", posts: [] as const, categories: [] as const }

describe("a class's audience (培训对象)", () => {
  it("a subtree class admits its members and no one else", () => {
    expect(audienceAdmits("d", { kind: "subtree", orgPath: "d.s1" }, member)).toBe(true)
    expect(audienceAdmits("d", { kind: "subtree", orgPath: "d.s2" }, member)).toBe(false)
  })
  it("a class for new 'two committees' members admits only that category, inside the organizer's subtree", () => {
    const audience = { kind: "category", category: "new-two-committees" } as const
    expect(audienceAdmits("d", audience, member)).toBe(false)
    expect(audienceAdmits("d", audience, { ...member, categories: ["new-two-committees"] })).toBe(true)
    expect(audienceAdmits("d.s2", audience, { ...member, categories: ["new-two-committees"] })).toBe(false)
  })
  it("a class for secretaries admits secretaries", () => {
    expect(
      audienceAdmits("d", { kind: "post", post: "secretary" }, { ...member, posts: ["secretary"] }),
    ).toBe(true)
  })
})

describe("a session of a class", () => {
  const s = { on: date("2026-05-10"), start: 540, end: 720, tenths: 40 }
  it("is fine as 4 class hours over three hours", () => {
    expect(validateSession(s, [], nationalPolicy)).toEqual([])
  })
  it("refuses negative, zero and absurd hours, naming the field", () => {
    expect(
      validateSession({ ...s, tenths: -10 }, [], nationalPolicy, "sessions[0]").map((e) => e.field),
    ).toEqual(["sessions[0].hours"])
    expect(validateSession({ ...s, tenths: 0 }, [], nationalPolicy).map((e) => e.reason)).toEqual(["range"])
    expect(validateSession({ ...s, tenths: 90 }, [], nationalPolicy).map((e) => e.reason)).toEqual(["range"])
    expect(validateSession({ ...s, tenths: 50 }, [], nationalPolicy).map((e) => e.reason)).toEqual([
      "longer-than-session",
    ])
  })
  it("refuses a session overlapping another of the class, and not one that starts when the other ends", () => {
    expect(
      validateSession(
        { ...s, id: "b", start: 700, end: 760, tenths: 10 },
        [{ ...s, id: "a" }],
        nationalPolicy,
      ).map((e) => e.field),
    ).toEqual(["start"])
    expect(
      validateSession(
        { ...s, id: "b", start: 720, end: 780, tenths: 10 },
        [{ ...s, id: "a" }],
        nationalPolicy,
      ),
    ).toEqual([])
  })
})

describe("第一议题 (local practice): meetings of the listed kinds open with it", () => {
  const m = (id: string, kinds: string[], topic: string | null) => ({
    id,
    orgId: "b1",
    kinds,
    on: date("2026-03-01"),
    startTime: "09:00",
    endTime: "10:00",
    firstItem: topic === null ? null : { topic, form: "集体学习" },
    presentMemberIds: [],
  })
  const meetings = [
    m("a", ["committee-meeting"], "学习重要讲话精神"),
    m("b", ["general-meeting"], null),
    m("c", ["theme-day"], null),
  ]
  it("the ledger lists the meetings that opened with it", () => {
    expect(firstItemLedger(meetings).map((l) => [l.meetingId, l.topic])).toEqual([["a", "学习重要讲话精神"]])
  })
  it("compliance counts only the kinds that must (a theme day need not)", () => {
    const [c] = firstItemCompliance(["b1"], meetings, date("2026-01-01"), date("2026-12-31"), nationalPolicy)
    expect([c?.required, c?.opened, c?.missing, c?.verdict.status]).toEqual([2, 1, ["b"], "warning"])
  })
  it("compliance counts each organization's own meetings of the period, one row per organization asked", () => {
    const at = (id: string, orgId: string, on: string, topic: string | null) => ({
      ...m(id, ["general-meeting"], topic),
      orgId,
      on: date(on),
    })
    const mixed = [
      at("p", "b2", "2026-02-01", "学习"),
      at("q", "b1", "2026-02-02", null),
      at("r", "b2", "2025-12-31", null), // before the period
      at("s", "b2", "2026-04-01", null),
      at("t", "b1", "2027-01-01", null), // after it
      at("u", "b3", "2026-05-01", "学习"), // not asked for
    ]
    const rows = firstItemCompliance(
      ["b1", "b2", "b4"],
      mixed,
      date("2026-01-01"),
      date("2026-12-31"),
      nationalPolicy,
    )
    expect(rows.map((r) => [r.orgId, r.required, r.opened, r.missing, r.verdict.status])).toEqual([
      ["b1", 1, 0, ["q"], "warning"],
      ["b2", 2, 1, ["s"], "warning"],
      ["b4", 0, 0, [], "ok"],
    ])
  })
})

describe("a class's status (班次状态), from its sessions and its closing", () => {
  const sessions = [{ on: date("2026-03-01") }, { on: date("2026-03-08") }]
  it("reads in progress between its first and last session, inclusive", () => {
    expect(classStatus(sessions, false, date("2026-03-01"))).toBe("in-progress")
    expect(classStatus(sessions, false, date("2026-03-05"))).toBe("in-progress")
    expect(classStatus(sessions, false, date("2026-03-08"))).toBe("in-progress")
  })
  it("does not read in progress once every session is past: the sessions are over, awaiting the closing", () => {
    expect(classStatus(sessions, false, date("2026-03-09"))).toBe("sessions-over")
  })
  it("is upcoming before its first session or without sessions, and closed once closed whatever the dates", () => {
    expect(classStatus(sessions, false, date("2026-02-28"))).toBe("upcoming")
    expect(classStatus([], false, date("2026-02-28"))).toBe("upcoming")
    expect(classStatus(sessions, true, date("2026-03-05"))).toBe("closed")
  })
})
