import { randomBytes } from "node:crypto"
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { dateOfInstant, Temporal } from "@xianfeng/core"
import { apiTokens, asSystem, members, openDatabase, orgs, rowsOf, users } from "@xianfeng/db"
import { migratedPgliteDump, oncePerRun } from "@xianfeng/db/testing"
import { eq, sql } from "drizzle-orm"
import pg from "pg"
import { extract as tarExtract, pack as tarPack } from "tar-stream"
import { afterAll, beforeAll, expect, inject } from "vitest"
import { sha256 } from "../src/auth/tokens.js"
import { type Config, configFromEnv } from "../src/config.js"
import type { Problem } from "../src/http/contract-kit.js"
import type { Role } from "../src/routes/platform/contract.js"
import { type System, startSystem } from "../src/system.js"
import type { ServerDatabase } from "./server-process.js"

/** The backends every API suite runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const backends: readonly ("pglite" | "postgres")[] = process.env.TEST_DATABASE_URL
  ? ["pglite", "postgres"]
  : ["pglite"]

/**
 * The two demo districts the API suites share, each loaded once per run and backend (`loadedDemo`): the full
 * one (the default), for what needs members in every user's scope, pipelines and ledgers with something in
 * them; and a small one for what only needs the organizations, the demo logins and a few members (sign-in,
 * sessions, refusals, bad input). Every district has all the organizations and logins; only members differ.
 * A suite asking for another size pays a load of its own, minutes of CPU on a busy box (row-level-security's
 * 400 is the one left: on the full district `/api/stats/members-by-stage`, a GROUP BY without an order, lists
 * its stages in another order as the owner than as xianfeng_app).
 */
export const DEMO_MEMBERS = 1500
export const SMALL_DEMO_MEMBERS = 20

/**
 * A throwaway PostgreSQL database next to TEST_DATABASE_URL, so suites never share tables; a copy of `template`
 * when given.
 */
export const scratchDatabase = async (template?: string): Promise<{ url: string; drop(): Promise<void> }> => {
  const admin = process.env.TEST_DATABASE_URL
  if (!admin) throw new Error("TEST_DATABASE_URL is not set")
  const name = `xf_test_${randomBytes(6).toString("hex")}`
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  try {
    if (template === undefined) await client.query(`create database ${name}`)
    else await copyDatabase(client, template, name)
  } finally {
    await client.end()
  }
  return { url: databaseUrl(admin, name), drop: () => dropDatabase(admin, name) }
}

const databaseUrl = (admin: string, name: string): string => {
  const url = new URL(admin)
  url.pathname = `/${name}`
  return url.toString()
}

const dropDatabase = async (admin: string, name: string): Promise<void> => {
  const c = new pg.Client({ connectionString: admin })
  await c.connect()
  try {
    await c.query(`drop database if exists ${name} with (force)`)
  } finally {
    await c.end()
  }
}

/** CREATE DATABASE … TEMPLATE, waiting out the template's last connections ending on the server's side. */
const copyDatabase = async (client: pg.Client, template: string, name: string): Promise<void> => {
  for (let attempt = 0; ; attempt++) {
    try {
      await client.query(`create database ${name} template ${template}`)
      return
    } catch (e) {
      // 55006 object_in_use: "source database … is being accessed by other users".
      if ((e as { code?: string }).code !== "55006" || attempt >= 100) throw e
      await new Promise((r) => setTimeout(r, 100))
    }
  }
}

/** The demo district a suite starts from: its ID key, and the PGlite dump or the PostgreSQL template. */
interface LoadedDemo {
  readonly idKey: string
  readonly dump?: Blob
  readonly template?: string
}

/**
 * The demo district of `config` (size, seed, and the day `now` falls on), generated and written by
 * `startSystem` the first time a suite of this run asks for it, then kept (a PGlite dump in the run's folder, a
 * template database on PostgreSQL) so every later suite starts from a copy instead of loading it again.
 */
