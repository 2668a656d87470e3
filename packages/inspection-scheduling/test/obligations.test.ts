import { applyOverlay, formatCitation } from "@xianfeng/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { disciplinePolicy, nationalPolicy, type ObligationId, obligationsOf } from "../src/index.js"
import { exampleBranch } from "../src/testing.js"

const of = (id: ObligationId, policy = nationalPolicy, org = exampleBranch) =>
  obligationsOf(org, policy).find((o) => o.id === id)
const cites = (id: ObligationId) =>
  of(id)
    ?.citations.map((c) => formatCitation(c, "zh-CN"))
    .join()

describe("how often a branch must hold each sitting (BR 11–19; EM 16–18)", () => {
  it("BR 11: a branch general meeting is held once a quarter and votes with at least half present", () => {
    expect(of("general-meeting")).toMatchObject({ cadence: "quarter", quorum: "at-least-half" })
    expect(cites("general-meeting")).toContain("第十一条")
  })

  it("BR 12: a branch committee meeting is held monthly, only where the branch has a committee", () => {
    expect(of("committee-meeting")).toMatchObject({ cadence: "month", quorum: "at-least-half" })
    expect(of("committee-meeting", nationalPolicy, { ...exampleBranch, hasCommittee: false })).toBeUndefined()
  })

  it("BR 13–14: party group meetings are monthly, where the branch has groups", () => {
    expect(of("group-meeting")?.cadence).toBe("month")
    expect(of("group-meeting", nationalPolicy, { ...exampleBranch, hasGroups: false })).toBeUndefined()
  })

  it("BR 16: a party lecture is due quarterly by the common default, yearly where the district keeps to the floor", () => {
    expect(of("party-lecture")?.cadence).toBe("quarter")
    const yearly = Result.getOrThrow(applyOverlay(disciplinePolicy, { partyLectureCadence: "year" }))
    expect(of("party-lecture", yearly)?.cadence).toBe("year")
  })

  it("BR 16, EM 16: the theme party day is monthly, on the day the district fixes", () => {
    expect(of("theme-day")).toMatchObject({ cadence: "month", dayOfMonth: 15 })
    const tenth = Result.getOrThrow(applyOverlay(disciplinePolicy, { themeDayOfMonth: 10 }))
    expect(of("theme-day", tenth)?.dayOfMonth).toBe(10)
    expect(Result.isFailure(applyOverlay(disciplinePolicy, { themeDayOfMonth: 31 }))).toBe(true)
  })

  it("BR 17, EM 17: the organizational life meeting is yearly, usually in the fourth quarter", () => {
    expect(of("org-life-meeting")).toMatchObject({ cadence: "year", usualQuarter: 4 })
    expect(cites("org-life-meeting")).toContain("第十七条")
  })

  it("BR 18, EM 18: the democratic appraisal of members is yearly", () => {
    expect(of("democratic-appraisal")?.cadence).toBe("year")
  })

  it("BR 19: heart-to-heart talks are yearly for each pair type; among committee members only with a committee", () => {
    for (const id of ["talk:committee-committee", "talk:committee-member", "talk:member-member"] as const) {
      expect(of(id)?.cadence).toBe("year")
    }
    expect(
      of("talk:committee-committee", nationalPolicy, { ...exampleBranch, hasCommittee: false }),
    ).toBeUndefined()
  })

  it("BR 16: a committee above the branches owes a yearly lecture by its secretary; a leading party group nothing here", () => {
    const committee = obligationsOf(
      { kind: "party-committee", hasCommittee: true, hasGroups: false },
      nationalPolicy,
    )
    expect(committee.map((o) => [o.id, o.cadence])).toEqual([["party-lecture", "year"]])
    expect(
      obligationsOf({ kind: "party-group", hasCommittee: false, hasGroups: false }, nationalPolicy),
    ).toEqual([])
  })

  it("cites an article for every obligation", () => {
    for (const o of obligationsOf(exampleBranch, nationalPolicy))
      expect(o.citations.length, o.id).toBeGreaterThan(0)
  })
})
