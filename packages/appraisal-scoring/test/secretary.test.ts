import { locales } from "@xianfeng/core"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  appraisalMessages,
  appraiseSecretaries,
  nationalPolicy,
  type SecretaryInput,
  tiers,
} from "../src/index.js"

const full = { meetings: 100, ordersOnTime: 100, development: 100, studyHours: 100, visits: 100 }
const secretary = (id: string, over: Partial<SecretaryInput> = {}): SecretaryInput => ({
  id,
  reportSubmitted: true,
  comments: [],
  votes: { good: 20, fair: 0, average: 0, poor: 0 },
  indicators: full,
  ...over,
})

describe("the secretaries' debriefing and appraisal (述职评议考核)", () => {
  it("weights the democratic rating 40% and the indicators 60% by default", () => {
    const [o] = appraiseSecretaries(
      [
        secretary("s1", {
          votes: { good: 10, fair: 10, average: 0, poor: 0 },
          indicators: { ...full, meetings: 50 },
        }),
      ],
      nationalPolicy,
    ).outcomes
    // rating (100 + 85) / 2 = 92.5; indicators (50 + 400) / 5 = 90; 0.4 × 92.5 + 0.6 × 90 = 91.0
    expect(o?.score).toBe(910)
  })

  it("no report, no grade; an indicator not recorded is left out with a warning", () => {
    const { outcomes } = appraiseSecretaries(
      [
        secretary("s1", { reportSubmitted: false }),
        secretary("s2", { indicators: { ...full, visits: null } }),
      ],
      nationalPolicy,
    )
    expect(outcomes[0]?.tier).toBeNull()
    expect(outcomes[0]?.verdicts.map((v) => v.code)).toContain("SEC-REPORT.missing")
    expect(outcomes[1]?.verdicts.map((v) => v.code)).toContain("SEC-INDICATOR.missing.visits")
    expect(outcomes[1]?.score).toBe(1000)
  })

  it("'good' is capped (one third by default): of 6 equal-best, a tie across the cap keeps none 'good'", () => {
    const six = ["a", "b", "c", "d", "e", "f"].map((id) => secretary(id))
    const r = appraiseSecretaries(six, nationalPolicy)
    expect(r.goodCap).toBe(2)
    expect(r.outcomes.every((o) => o.tier === "fair")).toBe(true)
  })

  it("an indicator under its target goes on next year's rectification list, and so does an 'average' result", () => {
    const [o] = appraiseSecretaries(
      [
        secretary("s1", {
          votes: { good: 0, fair: 0, average: 5, poor: 5 },
          indicators: { ...full, ordersOnTime: 70 },
        }),
      ],
      nationalPolicy,
    ).outcomes
    // rating 65 × 5 / 10 = 32.5; indicators 470 / 5 = 94; 0.4 × 32.5 + 0.6 × 94 = 69.4: average
    expect(o?.score).toBe(694)
    expect(o?.tier).toBe("average")
    expect(o?.rectification.map((r) => r.indicator)).toEqual(["ordersOnTime", "overall"])
  })

  it("property: the cap on 'good' is never exceeded and order does not matter", () => {
    const arb = fc.array(
      fc.record({
        votes: fc.record({ good: fc.nat(30), fair: fc.nat(30), average: fc.nat(30), poor: fc.nat(30) }),
        meetings: fc.option(fc.integer({ min: 0, max: 100 })),
      }),
      { maxLength: 12 },
    )
    fc.assert(
      fc.property(arb, (xs) => {
        const inputs = xs.map((x, i) =>
          secretary(`s${i}`, { votes: x.votes, indicators: { ...full, meetings: x.meetings } }),
        )
        const r = appraiseSecretaries(inputs, nationalPolicy)
        expect(r.outcomes.filter((o) => o.tier === "good").length).toBeLessThanOrEqual(r.goodCap)
        const rev = appraiseSecretaries([...inputs].reverse(), nationalPolicy)
        expect(Object.fromEntries(rev.outcomes.map((o) => [o.id, o.tier]))).toEqual(
          Object.fromEntries(r.outcomes.map((o) => [o.id, o.tier])),
        )
        for (const o of r.outcomes)
          for (const v of o.verdicts)
            for (const l of locales) expect(appraisalMessages[v.code]?.[l]).toBeTruthy()
      }),
    )
  })
  void tiers
})
