import { describe, expect, it } from "vitest"
import { overlayOf } from "./policyImpact"

describe("the policy preview's overlay", () => {
  it("holds the training keys filled in, over the other keys given as JSON", () => {
    expect(
      overlayOf({ trainingMinHours: 40, other: '{"trainingMinHours": 30, "trainingWithin": {"months": 2}}' }),
    ).toEqual({
      trainingMinHours: 40,
      trainingWithin: { months: 2 },
    })
    expect(overlayOf({ trainingMinDays: null })).toEqual({})
  })
  it("is refused when the other keys are not a JSON object", () => {
    expect(overlayOf({ other: "[1]" })).toBeUndefined()
    expect(overlayOf({ other: "{trainingMinHours: 40" })).toBeUndefined()
  })
})
