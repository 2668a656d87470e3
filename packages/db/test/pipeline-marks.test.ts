import { date } from "@xianfeng/core"
import { sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  clearPipelineIndex,
  type Database,
  type PipelineIndexEntry,
  rowsOf,
  type Scope,
  savePipelineIndex,
  stalePipelinePeople,
} from "../src/index.js"
import { insertMember, type MemberInput } from "../src/platform/members.js"
import type { MemberStage } from "../src/schema/index.js"
import { testBackends } from "../src/testing.js"
import { testVault } from "./suite/context.js"
import { folderBeforeMigration, migrationIndex } from "./support/before-migration.js"
import { insertOrgs } from "./support/orgs.js"

// The development pipeline's marks (custom migration `development_pipeline_marks_triggers`): the triggers on
// `members` give every person of the pipeline an index row and mark it when the person is written at another
// version; `stalePipelinePeople` finds the stale through indexes, and `savePipelineIndex` stores against the marks
// the check read, so a write between the two leaves the row marked.

const district: Scope = { orgId: "pm_d", orgPath: "pm_d" }
const districtOfOneBranch = [
  { id: "pm_d", kind: "district-committee", name: "区委" },
  { id: "pm_b", parentId: "pm_d", kind: "branch", name: "一支部" },
] as const
const today = date("2026-11-30")
const person = (name: string, stage: MemberStage, more: Partial<MemberInput> = {}): MemberInput => ({
  orgId: "pm_b",
  name,
  sex: "male",
  birthDate: date("1998-03-01"),
  ethnicity: "01",
  education: "21",
  occupationGroup: "worker",
  stage,
  ...more,
})

/** What the refresh stores for the stale people: an empty row good for 30 days, against the marks it read. */
const storeStale = async (db: Database["db"], day = today) => {
  const { people } = await stalePipelinePeople(db, district, district.orgPath, day)
  await savePipelineIndex(
    db,
    people.map(
      (p): PipelineIndexEntry => ({
        memberId: p.id,
        memberVersion: p.version,
        evaluatedOn: day,
        recheckOn: day.add({ days: 30 }),
        items: [],
        marksSeen: p.marks,
      }),
    ),
  )
  return people.map((p) => p.name).sort()
}

