import { date, type PlainDate } from "@xianfeng/core"
import { sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  calendarBasesOf,
  calendarDeadlinesOf,
  type Database,
  insertMember,
  insertOrg,
  rowsOf,
  type StaleCalendarRow,
  saveCalendarIndex,
  saveMeeting,
  saveTalk,
  staleCalendarBasesOf,
} from "../src/index.js"
import { testBackends } from "../src/testing.js"
import { testVault } from "./suite/context.js"
import { insertOrgs } from "./support/orgs.js"
import { bareSitting } from "./support/sittings.js"

// The agenda's compliance calendar (日程): which stored rows must be evaluated again, decided in the database
// (`staleCalendarBasesOf`), and the due items stored beside them, on every backend.
describe.each(testBackends(process.env.TEST_DATABASE_URL, "xf_calstale"))("$name", (backend) => {
  let database: Database
  const district = { orgId: "d1", orgPath: "d1" }
  const since = date("2025-01-01")
  const today = date("2026-11-30")
  const members: Record<string, string[]> = { b1: [], b2: [], b3: [] }

  /** The stale rows without the marks they were read with (`marksOn` keeps them). */
  const staleOn = async (day: PlainDate, print = "p1") =>
    (await staleCalendarBasesOf(database.db, district, since, day, print)).map(({ marks: _, ...r }) => r)
  const marksOn = (day: PlainDate) => staleCalendarBasesOf(database.db, district, since, day, "p1")
  /** Each stored row's marks and the marks its evaluation saw. */
  const marksOf = async () =>
    Object.fromEntries(
      rowsOf<{ org_id: string; marks: number | string; marks_seen: number | string }>(
        await database.db.execute(
          sql`select org_id, marks, marks_seen from discipline_calendar_index order by org_id`,
        ),
      ).map((r) => [r.org_id, [Number(r.marks), Number(r.marks_seen)]]),
    )
  /** Stores each stale row as evaluated on `evaluatedOn` (default today), good until `recheckOn`. */
  const store = (
    rows: readonly Omit<StaleCalendarRow, "marks">[],
    recheckOn: (id: string) => string = () => "2026-12-15",
    evaluatedOn: PlainDate = today,
  ) =>
    saveCalendarIndex(
      database.db,
      rows.map((r) => ({
        orgId: r.id,
        basis: r.basis,
        evaluatedOn,
        recheckOn: date(recheckOn(r.id)),
        items: [],
      })),
    )

  beforeAll(async () => {
    database = await backend.open()
    await database.db.transaction(async (tx) => {
      await insertOrgs(tx, [
        { id: "d1", kind: "district-committee", name: "区委" },
        { id: "c01", parentId: "d1", kind: "party-committee", name: "第一党委" },
        { id: "b1", parentId: "c01", kind: "branch", name: "第一支部" },
        { id: "b2", parentId: "c01", kind: "branch", name: "第二支部" },
        { id: "b3", parentId: "c01", kind: "branch", name: "第三支部" },
      ])
      for (const [org, n] of [
        ["b1", 2],
        ["b2", 2],
        ["b3", 6],
      ] as const) {
        for (let i = 0; i < n; i++) {
          const m = await insertMember(tx, testVault, {
            orgId: org,
            name: `${org}-${i}`,
            sex: "male",
            birthDate: date("1980-01-01"),
            ethnicity: "01",
            education: "21",
            occupationGroup: "worker",
            stage: "full",
          })
          members[org]?.push(m.id)
        }
      }
    })
  })
  afterAll(async () => {
    await database.close()
  })

  it("a fresh index ships no row, and each kind of change makes exactly the organizations it touches stale", async () => {
    // Nothing stored yet: every organization, in path order, with the basis the agenda always stored.
    const first = await staleOn(today)
    expect(first.map((r) => r.id)).toEqual(["d1", "c01", "b1", "b2", "b3"])
    expect(first.find((r) => r.id === "b3")).toEqual({
      id: "b3",
      kind: "branch",
      hasCommittee: false,
      basis: "p1|2025-01-01|0|",
    })
    await store(first, (id) => (id === "b3" ? "2026-12-05" : "2026-12-15"))
    expect(await staleOn(today)).toEqual([])

    // A sitting of b1 bumps its year's stamp: b1 alone.
    await saveMeeting(database.db, district, bareSitting("b1", "2026-11-20"))
    const sat = await staleOn(today)
    expect(sat).toEqual([{ id: "b1", kind: "branch", hasCommittee: false, basis: "p1|2025-01-01|0|2026:1" }])
    await store(sat)
    expect(await staleOn(today)).toEqual([])

    // A heart-to-heart talk (谈心谈话) of b2 dated last year: b2 alone, its stamp of that year.
    await saveTalk(database.db, district, {
      orgId: "b2",
      pair: "member-member",
      onDate: date("2025-06-01"),
      firstMemberId: members.b2?.[0] ?? "",
      secondMemberId: members.b2?.[1] ?? "",
      topic: "",
      recordedBy: null,
      recordedAt: new Date("2026-11-30T03:00:00Z"),
    })
    const talked = await staleOn(today)
    expect(talked.map((r) => [r.id, r.basis])).toEqual([["b2", "p1|2025-01-01|0|2025:1"]])
    await store(talked)

    // A seventh full member elects b3's committee (BR 9): b3 alone.
    await insertMember(database.db, testVault, {
      orgId: "b3",
      name: "b3-6",
      sex: "female",
      birthDate: date("1990-01-01"),
      ethnicity: "01",
      education: "21",
      occupationGroup: "worker",
      stage: "full",
    })
    const elected = await staleOn(today)
    expect(elected).toEqual([{ id: "b3", kind: "branch", hasCommittee: true, basis: "p1|2025-01-01|1|" }])
    await store(elected, () => "2026-12-05")
    expect(await staleOn(today)).toEqual([])

    // b3's recheck day comes (and only b3's); the day before it does not.
    expect(await staleOn(date("2026-12-04"))).toEqual([])
    expect((await staleOn(date("2026-12-05"))).map((r) => r.id)).toEqual(["b3"])

    // A row dated after today (a clock set back) holds no more: b1 stored as of December 1st.
    await store(sat, () => "2026-12-15", date("2026-12-01"))
    expect((await staleOn(today)).map((r) => r.id)).toEqual(["b1"])
    await store(sat)

    // Another district policy: every organization of the district, with the new print.
    const repolicied = await staleOn(today, "p2")
    expect(repolicied.map((r) => r.id)).toEqual(["d1", "c01", "b1", "b2", "b3"])
    expect(repolicied.every((r) => r.basis.startsWith("p2|2025-01-01|"))).toBe(true)
    expect(await staleOn(today, "p1")).toEqual([])

    // The basis is the one `calendarBasesOf` reports for the readers of every row.
    const every = await calendarBasesOf(database.db, district, since)
    for (const b of every) expect(b.storedBasis).toBe(`p1|2025-01-01|${b.hasCommittee ? 1 : 0}|${b.sittings}`)
  })

  it("a write between the read and the store leaves the row stale; a mark whose basis still holds is cleared", async () => {
    await store(await staleOn(today))
    expect(await staleOn(today)).toEqual([])
    // A new branch has the row the trigger made, marked (marks 1); b1 and b4 are read stale, then a sitting of each is recorded
    // before their evaluations are stored with the marks the read saw: both stay stale, with the new stamps.
    await insertOrg(database.db, { id: "b4", parentId: "c01", kind: "branch", name: "第四支部" })
    await database.db.execute(
      sql`update discipline_calendar_index set recheck_on = ${"2026-11-30"}::date where org_id = 'b1'`,
    )
    const read = await marksOn(today)
    expect(read.map((r) => [r.id, r.marks])).toEqual([
      ["b1", (await marksOf()).b1?.[0]],
      ["b4", 1],
    ])
    await saveMeeting(database.db, district, bareSitting("b1", "2026-11-28"))
    await saveMeeting(database.db, district, bareSitting("b4", "2026-11-28"))
    await saveCalendarIndex(
      database.db,
      read.map((r) => ({
        orgId: r.id,
        basis: r.basis,
        evaluatedOn: today,
        recheckOn: date("2026-12-15"),
        items: [],
        marksSeen: r.marks,
      })),
    )
    expect((await staleOn(today)).map((r) => [r.id, r.basis])).toEqual([
      ["b1", "p1|2025-01-01|0|2026:2"],
      ["b4", "p1|2025-01-01|0|2026:1"],
    ])
    await store(await staleOn(today))
    expect(await staleOn(today)).toEqual([])

    // A full member more in b1 (3 of the 7 a committee needs): marked, and the next read finds its basis unchanged,
    // returns nothing and clears the mark.
    await insertMember(database.db, testVault, {
      orgId: "b1",
      name: "b1-2",
      sex: "male",
      birthDate: date("1980-01-01"),
      ethnicity: "01",
      education: "21",
      occupationGroup: "worker",
      stage: "full",
    })
    const [marks, seen] = (await marksOf()).b1 ?? []
    expect(marks).toBeGreaterThan(seen ?? 0)
    expect(await staleOn(today)).toEqual([])
    expect((await marksOf()).b1).toEqual([marks, marks])

    // A full member of b3 (7, a committee) moved to b2: b3 loses its committee (stale); b2's basis holds.
    await database.db.execute(
      sql`update members set org_id = 'b2' where id = (select id from members where org_id = 'b3' and stage = 'full' order by name limit 1)`,
    )
    expect(await staleOn(today)).toEqual([
      { id: "b3", kind: "branch", hasCommittee: false, basis: "p1|2025-01-01|0|" },
    ])
    const after = await marksOf()
    expect(after.b2?.[0]).toBe(after.b2?.[1])
  })

  it("a new organization has a row to evaluate from the start; a changed kind is evaluated again, not cleared", async () => {
    await store(await staleOn(today))
    expect(await staleOn(today)).toEqual([])
    await insertOrg(database.db, { id: "b5", parentId: "c01", kind: "branch", name: "第五支部" })
    expect((await marksOf()).b5).toEqual([1, 0])
    expect(await staleOn(today)).toEqual([
      { id: "b5", kind: "branch", hasCommittee: false, basis: "p1|2025-01-01|0|" },
    ])
    await store(await staleOn(today))
    // b2 becomes a general branch: its basis (no committee, the same sittings) holds, but its obligations do not.
    await database.db.execute(sql`update orgs set kind = 'general-branch' where id = 'b2'`)
    const changed = await staleOn(today)
    expect(changed.map((r) => [r.id, r.kind])).toEqual([["b2", "general-branch"]])
    await store(changed)
    expect(await staleOn(today)).toEqual([])
    // Another change of an organization (its name) leaves its row alone.
    await database.db.execute(sql`update orgs set name = '第二总支' where id = 'b2'`)
    expect(await staleOn(today)).toEqual([])
    // An organization deleted takes its row with it (a derived row never blocks a delete).
    await database.db.execute(sql`delete from orgs where id = 'b5'`)
    expect((await marksOf()).b5).toBeUndefined()
  })

  it("stores the due items with their calendar row, replacing the previous ones, and reads the window's soonest", async () => {
    const item = (obligation: string, dueBy: string) => ({
      obligation,
      period: "2026-Q4",
      periodStart: "2026-10-01",
      periodEnd: "2026-12-31",
      status: "due",
      dueBy,
      citations: [{ document: "BR", article: "9" }],
    })
    const row = (orgId: string, items: ReturnType<typeof item>[]) => ({
      orgId,
      basis: "x",
      evaluatedOn: today,
      recheckOn: date("2026-12-15"),
      items,
    })
    await saveCalendarIndex(database.db, [
      row("b1", [item("party-lecture", "2026-12-20"), item("general-meeting", "2026-12-03")]),
      row("b2", [item("theme-day", "2026-12-03"), item("committee-meeting", "2027-01-10")]),
    ])
    const window = () =>
      calendarDeadlinesOf(database.db, district, date("2026-12-01"), date("2026-12-31"), 10)
    // Soonest first; on the same day by organization (the due-date index's order).
    expect((await window()).map((i) => [i.orgId, i.obligation, i.dueBy])).toEqual([
      ["b1", "general-meeting", "2026-12-03"],
      ["b2", "theme-day", "2026-12-03"],
      ["b1", "party-lecture", "2026-12-20"],
    ])
    expect((await window())[0]).toEqual({
      orgId: "b1",
      orgName: "第一支部",
      ...item("general-meeting", "2026-12-03"),
    })
    // At most `limit` items, the soonest.
    expect(
      (await calendarDeadlinesOf(database.db, district, date("2026-12-01"), date("2026-12-31"), 2)).map(
        (i) => i.obligation,
      ),
    ).toEqual(["general-meeting", "theme-day"])
    // b1 evaluated again with one item left: its old items are gone, b2's stay.
    await saveCalendarIndex(database.db, [row("b1", [item("party-lecture", "2026-12-21")])])
    expect((await window()).map((i) => [i.orgId, i.dueBy])).toEqual([
      ["b2", "2026-12-03"],
      ["b1", "2026-12-21"],
    ])
    // A branch's scope reads its own.
    const b2 = await calendarDeadlinesOf(
      database.db,
      { orgId: "b2", orgPath: "d1.c01.b2" },
      date("2026-12-01"),
      date("2027-01-31"),
      10,
    )
    expect(b2.map((i) => i.obligation)).toEqual(["theme-day", "committee-meeting"])
  })
})
