/**
 * The demo district in embedded PGlite held in memory, for the small mode's rows that read it in-process
 * (row-level security, study hours): loaded once per run, then each row opens a copy of it.
 */
import { dateOfInstant } from "@xianfeng/core"
import { createIdVault, type Database, keyFromConfig, openDatabase } from "@xianfeng/db"
import { loadDemoDistrict } from "@xianfeng/demo"
import { sql } from "drizzle-orm"
import type { BenchConfig } from "./config.js"
import { ID_KEY, log } from "./context.js"

let loaded: Promise<Blob> | undefined

/** The run's one load of the demo district (`cfg.seed`, `cfg.demoMembers`, as of today), as a PGlite dump. */
const demoDump = (cfg: BenchConfig): Promise<Blob> => {
  loaded ??= (async () => {
    log("load the demo district into PGlite (once, for the rows that read it in-process)")
    const database = await openDatabase({ dataDir: "memory:" })
    try {
      await loadDemoDistrict(database, {
        seed: cfg.seed,
        members: cfg.demoMembers,
        asOf: dateOfInstant(new Date()),
        vault: createIdVault(keyFromConfig(ID_KEY)),
        hashPassword: async (p) => p,
      })
      // A copy then starts without replaying the load's write-ahead log.
      await database.db.execute(sql`checkpoint`)
      const dump = await database.dumpDataDir?.()
      if (dump === undefined) throw new Error("PGlite gave no dump of its data folder")
      return dump
    } finally {
      await database.close()
    }
  })()
  return loaded
}

/** A fresh in-memory copy of the run's demo district (`demoDump`): what a row writes stays in its copy. */
export const demoInMemory = async (cfg: BenchConfig): Promise<Database> =>
  openDatabase({ dataDir: "memory:", loadDataDir: await demoDump(cfg) })
