import { sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { pipelineStages } from "../src/development/pipeline.js"
import { type Database, rowsOf } from "../src/index.js"
import { testBackends } from "../src/testing.js"

// `members_pipeline_idx` (migration `members_pipeline_idx`) serves the pipeline's reads only while its predicate
// names exactly the pipeline's stages, and the marks' triggers (custom migration
// `development_pipeline_marks_triggers`) keep a row for exactly the pipeline's people: both spell the stages out
// (SQL cannot import `pipelineStages`), so this checks they agree with it.
describe.each(testBackends(process.env.TEST_DATABASE_URL, "xf_pipeidx"))("$name", (backend) => {
  let database: Database
  beforeAll(async () => {
    database = await backend.open()
  })
  afterAll(async () => {
    await database.close()
  })

  it("indexes the members of normal standing in exactly the pipeline's stages", async () => {
    const [def] = rowsOf<{ d: string }>(
      await database.db.execute(
        sql`select indexdef as d from pg_indexes where indexname = 'members_pipeline_idx'`,
      ),
    )
    expect(def?.d).toMatch(/\(id, version, org_id\)/)
    expect(def?.d).toMatch(/status = 'normal'/)
    const named = [...(def?.d ?? "").matchAll(/'([a-z-]+)'::text/g)]
      .map((m) => m[1])
      .filter((s) => s !== "normal")
    expect(named.sort()).toEqual([...pipelineStages].sort())
  })

  it("marks the index rows of exactly the pipeline's stages", async () => {
    const [fn] = rowsOf<{ d: string }>(
      await database.db.execute(sql`select pg_get_functiondef('xf_development_pipeline_mark'::regproc) as d`),
    )
    const lists = [...(fn?.d ?? "").matchAll(/stage IN \(([^)]*)\)/g)].map((m) =>
      [...(m[1] ?? "").matchAll(/'([a-z-]+)'/g)].map((x) => x[1]).sort(),
    )
    expect(lists).toHaveLength(2)
    for (const named of lists) expect(named).toEqual([...pipelineStages].sort())
  })
})
