import { type AuditAppender, type AuditEntry, auditLog, createAuditAppender, members } from "@xianfeng/db"
import { and, eq } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createApp } from "../src/app.js"
import { Agent, SMALL_DEMO_MEMBERS, type TestSystem, testSystem } from "./support.js"

// A read answers only once the process's appender has committed its audit row (issue 18, group commit): the
// appender here is held at a gate, so the order is seen without timing.

/** The real appender behind a gate: `append` waits until `open` (or `fail`) before writing. */
const gated = (inner: AuditAppender) => {
  let release: (ok: boolean) => void = () => {}
  let gate = new Promise<boolean>((r) => {
    release = r
  })
  const handed: AuditEntry[][] = []
  const appender: AuditAppender = {
    append: async (entries) => {
      if (entries.length > 0) handed.push([...entries])
      if (!(await gate)) throw new Error("the audit batch failed")
      return inner.append(entries)
    },
    close: () => inner.close(),
  }
  return {
    appender,
    handed,
    open: () => release(true),
    fail: () => release(false),
    reset: () => {
      gate = new Promise<boolean>((r) => {
        release = r
      })
      handed.length = 0
    },
  }
}

describe("a read and its audit row", () => {
  let sys: TestSystem
  let gate: ReturnType<typeof gated>
  let agent: Agent
  let memberId: string
  beforeAll(async () => {
    sys = await testSystem("pglite", { demoMembers: SMALL_DEMO_MEMBERS })
    gate = gated(createAuditAppender(sys.deps.db))
    const app = createApp({ ...sys.deps, auditAppender: gate.appender })
    agent = new Agent({ ...sys, request: async (path, init) => app.request(path, init) })
    // Sign-in is a write: its row is written in its own transaction, past the gate.
    expect((await agent.login("admin")).status).toBe(200)
    const [m] = await sys.deps.db.select({ id: members.id }).from(members).limit(1)
    if (m === undefined) throw new Error("the demo district has no member")
    memberId = m.id
  }, 300_000)
  afterAll(async () => {
    await sys?.stop()
  })

  const rowsOfRead = async () =>
    (
      await sys.deps.db
        .select({ seq: auditLog.seq })
        .from(auditLog)
        .where(and(eq(auditLog.action, "member.read"), eq(auditLog.objectId, memberId)))
    ).length

  it("is not answered before its row is committed, and is once it is", async () => {
    gate.reset()
    let answered = false
    const response = agent.get(`/api/members/${memberId}`).then((r) => {
      answered = true
      return r
    })
    await expect.poll(() => gate.handed.length, { timeout: 60_000 }).toBe(1)
    expect(gate.handed[0]?.map((e) => [e.action, e.objectId])).toEqual([["member.read", memberId]])
    expect(answered).toBe(false)
    expect(await rowsOfRead()).toBe(0)
    gate.open()
    expect((await response).status).toBe(200)
    expect(await rowsOfRead()).toBe(1)
  })

  it("goes through the appender from a read served in a transaction too (the agenda), not written in it", async () => {
    gate.reset()
    const response = agent.get("/api/agenda")
    await expect.poll(() => gate.handed.length, { timeout: 60_000 }).toBe(1)
    expect(gate.handed[0]?.map((e) => e.action)).toEqual(["agenda.read"])
    gate.open()
    expect((await response).status).toBe(200)
  })

  it("fails with a 500 showing nothing when its row cannot be written", async () => {
    gate.reset()
    const response = agent.get(`/api/members/${memberId}`)
    await expect.poll(() => gate.handed.length, { timeout: 60_000 }).toBe(1)
    gate.fail()
    const r = await response
    expect(r.status).toBe(500)
    expect(await r.text()).not.toContain(memberId)
    expect(await rowsOfRead()).toBe(1)
  })
})
