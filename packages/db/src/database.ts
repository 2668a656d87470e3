import { existsSync, mkdirSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import type { PGlite } from "@electric-sql/pglite"
import { sql } from "drizzle-orm"
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres"
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator"
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core"
import { drizzle as drizzlePglite } from "drizzle-orm/pglite"
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator"
import type { ExtractTablesWithRelations } from "drizzle-orm/relations"
import pg from "pg"
import { runDataMigrations } from "./data-migrations.js"
import { acquireDirLock } from "./internal/dir-lock.js"
import { OneAtATimeClient } from "./internal/one-at-a-time-client.js"
import { PgliteThread } from "./internal/pglite-thread.js"
import { tables } from "./schema/index.js"

export type XfSchema = typeof tables
/** The one drizzle type the app uses, whichever driver is underneath. */
export type XfDb = PgDatabase<PgQueryResultHKT, XfSchema>
/** A transaction handle (`db.transaction(async (tx) => …)`); every helper accepts `XfDb` or this. */
export type XfTx = PgTransaction<PgQueryResultHKT, XfSchema, ExtractTablesWithRelations<XfSchema>>

export type Driver = "pglite" | "postgres"

export interface Database {
  readonly db: XfDb
  readonly driver: Driver
  /**
   * PostgreSQL only: the same login and role as `db` on a pool of its own (`auditPoolMax` connections, opened on
   * first use), for the process's audit appender (`createAuditAppender`): its batches then never wait in `db`'s
   * queue behind requests, nor requests behind them. Embedded PGlite has one connection: there is none.
   */
  readonly auditDb?: XfDb
  /** Ends `db` and `auditDb`. */
  close(): Promise<void>
  /**
   * Embedded PGlite only: a tarball of the data folder as it is now (uncompressed), which `loadDataDir`
   * opens again: tests load a demo district once and start each suite from its copy.
   */
  dumpDataDir?(): Promise<Blob>
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL connection string: uses a node-postgres pool. */
  readonly url?: string
  /**
   * Without `url`: the folder Xianfeng keeps its data in (PGlite's cluster goes to `<dataDir>/pgdata`,
   * the lock to `<dataDir>/xianfeng.lock`), or `"memory:"` for a throwaway in-memory database.
   */
  readonly dataDir?: string
  /** Apply pending migrations on open (default true). */
  readonly migrate?: boolean
  /** Pool size for `url` (default 10). */
  readonly poolMax?: number
  /** Size of `auditDb`'s pool for `url` (default 2, the audit appender's batches in flight). */
  readonly auditPoolMax?: number
  /** Where the SQL migrations are; defaults to this package's `drizzle/` folder. */
  readonly migrationsFolder?: string
  /**
   * The role the returned `db` acts as (e.g. `xianfeng_app`, created by migration 0004): neither superuser
   * nor owner, so row-level security binds it. Migrations and `ownerSetup` still run as the connecting
   * user. On PostgreSQL every pooled connection starts as this role (`-c role=…`); in production prefer a
   * login that is itself only a member of `xianfeng_app` (docs/security.md). On PGlite (always a superuser)
   * the one connection switches with `SET ROLE` after setup.
   */
  readonly role?: string
  /**
   * With `url` (then the owner's login, used for migrations and `ownerSetup` only): the login the returned
   * `db` connects with, a role that is neither superuser nor owner — in production one that is only a
   * member of `xianfeng_app` (`CREATE ROLE xianfeng_api LOGIN PASSWORD '…' IN ROLE xianfeng_app`), so no
   * statement on its connections can become the owner. With `role` as well, each connection also takes
   * that role (`-c role=…`), which such a login may do as a member.
   */
  readonly appUrl?: string
  /** Work to do as the owner after migrating and before taking `role` (the demo load). */
  readonly ownerSetup?: (owner: Database) => Promise<void>
  /**
   * Start from this dump of a data folder (`Database.dumpDataDir`) instead of an empty cluster: with `dataDir:
   * "memory:"`, or with a folder that holds no cluster yet (no `<dataDir>/pgdata/PG_VERSION`; the dump is
   * written into it, so tests start a folder from the run's migrated database instead of an initdb). Opening a
   * folder that already holds one with `loadDataDir` throws, leaving the folder as it was. Migrations still run
   * on it as on any existing database.
   */
  readonly loadDataDir?: Blob
}

const roleName = (role: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`not a role name: ${role}`)
  return role
}

/** src/ and dist/ both sit one level below the package root. */
const defaultMigrationsFolder = (): string => fileURLToPath(new URL("../drizzle", import.meta.url))

// Any constant will do, as long as nothing else in the app uses it for an advisory lock.
const MIGRATION_LOCK = 0x5846_4d31 // "XFM1"

/**
 * Opens the database. With `url` it connects to PostgreSQL (15 or later); otherwise it runs embedded
 * PGlite, which belongs to one process: a second process opening the same folder fails at once. PGlite runs
 * on a worker thread of its own (`internal/pglite-thread.ts`), so its statements never hold up the thread
 * that called this (the one serving HTTP); a transaction's statements still run together, nothing in between.
 */
/**
 * Settings every PostgreSQL connection starts with. `jit=off`: row-level security makes the planner's cost estimate
 * of short scoped reads high enough to cross the JIT thresholds, and compiling their expressions with LLVM took
 * 1.5–2 s of a read that runs in 50–140 ms without it (the stored dues collections of a 100,000-member district;
 * PostgreSQL's own guidance is that JIT pays only for long analytical queries). PGlite has no JIT.
 */
