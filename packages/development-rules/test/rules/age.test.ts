import { applyOverlay } from "@xianfeng/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { developmentPolicy, nationalPolicy } from "../../src/index.js"
import { check, codes, d, history, rec } from "../fixtures.js"

// 年满十八周岁 (2026 Art. 5; 2014 Art. 5; PC 1): no party text says whether the 18th birthday itself counts.
describe("age: the 18th birthday (policy ageReachedOn)", () => {
  const born = { birthDate: d("2008-06-01") }
  const dayAfter = Result.getOrThrow(applyOverlay(developmentPolicy, { ageReachedOn: "day-after-birthday" }))

  it("nationally the 18th birthday counts (the reading so far)", () => {
    expect(nationalPolicy.ageReachedOn).toBe("birthday")
    expect(check(history([], born), rec("apply", "2026-06-01"))).toEqual([])
  })

  it("a district counting from the day after refuses the birthday itself, citing Art. 5, PC 1 and its own rule", () => {
    const vs = check(history([], born), rec("apply", "2026-06-01"), dayAfter)
    expect(codes(vs)).toEqual(["DEV-AGE-MIN.too-young"])
    expect(vs[0]?.params).toMatchObject({ age: 17, min: 18 })
    expect(vs[0]?.params.eligibleOn?.toString()).toBe("2026-06-02")
    expect(vs[0]?.citations.map((c) => [c.document.id, c.article])).toEqual([
      ["DR", 5],
      ["PC", 1],
      [vs[0]?.citations[2]?.document.id, 1],
    ])
    expect(vs[0]?.citations[2]?.document.title["zh-CN"]).toContain("本区")
    expect(check(history([], born), rec("apply", "2026-06-02"), dayAfter)).toEqual([])
  })

  it("2014 edition: the same reading, Art. 5 of 2014", () => {
    const vs = check(history([], { birthDate: d("2002-06-01") }), rec("apply", "2020-06-01"), dayAfter)
    expect(vs[0]?.citations[0]).toMatchObject({ edition: "2014", article: 5 })
  })
})
