import { randomUUID } from "node:crypto"
import { eq, sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Database, rowsOf, type XfDb } from "../src/database.js"
import { insertOrg } from "../src/org-tree.js"
import { asSystem } from "../src/platform/scope.js"
import {
  actorOfSession,
  actorOfToken,
  type CallerCache,
  type CallerRow,
  type Credential,
  callerOf,
  deleteSession,
  endAllSessionsOf,
  insertApiToken,
  insertSession,
  touchSession,
  withCaller,
} from "../src/platform/sessions.js"
import { insertUser, type UserPatch, updateUser } from "../src/platform/users.js"
import { apiTokens, orgs, users } from "../src/schema/index.js"
import { unwrap } from "./suite/context.js"
import { backends } from "./support/backends.js"

// The caller of a request in one statement (`xf_caller`, migration 0032): found as the API's role, which
// row-level security binds, before any scope is known; and the scope it sets for the rest of the transaction.

const at = new Date("2026-11-30T08:00:00Z")
const later = (minutes: number) => new Date(at.getTime() + minutes * 60_000)
const ids = { user: "", session: "", token: "" }

const setup = async (owner: Database) => {
  await owner.db.transaction(async (tx) => {
    unwrap(await insertOrg(tx, { id: "s_d", kind: "district-committee", name: "区委" }))
    unwrap(await insertOrg(tx, { id: "s_c1", parentId: "s_d", kind: "township-committee", name: "一镇" }))
    unwrap(await insertOrg(tx, { id: "s_b1", parentId: "s_c1", kind: "branch", name: "一支部" }))
    unwrap(await insertOrg(tx, { id: "s_c2", parentId: "s_d", kind: "township-committee", name: "二镇" }))
    ids.user = await insertUser(tx, {
      username: "secretary",
      displayName: "书记",
      role: "committee-officer",
      orgId: "s_c1",
      passwordHash: randomUUID(),
    })
    ids.session = randomUUID()
    ids.token = randomUUID()
    await insertSession(tx, {
      id: ids.session,
      userId: ids.user,
      csrfToken: "csrf-of-the-session",
      at,
      expiresAt: later(8 * 60),
    })
    await insertApiToken(tx, { tokenHash: ids.token, userId: ids.user, name: "export", at })
  })
}

