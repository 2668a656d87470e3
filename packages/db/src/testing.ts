/**
 * `@xianfeng/db/testing`: the backends a shared test suite runs on, as drizzle's integration tests do — PGlite
 * always, PostgreSQL when given a server URL. Test plumbing for this package and the packages above it (the
 * demo district); the `.` entry does not export it.
 */
import { randomBytes } from "node:crypto"
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { sql } from "drizzle-orm"
import pg from "pg"
import { type Database, type OpenDatabaseOptions, openDatabase } from "./database.js"

/**
 * The environment variable naming a folder, made for one test run (a vitest `globalSetup`), where the run
 * keeps the migrated empty PGlite database every open starts from (`migratedPgliteDump`).
 */
export const PGLITE_DUMP_DIR_ENV = "XF_TEST_PGLITE_DIR"

/**
 * A vitest `globalSetup` body: makes the run's folder for the migrated empty PGlite database, names it in
 * XF_TEST_PGLITE_DIR for the test files (their processes inherit it), and returns the teardown removing it.
 */
export const pgliteDumpDirForRun = (): (() => void) => {
  const dir = mkdtempSync(join(tmpdir(), "xf-pglite-migrated-"))
  process.env[PGLITE_DUMP_DIR_ENV] = dir
  return () => rmSync(dir, { recursive: true, force: true })
}

/**
 * The environment variable naming the run's migrated empty PostgreSQL database on TEST_DATABASE_URL's server,
 * the template every PostgreSQL open copies (`migratedTemplatesForRun`).
 */
export const POSTGRES_TEMPLATE_ENV = "XF_TEST_PG_TEMPLATE"

/**
 * A vitest `globalSetup` body: the run's folder for the migrated empty PGlite database (`pgliteDumpDirForRun`)
 * and, when `postgresUrl` is given, a migrated empty database on that server named in XF_TEST_PG_TEMPLATE,
 * which every PostgreSQL open copies (CREATE DATABASE … TEMPLATE) instead of running the migrations again.
 * The folder also holds the run's filled databases (`TestBackend.openFilled`: their dumps, and on PostgreSQL
 * template databases named `<that name>_<key>`). Returns the teardown removing all of them.
 */
export const migratedTemplatesForRun = async (
  postgresUrl: string | undefined,
): Promise<() => Promise<void>> => {
  const removeDir = pgliteDumpDirForRun()
  if (!postgresUrl) return async () => removeDir()
  const name = `xf_migrated_${randomBytes(6).toString("hex")}`
  await withClient(postgresUrl, (c) => c.query(`create database ${name}`))
  try {
    const database = await openDatabase({ url: databaseUrl(postgresUrl, name), poolMax: 1 })
    await database.close()
  } catch (e) {
    await dropDatabase(postgresUrl, name)
    throw e
  }
  process.env[POSTGRES_TEMPLATE_ENV] = name
  return async () => {
    removeDir()
    // The filled databases of the run (`openFilled`), named after this one, then this one.
    const filled = await withClient(postgresUrl, (c) =>
      c.query<{ datname: string }>("select datname from pg_database where datname like $1", [`${name}\\_%`]),
    )
    for (const { datname } of filled.rows) await dropDatabase(postgresUrl, datname)
    await dropDatabase(postgresUrl, name)
  }
}

const withClient = async <T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

const databaseUrl = (url: string, name: string): string => {
  const target = new URL(url)
  target.pathname = `/${name}`
  return target.toString()
}

const dropDatabase = (url: string, name: string) =>
  withClient(url, (c) => c.query(`drop database if exists ${name} with (force)`))

/** CREATE DATABASE `name`, a copy of `template` when given (waiting out another copy's hold on it). */
const createDatabase = (url: string, name: string, template: string | undefined) =>
  withClient(url, async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(
          template === undefined ? `create database ${name}` : `create database ${name} template ${template}`,
        )
        return
      } catch (e) {
        // 55006 object_in_use: "source database … is being accessed by other users" (a concurrent copy).
        if ((e as { code?: string }).code !== "55006" || attempt >= 100) throw e
        await new Promise((r) => setTimeout(r, 100))
      }
    }
  })

let migrated: Promise<Blob> | undefined

/**
 * A dump of an embedded PGlite data folder (`OpenDatabaseOptions.loadDataDir`) with every migration applied
 * and nothing else: what a fresh `openDatabase({ dataDir: "memory:" })` gives, without repeating its initdb
 * and migrations (tens of seconds on a loaded 2-core box; loading the dump takes a fraction of that).
 * `openDatabase` still runs the migrations on a load (none left to apply). Made by the run's first open and
 * written to `dir` (default: the folder in XF_TEST_PGLITE_DIR) for the run's other test files; without a
 * folder, kept for this process only. Checkpointed before the dump, so a load replays no WAL.
 */