describe.each(testBackends(process.env.TEST_DATABASE_URL, "xf_pipemarks"))("$name", (backend) => {
  let database: Database
  const ids: Record<string, string> = {}
  const stale = async (day = today) =>
    (await stalePipelinePeople(database.db, district, district.orgPath, day)).people.map((p) => p.name).sort()
  const setMember = (name: string, set: ReturnType<typeof sql>) =>
    database.db.execute(sql`update members set ${set} where id = ${ids[name] ?? ""}`)
  const indexRow = async (name: string) => {
    const [r] = rowsOf<{ marks: string | number; marks_seen: string | number; recheck_on: string }>(
      await database.db.execute(
        sql`select marks, marks_seen, recheck_on::text from development_pipeline_index where member_id = ${ids[name] ?? ""}`,
      ),
    )
    return r === undefined
      ? undefined
      : { marked: Number(r.marks) !== Number(r.marks_seen), recheckOn: r.recheck_on }
  }

  beforeAll(async () => {
    database = await backend.open()
    await database.db.transaction(async (tx) => {
      await insertOrgs(tx, districtOfOneBranch)
      for (const p of [
        person("甲", "applicant"),
        person("乙", "activist"),
        person("丙", "full", { admittedOn: date("2020-06-01"), fullMemberOn: date("2021-06-01") }),
        person("丁", "activist", { status: "lost-contact" }),
      ])
        ids[p.name] = (await insertMember(tx, testVault, p)).id
    })
  })
  afterAll(async () => {
    await database.close()
  })

  it("gives every person written into the pipeline a marked row, and only them", async () => {
    expect(await indexRow("甲")).toEqual({ marked: true, recheckOn: expect.any(String) })
    expect(await indexRow("乙")).toMatchObject({ marked: true })
    // A full member and a member not in normal standing are not of the pipeline.
    expect(await indexRow("丙")).toBeUndefined()
    expect(await indexRow("丁")).toBeUndefined()
    expect(await stale()).toEqual(["乙", "甲"].sort())
    expect(await storeStale(database.db)).toEqual(["乙", "甲"].sort())
    expect(await stale()).toEqual([])
    // Until a row's recheck day comes, or a clock set back before its evaluation.
    expect(await stale(today.add({ days: 30 }))).toEqual(["乙", "甲"].sort())
    expect(await stale(today.subtract({ days: 1 }))).toEqual(["乙", "甲"].sort())
  })

  it("marks a person written at another version, not one written at the same", async () => {
    await setMember("甲", sql`version = version + 1, name = '甲'`)
    await setMember("乙", sql`name = '乙'`)
    expect(await stale()).toEqual(["甲"])
    expect(await storeStale(database.db)).toEqual(["甲"])
    expect(await stale()).toEqual([])
  })

  it("leaves the row marked when the person is written between the check and the store", async () => {
    await setMember("甲", sql`version = version + 1`)
    const { people } = await stalePipelinePeople(database.db, district, district.orgPath, today)
    expect(people.map((p) => p.name)).toEqual(["甲"])
    // The write lands after the check read the person and before the evaluation is stored.
    await setMember("甲", sql`version = version + 1`)
    await savePipelineIndex(
      database.db,
      people.map((p) => ({
        memberId: p.id,
        memberVersion: p.version,
        evaluatedOn: today,
        recheckOn: today.add({ days: 30 }),
        items: [],
        marksSeen: p.marks,
      })),
    )
    expect(await stale()).toEqual(["甲"])
    expect(await storeStale(database.db)).toEqual(["甲"])
    expect(await stale()).toEqual([])
  })

  it("puts aside the row of someone who leaves the pipeline, and marks it when they come back", async () => {
    await setMember("乙", sql`version = version + 1, status = 'lost-contact'`)
    expect(await indexRow("乙")).toEqual({ marked: false, recheckOn: "9999-12-31" })
    // Neither a mark nor any recheck day lists them.
    expect(await stale(today.add({ days: 400 }))).toEqual(["甲"])
    await setMember("乙", sql`version = version + 1, status = 'normal'`)
    expect(await indexRow("乙")).toMatchObject({ marked: true })
    expect(await stale()).toEqual(["乙"])
    expect(await storeStale(database.db)).toEqual(["乙"])
    // Brought into the pipeline by a write (丁 found again): a row, marked.
    await setMember("丁", sql`version = version + 1, status = 'normal'`)
    expect(await stale()).toEqual(["丁"])
    await storeStale(database.db)
  })

  it("stores a writer's own evaluation unmarked, and puts it aside when the step took the person out", async () => {
    await setMember("甲", sql`version = version + 1`)
    const [v] = rowsOf<{ version: number }>(
      await database.db.execute(sql`select version from members where id = ${ids.甲 ?? ""}`),
    )
    // As recording a step does: the member written, then evaluated and stored in the same transaction.
    await savePipelineIndex(database.db, [
      {
        memberId: ids.甲 ?? "",
        memberVersion: Number(v?.version),
        evaluatedOn: today,
        recheckOn: today.add({ days: 10 }),
        items: [],
      },
    ])
    expect(await indexRow("甲")).toEqual({ marked: false, recheckOn: "2026-12-10" })
    expect(await stale()).toEqual([])
    // A step that made 乙 a full member: the writer stores its evaluation after the write, and the row goes aside.
    await database.db.transaction(async (tx) => {
      await tx.execute(
        sql`update members set version = version + 1, stage = 'full' where id = ${ids.乙 ?? ""}`,
      )
      await savePipelineIndex(tx, [
        {
          memberId: ids.乙 ?? "",
          memberVersion: 99,
          evaluatedOn: today,
          recheckOn: today.add({ days: 10 }),
          items: [],
        },
      ])
    })
    expect(await indexRow("乙")).toEqual({ marked: false, recheckOn: "9999-12-31" })
    expect(await stale(today.add({ days: 400 }))).toEqual(["丁", "甲"].sort())
  })

  it("deletes a person's row with the person (a derived row never blocks a delete)", async () => {
    const [extra] = await database.db.transaction(async (tx) => [
      await insertMember(tx, testVault, person("戌", "applicant")),
    ])
    expect((await stale()).includes("戌")).toBe(true)
    await database.db.execute(sql`delete from members where id = ${extra?.id ?? ""}`)
    const [left] = rowsOf<{ n: number | string }>(
      await database.db.execute(
        sql`select count(*) as n from development_pipeline_index where member_id = ${extra?.id ?? ""}`,
      ),
    )
    expect(Number(left?.n)).toBe(0)
  })

  it("forgets the district's answers when its policy changes: its rows marked, kept, those put aside left", async () => {
    expect(await stale()).toEqual([])
    await clearPipelineIndex(database.db, "pm_d")
    expect(await stale()).toEqual(["丁", "甲"].sort())
    expect(await indexRow("乙")).toEqual({ marked: false, recheckOn: "9999-12-31" })
    expect(await storeStale(database.db)).toEqual(["丁", "甲"].sort())
    expect(await stale()).toEqual([])
  })
})