const loadedDemo = async (backend: "pglite" | "postgres", config: Config, now: Date): Promise<LoadedDemo> => {
  const day = dateOfInstant(now).toString().replaceAll("-", "")
  const key = `${backend}_${config.demoMembers}_${config.demoSeed}_${day}`
  const dir = inject("demoSnapshotDir")
  const keyFile = join(dir, `${key}.key`)
  // Only what decides the district's rows: no role, no heads file.
  const loading = { ...config, databaseRole: undefined, auditHeadsFile: undefined }
  if (backend === "pglite") {
    const tar = join(dir, `${key}.tar`)
    // Files may run in parallel (`--maxWorkers`): whichever asks first generates the district, the others wait.
    await oncePerRun(join(dir, key), async () => {
      const idKey = randomBytes(32).toString("base64")
      const sys = await startSystem({ ...loading, dataDir: "memory:", idKey }, () => now, {
        loadDataDir: await migratedPgliteDump(dir),
      })
      try {
        // A copy then starts without replaying the load's write-ahead log.
        await sys.deps.db.execute(sql`checkpoint`)
        const [current] = rowsOf<{ f: string }>(
          await sys.deps.db.execute(sql`select pg_walfile_name(pg_current_wal_lsn()) as f`),
        )
        const dump = await sys.database.dumpDataDir?.()
        if (dump === undefined || current === undefined)
          throw new Error("PGlite gave no dump of its data folder")
        const partial = `${tar}.${randomBytes(4).toString("hex")}`
        writeFileSync(keyFile, idKey)
        writeFileSync(partial, await withoutSpareWal(Buffer.from(await dump.arrayBuffer()), current.f))
        renameSync(partial, tar)
      } finally {
        await sys.close()
      }
    })
    return { idKey: readFileSync(keyFile, "utf8"), dump: new Blob([readFileSync(tar)]) }
  }
  const admin = process.env.TEST_DATABASE_URL
  if (!admin) throw new Error("TEST_DATABASE_URL is not set")
  const template = `${inject("demoTemplatePrefix")}_${key}`
  await oncePerRun(join(dir, key), async () => {
    const idKey = randomBytes(32).toString("base64")
    const client = new pg.Client({ connectionString: admin })
    await client.connect()
    try {
      await client.query(`drop database if exists ${template} with (force)`)
      await client.query(`create database ${template}`)
    } finally {
      await client.end()
    }
    const sys = await startSystem({ ...loading, databaseUrl: databaseUrl(admin, template), idKey }, () => now)
    await sys.close()
    writeFileSync(keyFile, idKey)
  })
  return { idKey: readFileSync(keyFile, "utf8"), template }
}

/**
 * A PGlite dump (tar) without the write-ahead log segments after `current` (the segment holding the last
 * checkpoint): segments PostgreSQL recycled for later use, holding nothing a copy needs, yet 3 × 16 MB of a
 * loaded district's 126 MB dump — and every suite loads the dump again.
 */
const withoutSpareWal = async (dump: Buffer, current: string): Promise<Buffer> => {
  const spare = (name: string) => {
    const segment = /^\/?pg_wal\/([0-9A-F]{24})$/.exec(name)?.[1]
    return segment !== undefined && segment > current
  }
  const extract = tarExtract()
  const pack = tarPack()
  const packed = (async () => {
    const chunks: Buffer[] = []
    for await (const chunk of pack) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks)
  })()
  extract.end(dump)
  for await (const entry of extract) {
    const chunks: Buffer[] = []
    for await (const chunk of entry) chunks.push(chunk as Buffer)
    if (!spare(entry.header.name)) pack.entry(entry.header, Buffer.concat(chunks))
  }
  pack.finalize()
  return packed
}

/** The instant every suite's clock starts at (`testSystem`), so each suite's district is the run's. */
const TEST_START = "2026-11-27T02:00:00Z"

/** The config `testSystem` starts from with `overrides` (default: the full demo district, seed 7). */
const testConfig = (overrides: Partial<Config>): Config => ({
  ...configFromEnv({}),
  dataDir: "memory:",
  databaseUrl: undefined,
  demoMembers: DEMO_MEMBERS,
  demoSeed: 7,
  adminDist: undefined,
  ...overrides,
})

/** The run's loaded demo district as a database of its own for a server process (`demoDatabase`). */
export interface DemoDatabase {
  /** A PGlite data folder filled from the district's dump, or a PostgreSQL copy of its template. */
  readonly database: ServerDatabase
  /** What the process must be started with to find the district already there: its size, seed and ID key. */
  readonly demo: { readonly members: number; readonly seed: number; readonly idKey: string }
  /** Removes the folder or drops the database. */
  drop(): Promise<void>
}

/**
 * The run's loaded demo district (`loadedDemo`, the one `testSystem(backend, overrides)` starts from) for a
 * process of its own (`startServerProcess`), which then finds it there instead of generating and loading one:
 * on PGlite a fresh data folder filled from the district's dump (`loadDataDir` into the empty folder), on
 * PostgreSQL a scratch copy of its template database.
 */
