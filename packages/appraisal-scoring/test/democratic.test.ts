import { applyOverlay, date, locales, renderVerdict } from "@xianfeng/core"
import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  appraisalMessages,
  appraisalPolicy,
  checkGrades,
  checkPeerRating,
  explainGrade,
  type Grade,
  grades,
  nationalPolicy,
  type Participant,
  type PeerRating,
  peerViewOf,
  receivedCountsOf,
  scoreOf,
  scoreOfCounts,
  suggestGrades,
} from "../src/index.js"
import { exampleParticipants, exampleRatings } from "../src/testing.js"

void date
const all = (participants: readonly Participant[], grade: (rater: string, ratee: string) => Grade) =>
  participants.flatMap((a) =>
    participants
      .filter((b) => b.id !== a.id)
      .map((b) => ({ raterId: a.id, rateeId: b.id, grade: grade(a.id, b.id) })),
  )
const reason = <A>(r: Result.Result<A, { field: string; reason: string }>) =>
  Result.isFailure(r) ? `${r.failure.field}:${r.failure.reason}` : "ok"

describe("peer ratings (党员互评)", () => {
  const ps = exampleParticipants(6)
  it("no one rates themself in the peer step", () => {
    expect(reason(checkPeerRating({ raterId: "m1", rateeId: "m1", grade: "excellent" }, ps, []))).toBe(
      "rateeId:self-rating",
    )
  })
  it("a second rating of the same member by the same rater is refused", () => {
    const first: PeerRating = { raterId: "m1", rateeId: "m2", grade: "qualified" }
    expect(reason(checkPeerRating(first, ps, []))).toBe("ok")
    expect(reason(checkPeerRating({ ...first, grade: "excellent" }, ps, [first]))).toBe("rateeId:duplicate")
  })
  it("a member rating outside their branch is refused, and so is rating an outsider", () => {
    expect(reason(checkPeerRating({ raterId: "x9", rateeId: "m2", grade: "qualified" }, ps, []))).toBe(
      "raterId:not-in-branch",
    )
    expect(reason(checkPeerRating({ raterId: "m1", rateeId: "x9", grade: "qualified" }, ps, []))).toBe(
      "rateeId:not-in-branch",
    )
  })
  it("a rating off the four-grade scale is refused, naming the grade", () => {
    expect(reason(checkPeerRating({ raterId: "m1", rateeId: "m2", grade: "superb" }, ps, []))).toBe(
      "grade:scale",
    )
  })
  it("a recused rater (回避) cannot rate the member they stand aside from, either way round", () => {
    const withRecusal = ps.map((p) => (p.id === "m3" ? { ...p, recusals: ["m4"] } : p))
    expect(
      reason(checkPeerRating({ raterId: "m3", rateeId: "m4", grade: "qualified" }, withRecusal, [])),
    ).toBe("rateeId:recused")
    expect(
      reason(checkPeerRating({ raterId: "m4", rateeId: "m3", grade: "qualified" }, withRecusal, [])),
    ).toBe("rateeId:recused")
  })
})

