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
