import { randomBytes } from "node:crypto"
import { createIdVault, type Database, openDatabase } from "@xianfeng/db"
import pg from "pg"

// The test plumbing of @xianfeng/db's shared suite (packages/db/test/support/backends.ts), for the load.

/** A backend the load runs on, as drizzle's integration tests do. */
export interface Backend {
  readonly name: "pglite" | "postgres"
  /** A fresh, migrated database; `close` also drops it. */
  open(): Promise<Database>
}

const pglite: Backend = { name: "pglite", open: () => openDatabase({ dataDir: "memory:" }) }

/** Each open creates its own database on the server, so parallel files and other packages never meet. */
const postgres = (url: string): Backend => ({
  name: "postgres",
  open: async () => {
    const name = `xf_demo_test_${randomBytes(6).toString("hex")}`
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create database ${name}`)
    await admin.end()
    const target = new URL(url)
    target.pathname = `/${name}`
    const database = await openDatabase({ url: target.toString(), poolMax: 4 })
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

/** PGlite always, PostgreSQL when TEST_DATABASE_URL is set (each run in a database of its own, dropped after). */
export const backends: readonly Backend[] = [
  pglite,
  ...(process.env.TEST_DATABASE_URL ? [postgres(process.env.TEST_DATABASE_URL)] : []),
]

export const testVault = createIdVault(new Uint8Array(32).fill(7))
