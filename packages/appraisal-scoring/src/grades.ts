import type { LocalizedText } from "@xianfeng/core"

/**
 * The four grades of 民主评议党员 (democratic appraisal), best first: `excellent` 优秀, `qualified` 合格,
 * `basic` 基本合格 (basically qualified), `unqualified` 不合格 (MZPY; BR 18; EM 18).
 */
export const grades = ["excellent", "qualified", "basic", "unqualified"] as const
export type Grade = (typeof grades)[number]

export const gradeNames: Readonly<Record<Grade, LocalizedText>> = {
  excellent: { "zh-CN": "优秀", en: "excellent" },
  qualified: { "zh-CN": "合格", en: "qualified" },
  basic: { "zh-CN": "基本合格", en: "basically qualified" },
  unqualified: { "zh-CN": "不合格", en: "unqualified" },
}

/** The four tiers of a secretary's 述职评议考核, best first: 好 `good`, 较好 `fair`, 一般 `average`, 差 `poor`. */
export const tiers = ["good", "fair", "average", "poor"] as const
export type Tier = (typeof tiers)[number]

export const tierNames: Readonly<Record<Tier, LocalizedText>> = {
  good: { "zh-CN": "好", en: "good" },
  fair: { "zh-CN": "较好", en: "fairly good" },
  average: { "zh-CN": "一般", en: "average" },
  poor: { "zh-CN": "差", en: "poor" },
}

export const isGrade = (x: unknown): x is Grade =>
  typeof x === "string" && (grades as readonly string[]).includes(x)
