import { describe, expect, it } from "vitest"
import { bandOf, heatmapBands, heatmapPieces, rateText } from "./heatmapBands"

describe("the heatmap's colours", () => {
  it("every share a cell can have falls in exactly one band, whose colour the legend lists", () => {
    const legend = heatmapBands.map((b) => b.color)
    for (let met = 0; met <= 12; met++)
      for (let decided = Math.max(met, 1); decided <= 12; decided++) {
        const rate = met / decided
        const band = bandOf(rate)
        expect(band, `${met}/${decided}`).toBeDefined()
        expect(legend).toContain(band?.color)
        const matching = heatmapPieces.filter(
          (p) =>
            ("min" in p ? rate >= p.min : "gte" in p ? rate >= p.gte : rate > p.gt) &&
            ("max" in p ? rate <= p.max : rate < p.lt),
        )
        expect(matching).toHaveLength(1)
      }
    expect(bandOf(null)).toBeUndefined()
  })
  it("3/4 and 1/4 have colours of their own, distinct from all, half and none", () => {
    const colours = [1, 0.75, 0.5, 0.25, 0].map((r) => bandOf(r)?.color)
    expect(new Set(colours).size).toBe(5)
  })
  it("an organization with no branches, or nothing decided, shows no rate", () => {
    expect(rateText(0, { met: 0, overdue: 0, missed: 0, rate: 1 })).toBe("—")
    expect(rateText(3, { met: 0, overdue: 0, missed: 0, rate: 1 })).toBe("—")
    expect(rateText(3, { met: 2, overdue: 1, missed: 0, rate: 2 / 3 })).toBe("66.7%")
  })
})
