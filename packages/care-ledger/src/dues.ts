import { type FieldError, fieldError, type PlainDate, Temporal, type Verdict, verdict } from "@xianfeng/core"
import { Result } from "effect"
import { dues, pc } from "./citations.js"
import { formatYuan } from "./money.js"
import type { CarePolicy, DuesRounding } from "./policy.js"

/**
 * 党费 (membership dues), by 《关于中国共产党党费收缴、使用和管理的规定》(2008). Money is integer fen (分);
 * a month is a `Temporal.PlainYearMonth`.
 *
 * Who pays on what: `salaried` 在职 (monthly after-tax regular pay), `annual-salary` 年薪制 (pay received that
 * month), `self-employed` 无固定工资收入 (last quarter's average monthly net income) — these three on the same
 * table; `retiree` 离退休 (pension); `farmer` 农民 and `relief` (students, the laid-off and unemployed, members on
 * relief or minimum-living allowance) pay fixed amounts set by policy.
 */
export const duesCategories = [
  "salaried",
  "annual-salary",
  "self-employed",
  "retiree",
  "farmer",
  "relief",
] as const
export type DuesCategory = (typeof duesCategories)[number]

/** A bracket: bases up to `upToFen` (inclusive; none for the last) pay `basisPoints`/10,000 of the whole base. */
export interface DuesBracket {
  readonly upToFen?: number
  readonly basisPoints: number
}

/** DUES 2008 art. 3: ≤3,000 0.5%, ≤5,000 1%, ≤10,000 1.5%, above 2% — upper bounds inclusive. */
export const salariedBrackets: readonly DuesBracket[] = [
  { upToFen: 300_000, basisPoints: 50 },
  { upToFen: 500_000, basisPoints: 100 },
  { upToFen: 1_000_000, basisPoints: 150 },
  { basisPoints: 200 },
]

/** DUES 2008 art. 4: retirees ≤5,000 0.5%, above 1%. */
export const retireeBrackets: readonly DuesBracket[] = [
  { upToFen: 500_000, basisPoints: 50 },
  { basisPoints: 100 },
]

/** The largest base accepted: ¥10 million a month, far above any pay, so the arithmetic stays exact. */
export const MAX_BASE_FEN = 1_000_000_000

/** The monthly dues and how they were reached. */
export interface DuesAssessment {
  readonly category: DuesCategory
  /** The base in fen (0 for the fixed-amount categories). */
  readonly baseFen: number
  /** The rate in basis points (1% = 100); 0 for the fixed-amount categories. */
  readonly basisPoints: number
  readonly monthlyFen: number
}

const roundDiv = (numerator: number, denominator: number, rounding: DuesRounding): number => {
  const q = Math.floor(numerator / denominator)
  const r = numerator - q * denominator
  if (r === 0) return q
  if (rounding === "down") return q
  if (rounding === "up") return q + 1
  return 2 * r >= denominator ? q + 1 : q
}

/** The bracket a base falls in. */
export const bracketOf = (brackets: readonly DuesBracket[], baseFen: number): DuesBracket =>
  brackets.find((b) => b.upToFen === undefined || baseFen <= b.upToFen) ?? (brackets.at(-1) as DuesBracket)

/**
 * The monthly dues of a member: the rate of the bracket the base falls in, applied to the **whole** base (not
 * progressively; DUES 2008 art. 3–4), rounded to whole fen as the district's `duesRounding` says (half up by
 * default). Farmers and the `relief` group pay the policy's fixed amounts (art. 5).
 *
 * Errors: `baseFen` not a whole number of fen from 0 to `MAX_BASE_FEN` → `FieldError` on `baseFen`.
 */