export const demoDatabase = async (
  backend: "pglite" | "postgres",
  overrides: Partial<Config> = {},
): Promise<DemoDatabase> => {
  const config = testConfig(overrides)
  const loaded = await loadedDemo(backend, config, new Date(TEST_START))
  const demo = { members: config.demoMembers, seed: config.demoSeed, idKey: loaded.idKey }
  if (backend === "postgres") {
    const copy = await scratchDatabase(loaded.template)
    return { database: { kind: "postgres", url: copy.url }, demo, drop: copy.drop }
  }
  if (loaded.dump === undefined) throw new Error("the PGlite district has no dump")
  const dataDir = mkdtempSync(join(tmpdir(), "xf-api-demo-folder-"))
  try {
    const filled = await openDatabase({ dataDir, migrate: false, loadDataDir: loaded.dump })
    await filled.close()
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true })
    throw e
  }
  return {
    database: { kind: "pglite", dataDir },
    demo,
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  }
}

export interface TestSystem extends System {
  /** A clock the test can move. */
  readonly clock: { now: Date; advance(ms: number): void }
  /** Sends a request to the app (no network), keeping cookies per `agent`. */
  request(path: string, init?: RequestInit): Promise<Response>
  stop(): Promise<void>
}

/**
 * A started API on `backend` with the demo district of `overrides` (default 1,500 members, seed 7) as of the
 * test clock's day: a fresh database per call, copied from the run's loaded district (`loadedDemo`).
 */
export const testSystem = async (
  backend: "pglite" | "postgres",
  overrides: Partial<Config> = {},
): Promise<TestSystem> => {
  const clock = {
    now: new Date(TEST_START),
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms)
    },
  }
  const base = testConfig(overrides)
  const demo = base.demoMembers > 0 ? await loadedDemo(backend, base, clock.now) : undefined
  const scratch = backend === "postgres" ? await scratchDatabase(demo?.template) : undefined
  const config: Config = {
    ...base,
    databaseUrl: scratch?.url,
    ...(demo === undefined ? {} : { idKey: demo.idKey }),
  }
  // On PGlite: a copy of the loaded district, or of the run's migrated empty database (no initdb per suite).
  const loadDataDir =
    backend === "pglite" ? (demo?.dump ?? (await migratedPgliteDump(inject("demoSnapshotDir")))) : undefined
  const system = await startSystem(config, () => clock.now, loadDataDir === undefined ? {} : { loadDataDir })
  return {
    ...system,
    clock,
    request: async (path, init) => system.app.request(path, init),
    stop: async () => {
      await system.close()
      await scratch?.drop()
    },
  }
}

/** A signed-in browser: keeps the session cookie and sends the CSRF token on writes. */
export class Agent {
  cookie = ""
  csrf = ""
  constructor(readonly sys: Pick<TestSystem, "request">) {}

  async login(username: string, password = "xianfeng-demo"): Promise<Response> {
    const res = await this.send("POST", "/api/auth/login", { username, password })
    if (res.status === 200) {
      const body = (await res.clone().json()) as { csrfToken: string }
      this.csrf = body.csrfToken
    }
    return res
  }

  async send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const res = await this.sys.request(path, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== "GET" ? { "x-csrf-token": this.csrf } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const set = res.headers.get("set-cookie")
    if (set) {
      const m = /xf_session=([^;]*)/.exec(set)
      if (m) this.cookie = m[1] ? `xf_session=${m[1]}` : ""
    }
    return res
  }

