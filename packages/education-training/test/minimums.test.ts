import { applyOverlay, date, renderVerdict } from "@xianfeng/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import {
  educationMessages,
  educationPolicy,
  judgeStudyYear,
  nationalPolicy,
  needsAttention,
  type StudyYearInput,
} from "../src/index.js"

const base: StudyYearInput = {
  memberId: "m1",
  year: 2026,
  tenths: 0,
  centralizedDates: [],
  posts: [],
  asOf: date("2026-11-30"),
}
const codes = (i: Partial<StudyYearInput>, policy = nationalPolicy) =>
  judgeStudyYear({ ...base, ...i }, policy).map((v) => [v.status, v.code])

describe("EM 20: members study at least 32 class hours a year", () => {
  it("32 hours meet it", () => {
    expect(codes({ tenths: 320 })).toEqual([["ok", "STUDY-MEMBER-HOURS.ok"]])
  })
  it("31.5 hours are short, due until 31 December and overdue after", () => {
    expect(codes({ tenths: 315 })).toEqual([["due", "STUDY-MEMBER-HOURS.below"]])
    expect(codes({ tenths: 315, asOf: date("2027-01-01") })).toEqual([
      ["overdue", "STUDY-MEMBER-HOURS.below"],
    ])
    expect(needsAttention(judgeStudyYear({ ...base, tenths: 315 }, nationalPolicy))).toBe(true)
  })
  it("the district may set another minimum", () => {
    const policy = Result.getOrThrow(applyOverlay(educationPolicy, { memberMinHours: 40 }))
    expect(codes({ tenths: 320 }, policy)).toEqual([["due", "STUDY-MEMBER-HOURS.below"]])
  })
  it("renders the shortfall in Chinese with the article", () => {
    const [v] = judgeStudyYear({ ...base, tenths: 200 }, nationalPolicy)
    expect(v && renderVerdict(v, educationMessages, "zh-CN")).toContain("还差12学时")
  })
  it("the shortfall is exact to the tenth, without floating-point noise", () => {
    const [v] = judgeStudyYear({ ...base, tenths: 308 }, nationalPolicy)
    expect(v?.params).toMatchObject({ hours: 30.8, short: 1.2 })
    expect(v && renderVerdict(v, educationMessages, "zh-CN")).toContain(
      "本年度已学习30.8学时，距32学时还差1.2学时",
    )
  })
})

describe("EM 23: old, frail or seriously ill members are not held to the hours; study is brought to them", () => {
  it("an exempted member with no hours is allowed, with how study is brought", () => {
    const v = judgeStudyYear(
      { ...base, exemption: { reason: "old", studyBrought: "每月送学上门" } },
      nationalPolicy,
    )
    expect(v.map((x) => [x.status, x.code])).toEqual([["allowed", "STUDY-MEMBER-HOURS.exempt"]])
    expect(needsAttention(v)).toBe(false)
  })
  it("an exempted secretary is not held to 56 hours either", () => {
    expect(
      codes({
        exemption: { reason: "ill", studyBrought: "送学" },
        posts: [{ post: "committee-member", since: date("2020-01-01") }],
      }),
    ).toEqual([["allowed", "STUDY-MEMBER-HOURS.exempt"]])
  })
})

describe("PL19: secretaries and committee members study at least 56 hours with at least one centralized training", () => {
  const cadre = { posts: [{ post: "committee-member" as const, since: date("2020-03-01") }] }
  it("56 hours with a centralized session meet it", () => {
    expect(codes({ ...cadre, tenths: 560, centralizedDates: [date("2026-04-01")] })).toEqual([
      ["ok", "STUDY-MEMBER-HOURS.ok"],
      ["ok", "STUDY-CADRE-HOURS.ok"],
    ])
  })
  it("56 hours without a centralized session do not", () => {
    expect(codes({ ...cadre, tenths: 560 })).toContainEqual(["due", "STUDY-CADRE-HOURS.centralized"])
  })
  it("40 hours with one are short of 56 though above 32", () => {
    expect(codes({ ...cadre, tenths: 400, centralizedDates: [date("2026-04-01")] })).toEqual([
      ["ok", "STUDY-MEMBER-HOURS.ok"],
      ["due", "STUDY-CADRE-HOURS.hours"],
    ])
  })
  it("a centralized session of last year does not count for this year", () => {
    expect(codes({ ...cadre, tenths: 600, centralizedDates: [date("2025-12-31")] })).toContainEqual([
      "due",
      "STUDY-CADRE-HOURS.centralized",
    ])
  })
})