export const assessDues = (
  category: DuesCategory,
  baseFen: number,
  policy: CarePolicy,
): Result.Result<DuesAssessment, FieldError> => {
  if (category === "farmer" || category === "relief") {
    const monthlyFen = category === "farmer" ? policy.farmerMonthlyFen : policy.reliefMonthlyFen
    return Result.succeed({ category, baseFen: 0, basisPoints: 0, monthlyFen })
  }
  if (!Number.isInteger(baseFen)) {
    return Result.fail(
      fieldError("baseFen", "whole-fen", "the base must be a whole number of fen", "缴费基数须为整数（分）"),
    )
  }
  if (baseFen < 0 || baseFen > MAX_BASE_FEN) {
    return Result.fail(
      fieldError(
        "baseFen",
        "range",
        `the base must be from 0 to ${MAX_BASE_FEN} fen`,
        `缴费基数须在0到${MAX_BASE_FEN}分之间，不能为负数`,
      ),
    )
  }
  const { basisPoints } = bracketOf(category === "retiree" ? retireeBrackets : salariedBrackets, baseFen)
  return Result.succeed({
    category,
    baseFen,
    basisPoints,
    monthlyFen: roundDiv(baseFen * basisPoints, 10_000, policy.duesRounding),
  })
}

/** A month's dues as fixed at the start of the year, possibly reduced (减免) with approval. */
export interface DuesMonth {
  readonly month: Temporal.PlainYearMonth
  /** What is owed for the month, in fen (0 when exempt). */
  readonly dueFen: number
  /** The approval of a reduction or exemption (支部研究、报上级党委批准), when there is one. */
  readonly reductionRef?: string
}

/** An approved reduction: from `from` to `to` (months, inclusive) the member owes `monthlyFen` (0 = exempt). */
export interface DuesReduction {
  readonly from: Temporal.PlainYearMonth
  readonly to: Temporal.PlainYearMonth
  readonly monthlyFen: number
  readonly approvalRef: string
}

const cmpMonth = Temporal.PlainYearMonth.compare

/**
 * The year's schedule: the monthly amount fixed at the start of the year (many systems' practice, DUES 2008
 * art. 10 for new pay from the following year), from `fromMonth` (joining mid-year) to December, with
 * approved reductions applied (art. 12). A reduction never raises what is owed.
 */
export const yearSchedule = (
  year: number,
  monthlyFen: number,
  reductions: readonly DuesReduction[] = [],
  fromMonth: Temporal.PlainYearMonth = Temporal.PlainYearMonth.from({ year, month: 1 }),
): readonly DuesMonth[] => {
  const out: DuesMonth[] = []
  for (let m = 1; m <= 12; m++) {
    const month = Temporal.PlainYearMonth.from({ year, month: m })
    if (cmpMonth(month, fromMonth) < 0) continue
    const r = reductions.find((x) => cmpMonth(x.from, month) <= 0 && cmpMonth(month, x.to) <= 0)
    out.push(
      r === undefined
        ? { month, dueFen: monthlyFen }
        : { month, dueFen: Math.min(monthlyFen, r.monthlyFen), reductionRef: r.approvalRef },
    )
  }
  return out
}

/** A month is over (and unpaid dues for it are in arrears) once `asOf` is after its last day. */
export const monthEnded = (month: Temporal.PlainYearMonth, asOf: PlainDate): boolean =>
  Temporal.PlainDate.compare(month.toPlainDate({ day: month.daysInMonth }), asOf) < 0

/** How much of each month has been paid, in fen. */
export type PaidByMonth = ReadonlyMap<string, number>

/** Where a member stands on dues as of a day. */
export interface DuesStanding {
  /** Ended months owed and not fully paid, oldest first. */
  readonly arrears: readonly Temporal.PlainYearMonth[]
  /** The unpaid months running up to the last ended month (the self-lapse count of PC 9). */
  readonly consecutiveUnpaid: number
  /** The last month fully paid (or exempt), if any. */
  readonly lastPaid?: Temporal.PlainYearMonth
  /** What the arrears add up to, in fen. */
  readonly owedFen: number
}

/**
 * Months owed and unpaid as of `asOf`: a month counts once it has ended and what was paid for it is less than
 * due; an exempt month (due 0) counts as paid. `consecutiveUnpaid` counts back from the last ended month —
 * six in a row without good reason is the self-lapse alert of PC 9 (the alert is the discipline area's).
 */
