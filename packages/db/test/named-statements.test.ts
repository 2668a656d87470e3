import { sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Database, orgs, rowsOf } from "../src/index.js"
import { executeNamed, executeSqlNamed } from "../src/internal/prepared.js"
import { testBackends } from "../src/testing.js"
import { insertOrgs } from "./support/orgs.js"

// Statements run by name (`executeNamed`, `executeSqlNamed`): node-postgres keeps one parsed statement per name
// on each connection and refuses a second text under a name it knows, so two shapes of one statement must get
// two names; PGlite runs them unnamed. Both answer what the unnamed statement answers.
describe.each(testBackends(process.env.TEST_DATABASE_URL, "xf_named"))("$name", (backend) => {
  let database: Database

  beforeAll(async () => {
    database = await backend.open()
    await insertOrgs(database.db, [
      { id: "d1", kind: "district-committee", name: "区委" },
      { id: "b1", parentId: "d1", kind: "branch", name: "第一支部" },
    ])
  })
  afterAll(async () => {
    await database?.close()
  })

  it("runs two shapes of one statement, each twice, on one connection, under a name per shape", async () => {
    const names = await database.db.transaction(async (tx) => {
      const answers: unknown[] = []
      for (let round = 0; round < 2; round++) {
        for (const kind of ["branch", "district-committee"]) {
          answers.push(
            await executeSqlNamed<{ id: string }>(
              tx,
              "xf_test_orgs",
              sql`select id from orgs where kind = ${kind}`,
            ),
          )
        }
        answers.push(
          await executeSqlNamed<{ id: string }>(
            tx,
            "xf_test_orgs",
            sql`select id from orgs where kind <> ${"branch"} order by id`,
          ),
        )
        answers.push(
          (await executeNamed("xf_test_builder", tx.select({ id: orgs.id }).from(orgs).orderBy(orgs.id))).map(
            (r) => r.id,
          ),
        )
      }
      expect(answers.slice(0, 4)).toEqual([[{ id: "b1" }], [{ id: "d1" }], [{ id: "d1" }], ["b1", "d1"]])
      expect(answers.slice(4)).toEqual(answers.slice(0, 4))
      return rowsOf<{ name: string }>(
        await tx.execute(
          sql`select name from pg_prepared_statements where name like 'xf_test_%' order by name`,
        ),
      ).map((r) => r.name)
    })
    if (backend.name === "pglite") {
      expect(names).toEqual([])
    } else {
      // The first two share a text (the kind is a parameter); the third is another shape of the same base.
      expect(names.filter((n) => n.startsWith("xf_test_orgs_"))).toHaveLength(2)
      expect(names.filter((n) => n.startsWith("xf_test_builder_"))).toHaveLength(1)
    }
  })
})