describe("PL19: a new secretary is trained within 6 months of taking office", () => {
  const secretary = { tenths: 600, posts: [{ post: "secretary" as const, since: date("2026-03-15") }] }
  it("trained on the last day of the window is on time", () => {
    expect(codes({ ...secretary, centralizedDates: [date("2026-09-15")] })).toContainEqual([
      "ok",
      "NEW-SECRETARY-TRAINING.ok",
    ])
  })
  it("not trained by then is overdue", () => {
    expect(codes({ ...secretary, centralizedDates: [date("2026-09-16")] })).toContainEqual([
      "overdue",
      "NEW-SECRETARY-TRAINING.missing",
    ])
  })
  it("a secretary of many years is not a new one", () => {
    expect(
      codes({
        tenths: 600,
        centralizedDates: [date("2026-05-01")],
        posts: [{ post: "secretary", since: date("2019-01-01") }],
      }).map(([, c]) => c),
    ).not.toContain("NEW-SECRETARY-TRAINING.missing")
  })
})

describe("PL19: a new member is trained once during probation or within a year after conversion", () => {
  it("trained during probation", () => {
    expect(
      codes({ tenths: 320, admittedOn: date("2025-07-01"), centralizedDates: [date("2025-10-01")] }),
    ).toContainEqual(["ok", "NEW-MEMBER-TRAINING.ok"])
  })
  it("converted 2026-07-01 and untrained: due until 2027-07-01", () => {
    const v = judgeStudyYear(
      { ...base, tenths: 320, admittedOn: date("2025-07-01"), fullMemberOn: date("2026-07-01") },
      nationalPolicy,
    ).find((x) => x.code === "NEW-MEMBER-TRAINING.missing")
    expect([v?.status, v?.dueBy?.toString()]).toEqual(["due", "2027-07-01"])
  })
  it("judges a window in the years it touches, to the day: the window's end found by adding months, every day of three years", () => {
    // The rule finds the deadline's year by arithmetic before adding months with the polyfill; here every
    // conversion (and admission without one) from 2024 to 2026 is judged against the window computed in full.
    for (const months of [12, 6, 18]) {
      const policy = Result.getOrThrow(
        applyOverlay(educationPolicy, { newMemberMonthsAfterConversion: months }),
      )
      for (let d = date("2024-01-01"); d.year < 2027; d = d.add({ days: 1 }))
        for (const [admittedOn, fullMemberOn] of [
          [d.subtract({ years: 1 }), d],
          [d, undefined],
        ] as const) {
          const converted = fullMemberOn ?? admittedOn.add({ years: 1 })
          const deadline = converted.add({ months })
          const judged = judgeStudyYear(
            { ...base, tenths: 320, admittedOn, fullMemberOn, asOf: date("2026-12-31") },
            policy,
          ).find((v) => v.code.startsWith("NEW-MEMBER-TRAINING"))
          const touches = deadline.year >= 2026 && admittedOn.year <= 2026
          expect(
            [judged?.code, judged?.dueBy?.toString()],
            `${admittedOn} ${fullMemberOn} +${months}`,
          ).toEqual(touches ? ["NEW-MEMBER-TRAINING.missing", deadline.toString()] : [undefined, undefined])
        }
    }
  })
})

it("has a message in both languages for every code the rules can emit", () => {
  for (const code of Object.keys(educationMessages)) {
    expect(educationMessages[code]?.["zh-CN"], code).toBeTruthy()
    expect(educationMessages[code]?.en, code).toBeTruthy()
  }
  const emitted = [
    ...judgeStudyYear(
      { ...base, posts: [{ post: "secretary", since: date("2026-01-01") }], admittedOn: date("2026-01-01") },
      nationalPolicy,
    ),
    ...judgeStudyYear({ ...base, exemption: { reason: "frail", studyBrought: "x" } }, nationalPolicy),
  ]
  for (const v of emitted) expect(educationMessages[v.code], v.code).toBeDefined()
})

it("EM 23: an exempted new member is not held to the new members' training either", () => {
  expect(
    codes({ admittedOn: date("2026-01-10"), exemption: { reason: "ill", studyBrought: "上门" } }).map(
      ([, c]) => c,
    ),
  ).toEqual(["STUDY-MEMBER-HOURS.exempt"])
})
