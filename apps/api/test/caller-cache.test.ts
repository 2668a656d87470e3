import type { CallerRow, Credential } from "@xianfeng/db"
import { describe, expect, it } from "vitest"
import { createCallerCache } from "../src/auth/caller-cache.js"

// What the process's caller cache answers by itself; whether the database still agrees is each request's
// first statement's question (the epoch: packages/db/test/sessions.test.ts, apps/api/test/multiprocess.test.ts).

const at = new Date("2026-11-30T08:00:00Z")
const minutes = (n: number) => new Date(at.getTime() + n * 60_000)
const caller: CallerRow = {
  userId: "u1",
  username: "secretary",
  displayName: "书记",
  role: "branch-secretary",
  orgId: "b1",
  orgPath: "d1.b1",
  orgName: "一支部",
  csrfToken: "csrf",
  lastSeenAt: at,
  expiresAt: minutes(60),
}
const session = (now: number, idle = 30): Extract<Credential, { kind: "session" }> => ({
  kind: "session",
  sessionId: "s1",
  now: minutes(now),
  idleSince: minutes(now - idle),
})
const token: Credential = { kind: "token", tokenHash: "t1" }

describe("the caller cache", () => {
  it("answers a session while it is neither expired nor idle by the request's clock", () => {
    const cache = createCallerCache()
    cache.put(session(1), caller, "5")
    expect(cache.get(session(1))).toEqual({ caller, epoch: "5" })
    expect(cache.get(session(29))?.caller).toBe(caller)
    // Idle by what the entry says (another process may have seen it since): a miss, not a refusal.
    expect(cache.get(session(31))).toBeUndefined()
    expect(cache.get(session(61, 1_000))).toBeUndefined()
    expect(cache.get({ ...session(1), sessionId: "other" })).toBeUndefined()
  })

  it("keeps a session and a bearer token with the same hash apart", () => {
    const cache = createCallerCache()
    cache.put({ kind: "token", tokenHash: "s1" }, { ...caller, csrfToken: null, lastSeenAt: null }, "5")
    expect(cache.get(session(1))).toBeUndefined()
    cache.put(token, { ...caller, csrfToken: null, lastSeenAt: null, expiresAt: null }, "5")
    expect(cache.get(token)?.caller.userId).toBe("u1")
  })

  it("empties itself when it sees a newer epoch and keeps nothing read under an older one", () => {
    const cache = createCallerCache()
    cache.put(session(1), caller, "5")
    cache.put(token, caller, "5")
    cache.seen("6")
    expect(cache.size).toBe(0)
    cache.put(session(1), caller, "5")
    expect(cache.get(session(1))).toBeUndefined()
    cache.put(session(1), caller, "6")
    expect(cache.get(session(1))?.epoch).toBe("6")
    cache.put(token, caller, "7")
    expect(cache.get(session(1))).toBeUndefined()
    expect(cache.get(token)?.epoch).toBe("7")
    // An old epoch seen late (a statement that began earlier) changes nothing.
    cache.seen("6")
    expect(cache.get(token)?.epoch).toBe("7")
  })

  it("forgets an entry on request and holds no more than its bound", () => {
    const cache = createCallerCache({ max: 2 })
    cache.put(session(1), caller, "1")
    cache.forget(session(1))
    expect(cache.get(session(1))).toBeUndefined()
    for (const hash of ["a", "b", "c"]) cache.put({ kind: "token", tokenHash: hash }, caller, "1")
    expect(cache.size).toBe(2)
    expect(cache.get({ kind: "token", tokenHash: "a" })).toBeUndefined()
  })

  it("drops an entry after its time to live however quiet the epoch", async () => {
    const cache = createCallerCache({ ttlMs: 20 })
    cache.put(token, caller, "1")
    expect(cache.get(token)).toBeDefined()
    await new Promise((r) => setTimeout(r, 60))
    expect(cache.get(token)).toBeUndefined()
  })
})
