import { sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Database, rowsOf } from "../src/database.js"
import { backends } from "./support/backends.js"

// A column its triggers keep (a stored count, the authentication epoch) is written by the triggers alone, which run
// as the owner: the app role (`xianfeng_app`, granted UPDATE on every table by migration 0004) is refused UPDATE of
// it, or one statement of the API could set a count at will and every read after it would trust the count.
// TRIGGER_KEPT lists every such column with the columns of its table the app role may update, all of them, and the
// catalog is checked against it: a migration that adds a trigger-kept column to these tables, or grants the app role
// another of their columns, fails here until the list says so. A table a trigger writes that is in neither list
// below fails too, so the next trigger-kept column is listed deliberately, refused or not.

interface KeptTable {
  readonly table: string
  /** Written by the table's triggers only: the app role may not update them. */
  readonly kept: readonly string[]
  /** Every column of the table the app role may update; none of `kept`. */
  readonly appUpdates: readonly string[]
}

const TRIGGER_KEPT: readonly KeptTable[] = [
  // 0077 counts a survey's branches, 0083 refuses the app role UPDATE of the table (a survey is written once).
  { table: "care_surveys", kept: ["branch_count", "confirmed_count", "branches_elsewhere"], appUpdates: [] },
  // 0086 counts a class's enrolments and attendance rows and grants back every other column: the app closes a
  // class (closed_at, version), the rest is for edits to come.
  {
    table: "education_classes",
    kept: ["enrolled_count", "person_times"],
    appUpdates: [
      "id",
      "org_id",
      "organizer_name",
      "title",
      "audience_kind",
      "audience_value",
      "centralized",
      "closed_at",
      "recorded_by",
      "recorded_at",
      "version",
    ],
  },
  // 0060 and 0063 keep the member counts per organization, stage and status; the app role only reads them.
  { table: "member_org_counts", kept: ["n"], appUpdates: [] },
  // 0045: the authentication epoch, moved by every write that could change what a caller is answered.
  { table: "auth_epoch", kept: ["n"], appUpdates: [] },
  // 0042, 0047, 0056, 0074: the stamps that say a stored answer is stale, bumped by SECURITY DEFINER triggers (the
  // study stamps' org_id filled by 0087's); 0088 refuses the app role every write of them.
  { table: "education_study_stamps", kept: ["stamp", "org_id"], appUpdates: [] },
  { table: "care_dues_stamps", kept: ["stamp"], appUpdates: [] },
  { table: "care_dues_org_stamps", kept: ["stamp", "moved"], appUpdates: [] },
  // 0039's trigger bumps the compliance index's basis stamps; 0089 runs it as the owner and refuses the app role.
  { table: "discipline_basis_stamps", kept: ["stamp", "updated_at"], appUpdates: [] },
]

/**
 * The other tables whose columns triggers keep, which the app role may update today, and why. Stamps and marks
 * (counters that say a stored answer is stale) rather than counts read as facts; moving one here to TRIGGER_KEPT
 * takes a migration that refuses them.
 */
const ALSO_KEPT_BY_TRIGGERS: readonly { table: string; columns: readonly string[]; why: string }[] = [
  // 0067, 0071, 0070: the app writes the rest of each row (saveCalendarIndex, savePipelineIndex), and
  // clearPipelineIndex bumps a pipeline row's marks itself.
  { table: "discipline_calendar_index", columns: ["marks"], why: "the app writes the row" },
  { table: "development_pipeline_index", columns: ["marks"], why: "the app writes the row and bumps marks" },
  // 0078, 0082: the member's organization, which the app writes with the row and the triggers move with the member.
  { table: "development_pipeline_items", columns: ["org_id"], why: "the app writes it with the row" },
  { table: "education_enrolments", columns: ["org_id"], why: "the app writes it with the row" },
  {
    table: "education_study_index",
    columns: ["org_id"],
    why: "the app writes the row; the trigger sets its org_id",
  },
]

describe.each(backends)("the columns triggers keep and the app role on $name", (backend) => {
  let database: Database | undefined
  beforeAll(async () => {
    database = await backend.open()
  })
  afterAll(async () => {
    await database?.close()
  })

  /** Each column of `table` and whether `xianfeng_app` may update it, by the catalog. */
  const privileges = async (table: string) => {
    if (database === undefined) throw new Error("database not open")
    return rowsOf<{ column: string; update: boolean }>(
      await database.db.execute(sql`
        select a.attname as "column", has_column_privilege('xianfeng_app', a.attrelid, a.attnum, 'UPDATE') as update
          from pg_attribute a
         where a.attrelid = to_regclass(${table}) and a.attnum > 0 and not a.attisdropped
         order by a.attnum`),
    )
  }

  it.each(TRIGGER_KEPT)(
    "refuses the app role the kept columns of $table and lets it update the listed others",
    async ({ table, kept, appUpdates }) => {
      const columns = await privileges(table)
      // Not vacuous: the table and its kept columns exist.
      expect(columns.map((c) => c.column)).toEqual(expect.arrayContaining([...kept]))
      expect(columns.filter((c) => kept.includes(c.column) && c.update).map((c) => c.column)).toEqual([])
      expect(
        columns
          .filter((c) => c.update)
          .map((c) => c.column)
          .sort(),
      ).toEqual([...appUpdates].sort())
    },
  )

  it.each(ALSO_KEPT_BY_TRIGGERS)(
    "lets the app role update $columns of $table: $why",
    async ({ table, columns }) => {
      const seen = await privileges(table)
      expect(seen.filter((c) => columns.includes(c.column)).map((c) => [c.column, c.update])).toEqual(
        columns.map((c) => [c, true]),
      )
    },
  )

  it("finds every table a trigger writes in one of the two lists", async () => {
    if (database === undefined) throw new Error("database not open")
    const sources = rowsOf<{ src: string }>(
      await database.db.execute(sql`
        select distinct p.prosrc as src
          from pg_trigger t join pg_proc p on p.oid = t.tgfoid
         where not t.tgisinternal`),
    )
    // The tables the trigger functions' statements write (`UPDATE t`, `INSERT INTO t`; not `DO UPDATE SET`).
    const written = new Set(
      sources.flatMap(({ src }) =>
        [...src.matchAll(/(?<!\b(?:DO|FOR)\s+)\b(?:UPDATE|INSERT\s+INTO)\s+"?([a-z_][a-z0-9_]*)"?/gi)].map(
          (m) => (m[1] as string).toLowerCase(),
        ),
      ),
    )
    expect([...written].sort()).toEqual(
      [...TRIGGER_KEPT.map((t) => t.table), ...ALSO_KEPT_BY_TRIGGERS.map((t) => t.table)].sort(),
    )
  })
})
