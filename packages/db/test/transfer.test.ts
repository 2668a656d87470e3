import { date, isWorkingDay, parseYearSchedule } from "@xianfeng/core"
import { eq, sql } from "drizzle-orm"
import { Result } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type Database,
  insertMember,
  listMembersInScope,
  memberSearchKeysV2,
  members,
  runDataMigrations,
  saveCalendarYear,
  workingCalendarOf,
} from "../src/index.js"
import { testBackends } from "../src/testing.js"
import { testVault } from "./suite/context.js"
import { insertOrgs } from "./support/orgs.js"

const person = (name: string) => ({
  orgId: "t_b",
  name,
  sex: "female" as const,
  birthDate: date("1990-01-01"),
  ethnicity: "01",
  education: "21",
  occupationGroup: "worker",
  stage: "full" as const,
})

describe.each(testBackends(process.env.TEST_DATABASE_URL, "xf_transfer"))("$name", (backend) => {
  let database: Database
  const scope = { orgId: "t_d", orgPath: "t_d" }
  beforeAll(async () => {
    database = await backend.open()
    await database.db.transaction(async (tx) => {
      await insertOrgs(tx, [
        { id: "t_d", kind: "district-committee", name: "区委" },
        { id: "t_b", parentId: "t_d", kind: "branch", name: "支部" },
      ])
      for (const name of ["阿依古丽.买买提", "𠮷田花子", "单于丹", "张三"])
        await insertMember(tx, testVault, person(name))
    })
  }, 180_000)
  afterAll(async () => {
    await database.close()
  })

  const find = async (q: string) =>
    (await listMembersInScope(database.db, scope, { q, page: 1, pageSize: 20 })).rows.map((r) => r.name)

  it("stores a name typed with `.` with the middle dot", async () => {
    expect(await find("阿依古丽")).toEqual(["阿依古丽·买买提"])
  })

  it.each([
    "阿依古丽·买买提",
    "阿依古丽买买提",
    "阿依古丽.买买提",
    "阿依古丽•买买提",
    "阿依古丽・买买提",
    "阿依古丽．买买提",
    "阿依古丽 买买提",
    "ayiguli·maimaiti",
    "ayigulimaimaiti",
    "AYGL",
  ])("the search %s finds 阿依古丽·买买提", async (q) => {
    expect(await find(q)).toEqual(["阿依古丽·买买提"])
  })

  it("finds 𠮷田花子 by the character, by pinyin and by initials", async () => {
    expect(await find("𠮷田")).toEqual(["𠮷田花子"])
    expect(await find("jitian")).toEqual(["𠮷田花子"])
    expect(await find("jthz")).toEqual(["𠮷田花子"])
  })

  it("finds 单于丹 by the compound surname's reading chanyu, not shanyu", async () => {
    expect(await find("chanyu")).toEqual(["单于丹"])
    expect(await find("shanyu")).toEqual([])
  })

  it("the search-keys data migration recomputes keys stored by the old rules, and runs once", async () => {
    await database.db.execute(
      sql`update members set name_pinyin = 'tianhuazi', name_initials = 'thz' where name = '𠮷田花子'`,
    )
    await database.db.execute(sql`delete from data_migrations where name = ${memberSearchKeysV2.name}`)
    expect(await runDataMigrations(database.db)).toEqual([memberSearchKeysV2.name])
    const [row] = await database.db.select().from(members).where(eq(members.name, "𠮷田花子"))
    expect([row?.namePinyin, row?.nameInitials]).toEqual(["jitianhuazi", "jthz"])
    expect(await runDataMigrations(database.db)).toEqual([])
  })

  it("a year the district loads becomes known; until then it stays unknown", async () => {
    expect(isWorkingDay(date("2027-01-04"), await workingCalendarOf(database.db))._tag).toBe("Unknown")
    const schedule = parseYearSchedule({
      year: 2027,
      notice: "国办发明电〔2026〕9号",
      holidays: { "2027-01-01": "元旦", "2027-01-02": "元旦", "2027-01-03": "元旦" },
      makeUpWorkdays: ["2027-01-09"],
    })
    if (Result.isFailure(schedule)) throw new Error(schedule.failure.message)
    await saveCalendarYear(database.db, schedule.success)
    const calendar = await workingCalendarOf(database.db)
    expect(isWorkingDay(date("2027-01-01"), calendar)).toEqual({ _tag: "Known", value: false })
    expect(isWorkingDay(date("2027-01-09"), calendar)).toEqual({ _tag: "Known", value: true })
    expect(isWorkingDay(date("2027-01-04"), calendar)).toEqual({ _tag: "Known", value: true })
  })
})
