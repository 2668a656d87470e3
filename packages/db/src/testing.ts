/**
 * `@xianfeng/db/testing`: the backends a shared test suite runs on, as drizzle's integration tests do — PGlite
 * always, PostgreSQL when given a server URL. Test plumbing for this package and the packages above it (the
 * demo district); the `.` entry does not export it.
 */
import { randomBytes } from "node:crypto"
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs"
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
}

/** What a test may ask of `open` beyond a fresh database. */
export type TestOpenOptions = Pick<OpenDatabaseOptions, "role" | "ownerSetup">

/** Each open starts from a copy of the run's migrated empty database (`migratedPgliteDump`). */
const pglite: TestBackend = {
  name: "pglite",
  open: async (options = {}) =>
    openDatabase({ dataDir: "memory:", loadDataDir: await migratedPgliteDump(), ...options }),
}

/** Each open creates its own database on the server, so parallel files and other packages never meet. */
const postgres = (url: string, prefix: string): TestBackend => ({
  name: "postgres",
  open: async (options = {}) => {
    const name = `${prefix}_${randomBytes(6).toString("hex")}`
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create database ${name}`)
    await admin.end()
    const target = new URL(url)
    target.pathname = `/${name}`
    const database = await openDatabase({ url: target.toString(), poolMax: 4, ...options })
    return {
      ...database,
      close: async () => {
        await database.close()
        const dropper = new pg.Client({ connectionString: url })
        await dropper.connect()
        await dropper.query(`drop database if exists ${name} with (force)`)
        await dropper.end()
      },
    }
  },
})

/**
 * PGlite, and PostgreSQL when `postgresUrl` is given (the caller passes TEST_DATABASE_URL): each open there
 * creates a database named `<prefix>_<random>`, dropped on close. `prefix` must be a plain SQL identifier.
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
