import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { CommitteeView } from "../src/routes/platform/contract.js"
import { Agent, backends, problemOf, type TestSystem, testSystem } from "./support.js"

interface MemberItem {
  readonly id: string
  readonly orgId: string
  readonly stage: string
}

// An organization's committee posts (支部委员会) on every backend: listed, set by the org's managers, refused
// with 422 naming the field, audited, and read by a 支委会's roll (BR 12).
describe.each(backends)("A branch committee's posts on %s", (backend) => {
  let sys: TestSystem
  let admin: Agent
  let secretary: Agent
  let branchId: string
  let ours: readonly MemberItem[]
  let stranger: MemberItem

  beforeAll(async () => {
    sys = await testSystem(backend)
    admin = new Agent(sys)
    secretary = new Agent(sys)
    expect((await admin.login("admin")).status).toBe(200)
    expect((await secretary.login("secretary1")).status).toBe(200)
    branchId = (await secretary.json<{ user: { orgId: string } }>("GET", "/api/auth/me")).user.orgId
    const mine = await secretary.json<{ items: MemberItem[] }>(
      "GET",
      `/api/members?orgId=${branchId}&pageSize=100`,
    )
    ours = mine.items.filter(
      (m) => m.orgId === branchId && (m.stage === "full" || m.stage === "probationary"),
    )
    const all = await admin.json<{ items: MemberItem[] }>("GET", "/api/members?pageSize=100&stage=full")
    const other = all.items.find((m) => m.orgId !== branchId)
    if (other === undefined || ours.length < 4)
      throw new Error("the demo district lacks members for this test")
    stranger = other
  })
  afterAll(async () => {
    await sys.stop()
  })

  const committee = () => secretary.json<CommitteeView>("GET", `/api/orgs/${branchId}/committee`)
  const put = (agent: Agent, body: unknown, orgId = branchId) =>
    agent.send("PUT", `/api/orgs/${orgId}/committee`, body)
  const committeeRoll = async () =>
    (
      await secretary.json<{ items: { memberId: string }[] }>(
        "GET",
        `/api/discipline/meetings/roll?orgId=${branchId}&types=committee-meeting`,
      )
    ).items
      .map((m) => m.memberId)
      .sort()

  it("lists the demo's committee: one secretary first, the rest holding 副书记 or 委员", async () => {
    const c = await committee()
    expect(c.items.filter((s) => s.post === "secretary")).toHaveLength(1)
    expect(c.items[0]?.post).toBe("secretary")
    expect((await committeeRoll()).length).toBe(c.items.length)
  })

  it("sets a secretary, a deputy and an 组织委员; the 支委会 roll expects exactly them; kept posts keep their day", async () => {
    const before = await committee()
    const [a, b, c] = ours
    if (a === undefined || b === undefined || c === undefined) throw new Error("too few members")
    const res = await put(secretary, {
      posts: [
        { memberId: a.id, post: "secretary", since: "2025-03-01" },
        { memberId: b.id, post: "deputy-secretary" },
        { memberId: c.id, post: "committee-member", duty: "organization" },
      ],
    })
    expect(res.status).toBe(200)
    const after = (await res.json()) as CommitteeView
    expect(after.items.map((s) => [s.memberId, s.post, s.duty])).toEqual([
      [a.id, "secretary", null],
      [b.id, "deputy-secretary", null],
      [c.id, "committee-member", "organization"],
    ])
    expect(after.items[0]?.since).toBe("2025-03-01")
    expect(after.items[1]?.since).toBe("2026-11-27")
    expect(await committeeRoll()).toEqual([a.id, b.id, c.id].sort())
    // Sent again without days: the days on record stay.
    const again = (await (
      await put(admin, {
        posts: after.items.map((s) => ({ memberId: s.memberId, post: s.post, duty: s.duty })),
      })
    ).json()) as CommitteeView
    expect(again.items.map((s) => s.since)).toEqual(after.items.map((s) => s.since))
    expect(before.items.length).toBeGreaterThan(0)
    const log = await admin.json<{ items: { action: string; objectId: string }[] }>(
      "GET",
      "/api/audit?action=org.committee.update&pageSize=10",
    )
    expect(log.items.some((r) => r.action === "org.committee.update" && r.objectId === branchId)).toBe(true)
  })

  it("refuses with 422 naming the field, changing nothing", async () => {
    const before = await committee()
    const [a, b, c] = ours
    if (a === undefined || b === undefined || c === undefined) throw new Error("too few members")
    const cases: [unknown, string, string][] = [
      [{ posts: [{ memberId: stranger.id, post: "committee-member" }] }, "posts[0].memberId", "not-in-org"],
      [
        {
          posts: [
            { memberId: a.id, post: "secretary" },
            { memberId: b.id, post: "secretary" },
          ],
        },
        "posts[1].post",
        "one-secretary",
      ],
      [
        {
          posts: [
            { memberId: a.id, post: "secretary" },
            { memberId: a.id, post: "committee-member" },
          ],
        },
        "posts[1].memberId",
        "repeated",
      ],
      [
        { posts: [{ memberId: c.id, post: "deputy-secretary", duty: "propaganda" }] },
        "posts[0].duty",
        "duty-not-allowed",
      ],
      [{ posts: [{ memberId: c.id, post: "secretary", since: "2099-01-01" }] }, "posts[0].since", "future"],
      [{ posts: [{ memberId: c.id, post: "chairman" }] }, "posts[0].post", "unknown-post"],
      [
        { posts: [{ memberId: c.id, post: "committee-member", duty: "catering" }] },
        "posts[0].duty",
        "unknown-duty",
      ],
    ]
    for (const [body, field, reason] of cases) {
      const res = await put(secretary, body)
      expect(res.status, field).toBe(422)
      const p = await problemOf(res)
      expect(p.errors?.[0]?.field).toBe(field)
      expect(p.errors?.[0]?.reason).toBe(reason)
    }
    expect(await committee()).toEqual(before)
  })

  it("lets the org's managers write, not a branch secretary for another branch", async () => {
    expect((await put(secretary, { posts: [] }, stranger.orgId)).status).toBe(404)
    expect((await secretary.send("GET", `/api/orgs/${stranger.orgId}/committee`)).status).toBe(404)
    expect(
      (await admin.json<CommitteeView>("GET", `/api/orgs/${stranger.orgId}/committee`)).items.length,
    ).toBeGreaterThan(0)
  })
})
