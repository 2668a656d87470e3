import { date, type RuleSet } from "@xianfeng/core"
import type { Edition } from "./citations.js"
import type { DevelopmentRule } from "./rule.js"
import { activistRules, publicNoticeRule } from "./rules/activist.js"
import { admissionRules } from "./rules/admission.js"
import { applicationRules } from "./rules/application.js"
import { developmentObjectRules } from "./rules/development-object.js"
import { orderRule } from "./rules/order.js"
import { probationRules } from "./rules/probation.js"
import { specialCaseRules } from "./rules/special-cases.js"

/** Rules that only the 2026 revision has (reference §1.10). */
const only2026 = new Set(["DEV-PUBLIC-NOTICE", "DEV-MEETING-AFTER-PREREVIEW", "DEV-OATH-WITHIN"])

const rulesOf = (edition: Edition): DevelopmentRule[] =>
  [
    orderRule(edition),
    ...applicationRules(edition),
    ...activistRules(edition),
    publicNoticeRule(),
    ...developmentObjectRules(edition),
    ...admissionRules(edition),
    ...probationRules(edition),
    ...specialCaseRules(edition),
  ].filter((r) => edition === "2026" || !only2026.has(r.id))

/**
 * The 2014 edition (issued 2014-05-28): the higher committee is only informed (备案), no public notice, no
 * national limits on the meeting after pre-review or on the oath, narrower political review.
 */
export const rules2014: RuleSet<DevelopmentRule> = {
  id: "development-rules-2014",
  version: "2014.1.0",
  edition: "2014",
  effectiveFrom: date("2014-05-28"),
  rules: rulesOf("2014"),
}

/**
 * The 2026 revision (issued and in force 2026-05-11): higher committee agreement plus ≥5 working days of
 * public notice, meeting within 1 month of pre-review, oath within 1 month, wider political review.
 */
export const rules2026: RuleSet<DevelopmentRule> = {
  id: "development-rules-2026",
  version: "2026.1.0",
  edition: "2026",
  effectiveFrom: date("2026-05-11"),
  rules: rulesOf("2026"),
}

/** Both editions: pass this to `evaluate` and each step is judged by the edition in force on its date. */
export const developmentRuleSets: readonly RuleSet<DevelopmentRule>[] = [rules2014, rules2026]
