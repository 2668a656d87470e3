import { randomBytes } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import pg from "pg"
import type { TestProject } from "vitest/node"

declare module "vitest" {
  export interface ProvidedContext {
    /** Where this run keeps its loaded demo districts (PGlite dumps), shared by the suites (support.ts). */
    demoSnapshotDir: string
    /** The prefix of this run's template databases on TEST_DATABASE_URL (PostgreSQL's copies of the same). */
    demoTemplatePrefix: string
  }
}

/**
 * Once per run: a folder and a database-name prefix for the demo districts the suites share, so each district
 * (backend, size, seed, day) is generated and written once and every suite starts from a copy of it. Removed,
 * template databases included, when the run ends.
 */
export default function setup(project: TestProject): () => Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "xf-api-demo-"))
  const prefix = `xf_tmpl_${randomBytes(4).toString("hex")}`
  project.provide("demoSnapshotDir", dir)
  project.provide("demoTemplatePrefix", prefix)
  return async () => {
    rmSync(dir, { recursive: true, force: true })
    const admin = process.env.TEST_DATABASE_URL
    if (!admin) return
    const client = new pg.Client({ connectionString: admin })
    await client.connect()
    try {
      const { rows } = await client.query<{ datname: string }>(
        "select datname from pg_database where datname like $1",
        [`${prefix}%`],
      )
      for (const { datname } of rows) await client.query(`drop database if exists ${datname} with (force)`)
    } finally {
      await client.end()
    }
  }
}
