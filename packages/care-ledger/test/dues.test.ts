import { applyOverlay, date, Temporal } from "@xianfeng/core"
import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  assessDues,
  carePolicy,
  checkDuesPayment,
  duesStanding,
  MAX_BASE_FEN,
  nationalPolicy,
  salariedBrackets,
  yearSchedule,
} from "../src/index.js"

const monthly = (category: Parameters<typeof assessDues>[0], baseFen: number, policy = nationalPolicy) =>
  Result.getOrThrow(assessDues(category, baseFen, policy)).monthlyFen
const ym = (s: string) => Temporal.PlainYearMonth.from(s)

describe("DUES 2008 art. 3: salaried members pay a bracket's rate on the whole base, upper bounds inclusive", () => {
  it("¥3,000 exactly pays 0.5% (¥15); a fen more pays 1% of the whole base (¥30.00)", () => {
    expect(monthly("salaried", 300_000)).toBe(1_500)
    expect(monthly("salaried", 300_001)).toBe(3_000)
  })
  it("¥5,000 pays 1% (¥50); ¥10,000 pays 1.5% (¥150); ¥12,000 pays 2% (¥240)", () => {
    expect(monthly("salaried", 500_000)).toBe(5_000)
    expect(monthly("salaried", 1_000_000)).toBe(15_000)
    expect(monthly("salaried", 1_200_000)).toBe(24_000)
  })
  it("rounds to the nearest fen by default, down or up when the district says so", () => {
    // ¥2,345.67 × 0.5% = 1,172.835 fen
    expect(monthly("salaried", 234_567)).toBe(1_173)
    const down = Result.getOrThrow(applyOverlay(carePolicy, { duesRounding: "down" }))
    expect(monthly("salaried", 234_567, down)).toBe(1_172)
    const up = Result.getOrThrow(applyOverlay(carePolicy, { duesRounding: "up" }))
    expect(monthly("salaried", 234_501, up)).toBe(1_173)
  })
  it("annual-salary and self-employed members use the same table", () => {
    expect(monthly("annual-salary", 800_000)).toBe(12_000)
    expect(monthly("self-employed", 200_000)).toBe(1_000)
  })
})

describe("DUES 2008 art. 4–5: retirees and the fixed amounts", () => {
  it("a retiree on ¥5,000 pays 0.5% (¥25), on ¥6,000 1% (¥60)", () => {
    expect(monthly("retiree", 500_000)).toBe(2_500)
    expect(monthly("retiree", 600_000)).toBe(6_000)
  })
  it("farmers pay the province's amount (¥0.2 by default), students and the unemployed ¥0.2", () => {
    expect(monthly("farmer", 0)).toBe(20)
    expect(monthly("relief", 123_456)).toBe(20)
    const province = Result.getOrThrow(applyOverlay(carePolicy, { farmerMonthlyFen: 100 }))
    expect(monthly("farmer", 0, province)).toBe(100)
  })
  it("refuses a negative base and a fraction of a fen, naming baseFen", () => {
    for (const bad of [-1, 100.5]) {
      const r = assessDues("salaried", bad, nationalPolicy)
      expect(Result.isFailure(r) && r.failure.field).toBe("baseFen")
    }
  })
})

describe("dues properties", () => {
  const category = fc.constantFrom("salaried", "annual-salary", "self-employed", "retiree" as const)
  it("are never negative", () => {
    fc.assert(
      fc.property(category, fc.integer({ min: 0, max: MAX_BASE_FEN }), (c, base) => monthly(c, base) >= 0),
    )
  })
  it("never decrease as the base rises inside a bracket", () => {
    const bounds = [0, ...salariedBrackets.flatMap((b) => (b.upToFen === undefined ? [] : [b.upToFen]))]
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bounds.length - 1 }),
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        (i, a, b) => {
          const lo = (bounds[i] as number) + (i === 0 ? 0 : 1)
          const hi = bounds[i + 1] ?? MAX_BASE_FEN
          const x = Math.min(hi, lo + Math.min(a, b))
          const y = Math.min(hi, lo + Math.max(a, b))
          return monthly("salaried", x) <= monthly("salaried", y)
        },
      ),
    )
  })
})

describe("the year's schedule, arrears and back payment", () => {
  const schedule = yearSchedule(2026, 3_000, [
    { from: ym("2026-03"), to: ym("2026-04"), monthlyFen: 0, approvalRef: "区委组织部〔2026〕3号" },
  ])
  it("fixes the amount for every month and applies an approved exemption", () => {
    expect(schedule).toHaveLength(12)
    expect(schedule[2]).toMatchObject({ dueFen: 0, reductionRef: "区委组织部〔2026〕3号" })
    expect(schedule[5]?.dueFen).toBe(3_000)
  })
  it("counts six consecutive unpaid months back from the last ended month (PC 9)", () => {
    const paid = new Map([
      ["2026-01", 3_000],
      ["2026-02", 3_000],
      ["2026-05", 3_000],
    ])
    const s = duesStanding(schedule, paid, date("2026-11-30"))
    // June to October ended unpaid; November has not ended; March–April were exempt.
    expect(s.consecutiveUnpaid).toBe(5)
    expect(s.lastPaid?.toString()).toBe("2026-05")
    expect(s.owedFen).toBe(15_000)
    expect(duesStanding(schedule, paid, date("2026-12-01")).consecutiveUnpaid).toBe(6)
  })
  it("refuses to back-pay a month more than six months back, and a month paid already", () => {
    const pay = (month: string, paidOn: string, alreadyPaidFen = 0) =>
      checkDuesPayment({
        month: ym(month),
        amountFen: 3_000,
        paidOn: date(paidOn),
        dueFen: 3_000,
        alreadyPaidFen,
      }).map((v) => v.code)
    expect(pay("2026-05", "2026-11-20")).toEqual(["DUES-PAYMENT.ok"])
    expect(pay("2026-04", "2026-11-20")).toEqual(["DUES-PAYMENT.back-pay"])
    expect(pay("2026-05", "2026-11-20", 3_000)).toEqual(["DUES-PAYMENT.paid"])
    expect(pay("2026-12", "2026-11-20")).toEqual(["DUES-PAYMENT.prepaid"])
    expect(pay("2027-01", "2026-11-20")).toEqual(["DUES-PAYMENT.ahead"])
  })
  it("sends a surplus of ¥1,000 or more to the centre (DUES art. 11)", () => {
    const v = checkDuesPayment({
      month: ym("2026-11"),
      amountFen: 103_000,
      paidOn: date("2026-11-20"),
      dueFen: 3_000,
      alreadyPaidFen: 0,
    })
    expect(v.map((x) => x.code)).toEqual(["DUES-PAYMENT.centre"])
  })
})
