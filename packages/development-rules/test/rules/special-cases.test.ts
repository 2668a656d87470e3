import { applyOverlay } from "@xianfeng/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { developmentPolicy, type History, type StepRecord, steps } from "../../src/index.js"
import { check, codes, d, evalAt, history, rec, validTimeline } from "../fixtures.js"

const arts = (vs: readonly { citations: readonly { edition: string; article: number }[] }[]) =>
  vs.flatMap((v) => v.citations.map((c) => `${c.edition}:${c.article}`))

describe("the new outcome records keep the existing step order", () => {
  it("appends direct admission, posthumous admission and non-recognition after the 29 existing entries, unnumbered and optional", () => {
    const ids = steps.map((s) => s.id)
    expect(ids.slice(0, 29).at(-1)).toBe("transfer-in")
    expect(ids.slice(29)).toEqual(["direct-admission", "posthumous-admission", "membership-not-recognised"])
    for (const s of steps.slice(29)) {
      expect(s.number, s.id).toBeUndefined()
      expect(s.optional, s.id).toBe(true)
    }
  })

  it("never puts an optional record into nextSteps", () => {
    const e = evalAt(history([rec("apply", "2026-06-01")]), "2026-06-05")
    expect(e.nextSteps).toEqual(["talk"])
    expect(e.steps.find((s) => s.step === "direct-admission")?.state).toBe("allowed")
  })
})

describe("direct admission in special cases (2026 Art. 26; 2014 Art. 27)", () => {
  it("accepts the Central Committee or a provincial committee, and closes the ordinary procedure", () => {
    const h = history([rec("apply", "2026-06-01")])
    expect(check(h, rec("direct-admission", "2026-07-01"))).toEqual([])
    expect(check(h, rec("direct-admission", "2026-07-01", { admittedBy: "central-committee" }))).toEqual([])
    const done: History = { ...h, records: [...h.records, rec("direct-admission", "2026-07-01")] }
    const e = evalAt(done, "2026-07-10")
    expect(e.derived.stage).toBe("member")
    expect(e.derived.closedBy?.step).toBe("direct-admission")
    expect(e.nextSteps).toEqual([])
    expect(e.steps.find((s) => s.step === "talk")?.state).toBe("not-applicable")
    const vs = check(done, rec("talk", "2026-07-10"))
    const closed = vs.filter((v) => v.code === "DEV-ORDER.closed")
    expect(closed.map((v) => v.status)).toEqual(["blocked"])
    expect(arts(closed)).toEqual(["2026:26"])
  })

  it("refuses any other committee", () => {
    const vs = check(history([]), rec("direct-admission", "2026-07-01", { admittedBy: "county-committee" }))
    expect(codes(vs)).toEqual(["DEV-DIRECT-ADMISSION.not-entitled"])
    expect(vs[0]?.params.levelZh).toBe("县级党委")
    expect(arts(vs)).toEqual(["2026:26"])
  })

  it("2014: Art. 27", () => {
    const vs = check(history([]), rec("direct-admission", "2020-07-01", { admittedBy: "city-committee" }))
    expect(arts(vs)).toEqual(["2014:27"])
  })
})

describe("posthumous admission (2026 Art. 27; 2014 Art. 28)", () => {
  it("accepts a decision approved at provincial level after the death of someone who had asked to join", () => {
    const h = history([rec("apply", "2025-05-01")])
    expect(check(h, rec("posthumous-admission", "2026-09-01"))).toEqual([])
    // the application on file shows the request even when the form leaves it unticked
    expect(check(h, rec("posthumous-admission", "2026-09-01", { requestedToJoin: false }))).toEqual([])
    const done: History = { ...h, records: [...h.records, rec("posthumous-admission", "2026-09-01")] }
    expect(evalAt(done, "2026-09-02").derived.stage).toBe("member")
  })

  it("refuses without a request to join, without provincial approval, or dated before the death", () => {
    const vs = check(
      history([]),
      rec("posthumous-admission", "2026-07-01", {
        requestedToJoin: false,
        approvedBy: "city-committee",
        diedOn: d("2026-08-01"),
      }),
    )
    expect(codes(vs)).toEqual([
      "DEV-POSTHUMOUS.not-requested",
      "DEV-POSTHUMOUS.approver",
      "DEV-POSTHUMOUS.before-death",
    ])
    expect(new Set(arts(vs))).toEqual(new Set(["2026:27"]))
    expect(
      arts(
        check(
          history([]),
          rec("posthumous-admission", "2020-09-01", {
            diedOn: d("2020-08-01"),
            approvedBy: "central-committee",
          }),
        ),
      ),
    ).toEqual(["2014:28"])
  })
})