export const migratedPgliteDump = (dir = process.env[PGLITE_DUMP_DIR_ENV]): Promise<Blob> => {
  migrated ??= (async () => {
    const tar = dir === undefined || dir === "" ? undefined : join(dir, "migrated.tar")
    if (tar !== undefined && existsSync(tar)) return new Blob([readFileSync(tar)])
    const database = await openDatabase({ dataDir: "memory:" })
    try {
      await database.db.execute(sql`checkpoint`)
      const dump = await database.dumpDataDir?.()
      if (dump === undefined) throw new Error("PGlite gave no dump of its data folder")
      if (tar !== undefined) {
        // Written aside, then renamed: a process reading it never sees half a file.
        const partial = `${tar}.${randomBytes(4).toString("hex")}`
        writeFileSync(partial, Buffer.from(await dump.arrayBuffer()))
        renameSync(partial, tar)
      }
      return dump
    } finally {
      await database.close()
    }
  })()
  return migrated
}

/** A backend a suite runs on. */
export interface TestBackend {
  readonly name: "pglite" | "postgres"
  /**
   * A fresh, migrated database; `close` also drops it. With `role`, its `db` acts as that role (row-level
   * security binds it) after `ownerSetup` ran as the owner.
   */
  open(options?: TestOpenOptions): Promise<Database>
  /**
   * A fresh database holding what `fill` writes into a migrated one, filled once per run and `key` (a plain
   * identifier naming everything that decides the rows, e.g. `demo_s3_m2000_20261130`): the first caller of
   * the run — in whichever test file — fills it and keeps it (a PGlite dump in the run's folder, a template
   * database on PostgreSQL); every other caller waits for that and starts from a copy, so suites sharing a
   * district load it once instead of once each. A failed fill fails every waiting caller with its error.
   * Without the run's templates (`migratedTemplatesForRun` in a `globalSetup`), each call fills its own.
   */
  openFilled(key: string, fill: (database: Database) => Promise<unknown>): Promise<Database>
}

/** What a test may ask of `open` beyond a fresh database. */
export type TestOpenOptions = Pick<OpenDatabaseOptions, "role" | "ownerSetup">

/** How long a caller of `oncePerRun` waits for another test process to make what it shares. */
const FILL_WAIT_MS = 30 * 60_000

const errorText = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message) : String(e))

/**
 * Runs `make` in exactly one of a test run's callers, across the run's processes (test files run in parallel
 * workers): the first caller to create `${marker}.lock` (exclusively) runs it and then leaves `${marker}.ready`,
 * or `${marker}.failed` holding its error; every other caller waits for one of the two (polling every 200 ms, at
 * most 30 minutes) and throws the maker's error when it failed. `marker` is a path in a folder made for the run
 * (a `globalSetup`'s), so a later run starts afresh. Returns true for the caller that ran `make`.
 */
export const oncePerRun = async (marker: string, make: () => Promise<void>): Promise<boolean> => {
  const ready = `${marker}.ready`
  const failed = `${marker}.failed`
  let claimed: boolean
  try {
    closeSync(openSync(`${marker}.lock`, "wx"))
    claimed = true
  } catch (e) {
    if ((e as { code?: string }).code !== "EEXIST") throw e
    claimed = false
  }
  if (claimed) {
    try {
      await make()
    } catch (e) {
      writeFileSync(failed, errorText(e))
      throw e
    }
    writeFileSync(ready, "")
    return true
  }
  const deadline = Date.now() + FILL_WAIT_MS
  while (!existsSync(ready)) {
    if (existsSync(failed)) throw new Error(`${marker} could not be made: ${readFileSync(failed, "utf8")}`)
    if (Date.now() > deadline) throw new Error(`${marker} was not made in time`)
    await new Promise((r) => setTimeout(r, 200))
  }
  return false
}

/** `open`, then `fill`; the database is closed (and dropped) when `fill` throws. */
const openAndFill = async (
  open: () => Promise<Database>,
  fill: (database: Database) => Promise<unknown>,
): Promise<Database> => {
  const database = await open()
  try {
    await fill(database)
    return database
  } catch (e) {
    await database.close()
    throw e
  }
}

