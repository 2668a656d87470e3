import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { api, onUnauthorized, setCsrfToken } from "./client"
import { ProblemError } from "./problem"

// A tiny stand-in for the API: records requests and answers from a table.
const calls: { url: string; init: RequestInit }[] = []
const answer = (status: number, body: unknown, type = "application/json") =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": type },
  })

beforeEach(() => {
  calls.length = 0
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    calls.push({ url, init })
    if (url === "/api/members/x")
      return answer(
        404,
        { type: "about:blank", title: "Not Found", status: 404, detail: "没有这个人" },
        "application/problem+json",
      )
    if (url === "/api/orgs/root")
      return answer(401, { type: "about:blank", title: "Unauthorized", status: 401, detail: "请登录" })
    return answer(200, { ok: true })
  })
})
afterEach(() => {
  vi.unstubAllGlobals()
  setCsrfToken(undefined)
})

const header = (i: number, name: string) => ((calls[i]?.init.headers ?? {}) as Record<string, string>)[name]

describe("the API client", () => {
  it("sends the CSRF token on changes, not on reads", async () => {
    setCsrfToken("tok-1")
    await api.get("/members", { q: "zs", stage: undefined })
    await api.post("/members/m1/reveal-id", { reason: "核对身份" })
    expect(calls[0]?.url).toBe("/api/members?q=zs")
    expect(header(0, "x-csrf-token")).toBeUndefined()
    expect(header(1, "x-csrf-token")).toBe("tok-1")
    expect(calls[1]?.init.body).toBe(JSON.stringify({ reason: "核对身份" }))
  })

  it("throws the server's problem", async () => {
    const e = await api.get("/members/x").catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ProblemError)
    expect((e as ProblemError).status).toBe(404)
    expect((e as ProblemError).message).toBe("没有这个人")
  })

  it("tells the app when the session is gone, except for the auth calls themselves", async () => {
    const seen = vi.fn()
    const off = onUnauthorized(seen)
    await api.get("/orgs/root").catch(() => undefined)
    expect(seen).toHaveBeenCalledTimes(1)
    off()
    await api.get("/orgs/root").catch(() => undefined)
    expect(seen).toHaveBeenCalledTimes(1)
  })

  it("reports an unreachable server as status 0", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("fetch failed")
    })
    const e = await api.get("/auth/me").catch((x: unknown) => x)
    expect((e as ProblemError).status).toBe(0)
  })
})
