import { dateOfInstant } from "@xianfeng/core"
import {
  AUDIT_LANES,
  analyzeIfNeverAnalyzed,
  createAuditAppender,
  createIdVault,
  type Database,
  type IdVault,
  keyFromConfig,
  loadOrCreateKey,
  openDatabase,
  writeAuditHeads,
  type XfDb,
} from "@xianfeng/db"
import { demoLoadProgress, isEmpty, loadDemoDistrict } from "@xianfeng/demo"
import { createApp } from "./app.js"
import { hashPassword } from "./auth/passwords.js"
import type { Config } from "./config.js"
import { indexDemoDistrict } from "./demo-index.js"
import type { Deps } from "./deps.js"

export interface System {
  readonly app: ReturnType<typeof createApp>
  readonly deps: Deps
  readonly database: Database
  /** Whether this start loaded the demo district into an empty database. */
  readonly loadedDemo: boolean
  close(): Promise<void>
}

/** What a start may be given beyond the configuration (tests). */
export interface StartOptions {
  /**
   * With `dataDir: "memory:"`: the database starts from this dump of a data folder
   * (`system.database.dumpDataDir()`), e.g. one with the demo district already loaded; `config.idKey` must then
   * be the key its ID numbers were encrypted with.
   */
  readonly loadDataDir?: Blob
}

/**
 * Opens the database (PGlite in `dataDir`, or PostgreSQL at `databaseUrl`), runs migrations, loads the demo
 * district into an empty database, and builds the app.
 */
export const startSystem = async (
  config: Config,
  now: () => Date = () => new Date(),
  options: StartOptions = {},
): Promise<System> => {
  let vault: IdVault | undefined
  let loadedDemo = false
  // The demo load is system work: it runs as the owner, before the API's queries take `databaseRole`.
  const database = await openDatabase({
    ...(config.databaseUrl
      ? config.databaseOwnerUrl
        ? { url: config.databaseOwnerUrl, appUrl: config.databaseUrl }
        : { url: config.databaseUrl }
      : { dataDir: config.dataDir }),
    ...(options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir }),
    poolMax: config.poolSize,
    ...(config.databaseRole ? { role: config.databaseRole } : {}),
    ownerSetup: async (owner) => {
      // After the open, which made the data folder and took its lock.
      vault = createIdVault(
        config.idKey
          ? keyFromConfig(config.idKey)
          : config.dataDir === "memory:"
            ? crypto.getRandomValues(new Uint8Array(32))
            : loadOrCreateKey(config.dataDir),
      )
      if (config.demoMembers > 0 && (await isEmpty(owner.db))) {
        await loadDemoDistrict(owner, {
          seed: config.demoSeed,
          members: config.demoMembers,
          // Generated as of today in the district, so the demo never shows a year of overdue steps.
          asOf: dateOfInstant(now()),
          vault,
          hashPassword,
          // A first start on an empty folder loads for minutes: say so, and show progress (on stderr).
          onProgress: demoLoadProgress(
            (line) => console.error(line),
            `the demo district (seed ${config.demoSeed})`,
            config.databaseUrl ? 400 : 140,
          ),
        })
        loadedDemo = true
        // Its stored answers (pipeline index, compliance calendar, dues standings), as of the same day the demo
        // was generated for, so the first reads need not evaluate the district.
        await indexDemoDistrict(owner.db, dateOfInstant(now()))
      }
      // Statistics for the planner once there is data: PGlite never gathers them by itself.
      await analyzeIfNeverAnalyzed(owner.db)
    },
  })
  try {
    if (vault === undefined) throw new Error("the database opened without its owner setup")
    // On a pool of its own where there is one (PostgreSQL): audit batches never queue behind requests there.
    // The server's processes each start on lanes of their own (two batches in flight each): see `firstLane`.
    const auditAppender = createAuditAppender(database.auditDb ?? database.db, {
      ...(config.processIndex === undefined ? {} : { firstLane: (config.processIndex * 2) % AUDIT_LANES }),
    })
    const deps: Deps = { db: database.db, vault, config, now, auditAppender }
    const stopHeads = exportAuditHeads(database.db, config)
    const close = async () => {
      try {
        await auditAppender.close()
        await stopHeads()
      } finally {
        await database.close()
      }
    }
    return { app: createApp(deps), deps, database, loadedDemo, close }
  } catch (e) {
    await database.close()
    throw e
  }
}

/**
 * Writes the audit log's lane heads to `auditHeadsFile` every `auditHeadsSeconds` and once more when stopped, so
 * a copy outside the database shows when a lane's newest rows are deleted (`pnpm audit:verify --heads FILE`).
 * A failed write is reported and retried at the next interval; it never stops the API.
 */
const exportAuditHeads = (db: XfDb, config: Config): (() => Promise<void>) => {
  const file = config.auditHeadsFile
  if (file === undefined) return async () => {}
  const write = () =>
    writeAuditHeads(db, file).then(
      () => undefined,
      (e: unknown) =>
        console.error(`could not write the audit heads to ${file}: ${e instanceof Error ? e.message : e}`),
    )
  let running = write()
  const timer = setInterval(() => {
    running = running.then(write)
  }, config.auditHeadsSeconds * 1000)
  timer.unref()
  return async () => {
    clearInterval(timer)
    await running
    await write()
  }
}