  get = (path: string) => this.send("GET", path)
  json = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await this.send(method, path, body)
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`)
    return (await res.json()) as T
  }
}

/**
 * Creates a user acting over `orgId` with `role` and returns a bearer token for it, straight in the
 * database (no argon2 hash per user, so property tests can make hundreds).
 */
export const userWithToken = async (sys: TestSystem, role: Role, orgId: string): Promise<string> => {
  const token = `xf_${randomBytes(24).toString("base64url")}`
  // System work: under row-level security (`databaseRole`) no scope would let the test see the org.
  await asSystem(sys.deps.db, async (db) => {
    const [org] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, orgId))
    if (!org) throw new Error(`no org ${orgId}`)
    // A `member` user is a member of the org signing in as themself (the users_member_link CHECK): any of its
    // members, or one made for the purpose when it has none.
    const memberId =
      role === "member"
        ? ((await db.select({ id: members.id }).from(members).where(eq(members.orgId, orgId)).limit(1))[0]
            ?.id ??
          (
            await db
              .insert(members)
              .values({
                orgId,
                name: "测试党员",
                namePinyin: "ceshidangyuan",
                nameInitials: "csdy",
                sex: "female",
                birthDate: Temporal.PlainDate.from("1990-01-01"),
                ethnicity: "01",
                education: "21",
                occupationGroup: "worker",
                stage: "full",
              })
              .returning({ id: members.id })
          )[0]?.id)
        : undefined
    const [u] = await db
      .insert(users)
      .values({
        username: `u${randomBytes(6).toString("hex")}`,
        displayName: "测试",
        role,
        orgId,
        passwordHash: "x",
        ...(memberId === undefined ? {} : { memberId }),
      })
      .returning({ id: users.id })
    if (!u) throw new Error("no user")
    await db.insert(apiTokens).values({ tokenHash: sha256(token), userId: u.id, name: "test" })
  })
  return token
}

/** The RFC 9457 body of an error answer. */
export const problemOf = async (res: Response): Promise<Problem> => (await res.json()) as Problem

/** What a suite of `useDemo` works with, once its `beforeAll` has run (read `sys` and `orgOf` in hooks and tests). */
export interface Demo<Login extends string> {
  /** The started API on the suite's backend, with its copy of the demo district. */
  readonly sys: TestSystem
  /** A browser per login the suite named, signed in before the suite's own hooks run. */
  readonly agents: { readonly [L in Login]: Agent }
  /** The organization each named login acts over (its `/api/auth/me`), e.g. secretary1's branch. */
  readonly orgOf: (login: Login) => string
}

/**
 * The demo set-up of an API suite, called first in its `describe.each(backends)` body: an API started on
 * `backend` with a copy of the demo district (`testSystem` with `config`: the full district unless it says
 * `demoMembers`) and `logins` (demo usernames, password xianfeng-demo) signed in, each as its own `Agent`,
 * before the suite's own `beforeAll`; stopped after the suite. The agents exist at once (destructure them in
 * the describe body); `sys` and `orgOf` are read in hooks and tests.
 */
export const useDemo = <const Login extends string>(
  backend: "pglite" | "postgres",
  options: { readonly logins: readonly Login[]; readonly config?: Partial<Config> },
): Demo<Login> => {
  let started: TestSystem | undefined
  const sys = (): TestSystem => {
    if (started === undefined) throw new Error("the demo system is read before the suite's beforeAll")
    return started
  }
  // Agents before the system: they send through whichever system the suite has started.
  const agents = Object.fromEntries(
    options.logins.map((l) => [l, new Agent({ request: (path, init) => sys().request(path, init) })]),
  ) as { [L in Login]: Agent }
  const orgs = new Map<Login, string>()
  beforeAll(async () => {
    started = await testSystem(backend, options.config)
    for (const login of options.logins) {
      const agent = agents[login]
      expect((await agent.login(login)).status, `sign-in of ${login}`).toBe(200)
      orgs.set(login, (await agent.json<{ user: { orgId: string } }>("GET", "/api/auth/me")).user.orgId)
    }
  })
  afterAll(async () => {
    await started?.stop()
  })
  return {
    get sys() {
      return sys()
    },
    agents,
    orgOf: (login) => {
      const org = orgs.get(login)
      if (org === undefined) throw new Error(`${login} is not signed in`)
      return org
    },
  }
}

/**
 * Every row of a paged answer (`total` rows in all, under `key`), read a page of 100 at a time, as one answer: the
 * routes page their rows, and tests that look for a member or count a month read the whole list.
 */
const wholeOf = async <K extends string, T extends { [k in K]: readonly unknown[] } & { total: number }>(
  agent: Agent,
  path: string,
  key: K,
): Promise<T> => {
  const first = await agent.json<T>("GET", `${path}&page=1&pageSize=100`)
  const rows = [...first[key]]
  for (let page = 2; rows.length < first.total; page++) {
    const next = await agent.json<T>("GET", `${path}&page=${page}&pageSize=100`)
    if (next[key].length === 0) throw new Error(`${path}: page ${page} is empty before ${first.total} rows`)
    rows.push(...next[key])
  }
  return { ...first, [key]: rows }
}

/** Every row of a dues collection sheet (`/api/care/dues/sheet?…`, `rows`): `wholeOf`. */
export const wholeSheet = <T extends { rows: readonly unknown[]; total: number }>(
  agent: Agent,
  path: string,
): Promise<T> => wholeOf(agent, path, "rows")

/** Every member of a dues arrears list (`/api/care/dues/arrears?…`, `items`), longest run first: `wholeOf`. */
export const wholeArrears = <T extends { items: readonly unknown[]; total: number }>(
  agent: Agent,
  path: string,
): Promise<T> => wholeOf(agent, path, "items")
