import { applyOverlay } from "@xianfeng/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { developmentPolicy, type History, type StepRecord } from "../../src/index.js"
import { check, codes, d, evalAt, history, rec, validTimeline } from "../fixtures.js"

/** A valid 2026 history, cut just before `step`. */
const before = (step: string, start = "2025-03-03"): History => {
  const full = validTimeline(d(start))
  const i = full.records.findIndex((r) => r.step === step)
  const cut = full.records[i]?.on
  return {
    ...full,
    records: full.records.filter(
      (r) => cut !== undefined && r.on.toString() < cut.toString() && r.step !== step,
    ),
  }
}
const recordOf = (h: History, step: string): StepRecord | undefined => h.records.find((r) => r.step === step)
const full = validTimeline(d("2025-03-03"))
const on = (step: string) => recordOf(full, step)?.on ?? d("2000-01-01")

describe("admission (stage 4)", () => {
  it("refuses admission of someone leaving the unit within 3 months (DR 18)", () => {
    const h = before("admission-meeting")
    const leaving = {
      ...h,
      person: { ...h.person, leavingUnitOn: on("admission-meeting").add({ months: 2 }) },
    }
    expect(codes(check(leaving, rec("admission-meeting", on("admission-meeting"))))).toEqual([
      "DEV-LEAVING-UNIT.leaving-soon",
    ])
    const later = { ...h, person: { ...h.person, leavingUnitOn: on("admission-meeting").add({ months: 4 }) } }
    expect(check(later, rec("admission-meeting", on("admission-meeting")))).toEqual([])
  })

  it("requires the pre-review result in writing (DR 18)", () => {
    const h = before("pre-review")
    expect(codes(check(h, rec("pre-review", on("pre-review"), { written: false })))).toEqual([
      "DEV-PRE-REVIEW.not-written",
    ])
  })

  it("2026: the branch meeting is due within one month of pre-review, then overdue (DR 19)", () => {
    const h = before("admission-meeting")
    const passed = on("pre-review")
    const s = evalAt(h, passed.add({ days: 3 })).steps.find((x) => x.step === "admission-meeting")
    expect(s?.state).toBe("due")
    expect(s?.dueBy?.toString()).toBe(passed.add({ months: 1 }).toString())
    const late = evalAt(h, passed.add({ months: 1, days: 1 })).steps.find(
      (x) => x.step === "admission-meeting",
    )
    expect(late?.state).toBe("overdue")
    expect(codes(check(h, rec("admission-meeting", passed.add({ months: 1, days: 1 }))))).toEqual([
      "DEV-MEETING-AFTER-PREREVIEW.late",
    ])
  })

  it("2014: no national limit between pre-review and the branch meeting", () => {
    const h = before("admission-meeting", "2018-03-03")
    const passed = h.records.filter((r) => r.step === "pre-review").at(-1)?.on ?? d("2000-01-01")
    expect(
      evalAt(h, passed.add({ months: 2 })).steps.find((x) => x.step === "admission-meeting")?.state,
    ).toBe("allowed")
    expect(check(h, rec("admission-meeting", passed.add({ months: 2 })))).toEqual([])
  })

  it("needs voting members present to be MORE than half of those expected (DR 19)", () => {
    const h = before("admission-meeting")
    const m = (presentVoters: number, yesVotes: number) =>
      rec("admission-meeting", on("admission-meeting"), {
        expectedVoters: 20,
        presentVoters,
        writtenOpinions: 0,
        yesVotes,
        noVotes: 0,
        abstentions: 0,
      })
    expect(codes(check(h, m(10, 10)))).toEqual(["DEV-QUORUM.no-quorum"])
    expect(check(h, m(11, 11))).toEqual([])
  })

  it("passes only with yes votes above half of the EXPECTED voters, not of those present (DR 20)", () => {
    const h = before("admission-meeting")
    const m = rec("admission-meeting", on("admission-meeting"), {
      expectedVoters: 20,
      presentVoters: 12,
      writtenOpinions: 0,
      yesVotes: 10,
      noVotes: 2,
      abstentions: 0,
    })
    expect(codes(check(h, m))).toEqual(["DEV-QUORUM.not-passed"])
  })

  it("counts written opinions of absent voting members in the tally (DR 20)", () => {
    const h = before("admission-meeting")
    const m = rec("admission-meeting", on("admission-meeting"), {
      expectedVoters: 20,
      presentVoters: 11,
      writtenOpinions: 3,
      yesVotes: 11,
      noVotes: 3,
      abstentions: 0,
    })
    expect(check(h, m)).toEqual([])
  })

  it("does not let probationary members vote: more votes than voters is refused (PC 7)", () => {
    const h = before("admission-meeting")
    const m = rec("admission-meeting", on("admission-meeting"), {
      expectedVoters: 20,
      presentVoters: 11,
      writtenOpinions: 0,
      yesVotes: 13,
      noVotes: 0,
      abstentions: 0,
      probationaryPresent: 2,
    })
    expect(codes(check(h, m))).toEqual(["DEV-QUORUM.tally"])
  })

  it("requires a secret ballot (DR 20)", () => {
    const h = before("admission-meeting")
    expect(
      codes(check(h, rec("admission-meeting", on("admission-meeting"), { secretBallot: false }))),
    ).toEqual(["DEV-QUORUM.not-secret"])
  })

  it("votes on one person at a time (DR 20)", () => {
    const h = before("admission-meeting")
    expect(
      codes(check(h, rec("admission-meeting", on("admission-meeting"), { candidatesInBallot: 3 }))),
    ).toEqual(["DEV-ONE-AT-A-TIME.several-in-one-ballot"])
  })

  it("lets only a party committee approve (DR 22)", () => {
    const h = before("admission-approval")
    const at = on("admission-approval")
    const branch = rec("admission-approval", at, {
      approver: { id: "b1", kind: "general-branch", path: "d1.c01.b1" },
      parentKind: "party-committee",
    })
    const blocked = (r: StepRecord) => codes(check(h, r).filter((v) => v.status === "blocked"))
    expect(blocked(branch)).toEqual(["DEV-APPROVER.not-committee"])
    const underTownship = rec("admission-approval", at, {
      approver: { id: "c9", kind: "party-committee", path: "d1.t1.c9" },
      parentKind: "township-committee",
    })
    expect(blocked(underTownship)).toEqual(["DEV-APPROVER.under-township"])
    const temporary = rec("admission-approval", at, {
      approver: { id: "c9", kind: "party-committee", path: "d1.c9", temporary: true },
      parentKind: "district-committee",
    })
    expect(blocked(temporary)).toEqual(["DEV-APPROVER.temporary"])
  })

  it("requires collective discussion for approval (DR 24)", () => {
    const h = before("admission-approval")
    expect(
      codes(check(h, rec("admission-approval", on("admission-approval"), { collective: false }))),
    ).toContain("DEV-ONE-AT-A-TIME.not-collective")
  })

  it("approves within 3 months, warns up to 6 with a reason, refuses beyond 6 (DR 25)", () => {
    const h = before("admission-approval")
    const meeting = on("admission-meeting")
    const okVs = check(h, rec("admission-approval", meeting.add({ months: 3 })))
    expect(okVs.filter((v) => v.status !== "ok")).toEqual([])
    expect(codes(check(h, rec("admission-approval", meeting.add({ months: 4 }))))).toContain(
      "DEV-APPROVAL-WITHIN.late",
    )
    expect(
      codes(check(h, rec("admission-approval", meeting.add({ months: 4 }), { delayReason: "外调未返回" }))),
    ).toContain("DEV-APPROVAL-WITHIN.extended")
    const beyond = check(
      h,
      rec("admission-approval", meeting.add({ months: 6, days: 1 }), { delayReason: "外调未返回" }),
    )
    expect(beyond.filter((v) => v.status === "blocked").map((v) => v.code)).toEqual([
      "DEV-APPROVAL-WITHIN.beyond-limit",
    ])
  })

  it("shows approval as overdue after 3 months and blocked after 6 (DR 25)", () => {
    const h = before("admission-approval")
    const meeting = on("admission-meeting")
    const st = (x: typeof meeting) => evalAt(h, x).steps.find((s) => s.step === "admission-approval")?.state
    expect(st(meeting.add({ months: 2 }))).toBe("due")
    expect(st(meeting.add({ months: 4 }))).toBe("overdue")
    expect(st(meeting.add({ months: 7 }))).toBe("blocked")
  })

  it("can count the approval clock from the submission date (policy approvalClockFrom [?])", () => {
    const policy = Result.getOrThrow(applyOverlay(developmentPolicy, { approvalClockFrom: "submission" }))
    const h = before("admission-approval")
    const meeting = on("admission-meeting")
    const r = rec("admission-approval", meeting.add({ months: 4 }), {
      submittedOn: meeting.add({ months: 2 }),
    })
    expect(codes(check(h, r, policy))).not.toContain("DEV-APPROVAL-WITHIN.late")
    expect(codes(check(h, r))).toContain("DEV-APPROVAL-WITHIN.late")
  })

  it("requires the introducers' opinions in the application form (DR 15)", () => {
    const h = before("application-form")
    expect(
      codes(check(h, rec("application-form", on("application-form"), { introducerOpinions: false }))),
    ).toEqual(["DEV-APPLICATION-FORM.no-introducer-opinions"])
  })

  it("does not hold the same branch meeting twice (one record per step)", () => {
    const h = before("committee-talk")
    expect(codes(check(h, rec("admission-meeting", on("committee-talk"))))).toContain(
      "DEV-ORDER.already-done",
    )
  })

  it("judges an unverified history with no edition in force as the 2014 edition, with a warning", () => {
    expect(codes(check(history([], { birthDate: d("1980-01-01") }), rec("apply", "2010-01-01")))).toEqual([
      "DEV-EDITION.none",
    ])
  })
})