describe.each(backends)("the caller of a request on $name", (backend) => {
  let app: Database | undefined
  const db = () => {
    if (app === undefined) throw new Error("database not open")
    return app.db
  }
  const session = (minutes = 1, idleMinutes = 30) => ({
    kind: "session" as const,
    sessionId: ids.session,
    now: later(minutes),
    idleSince: later(minutes - idleMinutes),
  })
  beforeAll(async () => {
    // The app's role, so row-level security binds these lookups as it binds the API's.
    app = await backend.open({
      role: "xianfeng_app",
      ownerSetup: setup,
    })
  })
  afterAll(async () => {
    await app?.close()
  })

  it("runs as a role that row-level security binds", async () => {
    const [who] = rowsOf<{ role: string; su: boolean }>(
      await db().execute(
        sql`select current_user as role, (select rolsuper from pg_roles where rolname = current_user) as su`,
      ),
    )
    expect(who).toEqual({ role: "xianfeng_app", su: false })
  })

  it("finds the user, role, scope and CSRF token behind a session in one statement, as the app's role", async () => {
    expect(await callerOf(db(), session())).toEqual({
      userId: ids.user,
      username: "secretary",
      displayName: "书记",
      role: "committee-officer",
      orgId: "s_c1",
      orgPath: "s_d.s_c1",
      orgName: "一镇",
      csrfToken: "csrf-of-the-session",
      lastSeenAt: at,
      expiresAt: later(8 * 60),
    })
    expect(await actorOfSession(db(), ids.session, later(1), later(-29))).toMatchObject({
      userId: ids.user,
      csrfToken: "csrf-of-the-session",
    })
  })

  it("finds the user behind a bearer token, without a CSRF token", async () => {
    expect(await callerOf(db(), { kind: "token", tokenHash: ids.token })).toMatchObject({
      userId: ids.user,
      orgPath: "s_d.s_c1",
      csrfToken: null,
      lastSeenAt: null,
    })
    expect(await actorOfToken(db(), ids.token)).toMatchObject({ userId: ids.user, role: "committee-officer" })
    // A session's id is no token, nor the other way round.
    expect(await callerOf(db(), { kind: "token", tokenHash: ids.session })).toBeUndefined()
    expect(await callerOf(db(), { ...session(), sessionId: ids.token })).toBeUndefined()
  })

  it("finds no one for an unknown, expired or idle session", async () => {
    expect(await callerOf(db(), { ...session(), sessionId: randomUUID() })).toBeUndefined()
    expect(await callerOf(db(), session(8 * 60 + 1, 10_000))).toBeUndefined()
    expect(await callerOf(db(), session(31, 30))).toBeUndefined()
  })

  it("sets the transaction's scope to the caller's subtree in the same statement", async () => {
    const seen = await withCaller(db(), session(), async (tx, caller) => {
      expect(caller?.orgPath).toBe("s_d.s_c1")
      return (await tx.select({ id: orgs.id }).from(orgs).orderBy(orgs.id)).map((o) => o.id)
    })
    // Row-level security alone: no condition in the query, and s_c2 and the district stay hidden.
    expect(seen).toEqual(["s_b1", "s_c1"])
  })

  it("sets no scope when it finds no one: the transaction sees no scoped row", async () => {
    const seen = await withCaller(db(), { ...session(), sessionId: randomUUID() }, async (tx, caller) => {
      expect(caller).toBeUndefined()
      return tx.select({ id: orgs.id }).from(orgs)
    })
    expect(seen).toEqual([])
  })

  // The user's row is changed as system work (the owner's connection is closed once the app's role is taken).
  const change = (patch: UserPatch) =>
    asSystem(db(), (tx) => updateUser(tx as unknown as XfDb, ids.user, patch))
  const epoch = async () =>
    rowsOf<{ n: string }>(await db().execute(sql`select n::text as n from auth_epoch where id = 1`))[0]?.n

  /** A cache of one process, as `withCaller` sees it, counting what it is asked. */
  const countingCache = () => {
    const entries = new Map<string, { caller: CallerRow; epoch: string }>()
    const key = (c: Credential) => (c.kind === "session" ? c.sessionId : c.tokenHash)
    const counts = { hits: 0, puts: 0, seen: [] as string[] }
    const cache: CallerCache = {
      get: (c) => {
        const hit = entries.get(key(c))
        if (hit !== undefined) counts.hits++
        return hit
      },
      put: (c, caller, at) => {
        counts.puts++
        entries.set(key(c), { caller, epoch: at })
      },
      seen: (at) => {
        counts.seen.push(at)
        entries.clear()
      },
    }
    return { cache, counts }
  }
  const scopedOrgs = (tx: Parameters<Parameters<typeof withCaller>[2]>[0]) =>
    tx
      .select({ id: orgs.id })
      .from(orgs)
      .orderBy(orgs.id)
      .then((rows) => rows.map((o) => o.id))

  it("uses a cached caller while the authentication epoch stands, setting the scope row-level security reads", async () => {
    const { cache, counts } = countingCache()
    const read = () =>
      withCaller(db(), session(), async (tx, caller) => ({ caller, seen: await scopedOrgs(tx) }), cache)
    const first = await read()
    expect(counts).toMatchObject({ hits: 0, puts: 1 })
    const second = await read()
    expect(counts).toMatchObject({ hits: 1, puts: 1 })
    expect(second.caller).toEqual(first.caller)
    // The cached path sets the scope too: row-level security alone hides s_c2 and the district.
    expect(second.seen).toEqual(["s_b1", "s_c1"])

    // A change a caller depends on, made elsewhere: the entry is not used, the caller is looked up again.
    const before = await epoch()
    await asSystem(db(), (tx) => tx.update(orgs).set({ name: "一镇（新）" }).where(eq(orgs.id, "s_c1")))
    const third = await read()
    expect(counts.seen).toEqual([await epoch()])
    expect(counts.puts).toBe(2)
    expect(third.caller?.orgName).toBe("一镇（新）")
    expect(third.seen).toEqual(["s_b1", "s_c1"])
    expect(await epoch()).not.toBe(before)
    await asSystem(db(), (tx) => tx.update(orgs).set({ name: "一镇" }).where(eq(orgs.id, "s_c1")))
  })

  it("does not use a cached caller whose session has ended since: no caller and no scope", async () => {
    const other = randomUUID()
    await asSystem(db(), (tx) =>
      insertSession(tx as unknown as XfDb, {
        id: other,
        userId: ids.user,
        csrfToken: "csrf-2",
        at,
        expiresAt: later(8 * 60),
      }),
    )
    const { cache, counts } = countingCache()
    const credential = { ...session(), sessionId: other }
    const read = () =>
      withCaller(db(), credential, async (tx, caller) => ({ caller, seen: await scopedOrgs(tx) }), cache)
    expect((await read()).caller?.userId).toBe(ids.user)
    await asSystem(db(), (tx) => deleteSession(tx as unknown as XfDb, other))
    const after = await read()
    expect(counts.hits).toBe(1)
    expect(after).toEqual({ caller: undefined, seen: [] })
  })

  it("moves the epoch for every change a caller depends on, and not for the idle timeout or a failed sign-in", async () => {
    const moves = async (what: () => Promise<unknown>) => {
      const before = BigInt((await epoch()) ?? "")
      await what()
      return BigInt((await epoch()) ?? "") > before
    }
    const system = (fn: (tx: XfDb) => Promise<unknown>) => asSystem(db(), (tx) => fn(tx as unknown as XfDb))
    expect(await moves(() => system((tx) => touchSession(tx, ids.session, later(2))))).toBe(false)
    expect(
      await moves(() =>
        system((tx) => tx.update(users).set({ failedLogins: 3 }).where(eq(users.id, ids.user))),
      ),
    ).toBe(false)
    expect(await moves(() => change({ displayName: "书记" }))).toBe(false)
    expect(await moves(() => change({ role: "branch-secretary" }))).toBe(true)
    expect(await moves(() => change({ role: "committee-officer" }))).toBe(true)
    expect(
      await moves(() =>
        system((tx) => tx.update(users).set({ passwordHash: randomUUID() }).where(eq(users.id, ids.user))),
      ),
    ).toBe(true)
    expect(
      await moves(() =>
        system((tx) => tx.update(users).set({ mfaSecret: "secret" }).where(eq(users.id, ids.user))),
      ),
    ).toBe(true)
    expect(
      await moves(() =>
        system((tx) => tx.update(users).set({ mfaSecret: null }).where(eq(users.id, ids.user))),
      ),
    ).toBe(true)
    const spare = randomUUID()
    await system((tx) => insertApiToken(tx, { tokenHash: spare, userId: ids.user, name: "spare", at }))
    expect(
      await moves(() =>
        system((tx) =>
          tx
            .update(apiTokens)
            .set({ revokedAt: later(3) })
            .where(eq(apiTokens.tokenHash, spare)),
        ),
      ),
    ).toBe(true)
  })

  it("lets the app's role read the epoch and never set it", async () => {
    expect(await epoch()).toMatch(/^\d+$/)
    const refused = await db()
      .execute(sql`update auth_epoch set n = 0 where id = 1`)
      .then(
        () => "not refused",
        (e: Error) => (e.cause instanceof Error ? e.cause.message : e.message),
      )
    expect(refused).toMatch(/permission denied/)
  })

  it("answers from the database on every call: a role change, a disable and the end of sessions hold at once", async () => {
    await change({ role: "branch-secretary" })
    expect((await callerOf(db(), session()))?.role).toBe("branch-secretary")
    await change({ orgId: "s_c2" })
    expect(await withCaller(db(), session(), async (_tx, caller) => caller?.orgPath)).toBe("s_d.s_c2")
    await change({ disabled: true })
    expect(await callerOf(db(), session())).toBeUndefined()
    expect(await callerOf(db(), { kind: "token", tokenHash: ids.token })).toBeUndefined()
    await change({ disabled: false })
    expect(await callerOf(db(), session())).toBeDefined()
    await asSystem(db(), (tx) => endAllSessionsOf(tx as unknown as XfDb, ids.user, later(2)))
    expect(await callerOf(db(), session())).toBeUndefined()
    expect(await callerOf(db(), { kind: "token", tokenHash: ids.token })).toBeUndefined()
  })
})