describe("members admitted in breach of the rules are not recognised (2026 Art. 41 ¶3)", () => {
  const full = validTimeline(d("2025-03-03"))
  const after = full.records.at(-1)?.on.add({ months: 2 }) ?? d("2030-01-01")

  it("records a non-recognition announced at a branch general meeting, and nothing follows it", () => {
    expect(check(full, rec("membership-not-recognised", after))).toEqual([])
    const done: History = { ...full, records: [...full.records, rec("membership-not-recognised", after)] }
    const e = evalAt(done, after.add({ days: 1 }))
    expect(e.derived.stage).toBe("cancelled")
    expect(e.derived.closedBy).toEqual({ step: "membership-not-recognised", on: after })
  })

  it("refuses it for someone the review found qualified, or without the announcement", () => {
    const vs = check(
      full,
      rec("membership-not-recognised", after, { meetsConditions: true, announcedAtMeeting: false }),
    )
    expect(codes(vs)).toEqual(["DEV-NOT-RECOGNISED.meets-conditions", "DEV-NOT-RECOGNISED.not-announced"])
    expect(new Set(arts(vs))).toEqual(new Set(["2026:41"]))
  })

  it("needs someone admitted first", () => {
    expect(
      codes(check(history([rec("apply", "2026-06-01")]), rec("membership-not-recognised", "2026-07-01"))),
    ).toEqual(["DEV-ORDER.missing"])
  })

  it("2014: the article's 2014 counterpart is not confirmed, so it applies as district policy", () => {
    const old = validTimeline(d("2016-03-03"))
    const at = old.records.at(-1)?.on.add({ months: 1 }) ?? d("2020-01-01")
    const vs = check(old, rec("membership-not-recognised", at, { announcedAtMeeting: false }))
    expect(codes(vs)).toEqual(["DEV-NOT-RECOGNISED.not-announced"])
    expect(vs[0]?.citations[0]?.document.title["zh-CN"]).toContain("本区")
  })
})

describe("the league's nomination of its members (推优, Art. 8 in both editions; policy leagueNominationUpToAge)", () => {
  const base: StepRecord[] = [rec("apply", "2026-05-12"), rec("talk", "2026-05-20")]
  const young = { birthDate: d("2001-03-01") } // 25 in 2026
  const district = Result.getOrThrow(applyOverlay(developmentPolicy, { leagueNominationUpToAge: 28 }))

  it("has no national requirement", () => {
    expect(developmentPolicy.defaults.leagueNominationUpToAge).toBeNull()
    expect(
      check(history(base, young), rec("activist-decision", "2026-07-01", { leagueMember: true })),
    ).toEqual([])
  })

  it("where a district requires it, a league member up to the age needs the league's nomination", () => {
    const vs = check(
      history(base, young),
      rec("activist-decision", "2026-07-01", { leagueMember: true }),
      district,
    )
    expect(codes(vs)).toEqual(["DEV-LEAGUE-NOMINATION.not-nominated"])
    expect(vs[0]?.params).toMatchObject({ age: 25, maxAge: 28 })
    expect(vs[0]?.citations[0]?.document.title["zh-CN"]).toContain("本区")
    expect(vs[0]?.citations[1]).toMatchObject({ edition: "2026", article: 8 })
    expect(
      check(
        history(base, young),
        rec("activist-decision", "2026-07-01", { leagueMember: true, source: "league-nomination" }),
        district,
      ),
    ).toEqual([])
    // not a league member, or older than the limit: the ordinary ways apply
    expect(check(history(base, young), rec("activist-decision", "2026-07-01"), district)).toEqual([])
    const older = { birthDate: d("1996-03-01") } // 30 on 2026-03-01
    expect(
      check(history(base, older), rec("activist-decision", "2026-07-01", { leagueMember: true }), district),
    ).toEqual([])
  })
})

describe("organizations of mobile members without the conditions to develop (2026 Art. 40)", () => {
  const base: StepRecord[] = [
    rec("apply", "2025-01-05"),
    rec("talk", "2025-01-10"),
    rec("activist-decision", "2025-02-10"),
    rec("activist-filing", "2025-02-11"),
    rec("contacts-assigned", "2025-02-11"),
  ]

  it("may cultivate activists but not decide a candidate for membership: it hands the materials over", () => {
    const h = history(base, { migrant: true })
    const vs = check(h, rec("development-object-decision", "2026-06-01", { mobileOrg: "not-qualified" }))
    expect(codes(vs)).toEqual(["DEV-MOBILE-ORG.not-qualified"])
    expect(arts(vs)).toEqual(["2026:40"])
    expect(check(h, rec("development-object-decision", "2026-06-01", { mobileOrg: "qualified" }))).toEqual([])
    expect(check(h, rec("development-object-decision", "2026-06-01"))).toEqual([])
  })
})