// The migrations `development_pipeline_marks` and `development_pipeline_marks_triggers` on a database whose index
// rows were stored before the marks: a row for another version than its member's is marked, a person of the
// pipeline without a row gets a marked one, and the row of someone no longer in the pipeline is put aside.
describe("the pipeline marks migrations on pglite, from rows stored before them", () => {
  const folder = folderBeforeMigration(migrationIndex("_development_pipeline_marks"))
  afterAll(() => folder.remove())

  it("finds stale on the first read exactly the rows the version comparison found", {
    timeout: 300_000,
  }, async () => {
    const old = await folder.openOld()
    const made: Record<string, string> = {}
    try {
      await old.db.transaction(async (tx) => {
        await insertOrgs(tx, districtOfOneBranch)
        for (const p of [
          person("holds", "applicant"),
          person("moved", "activist"),
          person("none", "activist"),
          person("left", "full", { admittedOn: date("2020-06-01"), fullMemberOn: date("2021-06-01") }),
        ])
          made[p.name] = (await insertMember(tx, testVault, p)).id
        for (const name of ["holds", "moved", "left"])
          await tx.execute(sql`insert into development_pipeline_index (member_id, member_version, evaluated_on, recheck_on)
            select id, version, '2026-11-30', '2026-12-15' from members where id = ${made[name] ?? ""}`)
        await tx.execute(sql`update members set version = version + 1 where id = ${made.moved ?? ""}`)
      })
    } finally {
      await old.close()
    }
    const migrated = await folder.openMigrated()
    try {
      const rows = async () =>
        Object.fromEntries(
          rowsOf<{ id: string; marked: boolean; recheck_on: string }>(
            await migrated.db.execute(sql`select member_id as id, marks <> marks_seen as marked, recheck_on::text
              from development_pipeline_index`),
          ).map((r) => [Object.keys(made).find((k) => made[k] === r.id), [r.marked, r.recheck_on]]),
        )
      expect(await rows()).toEqual({
        holds: [false, "2026-12-15"],
        moved: [true, "2026-12-15"],
        none: [true, expect.any(String)],
        left: [false, "9999-12-31"],
      })
      const stale = await stalePipelinePeople(migrated.db, district, district.orgPath, today)
      expect(stale.people.map((p) => p.name).sort()).toEqual(["moved", "none"])
    } finally {
      await migrated.close()
    }
  })
})
