import { Worker } from "node:worker_threads"
import { memberStages } from "@xianfeng/core"
import {
  asSystem,
  auditLog,
  EpochMoved,
  listMembersAtEpoch,
  listMembersInScope,
  memberInScope,
  memberInScopeAtEpoch,
  members,
  NotInScope,
  orgs,
  rowsOf,
  users,
  withinOf,
  withScope,
  type XfDb,
} from "@xianfeng/db"
import { withoutScopeCondition } from "@xianfeng/db/testing"
import { and, eq, sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { backends, type TestSystem, useDemo, userWithToken } from "./support.js"

// Issue 18: a read of a cached caller runs one statement (xf_member_read, xf_member_page) that checks the
// authentication epoch, sets the scope transaction-locally and reads — instead of BEGIN, the epoch check, the read
// and COMMIT. What must not change: the rows (compared here with the ordinary queries over the demo district), the
// walls (row-level security as xianfeng_app, and the query's condition), a sign-out or disable taking effect on the
// very next request, and the audit row written before the answer. The statements each request sends are counted
// at the driver, so the saving cannot silently regress.

/**
 * Every statement the API sends to the database while `counting`, as the driver is asked for it: node-postgres'
 * `Client#query` (by prepared statement name or text), or each message to PGlite's worker thread (a statement, a
 * BEGIN, a COMMIT). The audit appender's batches are left out (`paused`): they are shared by many requests.
 */
const statements = {
  counting: false,
  paused: 0,
  sent: [] as string[],
  /**
   * A statement by its prepared name (node-postgres), else the function it reads from (`from xf_caller(…)`, whose
   * select list also calls `xf_set_scope`) or the first it calls, else its first words.
   */
  record(name: string | undefined, text: string) {
    if (!this.counting || this.paused > 0) return
    const fn = (/\bfrom (xf_[a-z_]+)\(/i.exec(text) ?? /\b(xf_[a-z_]+)\(/.exec(text))?.[1]
    this.sent.push(name ?? fn ?? text.replace(/\s+/g, " ").trim().slice(0, 40))
  },
}

const countStatements = (sys: TestSystem): (() => void) => {
  const restore: (() => void)[] = []
  const client = (sys.deps.db as unknown as { $client: { Client?: { prototype: { query: unknown } } } })
    .$client
  if (sys.database.driver === "postgres") {
    const proto = client.Client?.prototype as { query: (...args: unknown[]) => unknown } | undefined
    if (proto === undefined) throw new Error("the pool shows no Client class to count its queries")
    const query = proto.query
    proto.query = function (this: unknown, ...args: unknown[]) {
      const q = args[0] as string | { name?: string; text?: string }
      if (typeof q === "string") statements.record(undefined, q)
      else statements.record(q.name, q.text ?? "")
      return query.apply(this, args)
    }
    restore.push(() => {
      proto.query = query
    })
  } else {
    const post = Worker.prototype.postMessage
    Worker.prototype.postMessage = function (this: Worker, value: unknown, ...rest: unknown[]) {
      const m = value as { op?: string; sql?: string }
      if ((m.op === "query" || m.op === "exec") && m.sql !== undefined) statements.record(undefined, m.sql)
      return (post as (...a: unknown[]) => void).call(this, value, ...rest)
    } as typeof Worker.prototype.postMessage
    restore.push(() => {
      Worker.prototype.postMessage = post
    })
  }
  const appender = sys.deps.auditAppender as { append: (entries: never[]) => Promise<void> } | undefined
  if (appender === undefined) throw new Error("the system has no audit appender")
  const append = appender.append
  appender.append = async (entries) => {
    statements.paused++
    try {
      return await append.call(appender, entries)
    } finally {
      statements.paused--
    }
  }
  restore.push(() => {
    appender.append = append
  })
  return () => {
    for (const r of restore) r()
  }
}

/** What one request sent, its status and body. */
const sentBy = async (send: () => Promise<Response>) => {
  statements.sent = []
  statements.counting = true
  try {
    const res = await send()
    const body = await res.text()
    return { status: res.status, body, sent: [...statements.sent] }
  } finally {
    statements.counting = false
  }
}

const isOneStatementRead = (label: string) => /^xf_member_(read|page)$/.test(label)
/** The caller's look-up: `xf_caller_scoped` by name on node-postgres, the function `xf_caller` on PGlite. */
const isLookUp = (label: string) => /^xf_caller/.test(label)

describe.each(backends)("one-statement reads of cached callers on %s", (backend) => {
  const demo = useDemo(backend, {
    logins: ["admin", "officer", "secretary1", "secretary2"],
    config: { databaseRole: "xianfeng_app" },
  })
  const { admin, secretary1 } = demo.agents
  let stopCounting = () => {}
  /** A member of each login's org subtree, and each login's scope. */
  const memberOf = new Map<string, string>()
  const scopeOf = new Map<string, { orgId: string; orgPath: string }>()
  /**
   * The orgs and members the four scopes are compared on. Every org and member of the demo (657 and 1,500) took
   * 59 s on PGlite; these cover every shape the reads can differ on:
   * - orgs: every org with children, each scope's own org and its children, and the first two and the last child
   *   of every parent (a scope's edge, its siblings, and paths that share a prefix);
   * - members: the first two of every sampled org (scope) and the first three of every stage, status and set of
   *   empty fields (the row's columns).
   */
  let sampledOrgs: { id: string; path: string }[] = []
  let sampledMembers: string[] = []
  let allOrgs: { id: string; path: string }[] = []

  beforeAll(async () => {
    stopCounting = countStatements(demo.sys)
    await asSystem(demo.sys.deps.db, async (db) => {
      allOrgs = await db.select({ id: orgs.id, path: orgs.path }).from(orgs).orderBy(orgs.path)
      for (const login of ["admin", "officer", "secretary1", "secretary2"] as const) {
        const org = allOrgs.find((o) => o.id === demo.orgOf(login))
        if (org === undefined) throw new Error(`no org of ${login}`)
        scopeOf.set(login, { orgId: org.id, orgPath: org.path })
        const [m] = await db
          .select({ id: members.id })
          .from(members)
          .innerJoin(orgs, eq(orgs.id, members.orgId))
          .where(sql`${orgs.path} = ${org.path} or ${orgs.path} like ${`${org.path}.%`}`)
          .limit(1)
        if (m === undefined) throw new Error(`no member under ${login}`)
        memberOf.set(login, m.id)
      }
      const parentOf = (path: string) => path.slice(0, path.lastIndexOf("."))
      const childrenOf = new Map<string, string[]>()
      for (const o of allOrgs)
        childrenOf.set(parentOf(o.path), [...(childrenOf.get(parentOf(o.path)) ?? []), o.path])
      const scopePaths = new Set([...scopeOf.values()].map((o) => o.orgPath))
      sampledOrgs = allOrgs.filter((o) => {
        const siblings = childrenOf.get(parentOf(o.path)) ?? []
        const at = siblings.indexOf(o.path)
        return (
          childrenOf.has(o.path) ||
          scopePaths.has(o.path) ||
          scopePaths.has(parentOf(o.path)) ||
          at < 2 ||
          at === siblings.length - 1
        )
      })
      const orgIds = new Set(sampledOrgs.map((o) => o.id))
      const firsts = new Map<string, number>()
      const take = (key: string, n: number) => {
        const seen = firsts.get(key) ?? 0
        firsts.set(key, seen + 1)
        return seen < n
      }
      const rows = await db.select().from(members).orderBy(members.id)
      sampledMembers = rows
        .filter((m) => {
          const empty = Object.entries(m)
            .filter(([, v]) => v === null)
            .map(([k]) => k)
            .join(",")
          // Both calls count, so each group keeps its own first ones.
          const ofOrg = m.orgId !== null && orgIds.has(m.orgId) && take(`org ${m.orgId}`, 2)
          const ofKind = take(`kind ${m.stage} ${m.status} ${empty}`, 3)
          return ofOrg || ofKind
        })
        .map((m) => m.id)
      // Fewer than half the orgs, and still hundreds of members.
      expect(sampledOrgs.length).toBeLessThan(allOrgs.length / 2)
      expect(sampledMembers.length).toBeGreaterThan(200)
    })
  })
  afterAll(() => {
    stopCounting()
  })

  const epochNow = async () =>
    rowsOf<{ n: string }>(
      await demo.sys.deps.db.execute(sql`select n::text as n from auth_epoch where id = 1`),
    )[0]?.n ?? "-1"

  it("serves a cached caller's member and branch page in one statement each; a cache miss looks the caller up", async () => {
    const secretary = secretary1
    const member = memberOf.get("secretary1")
    const branch = scopeOf.get("secretary1")?.orgId
    // A bearer token no process has seen: the look-up in a transaction of its own, as before.
    const token = await userWithToken(demo.sys, "branch-secretary", branch ?? "")
    const first = await sentBy(() =>
      demo.sys.request(`/api/members/${member}`, { headers: { authorization: `Bearer ${token}` } }),
    )
    expect(first.status).toBe(200)
    expect(first.sent).toHaveLength(4)
    expect(first.sent[0]).toMatch(/^begin$/i)
    expect(first.sent[1]).toMatch(/^xf_caller/)
    expect(first.sent[2]).toMatch(/^select /)
    expect(first.sent[3]).toMatch(/^commit$/i)
    const second = await sentBy(() =>
      demo.sys.request(`/api/members/${member}`, { headers: { authorization: `Bearer ${token}` } }),
    )
    expect(second.status).toBe(200)
    expect(second.body).toBe(first.body)
    expect(second.sent).toEqual(["xf_member_read"])

    // The session of a browser: the page of its branch, and the same page with a search (no one-statement form).
    await secretary.get("/api/auth/me")
    const page = await sentBy(() => secretary.get(`/api/members?orgId=${branch}&pageSize=50`))
    expect(page.status).toBe(200)
    expect(page.sent).toEqual(["xf_member_page"])
    const one = await sentBy(() => secretary.get(`/api/members/${member}`))
    expect(one.sent).toEqual(["xf_member_read"])
    expect(one.body).toBe(first.body)
    const searched = await sentBy(() => secretary.get(`/api/members?orgId=${branch}&pageSize=50&q=z`))
    expect(searched.status).toBe(200)
    expect(searched.sent.length).toBeGreaterThan(1)
    expect(searched.sent.filter(isOneStatementRead)).toHaveLength(0)
  })

  it("writes the read's audit row before it answers", async () => {
    const member = memberOf.get("admin") ?? ""
    await admin.get("/api/auth/me")
    const count = async () =>
      (
        await demo.sys.deps.db
          .select({ seq: auditLog.seq })
          .from(auditLog)
          .where(and(eq(auditLog.action, "member.read"), eq(auditLog.objectId, member)))
      ).length
    const before = await count()
    const read = await sentBy(() => admin.get(`/api/members/${member}`))
    expect(read.status).toBe(200)
    expect(read.sent).toEqual(["xf_member_read"])
    expect(await count()).toBe(before + 1)
  })

  it("refuses a branch secretary another branch's member and page, with both walls and with row-level security alone", async () => {
    const other = memberOf.get("secretary2") ?? ""
    const otherBranch = scopeOf.get("secretary2")?.orgId
    const own = memberOf.get("secretary1") ?? ""
    for (const walls of ["both", "row-level security alone"] as const) {
      const run = <T>(fn: () => Promise<T>) => (walls === "both" ? fn() : withoutScopeCondition(fn))
      await run(async () => {
        await secretary1.get("/api/auth/me")
        const refused = await sentBy(() => secretary1.get(`/api/members/${other}`))
        expect(refused.status, walls).toBe(404)
        expect(refused.sent[0], walls).toBe("xf_member_read")
        expect(refused.body).not.toContain(other)
        const page = await sentBy(() => secretary1.get(`/api/members?orgId=${otherBranch}&pageSize=50`))
        expect(page.status, walls).toBe(404)
        expect(page.sent[0], walls).toBe("xf_member_page")
        const allowed = await sentBy(() => secretary1.get(`/api/members/${own}`))
        expect(allowed.status, walls).toBe(200)
        expect(allowed.sent, walls).toEqual(["xf_member_read"])
      })
    }
  })

  it("takes a sign-out, a disable and a role change on the very next request", async () => {
    // Sign-out: the cookie sent again after it finds no session (the epoch moved, so the cached entry is not used).
    const agent = demo.agents.officer
    await agent.get("/api/auth/me")
    const member = memberOf.get("officer") ?? ""
    expect((await sentBy(() => agent.get(`/api/members/${member}`))).sent).toEqual(["xf_member_read"])
    const cookie = agent.cookie
    expect((await agent.send("POST", "/api/auth/logout")).status).toBeLessThan(300)
    agent.cookie = cookie
    const after = await sentBy(() => agent.get(`/api/members/${member}`))
    expect(after.status).toBe(401)
    expect(after.sent[0]).toBe("xf_member_read")
    expect(after.sent.some(isLookUp)).toBe(true)
    expect((await agent.login("officer")).status).toBe(200)

    // Disable and role change, made in the database as the CLI or another process would.
    const branch = scopeOf.get("secretary2")?.orgId ?? ""
    const inBranch = memberOf.get("secretary2") ?? ""
    const token = await userWithToken(demo.sys, "branch-secretary", branch)
    const get = (path: string) =>
      sentBy(() => demo.sys.request(path, { headers: { authorization: `Bearer ${token}` } }))
    const me = await demo.sys.request("/api/auth/me", { headers: { authorization: `Bearer ${token}` } })
    const userId = ((await me.json()) as { user: { id: string } }).user.id
    expect((await get(`/api/members/${inBranch}`)).sent).toEqual(["xf_member_read"])
    const setUser = (set: Partial<typeof users.$inferInsert>) =>
      asSystem(demo.sys.deps.db, (db) => db.update(users).set(set).where(eq(users.id, userId)))
    // A member of the branch may not list members: the role change holds at once.
    await setUser({ role: "member", memberId: inBranch })
    const demoted = await get(`/api/members?orgId=${branch}&pageSize=50`)
    expect(demoted.status).toBe(403)
    expect(demoted.sent[0]).toBe("xf_member_page")
    expect(demoted.sent.some(isLookUp)).toBe(true)
    await setUser({ role: "branch-secretary", memberId: null })
    await get(`/api/members/${inBranch}`)
    await setUser({ disabled: true })
    const disabled = await get(`/api/members/${inBranch}`)
    expect(disabled.status).toBe(401)
    expect(disabled.sent[0]).toBe("xf_member_read")
  })

  it("falls back to the look-up once when someone else's change moved the epoch, and answers the same", async () => {
    const member = memberOf.get("secretary1") ?? ""
    await secretary1.get("/api/auth/me")
    const before = await sentBy(() => secretary1.get(`/api/members/${member}`))
    expect(before.sent).toEqual(["xf_member_read"])
    const epoch = await epochNow()
    // Someone else's change: a display name of another user.
    await asSystem(demo.sys.deps.db, (db) =>
      db
        .update(users)
        .set({ displayName: sql`${users.displayName} || '·'` })
        .where(eq(users.username, "auditor")),
    )
    expect(BigInt(await epochNow())).toBeGreaterThan(BigInt(epoch))
    const moved = await sentBy(() => secretary1.get(`/api/members/${member}`))
    expect(moved.status).toBe(200)
    expect(moved.body).toBe(before.body)
    expect(moved.sent[0]).toBe("xf_member_read")
    expect(moved.sent.some(isLookUp)).toBe(true)
    const again = await sentBy(() => secretary1.get(`/api/members/${member}`))
    expect(again.sent).toEqual(["xf_member_read"])
  })

  /** What a read gave, as the API would send it, or the refusal it threw. */
  const outcome = async <T>(fn: () => Promise<T>) => {
    try {
      // As the API would send it (a PlainDate compares equal to any other PlainDate as an object).
      return { ok: JSON.parse(JSON.stringify(await fn())) as unknown }
    } catch (e) {
      if (e instanceof NotInScope) return { notInScope: e.objectType }
      throw e
    }
  }

  /**
   * Each of `items` read both ways for `scope`: the ordinary query in one scoped transaction for all of them (a
   * refusal is thrown in Node, after the statement, so the transaction goes on; one BEGIN and COMMIT instead of
   * one per read), and the one-statement read on the pool for each. Pairs in the order of `items`.
   */
  const bothPaths = async <I, T>(
    scope: { orgId: string; orgPath: string },
    items: readonly I[],
    ordinary: (tx: XfDb, item: I) => Promise<T>,
    oneStatement: (db: XfDb, at: { orgPath: string; epoch: string }, item: I) => Promise<T>,
    epoch: string,
  ) => {
    const db = demo.sys.deps.db
    type Outcome = Awaited<ReturnType<typeof outcome<T>>>
    const a = await withScope(db, scope, async (tx) => {
      const out: Outcome[] = []
      for (const item of items) out.push(await outcome(() => ordinary(tx as unknown as XfDb, item)))
      return out
    })
    const b: Outcome[] = []
    for (const item of items)
      b.push(await outcome(() => oneStatement(db, { orgPath: scope.orgPath, epoch }, item)))
    return items.map((item, i) => ({ item, a: a[i], b: b[i] }))
  }

  it("returns the ordinary queries' rows for members and orgs' pages of every shape in the demo, for four scopes", async () => {
    let compared = 0
    let found = 0
    for (const login of ["admin", "officer", "secretary1", "secretary2"] as const) {
      const scope = scopeOf.get(login)
      if (scope === undefined) throw new Error(login)
      const epoch = await epochNow()
      const reads = await bothPaths(
        scope,
        sampledMembers,
        (tx, id) => memberInScope(tx, scope, id),
        (db, at, id) => memberInScopeAtEpoch(db, at, id),
        epoch,
      )
      for (const { item: id, a, b } of reads) {
        expect(b, `${login} member ${id}`).toEqual(a)
        compared++
        if (a !== undefined && "ok" in a) found++
      }
      // Every page shape for the scope's own subtree; a full page and one stage for every org.
      const pages = [
        { page: 1, pageSize: 50 },
        { page: 2, pageSize: 20 },
        { page: 1000, pageSize: 50 },
        ...memberStages.map((stage) => ({ page: 1, pageSize: 50, stage })),
      ]
      const shapes = (orgId: string | undefined, i: number) =>
        orgId === undefined ? pages : [pages[0], pages[3 + (i % memberStages.length)]]
      const asked = [undefined, ...sampledOrgs.map((o) => o.id)].flatMap((orgId, i) =>
        shapes(orgId, i).flatMap((p) => (p === undefined ? [] : [{ orgId, p }])),
      )
      const listed = await bothPaths(
        scope,
        asked,
        async (tx, { orgId, p }) =>
          listMembersInScope(tx, scope, { ...p, within: await withinOf(tx, scope, orgId) }),
        (db, at, { orgId, p }) =>
          listMembersAtEpoch(db, at, { ...p, ...(orgId === undefined ? {} : { orgId }) }),
        epoch,
      )
      for (const { item, a, b } of listed) {
        expect(b, `${login} page ${item.orgId} ${JSON.stringify(item.p)}`).toEqual(a)
        compared++
        if (a !== undefined && "ok" in a && (a.ok as { rows: unknown[] }).rows.length > 0) found++
      }
    }
    // Each sampled member once per scope, and pages of each sampled org: most found in some scope, many refused in others.
    expect(compared).toBeGreaterThan(4 * sampledMembers.length)
    expect(found).toBeGreaterThan(sampledMembers.length)
  }, 600_000)

  it("reads nothing and says so when the epoch is not the caller's", async () => {
    const scope = scopeOf.get("admin")
    if (scope === undefined) throw new Error("admin")
    const stale = { orgPath: scope.orgPath, epoch: String(BigInt(await epochNow()) - 1n) }
    const db = demo.sys.deps.db
    await expect(memberInScopeAtEpoch(db, stale, memberOf.get("admin") ?? "")).rejects.toBeInstanceOf(
      EpochMoved,
    )
    await expect(listMembersAtEpoch(db, stale, { page: 1, pageSize: 50 })).rejects.toBeInstanceOf(EpochMoved)
    // And sets no scope that outlives the statement: a bare read right after it on the pool sees no member.
    await memberInScopeAtEpoch(db, { ...stale, epoch: await epochNow() }, memberOf.get("admin") ?? "")
    const [seen] = rowsOf<{ n: number; s: string }>(
      await db.execute(
        sql`select (select count(*)::int from members) as n, coalesce(current_setting('xianfeng.scope_path', true), '') as s`,
      ),
    )
    expect(seen).toEqual({ n: 0, s: "" })
  })

  it("sums stored member counts that equal counting the demo district's members (loaded by COPY on postgres)", async () => {
    type Row = { org_id: string; stage: string; status: string; n: number }
    const [stored, counted] = await asSystem(demo.sys.deps.db, async (db) => [
      rowsOf<Row>(
        await db.execute(
          sql`select org_id, stage, status, n from member_org_counts where n <> 0 order by org_id, stage, status`,
        ),
      ),
      rowsOf<Row>(
        await db.execute(
          sql`select org_id, stage, status, count(*)::int as n from members
            group by org_id, stage, status order by org_id, stage, status`,
        ),
      ),
    ])
    expect(counted.length).toBeGreaterThan(10)
    expect(stored).toEqual(counted)
  })
})
