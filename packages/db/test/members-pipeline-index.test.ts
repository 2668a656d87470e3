import { sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { pipelineStages } from "../src/development/pipeline.js"
import { type Database, rowsOf } from "../src/index.js"
import { testBackends } from "../src/testing.js"

// `members_pipeline_idx` (migration `members_pipeline_idx`) serves `stalePipelinePeople` only while its predicate
// names exactly the pipeline's stages: the schema spells them out (it cannot import `pipelineStages`), so this
// checks the two agree.
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
})
