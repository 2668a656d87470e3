import { afterAll, beforeAll, describe } from "vitest"
import type { Database } from "../src/database.js"
import { auditSuite } from "./suite/audit.js"
import { developmentSuite } from "./suite/development.js"
import { memberSuite } from "./suite/members.js"
import { migrationSuite } from "./suite/migrations.js"
import { orgTreeSuite } from "./suite/org-tree.js"
import { backends } from "./support/backends.js"

// One suite, written once, run on every backend available: PGlite always, PostgreSQL when
// TEST_DATABASE_URL is set (each run in a database of its own, dropped afterwards).
describe.each(backends)("$name", (backend) => {
  let database: Database | undefined
  beforeAll(async () => {
    database = await backend.open()
  })
  afterAll(async () => {
    await database?.close()
  })
  const ctx = {
    name: backend.name,
    database: () => {
      if (database === undefined) throw new Error("database not open")
      return database
    },
  }
  migrationSuite(ctx)
  orgTreeSuite(ctx)
  memberSuite(ctx)
  developmentSuite(ctx)
  auditSuite(ctx) // last: it tampers with the log
})