describe("scores and suggested grades", () => {
  it("weights the self-assessment 10% and the peer mean 90% by default", () => {
    const ratings = [
      { raterId: "a", rateeId: "m", grade: "excellent" as const },
      { raterId: "b", rateeId: "m", grade: "qualified" as const },
    ]
    // peer mean (100 + 80) / 2 = 90; self "qualified" 80: 0.1 × 80 + 0.9 × 90 = 89.0
    expect(scoreOf({ memberId: "m", grade: "qualified", text: "" }, ratings, nationalPolicy)).toBe(890)
    expect(scoreOf(undefined, ratings, nationalPolicy)).toBe(900)
    expect(scoreOf(undefined, [], nationalPolicy)).toBeNull()
  })

  it("excellent is generally at most one third: of 10 graded, at most 3 even when all 10 score excellent", () => {
    const ps = exampleParticipants(10)
    const s = suggestGrades(
      { participants: ps, selfAssessments: [], ratings: all(ps, () => "excellent") },
      nationalPolicy,
    )
    expect(s.excellentCap).toBe(3)
    // All ten tie at 100 with 9 excellent votes each: a tie across the cap keeps none of them excellent.
    expect(s.outcomes.filter((o) => o.suggested === "excellent")).toHaveLength(0)
    expect(s.outcomes.every((o) => o.verdicts[0]?.code === "APPR-CAP.tie")).toBe(true)
  })

  it("the three best of 10 stay excellent, the fourth candidate is suggested qualified with the cap named", () => {
    const ps = exampleParticipants(10)
    const stars = ["m1", "m2", "m3", "m4"]
    // m1..m3 get excellent from everyone; m4 from everyone but m1 (qualified): lower score, outside the cap.
    const ratings = all(ps, (rater, ratee) =>
      stars.includes(ratee) && !(ratee === "m4" && rater === "m1") ? "excellent" : "qualified",
    )
    const s = suggestGrades({ participants: ps, selfAssessments: [], ratings }, nationalPolicy)
    const by = Object.fromEntries(s.outcomes.map((o) => [o.memberId, o]))
    expect(["m1", "m2", "m3"].map((m) => by[m]?.suggested)).toEqual(["excellent", "excellent", "excellent"])
    expect(by.m4?.score).toBe(978)
    expect(by.m4?.suggested).toBe("qualified")
    expect(renderVerdict(by.m4?.verdicts[0] ?? ({} as never), appraisalMessages, "zh-CN")).toContain(
      "10人中3名",
    )
  })

  it("the rounding of the cap is policy: rounding up lets 4 of 10 be excellent", () => {
    const policy = Result.getOrThrow(applyOverlay(appraisalPolicy, { excellentCapRounding: "ceil" }))
    const ps = exampleParticipants(10)
    expect(suggestGrades({ participants: ps, selfAssessments: [], ratings: [] }, policy).excellentCap).toBe(4)
  })

  it("probationary members take part but are not graded, and do not count toward the cap", () => {
    const ps = exampleParticipants(7, 1)
    const s = suggestGrades(
      { participants: ps, selfAssessments: [], ratings: exampleRatings(3, ps) },
      nationalPolicy,
    )
    expect(s.gradedCount).toBe(6)
    expect(s.excellentCap).toBe(2)
    const m7 = s.outcomes.find((o) => o.memberId === "m7")
    expect(m7?.graded).toBe(false)
    expect(m7?.suggested).toBeNull()
    expect(m7?.verdicts[0]?.code).toBe("APPR-GRADE.not-graded")
  })

  it("fewer raters than the minimum group: no score shown and no grade suggested, the branch decides", () => {
    const ps = exampleParticipants(4)
    const s = suggestGrades(
      { participants: ps, selfAssessments: [], ratings: all(ps, () => "excellent") },
      nationalPolicy,
    )
    for (const o of s.outcomes) {
      expect(o.score).toBeNull()
      expect(o.suggested).toBeNull()
      expect(o.verdicts[0]?.code).toBe("APPR-GRADE.too-few-raters")
    }
    // With the minimum at 3, the same ratings give scores (and the cap: 1 of 4, all tied, none excellent).
    const three = suggestGrades(
      { participants: ps, selfAssessments: [], ratings: all(ps, () => "excellent") },
      {
        ...nationalPolicy,
        minPeerGroup: 3,
      },
    )
    expect(three.outcomes.every((o) => o.score === 1000)).toBe(true)
  })

  it("a low peer mean is suggested unqualified, and the explanation says which line it missed", () => {
    const ps = exampleParticipants(6)
    const ratings = all(ps, (_r, ratee) => (ratee === "m5" ? "unqualified" : "qualified"))
    const m5 = suggestGrades(
      { participants: ps, selfAssessments: [], ratings },
      nationalPolicy,
    ).outcomes.find((o) => o.memberId === "m5")
    expect(m5?.suggested).toBe("unqualified")
    expect(renderVerdict(m5?.verdicts[0] ?? ({} as never), appraisalMessages, "zh-CN")).toMatch(
      /5人测评，综合得分0\.0分，低于基本合格线55分.*第十八条/,
    )
  })
})

