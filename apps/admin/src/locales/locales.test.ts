import { describe, expect, it } from "vitest"
import { en } from "./en"
import { zhCN } from "./zh-CN"

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe("locale files", () => {
  it("zh-CN and en have exactly the same keys", () => {
    const zhKeys = Object.keys(zhCN).sort()
    const enKeys = Object.keys(en).sort()
    expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([])
    expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([])
  })

  it("no message is blank", () => {
    for (const [locale, messages] of Object.entries({ "zh-CN": zhCN, en })) {
      const blank = Object.entries(messages).filter(([, v]) => v.trim() === "")
      expect(blank, locale).toEqual([])
    }
  })

  it("a translation keeps the placeholders of the Chinese message", () => {
    for (const [key, zh] of Object.entries(zhCN)) {
      expect(placeholders(en[key as keyof typeof zhCN]), key).toEqual(placeholders(zh))
    }
  })

  it("the Chinese file is Chinese: labels a user reads contain Han characters", () => {
    const latinOnly = Object.entries(zhCN).filter(
      ([k, v]) => !k.startsWith("lang.") && !/\p{Script=Han}/u.test(v) && v !== "—",
    )
    expect(latinOnly).toEqual([])
  })
})
