import { describe, expect, it } from "vitest"
import { filterFromSearch, filterToSearch } from "../pages/members/filter"
import { buildQuery, positiveInt } from "./query"

describe("buildQuery", () => {
  it("leaves out empty filters so the API never sees stage=", () => {
    expect(buildQuery({ orgId: undefined, q: "  ", stage: null, page: 1, pageSize: 20 })).toBe(
      "?page=1&pageSize=20",
    )
    expect(buildQuery({})).toBe("")
  })

  it("encodes Chinese names and trims what was typed", () => {
    expect(buildQuery({ q: " 张三 " })).toBe("?q=%E5%BC%A0%E4%B8%89")
    expect(buildQuery({ q: "a&b=c" })).toBe("?q=a%26b%3Dc")
  })
})

describe("positiveInt", () => {
  it("accepts positive integers only", () => {
    expect(positiveInt("3", 1)).toBe(3)
    for (const bad of ["0", "-2", "1.5", "x", "", null, undefined]) expect(positiveInt(bad, 1)).toBe(1)
  })
})

describe("member list URL", () => {
  it("round-trips a filter through the address bar", () => {
    const f = { q: "zs", stage: "full" as const, orgId: "b0457", page: 3, pageSize: 50 }
    const search = filterToSearch(f)
    expect(search).toBe("?q=zs&stage=full&orgId=b0457&page=3&pageSize=50")
    expect(filterFromSearch(new URLSearchParams(search))).toEqual(f)
  })

  it("keeps default values out of the URL", () => {
    expect(filterToSearch({ page: 1, pageSize: 20 })).toBe("")
  })

  it("ignores values a hand-edited URL should not smuggle in", () => {
    const f = filterFromSearch(new URLSearchParams("stage=admin&orgId=../x&page=-1&pageSize=100000"))
    expect(f).toEqual({ q: undefined, stage: undefined, orgId: undefined, page: 1, pageSize: 20 })
  })
})
