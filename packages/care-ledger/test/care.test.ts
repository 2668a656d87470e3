import { date, renderVerdict } from "@xianfeng/core"
import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  applyLedgerEvent,
  automaticCategories,
  careMessages,
  categoryVerdicts,
  checkVisit,
  confirmSurveyVerdict,
  duesVerdict,
  festivalDay,
  formatYuan,
  type Ledger,
  ledgerAsOf,
  medalList,
  medalStandingBarsOf,
  medalVerdict,
  mustVisit,
  nationalPolicy,
  nomineeVerdicts,
  noticeEnds,
  orderEvents,
  planProgress,
  quotaFor,
  quotaVerdict,
  stepVerdict,
  surveyVerdict,
  visitDeadline,
} from "../src/index.js"
import { exampleLedgerEvents } from "../src/testing.js"

const asOf = date("2026-11-30")

describe("MED 2021: the 50-year medal at party age 50 by 1 July, counted from full membership", () => {
  const base = { memberId: "a", status: "normal" as const, goodStanding: true }
  it("a member made full on 1 July 1976 is on the 2026 list; one made full on 2 July 1976 is not", () => {
    expect(medalVerdict({ ...base, fullMemberOn: date("1976-07-01") }, 2026).code).toBe("MEDAL-50.eligible")
    expect(medalVerdict({ ...base, fullMemberOn: date("1976-07-02") }, 2026).code).toBe("MEDAL-50.not-yet")
  })
  it("is only for living members in good standing, and lists who already has it", () => {
    const list = medalList(
      [
        { ...base, memberId: "a", fullMemberOn: date("1970-03-01") },
        { ...base, memberId: "b", fullMemberOn: date("1970-03-01"), status: "deceased" },
        { ...base, memberId: "c", fullMemberOn: date("1970-03-01"), goodStanding: false },
        { ...base, memberId: "d", fullMemberOn: date("1968-03-01"), awardedYear: 2021 },
      ],
      2026,
    )
    expect(list).toEqual({ year: 2026, eligible: ["a"], awarded: ["d"] })
  })
  it("good standing: six months of dues or organizational life missed (PC 9) or an open unqualified case bars it, by policy", () => {
    const clear = { consecutiveUnpaidDues: 5, monthsSinceAttended: 5, openUnqualifiedCase: false }
    expect(medalStandingBarsOf(clear, nationalPolicy)).toEqual([])
    expect(medalStandingBarsOf({ openUnqualifiedCase: false }, nationalPolicy)).toEqual([])
    expect(medalStandingBarsOf({ ...clear, consecutiveUnpaidDues: 6 }, nationalPolicy)).toEqual([
      "dues-self-lapse",
    ])
    expect(medalStandingBarsOf({ ...clear, monthsSinceAttended: 7 }, nationalPolicy)).toEqual([
      "meetings-self-lapse",
    ])
    expect(medalStandingBarsOf({ ...clear, openUnqualifiedCase: true }, nationalPolicy)).toEqual([
      "unqualified-case",
    ])
    // A district that does not count organizational life for the medal.
    const lenient = { ...nationalPolicy, medalStandingBars: ["dues-self-lapse", "unqualified-case"] as const }
    expect(medalStandingBarsOf({ ...clear, monthsSinceAttended: 12 }, lenient)).toEqual([])
  })
})

describe("the care ledger is its events replayed (动态管理)", () => {
  it("refuses to close an entry that is not open and an event without a reason, naming the field", () => {
    const empty: Ledger = new Map()
    const close = applyLedgerEvent(empty, {
      entryId: "x",
      seq: 1,
      kind: "closed",
      on: asOf,
      reason: "好转",
      by: "s",
    })
    expect(Result.isFailure(close) && close.failure.field).toBe("entryId")
    const open = applyLedgerEvent(empty, {
      entryId: "x",
      seq: 1,
      kind: "opened",
      on: asOf,
      reason: " ",
      by: "s",
      category: "difficulty",
    })
    expect(Result.isFailure(open) && open.failure.field).toBe("reason")
  })
  it("the ledger as of any day equals replaying, one by one, the events up to that day (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 730 }), (seed, back) => {
        const events = exampleLedgerEvents(seed, 40, asOf)
        const day = asOf.subtract({ days: back })
        let folded: Ledger = new Map()
        for (const e of orderEvents(events))
          if (e.on.until(day).days >= 0) folded = Result.getOrThrow(applyLedgerEvent(folded, e))
        // Events arrive from storage in any order.
        const shuffled = [...events].reverse()
        expect(Result.getOrThrow(ledgerAsOf(shuffled, day))).toEqual(folded)
      }),
    )
  })
  it("replays a broken history to the same first refusal as applying its events one by one, the input ledger untouched (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.nat(39),
        fc.constantFrom(0, 1, 2),
        (seed, at, how) => {
          const events = [...orderEvents(exampleLedgerEvents(seed, 40, asOf))]
          const e = events[at % events.length]
          if (e === undefined) return
          // An empty reason, a second opening of an entry, or an event of an entry never opened.
          events[at % events.length] =
            how === 0
              ? { ...e, reason: " " }
              : how === 1
                ? { ...e, kind: "opened", category: e.category ?? "difficulty" }
                : { ...e, entryId: `${e.entryId}-none`, kind: e.kind === "opened" ? "closed" : e.kind }
          let folded: Result.Result<Ledger, unknown> = Result.succeed(new Map())
          for (const x of events) {
            if (Result.isFailure(folded)) break
            const before = folded.success
            const copy = new Map(before)
            folded = applyLedgerEvent(before, x)
            expect(before).toEqual(copy)
          }
          expect(ledgerAsOf(events, asOf)).toEqual(folded)
        },
      ),
    )
  })
  it("puts a member admitted before 1 October 1949 in pre-1949, and one of party age 50 among old members", () => {
    expect(
      automaticCategories(
        { birthDate: date("1930-01-01"), admittedOn: date("1949-09-30"), fullMemberOn: date("1950-09-30") },
        asOf,
        nationalPolicy,
      ),
    ).toEqual(["pre-1949", "old-member"])
    expect(
      automaticCategories(
        { birthDate: date("1960-01-01"), admittedOn: date("1985-06-01"), fullMemberOn: date("1986-06-01") },
        asOf,
        nationalPolicy,
      ),
    ).toEqual([])
  })
})

