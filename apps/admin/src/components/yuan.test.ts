import { describe, expect, it } from "vitest"
import { fenOfChecked, parseYuan, yuanText } from "./yuan"

describe("parseYuan: a typed yuan amount to integer fen, exactly", () => {
  it("reads the amounts a float gets wrong as the fen typed", () => {
    // 0.07 * 100 = 7.000000000000001 and 1.15 * 100 = 114.99999999999999 in floating point.
    expect(parseYuan("0.07")).toEqual({ fen: 7 })
    expect(parseYuan("1.15")).toEqual({ fen: 115 })
    expect(parseYuan("4.35")).toEqual({ fen: 435 })
    expect(parseYuan("19.99")).toEqual({ fen: 1999 })
    expect(parseYuan("1,234,567.8")).toEqual({ fen: 123_456_780 })
    expect(parseYuan(" 12 ")).toEqual({ fen: 1200 })
    expect(parseYuan(".5")).toEqual({ fen: 50 })
    expect(parseYuan("3.")).toEqual({ fen: 300 })
  })
  it("refuses a third decimal, a fraction of a fen, rather than rounding it away", () => {
    expect(parseYuan("12.345")).toEqual({ problem: "decimals" })
    expect(parseYuan("0.001")).toEqual({ problem: "decimals" })
    // Trailing zeros are not a fraction of a fen.
    expect(parseYuan("12.3400")).toEqual({ fen: 1234 })
  })
  it("refuses what is not an amount", () => {
    for (const bad of ["", "abc", "-5", "1e3", "1.2.3", "¥5", "."])
      expect(parseYuan(bad)).toEqual({ problem: "format" })
    expect(parseYuan("999999999999999999")).toEqual({ problem: "range" })
  })
  it("reads back what yuanText writes, for every fen up to 100 yuan", () => {
    for (let fen = 0; fen <= 10_000; fen++) expect(parseYuan(yuanText(fen))).toEqual({ fen })
  })
})

describe("fenOfChecked: what a checked form sends", () => {
  it("sends an optional amount left empty as 0 and a checked one as its exact fen", () => {
    expect(fenOfChecked(undefined)).toBe(0)
    expect(fenOfChecked(null)).toBe(0)
    expect(fenOfChecked("")).toBe(0)
    expect(fenOfChecked("1.15")).toBe(115)
  })
  it("refuses to send an amount the form's rule would have stopped", () => {
    expect(() => fenOfChecked("1.155")).toThrow()
  })
})