export const duesStanding = (
  schedule: readonly DuesMonth[],
  paid: PaidByMonth,
  asOf: PlainDate,
): DuesStanding => {
  const ended = [...schedule]
    .filter((m) => monthEnded(m.month, asOf))
    .sort((a, b) => cmpMonth(a.month, b.month))
  const isPaid = (m: DuesMonth) => (paid.get(m.month.toString()) ?? 0) >= m.dueFen
  const arrears = ended.filter((m) => !isPaid(m))
  let consecutiveUnpaid = 0
  for (let i = ended.length - 1; i >= 0; i--) {
    const m = ended[i] as DuesMonth
    if (isPaid(m)) break
    consecutiveUnpaid++
  }
  const lastPaid = [...ended].reverse().find(isPaid)?.month
  const owedFen = arrears.reduce(
    (s, m) => s + m.dueFen - Math.min(m.dueFen, paid.get(m.month.toString()) ?? 0),
    0,
  )
  const base = { arrears: arrears.map((m) => m.month), consecutiveUnpaid, owedFen }
  return lastPaid === undefined ? base : { ...base, lastPaid }
}

/** Whole months from `month` to the month of `on` (negative when `month` is later). */
export const monthsBetween = (month: Temporal.PlainYearMonth, on: PlainDate): number =>
  (on.year - month.year) * 12 + (on.month - month.month)

/** The longest a month may be paid late (补缴): six months (DUES 2008; PC 9 makes six unpaid months a lapse). */
export const BACK_PAY_MAX_MONTHS = 6

/** A one-off voluntary payment of ¥1,000 or more goes entirely to the centre (DUES 2008 art. 11). */
export const CENTRE_THRESHOLD_FEN = 100_000

/** A payment as the branch records it. */
export interface DuesPaymentInput {
  readonly month: Temporal.PlainYearMonth
  readonly amountFen: number
  /** The day it is paid (and entered). */
  readonly paidOn: PlainDate
  /** What is owed for the month. */
  readonly dueFen: number
  /** Already paid for the month. */
  readonly alreadyPaidFen: number
}

/**
 * `DUES-PAYMENT`: a payment is whole fen above 0 (`.amount`, blocked); a month already paid is not paid twice
 * (`.paid`, blocked); a month more than six months back can no longer be made good (`.back-pay`, blocked); a
 * payment ahead within the year is a prepayment (`.prepaid`, ok); one short of what is due stays in arrears
 * (`.short`, warning); a surplus of ¥1,000 or more goes to the centre (`.centre`, warning). Otherwise `.ok`.
 */
export const checkDuesPayment = (p: DuesPaymentInput): readonly Verdict[] => {
  if (!Number.isInteger(p.amountFen) || p.amountFen <= 0 || p.amountFen > MAX_BASE_FEN)
    return [verdict("blocked", "DUES-PAYMENT.amount", [dues(7)], { amount: p.amountFen })]
  if (p.dueFen > 0 && p.alreadyPaidFen >= p.dueFen)
    return [verdict("blocked", "DUES-PAYMENT.paid", [dues(7)], { month: p.month.toString() })]
  const behind = monthsBetween(p.month, p.paidOn)
  if (behind > BACK_PAY_MAX_MONTHS)
    return [
      verdict("blocked", "DUES-PAYMENT.back-pay", [dues(8), pc(9)], {
        month: p.month.toString(),
        max: BACK_PAY_MAX_MONTHS,
      }),
    ]
  if (behind < 0 && p.month.year !== p.paidOn.year)
    return [verdict("blocked", "DUES-PAYMENT.ahead", [dues(8)], { month: p.month.toString() })]
  const out: Verdict[] = []
  const total = p.alreadyPaidFen + p.amountFen
  if (total < p.dueFen)
    out.push(
      verdict("warning", "DUES-PAYMENT.short", [dues(7)], {
        due: p.dueFen,
        paid: total,
        dueYuan: formatYuan(p.dueFen),
        paidYuan: formatYuan(total),
      }),
    )
  if (total - p.dueFen >= CENTRE_THRESHOLD_FEN)
    out.push(
      verdict("warning", "DUES-PAYMENT.centre", [dues(11)], {
        extra: total - p.dueFen,
        extraYuan: formatYuan(total - p.dueFen),
      }),
    )
  if (behind < 0) out.push(verdict("ok", "DUES-PAYMENT.prepaid", [dues(8)], { month: p.month.toString() }))
  return out.length > 0 ? out : [verdict("ok", "DUES-PAYMENT.ok", [dues(7)], { month: p.month.toString() })]
}
