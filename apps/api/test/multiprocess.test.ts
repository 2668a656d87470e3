import { randomUUID } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type HttpSession, type ServerProcess, signInOverHttp, startServerProcess } from "./server-process.js"
import { demoDatabase } from "./support.js"

// Two API processes on one PostgreSQL database share everything through it: sessions, lockouts, limits.
describe.skipIf(!process.env.TEST_DATABASE_URL)("two API processes on one PostgreSQL database", () => {
  let a: ServerProcess
  let b: ServerProcess
  let drop: () => Promise<void>

  beforeAll(async () => {
    // A copy of the run's demo district: the processes find it already there instead of loading one.
    const copy = await demoDatabase("postgres")
    drop = copy.drop
    // Up to 3 minutes each on a loaded machine.
    const start = () => startServerProcess(copy.database, { demo: copy.demo, waitMs: 180_000 })
    a = await start()
    b = await start()
  }, 400_000)
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
    await drop?.()
  })

  it("uses one session across both processes, CSRF-checked writes included", async () => {
    const { cookie, csrfToken } = await signInOverHttp(a.base, "admin")
    const me = await fetch(`${b.base}/api/auth/me`, { headers: { cookie } })
    expect(me.status).toBe(200)
    const token = await fetch(`${b.base}/api/auth/tokens`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", "x-csrf-token": csrfToken },
      body: JSON.stringify({ name: "made on B" }),
    })
    expect(token.status).toBe(201)
    const logout = await fetch(`${b.base}/api/auth/logout`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrfToken },
    })
    expect(logout.status).toBe(200)
    expect((await fetch(`${a.base}/api/auth/me`, { headers: { cookie } })).status).toBe(401)
  })

  it("counts failed sign-ins across both processes toward one lockout", async () => {
    const attempt = (base: string, password: string) =>
      fetch(`${base}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "officer", password }),
      })
    for (let i = 0; i < 5; i++) expect((await attempt(i % 2 ? a.base : b.base, "wrong-one")).status).toBe(400)
    expect((await attempt(a.base, "xianfeng-demo")).status).toBe(423)
    expect((await attempt(b.base, "xianfeng-demo")).status).toBe(423)
  })
  const signIn = signInOverHttp
  type Session = HttpSession
  const me = async (base: string, s: Session) => {
    const r = await fetch(`${base}/api/auth/me`, { headers: { cookie: s.cookie } })
    return {
      status: r.status,
      user:
        r.status === 200 ? ((await r.json()) as { user: { role: string; orgId: string } }).user : undefined,
    }
  }
  const send = (base: string, s: Session, method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        cookie: s.cookie,
        "x-csrf-token": s.csrfToken,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })

  // Each process caches the callers it has seen (auth/caller-cache.ts), and each request's first statement
  // checks the cached entry against the database's authentication epoch, which every change below moves in
  // its own transaction: what one process changes holds on the very next request the other one serves. B
  // serves each session twice before the change (the second from its cache), then once after.
  it("ends a session signed out, a user disabled or given another role through A on B's next request; applies a new scope there", async () => {
    const admin = await signIn(a.base, "admin", "xianfeng-demo")
    const children = (await (await send(a.base, admin, "GET", "/api/orgs/d1/children")).json()) as {
      items: { id: string; kind: string }[]
    }
    const [first, second] = children.items.filter((o) => o.kind !== "branch")
    if (first === undefined || second === undefined)
      throw new Error("the demo district has no two committees")
    const password = randomUUID()
    const made = await send(a.base, admin, "POST", "/api/users", {
      username: `mp${randomUUID().slice(0, 8)}`,
      displayName: "两个进程",
      role: "branch-secretary",
      orgId: first.id,
      password,
    })
    expect(made.status).toBe(201)
    const user = (await made.json()) as { id: string; username: string }

    // Sign-out: signed in on both; the session B holds is ended through A.
    const onA = await signIn(a.base, user.username, password)
    const onB = await signIn(b.base, user.username, password)
    expect((await me(a.base, onA)).status).toBe(200)
    expect((await me(b.base, onB)).status).toBe(200)
    expect((await me(b.base, onB)).status).toBe(200)
    expect((await me(b.base, onA)).status).toBe(200)
    expect((await send(a.base, onB, "POST", "/api/auth/logout")).status).toBe(200)
    expect((await me(b.base, onB)).status).toBe(401)
    expect((await me(b.base, onA)).status).toBe(200)

    // A change of scope through A: B's next request works in the new subtree.
    expect((await send(a.base, admin, "PATCH", `/api/users/${user.id}`, { orgId: second.id })).status).toBe(
      200,
    )
    expect((await me(b.base, onA)).user?.orgId).toBe(second.id)

    // A role change through A ends the user's sessions: B refuses the next request.
    const again = await signIn(b.base, user.username, password)
    expect((await me(b.base, again)).user?.role).toBe("branch-secretary")
    expect((await me(b.base, again)).user?.role).toBe("branch-secretary")
    const role = await send(a.base, admin, "PATCH", `/api/users/${user.id}`, { role: "committee-officer" })
    expect(role.status).toBe(200)
    expect((await me(b.base, again)).status).toBe(401)
    expect((await me(b.base, onA)).status).toBe(401)
    const asOfficer = await signIn(b.base, user.username, password)
    expect((await me(b.base, asOfficer)).user?.role).toBe("committee-officer")
    expect((await me(b.base, asOfficer)).user?.role).toBe("committee-officer")

    // A disable through A: B refuses the next request, reads and writes alike.
    expect((await send(a.base, admin, "PATCH", `/api/users/${user.id}`, { disabled: true })).status).toBe(200)
    expect((await me(b.base, asOfficer)).status).toBe(401)
    expect((await send(b.base, asOfficer, "POST", "/api/auth/tokens", { name: "after" })).status).toBe(401)
  })
  // A password reset by an administrator, a password changed by its owner and a bearer token: each through A,
  // each seen by B on its next request, reads of members (audited, group-committed) included.
  it("ends on B's next request what a password reset or change through A ends, bearer tokens and member reads included", async () => {
    const admin = await signIn(a.base, "admin", "xianfeng-demo")
    const children = (await (await send(a.base, admin, "GET", "/api/orgs/d1/children")).json()) as {
      items: { id: string; kind: string }[]
    }
    const committee = children.items.find((o) => o.kind !== "branch")
    if (committee === undefined) throw new Error("the demo district has no committee")
    const password = randomUUID()
    const made = await send(a.base, admin, "POST", "/api/users", {
      username: `pw${randomUUID().slice(0, 8)}`,
      displayName: "换密码",
      role: "committee-officer",
      orgId: committee.id,
      password,
    })
    expect(made.status).toBe(201)
    const user = (await made.json()) as { id: string; username: string }
    const page = (await (
      await send(a.base, admin, "GET", `/api/members?orgId=${committee.id}&pageSize=1`)
    ).json()) as {
      items: { id: string }[]
    }
    const memberId = page.items[0]?.id
    if (memberId === undefined) throw new Error("the demo district has no member")
    const readMember = (base: string, headers: Record<string, string>) =>
      fetch(`${base}/api/members/${memberId}`, { headers })

    // Reset by the administrator through A: B's session and B's bearer token both end.
    const onB = await signIn(b.base, user.username, password)
    const made2 = await send(b.base, onB, "POST", "/api/auth/tokens", { name: "on B" })
    expect(made2.status).toBe(201)
    const { token } = (await made2.json()) as { token: string }
    const bearer = { authorization: `Bearer ${token}` }
    for (let i = 0; i < 2; i++) {
      expect((await readMember(b.base, { cookie: onB.cookie })).status).toBe(200)
      expect((await readMember(b.base, bearer)).status).toBe(200)
    }
    const reset = randomUUID()
    expect((await send(a.base, admin, "PATCH", `/api/users/${user.id}`, { password: reset })).status).toBe(
      200,
    )
    expect((await readMember(b.base, { cookie: onB.cookie })).status).toBe(401)
    expect((await readMember(b.base, bearer)).status).toBe(401)

    // Changed by its owner through A (another session of theirs): the session B serves ends.
    const again = await signIn(b.base, user.username, reset)
    const onA = await signIn(a.base, user.username, reset)
    for (let i = 0; i < 2; i++) expect((await readMember(b.base, { cookie: again.cookie })).status).toBe(200)
    const changed = await send(a.base, onA, "POST", "/api/auth/password", {
      currentPassword: reset,
      newPassword: randomUUID(),
    })
    expect(changed.status).toBe(200)
    expect((await readMember(b.base, { cookie: again.cookie })).status).toBe(401)
    expect((await me(b.base, again)).status).toBe(401)
  })
})
