import { describe, expect, it } from "vitest"
import { ProblemError } from "../api/problem"
import { problemOutcome } from "./useProblemForm"

const problem = (status: number, extra: object = {}) =>
  new ProblemError({ type: "about:blank", title: `HTTP ${status}`, status, ...extra })

describe("where a refused save goes", () => {
  it("a 409 to a version-checked save offers the refresh instead of the form errors", () => {
    expect(problemOutcome(problem(409, { detail: "版本已变" }), ["name"], "stale")).toEqual({ kind: "stale" })
  })

  it("a 409 goes to the form's own handling when it has one (a taken id)", () => {
    expect(problemOutcome(problem(409), ["id"], () => undefined)).toEqual({ kind: "conflict" })
  })

  it("a 409 without special handling is shown above the form with its detail (a taken username)", () => {
    expect(problemOutcome(problem(409, { detail: "用户名已被使用" }), ["username"], undefined)).toEqual({
      kind: "form",
      fields: [],
      error: "用户名已被使用",
    })
  })

  it("field errors land on their items, moved where the form says; the others above the form", () => {
    const p = problem(400, {
      errors: [
        { field: "parentId", reason: "placement", message: "党支部不能设在党支部下" },
        { field: "name", reason: "too-long", message: "名称过长" },
        { field: "secret", reason: "invalid", message: "不能修改" },
        { field: "other", reason: "invalid", message: "无效" },
      ],
    })
    const kindForParent = (f: string) => (f === "parentId" ? "kind" : f)
    expect(problemOutcome(p, ["name", "parentId"], "stale", kindForParent)).toEqual({
      kind: "form",
      fields: [
        { name: "kind", errors: ["党支部不能设在党支部下"] },
        { name: "name", errors: ["名称过长"] },
      ],
      error: "secret: 不能修改；other: 无效",
    })
  })
})