describe("the branch proposes, the committee confirms", () => {
  const ps = exampleParticipants(10, 1)
  const s = suggestGrades(
    { participants: ps, selfAssessments: [], ratings: exampleRatings(5, ps, ["m1"]) },
    nationalPolicy,
  )
  const asSuggested = s.outcomes
    .filter((o) => o.graded)
    .map((o) => ({ memberId: o.memberId, grade: o.suggested ?? "qualified" }))

  it("accepts the suggested grades", () => {
    expect(reason(checkGrades(asSuggested, s))).toBe("ok")
  })
  it("a grade over the cap is refused, naming grades", () => {
    const over = asSuggested.map((g) => ({ ...g, grade: "excellent" as const, reason: "all good" }))
    expect(reason(checkGrades(over, s))).toBe("grades:over-cap")
  })
  it("a departure from the suggestion needs a reason", () => {
    const changed = asSuggested.map((g, i) => (i === 1 ? { ...g, grade: "basic" as const } : g))
    expect(reason(checkGrades(changed, s))).toBe("grades[1].reason:reason-required")
    const withReason = changed.map((g, i) => (i === 1 ? { ...g, reason: "两次无故缺席组织生活" } : g))
    expect(reason(checkGrades(withReason, s))).toBe("ok")
  })
  it("a probationary member cannot be given a grade, and no graded member may be left out", () => {
    expect(reason(checkGrades([...asSuggested, { memberId: "m10", grade: "qualified" }], s))).toBe(
      "grades[9].grade:not-graded",
    )
    expect(reason(checkGrades(asSuggested.slice(1), s))).toBe("grades:missing")
  })
  it("explains a final grade from the rating through the proposal to the confirmation", () => {
    const o = s.outcomes[0]
    if (o === undefined) throw new Error("no outcome")
    const lines = explainGrade(
      o,
      { memberId: o.memberId, grade: "qualified", reason: "x" },
      {
        memberId: o.memberId,
        grade: "qualified",
      },
    ).map((v) => renderVerdict(v, appraisalMessages, "zh-CN"))
    expect(lines.at(-1)).toContain("上级党组织审核确定等次“合格”")
    // Without a suggestion (too few raters) the branch's grade is its own, not a departure needing a reason.
    const unrated = { ...o, suggested: null }
    const own = explainGrade(unrated, { memberId: o.memberId, grade: "qualified" }, undefined)
    expect(own.at(-1)?.code).toBe("APPR-PROPOSED.same.qualified")
  })
})

describe("anonymity", () => {
  const ps = exampleParticipants(6)
  const ratings = exampleRatings(7, ps)
  it("shows nothing while the rating step is open", () => {
    expect(peerViewOf("m1", ratings, false, nationalPolicy)).toEqual({
      shown: false,
      reason: "open",
      minimum: 5,
    })
  })
  it("shows nothing below the minimum group size (4 raters < 5)", () => {
    const ps5 = exampleParticipants(5)
    expect(peerViewOf("m1", exampleRatings(1, ps5), true, nationalPolicy)).toMatchObject({
      shown: false,
      reason: "too-few",
    })
  })
  it("shows only the counts per grade, never who rated", () => {
    const v = peerViewOf("m1", ratings, true, nationalPolicy)
    expect(v.shown).toBe(true)
    if (v.shown) expect(Object.values(v.counts).reduce((a, b) => a + b, 0)).toBe(5)
    expect(JSON.stringify(v)).not.toMatch(/m[2-6]/)
  })
})

