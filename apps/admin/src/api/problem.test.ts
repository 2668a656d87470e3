import { describe, expect, it } from "vitest"
import { problemToFormErrors, toProblem } from "./problem"

describe("reading problem+json", () => {
  it("keeps what the API said", () => {
    const p = toProblem(422, "Unprocessable Entity", {
      type: "https://xianfeng.example/problems/validation",
      title: "Invalid request",
      status: 422,
      detail: "2 fields are invalid",
      errors: [{ field: "username", reason: "format", message: "用户名格式不正确" }],
    })
    expect(p).toEqual({
      type: "https://xianfeng.example/problems/validation",
      title: "Invalid request",
      status: 422,
      detail: "2 fields are invalid",
      errors: [{ field: "username", reason: "format", message: "用户名格式不正确" }],
    })
  })

  it("turns an HTML error page from a proxy into a problem built from the status", () => {
    expect(toProblem(502, "Bad Gateway", undefined)).toEqual({
      type: "about:blank",
      title: "Bad Gateway",
      status: 502,
    })
  })

  it("drops malformed field errors instead of crashing", () => {
    const p = toProblem(400, "", {
      title: "Bad",
      status: 400,
      errors: [null, { reason: "x" }, { field: "a" }],
    })
    expect(p.errors).toEqual([{ field: "a", reason: "invalid", message: "" }])
  })
})

describe("problem → form errors", () => {
  const fields = ["username", "displayName", "orgId"] as const

  it("puts each field's messages on its form item", () => {
    const { fields: f, other } = problemToFormErrors(
      {
        type: "about:blank",
        title: "Invalid",
        status: 400,
        detail: "invalid",
        errors: [
          { field: "username", reason: "format", message: "用户名格式不正确" },
          { field: "username", reason: "taken", message: "用户名已存在" },
          { field: "orgId", reason: "scope", message: "组织不在管理范围内" },
        ],
      },
      fields,
    )
    expect(f).toEqual([
      { name: "username", errors: ["用户名格式不正确", "用户名已存在"] },
      { name: "orgId", errors: ["组织不在管理范围内"] },
    ])
    expect(other).toEqual([])
  })

  it("maps nested paths to their top-level item and keeps unknown fields for the banner", () => {
    const { fields: f, other } = problemToFormErrors(
      {
        type: "about:blank",
        title: "Invalid",
        status: 400,
        errors: [
          { field: "displayName.0", reason: "length", message: "太长" },
          { field: "version", reason: "stale", message: "已被他人修改" },
        ],
      },
      fields,
    )
    expect(f).toEqual([{ name: "displayName", errors: ["太长"] }])
    expect(other).toEqual(["version: 已被他人修改"])
  })

  it("shows the detail when the problem names no field (409, 403)", () => {
    const r = problemToFormErrors(
      { type: "about:blank", title: "Conflict", status: 409, detail: "用户名 admin 已被使用" },
      fields,
    )
    expect(r).toEqual({ fields: [], other: ["用户名 admin 已被使用"] })
  })
})
