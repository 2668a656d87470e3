import { date } from "@xianfeng/core"
import { sql } from "drizzle-orm"
import { afterAll, describe, expect, it } from "vitest"
import { rowsOf } from "../src/database.js"
import { calendarDeadlinesOf, insertMember, pipelineDeadlinesOf } from "../src/index.js"
import { testVault } from "./suite/context.js"
import { folderBeforeMigration, migrationIndex } from "./support/before-migration.js"
import { insertOrgs } from "./support/orgs.js"

// The agenda's due-items migrations fill the new tables from the stored jsonb an existing database holds (a
// province's calendars and pipeline), so the first agenda read after the upgrade finds every stored answer.

const first = migrationIndex("_agenda_due_items")

describe("the agenda due-items migrations on pglite", () => {
  const folder = folderBeforeMigration(first)
  afterAll(() => folder.remove())

  it("backfills the calendar's and the pipeline's due items from their stored jsonb", async () => {
    const old = await folder.openOld()
    let memberId = ""
    try {
      await old.db.transaction(async (tx) => {
        await insertOrgs(tx, [
          { id: "d1", kind: "district-committee", name: "区委" },
          { id: "b1", parentId: "d1", kind: "branch", name: "第一支部" },
        ])
        const m = await insertMember(tx, testVault, {
          orgId: "b1",
          name: "甲",
          sex: "female",
          birthDate: date("2000-01-01"),
          ethnicity: "01",
          education: "21",
          occupationGroup: "worker",
          stage: "activist",
        })
        memberId = m.id
      })
      const item = (obligation: string, dueBy: string) => ({
        obligation,
        period: "2026-Q4",
        periodStart: "2026-10-01",
        periodEnd: "2026-12-31",
        status: "due",
        dueBy,
        citations: [{ document: "BR", article: "9" }],
      })
      const items = [item("party-lecture", "2026-12-20"), item("general-meeting", "2026-12-05")]
      await old.db.execute(sql`insert into discipline_calendar_index (org_id, basis, evaluated_on, recheck_on, items)
        values ('b1', 'x', '2026-11-30', '2026-12-15', ${JSON.stringify(items)}::jsonb),
               ('d1', 'x', '2026-11-30', '2026-12-15', '[]'::jsonb)`)
      const steps = [
        { step: "activist-decision", state: "overdue", dueBy: "2026-12-02" },
        { step: "assessment", state: "due", dueBy: "2027-03-01" },
      ]
      await old.db.execute(sql`insert into development_pipeline_index (member_id, member_version, evaluated_on, recheck_on, items)
        values (${memberId}, 1, '2026-11-30', '2026-12-15', ${JSON.stringify(steps)}::jsonb)`)
    } finally {
      await old.close()
    }
    const migrated = await folder.openMigrated()
    try {
      const district = { orgId: "d1", orgPath: "d1" }
      const cal = await calendarDeadlinesOf(migrated.db, district, date("2026-12-01"), date("2027-12-31"), 10)
      expect(cal.map((i) => [i.orgId, i.obligation, i.dueBy])).toEqual([
        ["b1", "general-meeting", "2026-12-05"],
        ["b1", "party-lecture", "2026-12-20"],
      ])
      expect(cal[0]).toMatchObject({
        periodStart: "2026-10-01",
        citations: [{ document: "BR", article: "9" }],
      })
      const ordinals = rowsOf<{ ordinal: number }>(
        await migrated.db.execute(sql`select ordinal from discipline_calendar_items order by due_by`),
      )
      expect(ordinals.map((o) => Number(o.ordinal))).toEqual([1, 0])
      const dev = await pipelineDeadlinesOf(migrated.db, district, date("2026-12-01"), date("2027-12-31"), 10)
      expect(dev.map((r) => [r.name, r.step, r.state, r.dueBy])).toEqual([
        ["甲", "activist-decision", "overdue", "2026-12-02"],
        ["甲", "assessment", "due", "2027-03-01"],
      ])
      // The steps carry the member's organization (0078), so a subtree finds them too.
      const b1 = { orgId: "b1", orgPath: "d1.b1" }
      const branch = await pipelineDeadlinesOf(migrated.db, b1, date("2026-12-01"), date("2027-12-31"), 10)
      expect(branch.map((r) => [r.orgId, r.step])).toEqual([
        ["b1", "activist-decision"],
        ["b1", "assessment"],
      ])
      // The calendar's jsonb went with the backfill; the pipeline's stays (the board reads it).
      const columns = rowsOf<{ table_name: string }>(
        await migrated.db.execute(sql`select table_name from information_schema.columns
          where column_name = 'items' and table_name in ('discipline_calendar_index', 'development_pipeline_index')`),
      )
      expect(columns.map((c) => c.table_name)).toEqual(["development_pipeline_index"])
    } finally {
      await migrated.close()
    }
  }, 900_000)
})
