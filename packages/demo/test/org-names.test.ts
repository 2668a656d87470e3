import { describe, expect, it } from "vitest"
import { demoOrgs } from "../src/platform/orgs.js"

// The demo's organization names read as a district's would: unique, one ordinal at most (第二党支部, never
// 第二第2党支部), written in characters (第二十一, not 第21), and two committees' retiree branches told apart.
describe("demo organization names", () => {
  for (const seed of [1, 42, "demo"]) {
    const names = demoOrgs(seed).map((o) => o.name)
    it(`are unique, with one ordinal at most, in characters (seed ${seed})`, () => {
      expect(new Set(names).size).toBe(names.length)
      expect(names.filter((n) => /第[^第]*第/.test(n))).toEqual([])
      expect(names.filter((n) => /\d/.test(n))).toEqual([])
    })
    it(`name the committee in each retirees' branch (seed ${seed})`, () => {
      const retirees = names.filter((n) => n.includes("退休党员"))
      expect(retirees.length).toBeGreaterThan(0)
      for (const n of retirees) expect(n).not.toMatch(/^离退休/)
    })
  }
})

// Above 20,000 members the tree grows with them (the benchmark's 1,000,000-member province): the same rules for
// names, about 30 members per branch, and the district's own tree left as it was below that.
describe("the tree of a larger district", () => {
  const district = demoOrgs(7)
  const province = demoOrgs(7, 1_000_000)
  const branches = (orgs: readonly { kind: string }[]) => orgs.filter((o) => o.kind === "branch").length

  it("is the district's own tree up to 20,000 members", () => {
    expect(demoOrgs(7, 20_000)).toEqual(district)
    expect(demoOrgs(7, 5_000)).toEqual(district)
  })

  it("grows its branches in proportion to the members, keeping the committees and the first ids", () => {
    expect(branches(province) / branches(district)).toBeGreaterThan(45)
    expect(branches(province) / branches(district)).toBeLessThan(55)
    const committees = (orgs: typeof district) => orgs.filter((o) => o.parentId === "d1").map((o) => o.id)
    expect(committees(province)).toEqual(committees(district))
    expect(province.find((o) => o.id === "b0001")?.parentId).toBe(
      district.find((o) => o.id === "b0001")?.parentId,
    )
  })

  it("keeps names unique, never two ordinals in a row, in characters", () => {
    const names = province.map((o) => o.name)
    expect(new Set(names).size).toBe(names.length)
    // A school of several branches is 示范区第九中学第二党支部, as real ones are; never 第二第三党支部.
    expect(names.filter((n) => /第[一二三四五六七八九十百千零]+第/.test(n))).toEqual([])
    expect(names.filter((n) => /\d/.test(n))).toEqual([])
    // Ordinals past 99 (a committee of thousands of branches) in characters too: 第一百零五党总支.
    expect(names.some((n) => /第[一二三四五六七八九]百零?[一二三四五六七八九十]*党/.test(n))).toBe(true)
  })
})
