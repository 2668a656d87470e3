import { describe, expect, it } from "vitest"
import { hashSeed, int, mulberry32, pick, weighted } from "../src/testing.js"

describe("the seeded PRNG of example data", () => {
  it("gives the same stream for the same seed and another for another seed", () => {
    const a = mulberry32(42)
    const b = mulberry32(42)
    const xs = Array.from({ length: 5 }, () => a())
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs)
    expect(mulberry32(43)()).not.toBe(xs[0])
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true)
  })

  it("splits one seed into streams by label", () => {
    expect(hashSeed(7, "orgs")).toBe(hashSeed(7, "orgs"))
    expect(hashSeed(7, "orgs")).not.toBe(hashSeed(7, "users"))
  })

  it("draws integers inside their bounds, picks and weights", () => {
    const rng = mulberry32(1)
    const ints = Array.from({ length: 500 }, () => int(rng, 3, 5))
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]))
    expect(pick(rng, ["x"])).toBe("x")
    expect(() => pick(rng, [])).toThrow(RangeError)
    const heavy = Array.from({ length: 500 }, () =>
      weighted(rng, [
        ["a", 99],
        ["b", 1],
      ] as const),
    )
    expect(heavy.filter((k) => k === "a").length).toBeGreaterThan(450)
  })
})
