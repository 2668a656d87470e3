import { date } from "@xianfeng/core"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { DRAW_ALGORITHM, drawSample } from "../src/index.js"
import { exampleCandidates } from "../src/testing.js"

const asOf = date("2026-11-30")
const ids = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `b${i}` }))

describe(`the inspection draw (${DRAW_ALGORITHM})`, () => {
  it("gives the same sample for the same published seed and candidates, and another for another seed", () => {
    const candidates = exampleCandidates(7, 40)
    const a = drawSample(candidates, { seed: "2026-Q4-督查", size: 5, asOf })
    expect(drawSample(candidates, { seed: "2026-Q4-督查", size: 5, asOf })).toEqual(a)
    expect(drawSample(candidates, { seed: "2026-Q4-督查-2", size: 5, asOf }).sample).not.toEqual(a.sample)
    expect(a.sample).toHaveLength(5)
  })

  it("pins the algorithm: this seed over b0…b9 draws this sample on every machine", () => {
    expect(drawSample(ids(10), { seed: "xianfeng", size: 3, asOf }).sample).toMatchInlineSnapshot(`
      [
        "b1",
        "b7",
        "b4",
      ]
    `)
  })

  it("stratifies by committee, sharing the size by the committees' sizes", () => {
    const candidates = [
      ...Array.from({ length: 6 }, (_, i) => ({ id: `a${i}`, committeeId: "c1" })),
      ...Array.from({ length: 3 }, (_, i) => ({ id: `b${i}`, committeeId: "c2" })),
    ]
    const r = drawSample(candidates, { seed: "s", size: 3, stratify: true, asOf })
    expect(r.strata).toEqual([
      { stratum: "c1", size: 6, drawn: 2 },
      { stratum: "c2", size: 3, drawn: 1 },
    ])
    expect(r.sample.filter((id) => id.startsWith("a"))).toHaveLength(2)
  })

  it("leaves out branches inspected in the last N periods", () => {
    const candidates = [
      { id: "b1", lastChecked: date("2026-10-02") },
      { id: "b2", lastChecked: date("2026-06-30") },
      { id: "b3" },
    ]
    const r = drawSample(candidates, {
      seed: "s",
      size: 3,
      asOf,
      excludeCheckedWithin: { count: 2, cadence: "quarter" },
    })
    expect(r.excluded).toEqual(["b1"])
    expect([...r.sample].sort()).toEqual(["b2", "b3"])
  })

  it("is a pure function of its inputs: the candidates' order does not matter (property)", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 1000 }),
        (seed, size, s) => {
          const candidates = exampleCandidates(s, 25)
          const options = {
            seed,
            size,
            stratify: s % 2 === 0,
            asOf,
            excludeCheckedWithin: { count: 1, cadence: "year" as const },
          }
          const a = drawSample(candidates, options)
          const b = drawSample([...candidates].reverse(), options)
          return (
            JSON.stringify(a) === JSON.stringify(b) &&
            new Set(a.sample).size === a.sample.length &&
            a.sample.every((id) => a.eligible.includes(id)) &&
            a.sample.length === Math.min(size, a.eligible.length)
          )
        },
      ),
    )
  })

  it("is uniform over the candidates: over 12,000 seeds each of 10 is drawn about 3 times in 10", () => {
    const counts = new Map<string, number>()
    const runs = 12_000
    for (let i = 0; i < runs; i++) {
      for (const id of drawSample(ids(10), { seed: `seed-${i}`, size: 3, asOf }).sample) {
        counts.set(id, (counts.get(id) ?? 0) + 1)
      }
    }
    const expected = (runs * 3) / 10
    // χ² with 9 degrees of freedom: 27.9 is its 0.1% tail; a biased draw lands far above it.
    const chi2 = [...counts.values()].reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0)
    expect(counts.size).toBe(10)
    expect(chi2).toBeLessThan(27.9)
  })
})

describe("the draw's stream", () => {
  it("hashes UTF-8 as FNV-1a 32 does (published test vectors), so a seed in Chinese re-runs anywhere", async () => {
    const { fnv1a32 } = await import("../src/internal/hash.js")
    expect(fnv1a32("")).toBe(0x811c9dc5)
    expect(fnv1a32("a")).toBe(0xe40c292c)
    expect(fnv1a32("foobar")).toBe(0xbf9cf968)
    const bytes = [...Buffer.from("督查😀", "utf8")]
    let h = 0x811c9dc5
    for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0
    expect(fnv1a32("督查😀")).toBe(h)
  })
})
