import { isInSubtree, staffRoles } from "@xianfeng/core"
import { asSystem, members, orgs, users } from "@xianfeng/db"
import { withoutScopeCondition } from "@xianfeng/db/testing"
import { eq } from "drizzle-orm"
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Role } from "../src/routes/platform/contract.js"
import { backends, type TestSystem, testSystem, userWithToken } from "./support.js"

// `member` signs in as themself: it must reach none of these routes, in or out of its subtree (a route admits it
// only when it names the role, and none here does).
const roles: readonly Role[] = [
  "district-admin",
  "committee-officer",
  "branch-secretary",
  "auditor",
  "member",
]

interface Caller {
  token: string
  role: Role
  scopePath: string
}

type Target =
  | { kind: "member"; id: string; orgPath: string; orgId: string }
  | { kind: "org"; id: string; orgPath: string }
  | { kind: "user"; id: string; orgPath: string }

const MISSING_MEMBER = "00000000-0000-4000-8000-000000000000"

/** Every route that takes an object id, with the request it sends and the permission it needs. */
const routes = (t: Target) => {
  switch (t.kind) {
    case "member":
      return [
        { method: "GET", path: `/api/members/${t.id}` },
        {
          method: "PATCH",
          path: `/api/members/${t.id}`,
          body: { version: 1, phone: "13900000000" },
          roles: ["district-admin", "committee-officer", "branch-secretary"],
        },
        {
          method: "POST",
          path: `/api/members/${t.id}/transfer`,
          body: { toOrgId: t.orgId, version: 1 },
          roles: ["district-admin", "committee-officer", "branch-secretary"],
        },
        {
          method: "POST",
          path: `/api/members/${t.id}/reveal-id`,
          body: { reason: "核对" },
          roles: ["district-admin", "committee-officer"],
        },
      ]
    case "org":
      return [
        { method: "GET", path: `/api/orgs/${t.id}` },
        { method: "GET", path: `/api/orgs/${t.id}/children` },
        { method: "GET", path: `/api/members?orgId=${t.id}&pageSize=5` },
        { method: "GET", path: `/api/stats/members-by-stage?orgId=${t.id}` },
        {
          method: "PATCH",
          path: `/api/orgs/${t.id}`,
          body: { version: 1, shortName: "改" },
          roles: ["district-admin", "committee-officer"],
        },
      ]
    case "user":
      return [
        {
          method: "PATCH",
          path: `/api/users/${t.id}`,
          body: { displayName: "改名" },
          roles: ["district-admin"],
        },
      ]
  }
}

/**
 * Each wall alone: the scope condition in every query (connecting as the owner, whom row-level security does
 * not bind), and row-level security (the API's queries as `xianfeng_app`, with the query condition switched off
 * by the test-only `withoutScopeCondition`). PGlite runs as a superuser, whom row-level security never binds,
 * but it can take the `xianfeng_app` role as PostgreSQL does (`SET ROLE`), so both walls are tested on both.
 */
const walls = [
  { wall: "the scope condition alone", role: undefined, run: <T>(fn: () => Promise<T>) => fn() },
  { wall: "row-level security alone", role: "xianfeng_app", run: withoutScopeCondition },
] as const

const cases = backends.flatMap((backend) => walls.map((w) => ({ backend, ...w })))