const gradeArb = fc.constantFrom(...grades)
const cycleArb = fc.integer({ min: 2, max: 14 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    prob: fc.integer({ min: 0, max: Math.min(2, n - 1) }),
    table: fc.array(fc.array(gradeArb, { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
    skip: fc.array(fc.boolean(), { minLength: n * n, maxLength: n * n }),
  }),
)
const ratingsOf = (c: { n: number; table: Grade[][]; skip: boolean[] }) =>
  exampleParticipants(c.n).flatMap((a, i) =>
    exampleParticipants(c.n)
      .filter((b, j) => b.id !== a.id && !c.skip[i * c.n + j])
      .map((b, j) => ({ raterId: a.id, rateeId: b.id, grade: c.table[i]?.[j] ?? "qualified" })),
  )

describe("properties", () => {
  it("the result does not depend on the order of the ratings or the participants", () => {
    fc.assert(
      fc.property(cycleArb, fc.integer(), (c, seed) => {
        const ps = exampleParticipants(c.n, c.prob)
        const ratings = ratingsOf(c)
        const shuffle = <A>(xs: readonly A[]) =>
          fc.sample(fc.shuffledSubarray([...xs], { minLength: xs.length, maxLength: xs.length }), {
            seed,
            numRuns: 1,
          })[0] ?? []
        const a = suggestGrades({ participants: ps, selfAssessments: [], ratings }, nationalPolicy)
        const b = suggestGrades(
          { participants: shuffle(ps), selfAssessments: [], ratings: shuffle(ratings) },
          nationalPolicy,
        )
        const key = (s: typeof a) =>
          [...s.outcomes]
            .sort((x, y) => (x.memberId < y.memberId ? -1 : 1))
            .map((o) => [o.memberId, o.suggested, o.score])
        expect(key(b)).toEqual(key(a))
      }),
    )
  })

  it("scores from the counts of the grades received are the scores from the ratings themselves", () => {
    fc.assert(
      fc.property(
        cycleArb,
        fc.option(gradeArb, { nil: undefined }),
        fc.integer({ min: 0, max: 100 }),
        (c, selfGrade, selfWeight) => {
          const policy = { ...nationalPolicy, weights: { self: selfWeight, peer: 100 - selfWeight } }
          const ratings = ratingsOf(c)
          const counts = receivedCountsOf(ratings)
          for (const p of exampleParticipants(c.n)) {
            const received = ratings.filter((r) => r.rateeId === p.id)
            const self = selfGrade === undefined ? undefined : { memberId: p.id, grade: selfGrade, text: "" }
            const mine = counts.get(p.id)
            expect(mine === undefined ? 0 : grades.reduce((n, g) => n + mine[g], 0)).toBe(received.length)
            expect(
              scoreOfCounts(self, mine ?? { excellent: 0, qualified: 0, basic: 0, unqualified: 0 }, policy),
            ).toBe(scoreOf(self, received, policy))
          }
        },
      ),
    )
  })

  it("each suggestion's score and raters are those of the member's own ratings", () => {
    fc.assert(
      fc.property(cycleArb, (c) => {
        const ps = exampleParticipants(c.n, c.prob)
        const ratings = ratingsOf(c)
        const s = suggestGrades({ participants: ps, selfAssessments: [], ratings }, nationalPolicy)
        for (const o of s.outcomes) {
          const received = ratings.filter((r) => r.rateeId === o.memberId)
          expect(o.raters).toBe(received.length)
          if (o.graded && received.length >= nationalPolicy.minPeerGroup)
            expect(o.score).toBe(scoreOf(undefined, received, nationalPolicy))
        }
      }),
    )
  })

  it("the excellent cap is never exceeded, whatever the ratings and the rounding", () => {
    fc.assert(
      fc.property(
        cycleArb,
        fc.constantFrom("floor", "round", "ceil") as fc.Arbitrary<"floor" | "round" | "ceil">,
        (c, r) => {
          const policy = { ...nationalPolicy, excellentCapRounding: r }
          const s = suggestGrades(
            { participants: exampleParticipants(c.n, c.prob), selfAssessments: [], ratings: ratingsOf(c) },
            policy,
          )
          expect(s.outcomes.filter((o) => o.suggested === "excellent").length).toBeLessThanOrEqual(
            s.excellentCap,
          )
          expect(s.excellentCap).toBeLessThanOrEqual(s.gradedCount)
        },
      ),
    )
  })

  it("no single rating can be recovered from what a member is shown: reassigning who gave which rating shows the same", () => {
    fc.assert(
      fc.property(
        fc.array(gradeArb, { minLength: 0, maxLength: 12 }),
        fc.integer(),
        fc.boolean(),
        (gs, seed, closed) => {
          const raters = gs.map((_, i) => `r${i}`)
          const permuted =
            fc.sample(fc.shuffledSubarray(raters, { minLength: raters.length, maxLength: raters.length }), {
              seed,
              numRuns: 1,
            })[0] ?? raters
          const a = gs.map((g, i) => ({ raterId: raters[i] ?? "", rateeId: "me", grade: g }))
          const b = gs.map((g, i) => ({ raterId: permuted[i] ?? "", rateeId: "me", grade: g }))
          const va = peerViewOf("me", a, closed, nationalPolicy)
          expect(peerViewOf("me", b, closed, nationalPolicy)).toEqual(va)
          expect(JSON.stringify(va)).not.toMatch(/r\d/)
          if (gs.length < nationalPolicy.minPeerGroup) expect(va.shown).toBe(false)
        },
      ),
    )
  })
})

describe("the message catalog", () => {
  it("renders every code suggestGrades and explainGrade emit, in both languages", () => {
    const ps = exampleParticipants(8, 1)
    const s = suggestGrades(
      { participants: ps, selfAssessments: [], ratings: exampleRatings(9, ps, ["m1", "m2", "m3", "m4"]) },
      nationalPolicy,
    )
    for (const o of s.outcomes)
      for (const v of explainGrade(
        o,
        { memberId: o.memberId, grade: "basic", reason: "r" },
        { memberId: o.memberId, grade: "qualified", reason: "c" },
      ))
        for (const l of locales) expect(appraisalMessages[v.code]?.[l], `${v.code} ${l}`).toBeTruthy()
  })
})

describe("policy", () => {
  it("refuses weights that do not add up to 100, naming the key", () => {
    const r = applyOverlay(appraisalPolicy, { weights: { self: 20, peer: 90 } })
    expect(Result.isFailure(r) && r.failure.field).toBe("weights")
  })
})
