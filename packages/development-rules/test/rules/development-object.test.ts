import { applyOverlay } from "@xianfeng/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { developmentPolicy, type StepRecord } from "../../src/index.js"
import { check, codes, d, evalAt, history, member, rec } from "../fixtures.js"

/** An activist since 2025-02-10, decided as candidate for membership on 2026-06-01 (2026 edition). */
const base2026: StepRecord[] = [
  rec("apply", "2025-01-05"),
  rec("talk", "2025-01-10"),
  rec("activist-decision", "2025-02-10"),
  rec("activist-filing", "2025-02-11"),
  rec("contacts-assigned", "2025-02-11"),
  rec("development-object-decision", "2026-06-01"),
]
/** The same in 2014-edition times. */
const base2014: StepRecord[] = [
  rec("apply", "2019-01-05"),
  rec("talk", "2019-01-10"),
  rec("activist-decision", "2019-02-10"),
  rec("activist-filing", "2019-02-11"),
  rec("contacts-assigned", "2019-02-11"),
  rec("development-object-decision", "2020-06-01"),
]
const notice = (start: string, end: string, places = ["单位公示栏"]) =>
  rec("public-notice", end, { start: d(start), end: d(end), places })

describe("higher committee and public notice (DR 13; 2014 vs 2026)", () => {
  it("2026: refuses a mere filing, the higher committee must agree (DR 13)", () => {
    expect(
      codes(check(history(base2026), rec("higher-committee-agreement", "2026-06-03", { kind: "filing" }))),
    ).toEqual(["DEV-OBJECT-HIGHER.agreement-required"])
  })

  it("2014: a filing with the higher committee is enough and no notice is needed (DR14 13)", () => {
    const h = history([...base2014, rec("higher-committee-agreement", "2020-06-03", { kind: "filing" })])
    expect(check(h, rec("introducers", "2020-06-05"))).toEqual([])
    expect(evalAt(h, "2020-06-05").steps.find((s) => s.step === "public-notice")?.state).toBe(
      "not-applicable",
    )
  })

  it("2026: introducers need the public notice first (DR 13)", () => {
    const h = history([...base2026, rec("higher-committee-agreement", "2026-06-03")])
    expect(codes(check(h, rec("introducers", "2026-06-05")))).toEqual(["DEV-ORDER.missing"])
    const withNotice = history([...h.records, notice("2026-06-04", "2026-06-10")])
    expect(check(withNotice, rec("introducers", "2026-06-11"))).toEqual([])
  })

  it("2026: refuses a notice shorter than 5 working days (DR 13)", () => {
    const h = history([...base2026, rec("higher-committee-agreement", "2026-06-03")])
    // Thu 4 June – Tue 9 June 2026 is 4 working days.
    const vs = check(h, notice("2026-06-04", "2026-06-09"))
    expect(codes(vs)).toEqual(["DEV-PUBLIC-NOTICE.too-short"])
    expect(vs[0]?.params.workingDays).toBe(4)
    expect(check(h, notice("2026-06-04", "2026-06-10"))).toEqual([])
  })

  it("2026: counts working days around holidays (National Day week 2026)", () => {
    const h = history([...base2026, rec("higher-committee-agreement", "2026-09-28")])
    // 28 Sep – 9 Oct 2026 spans the National Day holiday.
    const vs = check(h, notice("2026-09-29", "2026-10-08"))
    expect(codes(vs)).toEqual(["DEV-PUBLIC-NOTICE.too-short"])
  })

  it("2026: says so when the working-day calendar lacks a year (never guesses)", () => {
    const h = history([...base2026, rec("higher-committee-agreement", "2027-03-01")])
    const vs = check(h, notice("2027-03-02", "2027-03-09"))
    expect(vs.map((v) => [v.status, v.code])).toEqual([["warning", "DEV-PUBLIC-NOTICE.calendar-unknown"]])
    expect(vs[0]?.params.years).toBe("2027")
  })

  it("2026: a migrant's notice must be posted in both places (DR 13)", () => {
    const h = history([...base2026, rec("higher-committee-agreement", "2026-06-03")], { migrant: true })
    expect(codes(check(h, notice("2026-06-04", "2026-06-10")))).toEqual(["DEV-PUBLIC-NOTICE.two-places"])
    expect(check(h, notice("2026-06-04", "2026-06-10", ["流出地", "流入地"]))).toEqual([])
  })

  it("2026: the notice must start after the higher committee agrees (DR 13)", () => {
    const h = history([...base2026, rec("higher-committee-agreement", "2026-06-08")])
    expect(codes(check(h, notice("2026-06-04", "2026-06-12")))).toEqual([
      "DEV-PUBLIC-NOTICE.before-agreement",
    ])
  })
})

