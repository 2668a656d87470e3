import { date } from "@xianfeng/core"
import { sql } from "drizzle-orm"
import { numeric, pgTable } from "drizzle-orm/pg-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type Database,
  insertMember,
  listMembersAtEpoch,
  listMembersInScope,
  memberInScope,
  memberInScopeAtEpoch,
  members,
  NotInScope,
  orgs,
  rowsOf,
  type Scope,
  sessions,
} from "../src/index.js"
import { wholeRowsAsJson } from "../src/internal/whole-rows.js"
import { testBackends } from "../src/testing.js"
import { testVault } from "./suite/context.js"
import { seedTwoCommittees } from "./support/two-committees.js"

// The one-statement member page reads its rows as one JSON text (`wholeRowsAsJson`). Each value must come back
// as the ordinary query's: names with quotes, backslashes, line breaks and characters outside the Basic
// Multilingual Plane, nulls, dates (compared by their text: two PlainDates compare equal as objects whatever
// their day), in the page's order, and no member row for a page past the end. The one member read
// (`memberInScopeAtEpoch`) reads its member the same way, timestamps included.

const district: Scope = { orgId: "d1", orgPath: "d1" }

describe.each(testBackends(process.env.TEST_DATABASE_URL, "xf_whole_rows_json"))(
  "a member page, and one member, read as one JSON text on $name",
  (backend) => {
    let database: Database
    beforeAll(async () => {
      database = await backend.open()
      await database.db.transaction(async (tx) => {
        await seedTwoCommittees(tx, { inB1: ["张一", "李二"], inB2: "赵四", birthDate: date("1960-02-29") })
        for (const [name, phone, birth] of [
          ['王"三', "13800001111", "1999-12-31"],
          ["𠮷田\\太郎", null, "1970-01-01"],
          ["阿依古丽·买买提\n", "", "2000-02-29"],
        ] as const)
          await insertMember(tx, testVault, {
            orgId: "b1",
            name,
            sex: "female",
            birthDate: date(birth),
            ethnicity: "01",
            education: "21",
            occupationGroup: "worker",
            stage: "activist",
            ...(phone === null ? {} : { phone }),
          })
      })
    }, 300_000)
    afterAll(async () => {
      await database?.close()
    })

    it("gives every field of every row as the ordinary query does, in its order", async () => {
      const [e] = rowsOf<{ n: string }>(await database.db.execute(sql`select n::text as n from auth_epoch`))
      const at = { orgPath: "d1", epoch: e?.n ?? "" }
      const texts = (rows: readonly Record<string, unknown>[]) =>
        rows.map((r) =>
          Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : String(v)])),
        )
      for (const [pageSize, page] of [
        [50, 1],
        [2, 2],
        [3, 1],
        [50, 9],
      ] as const) {
        const json = await listMembersAtEpoch(database.db, at, { orgId: "b1", page, pageSize })
        const ordinary = await listMembersInScope(database.db, district, {
          within: "d1.c01.b1",
          page,
          pageSize,
        })
        expect(texts(json.rows as never), `${pageSize} × ${page}`).toEqual(texts(ordinary.rows as never))
        expect(json.total).toBe(5)
        if (page === 9) expect(json.rows).toEqual([])
      }
      const all = await listMembersAtEpoch(database.db, at, { orgId: "b1", page: 1, pageSize: 50 })
      expect(all.rows.map((r) => r.name)).toContain("𠮷田\\太郎")
      expect(all.rows.find((r) => r.name.startsWith("王"))?.birthDate.toString()).toBe("1999-12-31")
      expect(all.rows.find((r) => r.name.startsWith("𠮷"))?.phone).toBeNull()
    })

    it("gives one member as the ordinary query does: every column, timestamps included", async () => {
      const [e] = rowsOf<{ n: string }>(await database.db.execute(sql`select n::text as n from auth_epoch`))
      const at = { orgPath: "d1", epoch: e?.n ?? "" }
      const ids = rowsOf<{ id: string }>(await database.db.execute(sql`select id from members order by id`))
      expect(ids.length).toBe(6)
      const text = (r: Record<string, unknown>) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [
            k,
            v instanceof Date ? v.toISOString() : v === null ? null : String(v),
          ]),
        )
      for (const { id } of ids) {
        const json = await memberInScopeAtEpoch(database.db, at, id)
        const ordinary = await memberInScope(database.db, district, id)
        expect(text(json), id).toEqual(text(ordinary))
        expect(Object.keys(json)).toEqual(Object.keys(ordinary))
        expect(json.createdAt).toBeInstanceOf(Date)
        expect(json.updatedAt.getTime()).toBe(ordinary.updatedAt.getTime())
      }
      // A member of b1 (under c01) is not in c02's subtree; an epoch the caller was not read under moves.
      const [b1] = rowsOf<{ id: string }>(
        await database.db.execute(sql`select id from members where org_id = 'b1' order by id limit 1`),
      )
      const inB1 = b1?.id ?? "missing"
      await expect(
        memberInScopeAtEpoch(database.db, { orgPath: "d1.c02", epoch: at.epoch }, inB1),
      ).rejects.toThrow(NotInScope)
      await expect(
        memberInScopeAtEpoch(database.db, { orgPath: "d1", epoch: "-5" }, inB1),
      ).rejects.toMatchObject({ epoch: at.epoch })
    })
  },
)

describe("wholeRowsAsJson", () => {
  it("refuses a column whose JSON form is not its driver text, or of a table the functions do not return", () => {
    // A column of the members' whole row whose JSON form is not its driver text (a numeric: 1.50 → 1.5).
    const withNumeric = pgTable("members", { dues: numeric("dues") })
    expect(() => wholeRowsAsJson({ dues: withNumeric.dues })).toThrow(/dues.*cannot be read from JSON/)
    expect(() => wholeRowsAsJson({ at: members.createdAt, seen: members.updatedAt })).not.toThrow()
    expect(() => wholeRowsAsJson({ user: sessions.userId })).toThrow(/no whole row of sessions/)
    expect(() => wholeRowsAsJson({ id: members.id, org: orgs.name, born: members.birthDate })).not.toThrow()
  })

  it("decodes nulls, dates and text as the columns do", () => {
    const read = wholeRowsAsJson({
      id: members.id,
      born: members.birthDate,
      phone: members.phone,
      v: members.version,
    })
    const [row] = read.decode('[["a\\"b", "1960-02-29", null, 3]]')
    expect(row?.id).toBe('a"b')
    expect(row?.born.toString()).toBe("1960-02-29")
    expect(row?.phone).toBeNull()
    expect(row?.v).toBe(3)
    expect(read.decode("[]")).toEqual([])
    const stamped = wholeRowsAsJson({ at: members.createdAt })
    const [when] = stamped.decode('[["2026-07-01 08:00:00.123+00"]]')
    expect(when?.at.toISOString()).toBe("2026-07-01T08:00:00.123Z")
  })
})
