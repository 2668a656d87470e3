import { definePolicy, type PolicyValues, policyKey } from "@xianfeng/core"
import { Schema } from "effect"
import { local } from "./citations.js"

/**
 * What a district may set in 评议考核 (Appraisal): every fact the reference marks as local practice [P]
 * or unsure [?] is a key here with its national default, never a constant in a rule.
 */
export const appraisalPolicy = definePolicy("appraisal", {
  backdateMaxDays: policyKey({
    schema: Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 3660 })),
    default: 90,
    description: {
      "zh-CN": "补录记录最多可早于登记日多少天而不提示（本区做法）",
      en: "How many days before the day it is entered a record may be dated without a warning (local practice)",
    },
    confidence: "P",
    citations: [local()],
  }),
})

/** The policy in force: the national defaults with a district's overlay applied (`applyOverlay`). */
export type AppraisalPolicy = PolicyValues<typeof appraisalPolicy.keys>

/** The national defaults. */
export const nationalPolicy: AppraisalPolicy = appraisalPolicy.defaults
