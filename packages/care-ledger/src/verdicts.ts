import { type PlainDate, type Verdict, verdict } from "@xianfeng/core"
import { Result } from "effect"
import { dues, local } from "./citations.js"
import { assessDues, type DuesCategory } from "./dues.js"
import { automaticCategories, type MemberFacts } from "./ledger.js"
import { formatYuan } from "./money.js"
import type { CarePolicy } from "./policy.js"

/**
 * `DUES-AMOUNT`: a member's monthly dues as a verdict (`.monthly`, ok, with the amount and the rate), or why
 * the base cannot be assessed (`.base`, blocked): what a change of the brackets, the fixed amounts or the
 * rounding changes, member by member (the impact report reads it).
 */
export const duesVerdict = (category: DuesCategory, baseFen: number, policy: CarePolicy): Verdict => {
  const a = assessDues(category, baseFen, policy)
  return Result.isFailure(a)
    ? verdict("blocked", "DUES-AMOUNT.base", [dues(3)], { reason: a.failure.message })
    : verdict("ok", "DUES-AMOUNT.monthly", [dues(category === "farmer" || category === "relief" ? 5 : 3)], {
        monthlyFen: a.success.monthlyFen,
        monthlyYuan: formatYuan(a.success.monthlyFen),
        basisPoints: a.success.basisPoints,
      })
}

/**
 * `CARE-CATEGORY`: the ledger categories a member falls in by the records alone (joined before 1949, an old
 * member by the policy's age or party age), one `ok` verdict each, as of `asOf`: what a change of the old-member
 * thresholds changes (who enters the ledger and the festival plans).
 */
export const categoryVerdicts = (m: MemberFacts, asOf: PlainDate, policy: CarePolicy): readonly Verdict[] =>
  automaticCategories(m, asOf, policy).map((c) => verdict("ok", `CARE-CATEGORY.${c}`, [local()], {}))