const checkKey = (key: string): string => {
  if (!/^[a-z0-9_]{1,30}$/.test(key)) throw new Error(`not a key of a shared database: ${key}`)
  return key
}

/** Each open starts from a copy of the run's migrated empty database (`migratedPgliteDump`). */
const pglite: TestBackend = {
  name: "pglite",
  open: async (options = {}) =>
    openDatabase({ dataDir: "memory:", loadDataDir: await migratedPgliteDump(), ...options }),
  openFilled: async (key, fill) => {
    const dir = process.env[PGLITE_DUMP_DIR_ENV]
    if (dir === undefined || dir === "") return openAndFill(() => pglite.open(), fill)
    const tar = join(dir, `${checkKey(key)}.tar`)
    // The filler keeps the database it filled (nothing else touched it) and leaves its dump for the others.
    let filled: Database | undefined
    await oncePerRun(tar, async () => {
      const database = await openAndFill(() => pglite.open(), fill)
      try {
        await database.db.execute(sql`checkpoint`)
        const dump = await database.dumpDataDir?.()
        if (dump === undefined) throw new Error("PGlite gave no dump of its data folder")
        const partial = `${tar}.${randomBytes(4).toString("hex")}`
        writeFileSync(partial, Buffer.from(await dump.arrayBuffer()))
        renameSync(partial, tar)
      } catch (e) {
        await database.close()
        throw e
      }
      filled = database
    })
    if (filled !== undefined) return filled
    return openDatabase({ dataDir: "memory:", loadDataDir: new Blob([readFileSync(tar)]) })
  },
}

/**
 * Each open creates its own database on the server, so parallel files and other packages never meet: a copy of
 * the run's migrated template (XF_TEST_PG_TEMPLATE, `migratedTemplatesForRun`) when there is one.
 */
const postgres = (url: string, prefix: string): TestBackend => {
  /** A database of its own, a copy of `template` (default: the run's migrated one), dropped on close. */
  const copyOf = async (template: string | undefined, options: TestOpenOptions = {}): Promise<Database> => {
    const name = `${prefix}_${randomBytes(6).toString("hex")}`
    await createDatabase(url, name, template === "" ? undefined : template)
    const database = await openDatabase({ url: databaseUrl(url, name), poolMax: 4, ...options })
    return {
      ...database,
      close: async () => {
        await database.close()
        await dropDatabase(url, name)
      },
    }
  }
  const backend: TestBackend = {
    name: "postgres",
    open: (options = {}) => copyOf(process.env[POSTGRES_TEMPLATE_ENV], options),
    openFilled: async (key, fill) => {
      const migrated = process.env[POSTGRES_TEMPLATE_ENV]
      const dir = process.env[PGLITE_DUMP_DIR_ENV]
      if (!migrated || !dir) return openAndFill(() => backend.open(), fill)
      // Named after the run's migrated template, so the run's teardown drops it with that one.
      const filled = `${migrated}_${checkKey(key)}`
      await oncePerRun(join(dir, filled), async () => {
        await createDatabase(url, filled, migrated)
        const database = await openDatabase({ url: databaseUrl(url, filled), poolMax: 4 })
        try {
          await fill(database)
        } finally {
          // No connection may stay on a template that is copied.
          await database.close()
        }
      })
      return copyOf(filled)
    },
  }
  return backend
}

/**
 * PGlite, and PostgreSQL when `postgresUrl` is given (the caller passes TEST_DATABASE_URL): each open there
 * creates a database named `<prefix>_<random>`, dropped on close. `prefix` must be a plain SQL identifier.
 * Each open starts from the run's migrated empty database when a `globalSetup` made one
 * (`migratedTemplatesForRun`), and runs the migrations itself otherwise.
 */
export const testBackends = (postgresUrl: string | undefined, prefix = "xf_test"): readonly TestBackend[] => [
  pglite,
  ...(postgresUrl ? [postgres(postgresUrl, prefix)] : []),
]

const CONDITION_OFF = Symbol.for("xianfeng.db.testing.scope-condition-off")

/**
 * Runs `fn` with the scope condition of every query (`orgRowInScope`, `memberRowInScope`, `memberRowsInScope`)
 * switched off, so that a test shows what row-level security alone keeps out. Test code only: the switch is
 * not reachable from configuration. Restores the condition when `fn` settles.
 */
export const withoutScopeCondition = async <T>(fn: () => Promise<T>): Promise<T> => {
  const g = globalThis as Record<symbol, unknown>
  g[CONDITION_OFF] = true
  try {
    return await fn()
  } finally {
    delete g[CONDITION_OFF]
  }
}
