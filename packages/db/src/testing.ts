/**
 * `@xianfeng/db/testing`: the backends a shared test suite runs on, as drizzle's integration tests do — PGlite
 * always, PostgreSQL when given a server URL. Test plumbing for this package and the packages above it (the
 * demo district); the `.` entry does not export it.
 */
import { randomBytes } from "node:crypto"
import pg from "pg"
import { type Database, type OpenDatabaseOptions, openDatabase } from "./database.js"

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

const pglite: TestBackend = {
  name: "pglite",
  open: (options = {}) => openDatabase({ dataDir: "memory:", ...options }),
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