const object2026 = history([
  ...base2026,
  rec("higher-committee-agreement", "2026-06-03"),
  notice("2026-06-04", "2026-06-10"),
])

describe("introducers (DR 14)", () => {
  it("requires exactly two introducers", () => {
    expect(
      codes(check(object2026, rec("introducers", "2026-06-12", { introducers: [member("甲")] }))),
    ).toEqual(["DEV-INTRODUCERS.count"])
    const three = [member("甲"), member("乙"), member("丙")]
    expect(codes(check(object2026, rec("introducers", "2026-06-12", { introducers: three })))).toEqual([
      "DEV-INTRODUCERS.count",
    ])
  })

  it("refuses a probationary member as introducer", () => {
    const vs = check(
      object2026,
      rec("introducers", "2026-06-12", {
        introducers: [member("甲"), member("乙", { status: "probationary" })],
      }),
    )
    expect(codes(vs)).toEqual(["DEV-INTRODUCERS.not-full-member"])
  })

  it("refuses an introducer under 留党察看 whose rights are not restored", () => {
    const sanctioned = member("乙", { sanctions: [{ kind: "party-probation", imposedOn: d("2025-10-01") }] })
    expect(
      codes(check(object2026, rec("introducers", "2026-06-12", { introducers: [member("甲"), sanctioned] }))),
    ).toEqual(["DEV-INTRODUCERS.party-probation"])
    const restored = member("乙", {
      sanctions: [{ kind: "party-probation", imposedOn: d("2024-01-01"), restoredOn: d("2026-01-01") }],
    })
    expect(
      check(object2026, rec("introducers", "2026-06-12", { introducers: [member("甲"), restored] })),
    ).toEqual([])
  })

  it("warns about an introducer within a warning's 1-year effect period, and not after it (DISC)", () => {
    const warned = (on: string) => member("乙", { sanctions: [{ kind: "warning", imposedOn: d(on) }] })
    const vs = check(
      object2026,
      rec("introducers", "2026-06-12", { introducers: [member("甲"), warned("2025-07-01")] }),
    )
    expect(vs.map((v) => [v.status, v.code])).toEqual([["warning", "DEV-INTRODUCERS.sanction-period"]])
    expect(vs[0]?.params.until?.toString()).toBe("2026-07-01")
    expect(
      check(
        object2026,
        rec("introducers", "2026-06-12", { introducers: [member("甲"), warned("2025-06-01")] }),
      ),
    ).toEqual([])
  })

  it("counts 1.5 years for a serious warning and 2 years for removal from post (DISC)", () => {
    const s = (kind: "serious-warning" | "removal-from-post", on: string) =>
      member("乙", { sanctions: [{ kind, imposedOn: d(on) }] })
    expect(
      codes(
        check(
          object2026,
          rec("introducers", "2026-06-12", {
            introducers: [member("甲"), s("serious-warning", "2025-01-01")],
          }),
        ),
      ),
    ).toEqual(["DEV-INTRODUCERS.sanction-period"])
    expect(
      check(
        object2026,
        rec("introducers", "2026-07-02", { introducers: [member("甲"), s("serious-warning", "2025-01-01")] }),
      ),
    ).toEqual([])
    expect(
      codes(
        check(
          object2026,
          rec("introducers", "2026-06-12", {
            introducers: [member("甲"), s("removal-from-post", "2024-07-01")],
          }),
        ),
      ),
    ).toEqual(["DEV-INTRODUCERS.sanction-period"])
  })

  it("refuses instead of warning when the district says so (policy discouragedIntroducer)", () => {
    const policy = Result.getOrThrow(applyOverlay(developmentPolicy, { discouragedIntroducer: "blocked" }))
    const warned = member("乙", { sanctions: [{ kind: "warning", imposedOn: d("2025-12-01") }] })
    const vs = check(
      object2026,
      rec("introducers", "2026-06-12", { introducers: [member("甲"), warned] }),
      policy,
    )
    expect(vs.map((v) => v.status)).toEqual(["blocked"])
  })
})