describe("the annual survey", () => {
  it("a branch is due by the deadline, overdue after it, and late when it confirms after it", () => {
    const deadline = date("2026-12-15")
    expect(surveyVerdict({ orgId: "b", entries: 3, reviewed: 1 }, deadline, asOf).status).toBe("due")
    expect(surveyVerdict({ orgId: "b", entries: 3, reviewed: 1 }, deadline, date("2026-12-16")).status).toBe(
      "overdue",
    )
    expect(
      surveyVerdict({ orgId: "b", entries: 3, reviewed: 3, confirmedOn: date("2026-12-20") }, deadline, asOf)
        .code,
    ).toBe("CARE-SURVEY.late")
  })
  it("a branch confirms only when every entry open at the start is reviewed", () => {
    expect(confirmSurveyVerdict({ orgId: "b", entries: 3, reviewed: 2 }).code).toBe("CARE-SURVEY.unreviewed")
    expect(confirmSurveyVerdict({ orgId: "b", entries: 3, reviewed: 3 }).status).toBe("ok")
  })
})

describe("festival visits (VISIT circular)", () => {
  it("the 2027 Spring Festival falls on 6 February 2027, and visits are due the day before", () => {
    const day = Result.getOrThrow(festivalDay("spring-festival", 2027))
    expect(day.toString()).toBe("2027-02-06")
    expect(visitDeadline(day, nationalPolicy).toString()).toBe("2027-02-05")
  })
  it("everyone who joined before 1949 must be visited, whatever the policy's categories", () => {
    const policy = { ...nationalPolicy, visitCategories: [] }
    expect(
      mustVisit(
        [
          { targetId: "a", categories: ["pre-1949"] },
          { targetId: "b", categories: ["difficulty"] },
        ],
        policy,
      ),
    ).toEqual(["a"])
  })
  it("refuses a visit to someone not in the plan, a second visit, and fractions of a fen", () => {
    const plan = { targets: new Set(["a", "b"]), visited: new Set(["b"]), deadline: date("2027-02-05") }
    const v = { visitedOn: asOf, visitors: ["王书记"], amountFen: 100_000, asOf }
    expect(checkVisit({ ...v, targetId: "z" }, plan)[0]?.code).toBe("CARE-VISIT.not-in-plan")
    expect(checkVisit({ ...v, targetId: "b" }, plan)[0]?.code).toBe("CARE-VISIT.twice")
    expect(checkVisit({ ...v, targetId: "a", amountFen: 100.5 }, plan)[0]?.code).toBe("CARE-VISIT.amount")
    expect(checkVisit({ ...v, targetId: "a" }, plan)[0]?.code).toBe("CARE-VISIT.ok")
  })
  it("reconciles the plan's funds and says what is left", () => {
    const p = planProgress(
      4,
      [{ amountFen: 100_000 }, { amountFen: 50_000 }],
      400_000,
      date("2027-02-05"),
      asOf,
    )
    expect(p).toMatchObject({ visited: 2, spentFen: 150_000, remainingFen: 250_000 })
    expect(p.verdict.status).toBe("due")
    expect(renderVerdict(p.verdict, careMessages, "zh-CN")).toContain("期限2027年2月5日")
  })
  it("a plan that has given more than its budget warns in yuan, with separators and two decimals", () => {
    const p = planProgress(
      9_000,
      [{ amountFen: 134_000_000 }, { amountFen: 370_000 }],
      120_000_000,
      date("2027-02-05"),
      asOf,
    )
    expect(p.verdict).toMatchObject({ status: "warning", code: "CARE-PLAN.over-budget" })
    expect(p.verdict.params).toMatchObject({ spent: 134_370_000, budget: 120_000_000 })
    expect(renderVerdict(p.verdict, careMessages, "zh-CN")).toContain(
      "已发放1,343,700.00元，超过预算1,200,000.00元",
    )
    expect(renderVerdict(p.verdict, careMessages, "en")).toContain(
      "¥1,343,700.00 given, over the budget of ¥1,200,000.00",
    )
  })
})

