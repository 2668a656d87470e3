import { dateOfInstant } from "@xianfeng/core"
import {
  createIdVault,
  type Database,
  keyFromConfig,
  loadDevelopmentPolicy,
  loadOrCreateKey,
  openDatabase,
} from "@xianfeng/db"
import { isEmpty, loadDemoDistrict } from "@xianfeng/demo"
import { createApp } from "./app.js"
import { hashPassword } from "./auth/passwords.js"
import type { Config } from "./config.js"
import type { Deps } from "./deps.js"
import { indexDemoPipeline } from "./routes/development/pipeline-index.js"

export interface System {
  readonly app: ReturnType<typeof createApp>
  readonly deps: Deps
  readonly database: Database
  /** Whether this start loaded the demo district into an empty database. */
  readonly loadedDemo: boolean
  close(): Promise<void>
}

/**
 * Opens the database (PGlite in `dataDir`, or PostgreSQL at `databaseUrl`), runs migrations, loads the demo
 * district into an empty database, and builds the app.
 */
export const startSystem = async (config: Config, now: () => Date = () => new Date()): Promise<System> => {
  const database = await openDatabase({
    ...(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir }),
    poolMax: config.poolSize,
  })
  try {
    const key = config.idKey
      ? keyFromConfig(config.idKey)
      : config.dataDir === "memory:"
        ? crypto.getRandomValues(new Uint8Array(32))
        : loadOrCreateKey(config.dataDir)
    const vault = createIdVault(key)
    let loadedDemo = false
    if (config.demoMembers > 0 && (await isEmpty(database.db))) {
      await loadDemoDistrict(database, {
        seed: config.demoSeed,
        members: config.demoMembers,
        // Generated as of today in the district, so the demo never shows a year of overdue steps.
        asOf: dateOfInstant(now()),
        vault,
        hashPassword,
      })
      loadedDemo = true
      // The pipeline index of the new district, as of the same day the demo was generated for.
      const today = dateOfInstant(now())
      const { policy } = await loadDevelopmentPolicy(database.db, "d1")
      await indexDemoPipeline(database.db, today, policy)
    }
    const deps: Deps = { db: database.db, vault, config, now }
    return { app: createApp(deps), deps, database, loadedDemo, close: () => database.close() }
  } catch (e) {
    await database.close()
    throw e
  }
}
