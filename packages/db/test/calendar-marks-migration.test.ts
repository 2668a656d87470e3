import { date } from "@xianfeng/core"
import { sql } from "drizzle-orm"
import { afterAll, describe, expect, it } from "vitest"
import { rowsOf, staleCalendarBasesOf } from "../src/index.js"
import { folderBeforeMigration, migrationIndex } from "./support/before-migration.js"
import { insertOrgs } from "./support/orgs.js"

// The migrations `discipline_calendar_marks` and `discipline_calendar_marks_triggers` on a database whose calendar
// rows were stored before the marks: each row's head is taken from its basis and the row is left marked, so the
// first read compares every stored basis once, as reads did before — it returns the rows whose basis no longer
// holds, clears the marks of the others, and the read after it rebuilds nothing.
const first = migrationIndex("_discipline_calendar_marks")

/** The organizations both migration tests start from. */
const districtOfTwoBranches = [
  { id: "d1", kind: "district-committee", name: "区委" },
  { id: "b1", parentId: "d1", kind: "branch", name: "第一支部" },
  { id: "b2", parentId: "d1", kind: "branch", name: "第二支部" },
] as const

describe("the calendar marks migrations on pglite, from rows stored before them", () => {
  const folder = folderBeforeMigration(first)
  afterAll(() => folder.remove())

  it("keeps the rows whose basis holds and finds the others stale on the first read", {
    timeout: 300_000,
  }, async () => {
    const old = await folder.openOld()
    try {
      await old.db.transaction(async (tx) => {
        await insertOrgs(tx, districtOfTwoBranches)
        // b1 and b2 each with a stamp of 2026; b1's row stored for it, b2's for an older stamp; d1 current.
        await tx.execute(
          sql`insert into discipline_basis_stamps (org_id, year, stamp) values ('b1', 2026, 1), ('b2', 2026, 2)`,
        )
        await tx.execute(sql`insert into discipline_calendar_index (org_id, basis, evaluated_on, recheck_on) values
          ('d1', 'p1|2025-01-01|0|', '2026-11-30', '2026-12-15'),
          ('b1', 'p1|2025-01-01|0|2026:1', '2026-11-30', '2026-12-15'),
          ('b2', 'p1|2025-01-01|0|2026:1', '2026-11-30', '2026-12-15')`)
      })
    } finally {
      await old.close()
    }
    const migrated = await folder.openMigrated()
    try {
      const rows = async () =>
        rowsOf<{ org_id: string; head: string; marks: number | string; marks_seen: number | string }>(
          await migrated.db.execute(
            sql`select org_id, head, marks, marks_seen from discipline_calendar_index order by org_id`,
          ),
        ).map((r) => [r.org_id, r.head, Number(r.marks), Number(r.marks_seen)])
      expect(await rows()).toEqual([
        ["b1", "p1|2025-01-01", 0, -1],
        ["b2", "p1|2025-01-01", 0, -1],
        ["d1", "p1|2025-01-01", 0, -1],
      ])
      const stale = () =>
        staleCalendarBasesOf(
          migrated.db,
          { orgId: "d1", orgPath: "d1" },
          date("2025-01-01"),
          date("2026-11-30"),
          "p1",
        )
      expect(await stale()).toEqual([
        { id: "b2", kind: "branch", hasCommittee: false, basis: "p1|2025-01-01|0|2026:2", marks: 0 },
      ])
      // d1 and b1 cleared; b2 stays marked until it is evaluated and stored.
      expect(await rows()).toEqual([
        ["b1", "p1|2025-01-01", 0, 0],
        ["b2", "p1|2025-01-01", 0, -1],
        ["d1", "p1|2025-01-01", 0, 0],
      ])
      // The triggers mark from now on: a stamp bumped marks b1.
      await migrated.db.execute(sql`update discipline_basis_stamps set stamp = stamp + 1 where org_id = 'b1'`)
      expect((await stale()).map((r) => [r.id, r.basis])).toEqual([
        ["b1", "p1|2025-01-01|0|2026:2"],
        ["b2", "p1|2025-01-01|0|2026:2"],
      ])
    } finally {
      await migrated.close()
    }
  })
})

// The migration `discipline_calendar_org_marks` on a database with organizations that never had a calendar row
// (no sitting, no full member marked them): each gets a marked row, which the first read evaluates, as the
// anti-join of organizations without a row found them before.
describe("the calendar's organization marks migration on pglite, from organizations without a row", () => {
  const folder = folderBeforeMigration(migrationIndex("_discipline_calendar_org_marks"))
  afterAll(() => folder.remove())

  it("makes a marked row for each organization without one and keeps the others", {
    timeout: 300_000,
  }, async () => {
    const old = await folder.openOld()
    try {
      await old.db.transaction(async (tx) => {
        await insertOrgs(tx, districtOfTwoBranches)
        await tx.execute(sql`insert into discipline_calendar_index (org_id, basis, head, evaluated_on, recheck_on)
          values ('b2', 'p1|2025-01-01|0|', 'p1|2025-01-01', '2026-11-30', '2026-12-15')`)
      })
      expect(
        rowsOf<{ n: number | string }>(
          await old.db.execute(sql`select count(*) as n from discipline_calendar_index`),
        ),
      ).toEqual([{ n: 1 }])
    } finally {
      await old.close()
    }
    const migrated = await folder.openMigrated()
    try {
      const rows = rowsOf<{ org_id: string; basis: string; marked: boolean }>(
        await migrated.db.execute(
          sql`select org_id, basis, marks <> marks_seen as marked from discipline_calendar_index order by org_id`,
        ),
      )
      expect(rows).toEqual([
        { org_id: "b1", basis: "", marked: true },
        { org_id: "b2", basis: "p1|2025-01-01|0|", marked: false },
        { org_id: "d1", basis: "", marked: true },
      ])
      const stale = await staleCalendarBasesOf(
        migrated.db,
        { orgId: "d1", orgPath: "d1" },
        date("2025-01-01"),
        date("2026-11-30"),
        "p1",
      )
      expect(stale.map((r) => r.id)).toEqual(["d1", "b1"])
    } finally {
      await migrated.close()
    }
  })
})