describe("verdicts for the impact report", () => {
  it("a member's monthly dues and the automatic ledger categories as verdicts, moving with the policy", () => {
    expect(duesVerdict("salaried", 300_000, nationalPolicy)).toMatchObject({
      status: "ok",
      code: "DUES-AMOUNT.monthly",
      params: { monthlyFen: 1_500, basisPoints: 50 },
    })
    expect(duesVerdict("salaried", -1, nationalPolicy).status).toBe("blocked")
    expect(duesVerdict("farmer", 0, { ...nationalPolicy, farmerMonthlyFen: 50 }).params).toMatchObject({
      monthlyFen: 50,
    })
    const m = { birthDate: date("1950-03-01"), fullMemberOn: date("1990-01-01") }
    expect(categoryVerdicts(m, asOf, nationalPolicy)).toEqual([])
    expect(categoryVerdicts(m, asOf, { ...nationalPolicy, oldMemberAge: 75 }).map((v) => v.code)).toEqual([
      "CARE-CATEGORY.old-member",
    ])
  })
})

describe("amounts in yuan for a reader", () => {
  it("formats whole fen as yuan by integer arithmetic", () => {
    expect(formatYuan(0)).toBe("0.00")
    expect(formatYuan(5)).toBe("0.05")
    expect(formatYuan(100)).toBe("1.00")
    expect(formatYuan(123_456)).toBe("1,234.56")
    expect(formatYuan(134_370_000)).toBe("1,343,700.00")
    expect(formatYuan(-5)).toBe("-0.05")
    expect(() => formatYuan(1.5)).toThrow(RangeError)
  })
  it("reads back to the same fen for any amount", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => {
        const text = formatYuan(fen)
        expect(/^-?\d{1,3}(,\d{3})*\.\d{2}$/.test(text)).toBe(true)
        expect(Number(text.replaceAll(",", "").replace(".", ""))).toBe(fen)
      }),
    )
  })
})

describe("July-1 commendations (HON 16)", () => {
  const grades = new Map([[2025, "excellent" as const]])
  const nominee = {
    title: "outstanding-member" as const,
    year: 2026,
    stage: "full" as const,
    grades,
    sanctioned: false,
    otherTitle: false,
  }
  it("a full member graded at least qualified last year may be nominated; a probationary member may not", () => {
    expect(nomineeVerdicts(nominee, nationalPolicy).map((v) => v.code)).toEqual(["COMMEND-ELIGIBLE.ok"])
    expect(nomineeVerdicts({ ...nominee, stage: "probationary" }, nationalPolicy).map((v) => v.code)).toEqual(
      ["COMMEND-ELIGIBLE.stage"],
    )
  })
  it("refuses a nominee graded basically qualified, or under sanction", () => {
    const codes = nomineeVerdicts(
      { ...nominee, grades: new Map([[2025, "basically-qualified" as const]]), sanctioned: true },
      nationalPolicy,
    ).map((v) => v.code)
    expect(codes).toEqual(["COMMEND-ELIGIBLE.sanctioned", "COMMEND-ELIGIBLE.grade"])
  })
  it("the quota is 5% of full members, at least one, and a cap", () => {
    expect(quotaFor(45, nationalPolicy)).toBe(2)
    expect(quotaFor(10, nationalPolicy)).toBe(1)
    expect(quotaVerdict(2, 2).code).toBe("COMMEND-QUOTA.full")
    expect(quotaVerdict(1, 2).status).toBe("allowed")
  })
  it("approval waits for five working days of notice: from Monday 2026-06-08, not before Saturday 2026-06-13", () => {
    const endsOn = noticeEnds(date("2026-06-08"), nationalPolicy)
    expect(endsOn).toEqual({ _tag: "Known", value: date("2026-06-12") })
    expect(
      stepVerdict("noticed", "approved", date("2026-06-12"), { endsOn, objectionUpheld: false }).code,
    ).toBe("COMMEND-STEP.notice")
    expect(
      stepVerdict("noticed", "approved", date("2026-06-13"), { endsOn, objectionUpheld: false }).code,
    ).toBe("COMMEND-STEP.ok")
    expect(stepVerdict("nominated", "approved", date("2026-06-13")).code).toBe("COMMEND-STEP.order")
  })
})

it("every code in the catalog has both languages and renders", () => {
  for (const [code, text] of Object.entries(careMessages)) {
    expect(text["zh-CN"], code).toBeTruthy()
    expect(text.en, code).toBeTruthy()
  }
  const v = medalVerdict(
    { memberId: "a", status: "normal", goodStanding: true, fullMemberOn: date("1970-01-01") },
    2026,
  )
  expect(renderVerdict(v, careMessages, "zh-CN")).toContain("党龄56年")
})
