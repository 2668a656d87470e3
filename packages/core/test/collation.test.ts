import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { compareChinese } from "../src/index.js"

describe("compareChinese", () => {
  it("lists names in pinyin order, as the ledgers do", () => {
    const names = ["周敏", "陈静", "安然", "白雪", "张伟", "李娜"]
    expect([...names].sort(compareChinese)).toEqual(["安然", "白雪", "陈静", "李娜", "张伟", "周敏"])
  })

  it("orders every pair as localeCompare with the zh-CN locale does", () => {
    const hanzi = fc.string({
      unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)),
      maxLength: 4,
    })
    fc.assert(
      fc.property(fc.oneof(hanzi, fc.string()), fc.oneof(hanzi, fc.string()), (a, b) => {
        expect(Math.sign(compareChinese(a, b))).toBe(Math.sign(a.localeCompare(b, "zh-CN")))
      }),
    )
  })
})