describe.each(cases)("subtree scope on $backend, $wall (property)", ({ backend, role, run }) => {
  let sys: TestSystem
  let callers: Caller[]
  let targets: Target[]
  let missingBody: string

  beforeAll(async () => {
    sys = await testSystem(backend, role === undefined ? {} : { databaseRole: role })
    // The test's own reads are system work: under row-level security a scope-less read sees nothing.
    const allOrgs = await asSystem(sys.deps.db, (db) =>
      db.select({ id: orgs.id, path: orgs.path, kind: orgs.kind }).from(orgs),
    )
    const pick = (kind: string, n: number) => allOrgs.filter((o) => o.kind === kind).slice(0, n)
    const scopes = [
      ...allOrgs.filter((o) => o.kind === "district-committee"),
      ...pick("working-committee", 2),
      ...pick("township-committee", 2),
      ...pick("party-committee", 2),
      ...pick("general-branch", 2),
      ...pick("branch", 4),
    ]
    callers = []
    for (const scope of scopes) {
      for (const role of roles) {
        callers.push({ token: await userWithToken(sys, role, scope.id), role, scopePath: scope.path })
      }
    }
    const sampleMembers = await asSystem(sys.deps.db, (db) =>
      db
        .select({ id: members.id, orgPath: orgs.path, orgId: members.orgId })
        .from(members)
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .limit(400),
    )
    const sampleUsers = await asSystem(sys.deps.db, (db) =>
      db.select({ id: users.id, orgPath: orgs.path }).from(users).innerJoin(orgs, eq(orgs.id, users.orgId)),
    )
    targets = [
      ...sampleMembers.map((m) => ({ kind: "member" as const, ...m })),
      ...allOrgs.map((o) => ({ kind: "org" as const, id: o.id, orgPath: o.path })),
      ...sampleUsers.map((u) => ({ kind: "user" as const, ...u })),
    ]
    const admin = callers[0]
    if (!admin) throw new Error("no callers")
    const missing = await sys.request(`/api/members/${MISSING_MEMBER}`, {
      headers: { authorization: `Bearer ${admin.token}` },
    })
    expect(missing.status).toBe(404)
    missingBody = await missing.text()
  })
  afterAll(async () => {
    await sys.stop()
  })

  it("never returns or changes an object outside the caller's subtree, and its 404 equals a missing object's", async () => {
    let outside = 0
    let inside = 0
    await run(() =>
      fc.assert(
        fc.asyncProperty(
          fc.nat({ max: 10_000 }),
          fc.nat({ max: 100_000 }),
          fc.nat({ max: 10 }),
          async (ci, ti, ri) => {
            const caller = callers[ci % callers.length] as Caller
            const target = targets[ti % targets.length] as Target
            const candidates = routes(target)
            const r = candidates[ri % candidates.length] as (typeof candidates)[number] & {
              body?: unknown
              roles?: readonly Role[]
            }
            const before = target.kind === "member" ? await snapshot(target.id) : undefined
            const res = await sys.request(r.path, {
              method: r.method,
              headers: {
                authorization: `Bearer ${caller.token}`,
                ...(r.body ? { "content-type": "application/json" } : {}),
              },
              ...(r.body ? { body: JSON.stringify(r.body) } : {}),
            })
            const text = await res.text()
            const roleAllowed = (r.roles ?? staffRoles).includes(caller.role)
            const visible = isInSubtree(target.orgPath, caller.scopePath)
            if (!roleAllowed) {
              expect(res.status).toBe(403)
            } else if (visible) {
              inside++
              // The request in the message: a failure names what was asked, as whom, and the answer.
              const asked = `${r.method} ${r.path} as ${caller.role} of ${caller.scopePath}: ${text.slice(0, 300)}`
              expect(res.status, asked).not.toBe(404)
              expect(res.status, asked).toBeLessThan(500)
            } else {
              outside++
              expect(res.status).toBe(404)
              expect(text).toBe(missingBody)
            }
            if (before !== undefined && (!visible || !roleAllowed)) {
              expect(await snapshot(target.id)).toEqual(before)
            }
          },
        ),
        { numRuns: 2000 },
      ),
    )
    expect(outside).toBeGreaterThan(20)
    expect(inside).toBeGreaterThan(20)
  })

  const snapshot = async (id: string) => {
    const [row] = await asSystem(sys.deps.db, (db) =>
      db
        .select({ orgId: members.orgId, phone: members.phone, version: members.version })
        .from(members)
        .where(eq(members.id, id)),
    )
    return row
  }
})
