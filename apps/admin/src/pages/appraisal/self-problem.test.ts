import { describe, expect, it } from "vitest"
import { ProblemError } from "../../api/problem"
import { selfProblem } from "./self-problem"

describe("a refused self-assessment says why, where the member looks", () => {
  it("puts a 422 naming the text on the text field", () => {
    const e = new ProblemError({
      type: "about:blank",
      title: "Unprocessable",
      status: 422,
      detail: "自评材料有误",
      errors: [{ field: "text", reason: "too-long", message: "自评材料不超过2000字" }],
    })
    expect(selfProblem(e)).toEqual({ field: "text", message: "自评材料不超过2000字" })
  })
  it("puts a refusal naming no field of the form (the cycle closed) above the button, with its detail", () => {
    const e = new ProblemError({
      type: "about:blank",
      title: "Conflict",
      status: 409,
      detail: "评议已结束，不能再自评",
    })
    expect(selfProblem(e)).toEqual({ field: undefined, message: "评议已结束，不能再自评" })
  })
  it("shows a network failure's message too", () => {
    expect(selfProblem(new TypeError("Failed to fetch"))).toEqual({
      field: undefined,
      message: "Failed to fetch",
    })
  })
})