const SERVER_OPTIONS = "-c jit=off"

export const openDatabase = async (options: OpenDatabaseOptions = {}): Promise<Database> => {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder()
  if (options.url !== undefined) {
    const pool = new pg.Pool({
      Client: OneAtATimeClient,
      connectionString: options.url,
      max: options.poolMax ?? 10,
      options: SERVER_OPTIONS,
    })
    // An idle connection the server ends (a restart, a terminated backend, a dropped database) is an 'error'
    // event on the pool; unheard, it would end the process. The pool drops that connection and the next query
    // opens a new one, so it is only reported.
    pool.on("error", (e) => {
      console.warn(
        `database: an idle connection was closed by the server (${e.message}); it will be replaced`,
      )
    })
    try {
      if (options.migrate ?? true) {
        // Several API processes may start at once against one server; let one migrate at a time.
        const client = await pool.connect()
        try {
          await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK])
          try {
            const migrator = drizzleNodePg({ client, schema: tables })
            await migrateNodePg(migrator, { migrationsFolder })
            await runDataMigrations(migrator as unknown as XfDb)
          } finally {
            await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK])
          }
        } finally {
          client.release()
        }
      }
    } catch (e) {
      await pool.end()
      throw e
    }
    const owner: Database = {
      db: drizzleNodePg({ client: pool, schema: tables }) as unknown as XfDb,
      driver: "postgres",
      close: () => pool.end(),
    }
    if (options.role === undefined && options.appUrl === undefined && options.ownerSetup === undefined) {
      return withAuditPool(
        owner,
        { connectionString: options.url, options: SERVER_OPTIONS },
        options.auditPoolMax,
      )
    }
    try {
      await options.ownerSetup?.(owner)
    } catch (e) {
      await pool.end()
      throw e
    }
    if (options.role === undefined && options.appUrl === undefined)
      return withAuditPool(
        owner,
        { connectionString: options.url, options: SERVER_OPTIONS },
        options.auditPoolMax,
      )
    await pool.end()
    const appConfig: pg.PoolConfig = {
      connectionString: options.appUrl ?? options.url,
      options:
        options.role === undefined ? SERVER_OPTIONS : `${SERVER_OPTIONS} -c role=${roleName(options.role)}`,
    }
    const appPool = new pg.Pool({ ...appConfig, Client: OneAtATimeClient, max: options.poolMax ?? 10 })
    appPool.on("error", (e) => {
      console.warn(
        `database: an idle connection was closed by the server (${e.message}); it will be replaced`,
      )
    })
    const db = drizzleNodePg({ client: appPool, schema: tables }) as unknown as XfDb
    return withAuditPool(
      { db, driver: "postgres", close: () => appPool.end() },
      appConfig,
      options.auditPoolMax,
    )
  }

  const dataDir = options.dataDir ?? "memory:"
  let release = () => {}
  let client: PgliteThread
  if (dataDir === "memory:") {
    client = await PgliteThread.open(
      options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir },
    )
  } else {
    const pgdata = join(dataDir, "pgdata")
    if (options.loadDataDir !== undefined && existsSync(join(pgdata, "PG_VERSION")))
      throw new Error(`loadDataDir needs a folder without a database: ${dataDir} holds one`)
    mkdirSync(dataDir, { recursive: true })
    // The lock is this process's: the worker thread below is the only opener of the folder inside it.
    release = acquireDirLock(join(dataDir, "xianfeng.lock"))
    try {
      client = await PgliteThread.open({
        dataDir: pgdata,
        ...(options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir }),
      })
    } catch (e) {
      release()
      throw e
    }
  }
  const close = async () => {
    try {
      await client.close()
    } finally {
      release()
    }
  }
  try {
    // drizzle's PGlite driver over the worker thread's stand-in (query, exec, transaction): see pglite-thread.ts.
    const db = drizzlePglite({ client: client as unknown as PGlite, schema: tables })
    if (options.migrate ?? true) {
      await migratePglite(db, { migrationsFolder })
      await runDataMigrations(db as unknown as XfDb)
    }
    const database: Database = {
      db: db as unknown as XfDb,
      driver: "pglite",
      close,
      dumpDataDir: () => client.dumpDataDir(),
    }
    await options.ownerSetup?.(database)
    if (options.role !== undefined) await client.exec(`set role ${roleName(options.role)}`)
    return database
  } catch (e) {
    await close()
    throw e
  }
}

/** `database` with an `auditDb` on a pool of its own, configured as `database.db`'s (`config`), closed with it. */
const withAuditPool = (database: Database, config: pg.PoolConfig, max = 2): Database => {
  const auditPool = new pg.Pool({ ...config, Client: OneAtATimeClient, max })
  auditPool.on("error", (e) => {
    console.warn(
      `database: an idle audit connection was closed by the server (${e.message}); it will be replaced`,
    )
  })
  return {
    ...database,
    auditDb: drizzleNodePg({ client: auditPool, schema: tables }) as unknown as XfDb,
    close: async () => {
      try {
        await auditPool.end()
      } finally {
        await database.close()
      }
    },
  }
}

/** Rows of `db.execute(…)`: both drivers answer `{ rows }`. */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows

/** A cheap liveness probe for health checks. */
export const ping = async (db: XfDb): Promise<boolean> => {
  const rows = rowsOf<{ ok: number }>(await db.execute(sql`select 1 as ok`))
  return rows[0]?.ok === 1
}