describe("political review (DR 16) and training (DR 17)", () => {
  it("requires a written conclusion", () => {
    expect(codes(check(object2026, rec("political-review", "2026-06-15", { conclusion: "  " })))).toEqual([
      "DEV-POLITICAL-REVIEW.no-conclusion",
    ])
  })

  it("2026: requires online behaviour and conduct in urgent tasks; 2014 did not", () => {
    const items2014 = [
      "attitude-to-line",
      "political-history",
      "law-and-ethics",
      "family-and-relations",
    ] as const
    const vs = check(object2026, rec("political-review", "2026-06-15", { items: [...items2014] }))
    expect(codes(vs)).toEqual(["DEV-POLITICAL-REVIEW.incomplete"])
    expect(String(vs[0]?.params.missing)).toContain("online behaviour")
    const h14 = history([...base2014, rec("higher-committee-agreement", "2020-06-03", { kind: "filing" })])
    expect(
      check(h14, rec("political-review", "2020-06-15", { items: [...items2014], jointReview: false })),
    ).toEqual([])
  })

  it("bars admission after a failed political review", () => {
    const h = history([
      ...object2026.records,
      rec("introducers", "2026-06-12"),
      rec("political-review", "2026-06-15", { passed: false }),
      rec("training", "2026-06-20"),
    ])
    expect(codes(check(h, rec("committee-review", "2026-06-25")))).toContain("DEV-POLITICAL-REVIEW.failed")
  })

  it("accepts 3 days or 24 class hours of training and refuses less (DR 17)", () => {
    const pre = [
      ...object2026.records,
      rec("introducers", "2026-06-12"),
      rec("political-review", "2026-06-15"),
    ]
    const short = history([...pre, rec("training", "2026-06-20", { days: 2, hours: 16 })])
    expect(codes(check(short, rec("committee-review", "2026-06-25")))).toEqual(["DEV-TRAINING.too-short"])
    const hours = history([...pre, rec("training", "2026-06-20", { days: 2, hours: 24 })])
    expect(check(hours, rec("committee-review", "2026-06-25"))).toEqual([])
    const days = history([...pre, rec("training", "2026-06-20", { days: 3, hours: 18 })])
    expect(check(days, rec("committee-review", "2026-06-25"))).toEqual([])
  })

  it("adds up several training sessions, warning while still short (DR 17)", () => {
    const pre = [
      ...object2026.records,
      rec("introducers", "2026-06-12"),
      rec("political-review", "2026-06-15"),
    ]
    const one = history([...pre, rec("training", "2026-06-20", { days: 1.5, hours: 12 })])
    expect(codes(check(one, rec("training", "2026-06-27", { days: 1, hours: 8 })))).toEqual([
      "DEV-TRAINING.short-so-far",
    ])
    expect(check(one, rec("training", "2026-06-27", { days: 1.5, hours: 12 }))).toEqual([])
  })

  it("lets a district require longer training (policy trainingMinDays/Hours)", () => {
    const policy = Result.getOrThrow(
      applyOverlay(developmentPolicy, { trainingMinDays: 5, trainingMinHours: 40 }),
    )
    const pre = [
      ...object2026.records,
      rec("introducers", "2026-06-12"),
      rec("political-review", "2026-06-15"),
    ]
    const h = history([...pre, rec("training", "2026-06-20", { days: 3, hours: 24 })])
    expect(codes(check(h, rec("committee-review", "2026-06-25"), policy))).toEqual(["DEV-TRAINING.too-short"])
  })
})
