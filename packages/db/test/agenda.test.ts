import { date } from "@xianfeng/core"
import { sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  actorOfCalendarFeed,
  calendarBasesOf,
  calendarDeadlinesOf,
  calendarFeedOf,
  type Database,
  deleteCalendarFeed,
  endAllSessionsOf,
  insertMember,
  insertUser,
  orderDeadlinesOf,
  pipelineDeadlinesOf,
  rowsOf,
  saveCalendarIndex,
  saveFinding,
  saveMeeting,
  saveOrder,
  savePipelineIndex,
  setCalendarFeed,
  updateMember,
  updateUser,
} from "../src/index.js"
import { testBackends } from "../src/testing.js"
import { testVault } from "./suite/context.js"
import { insertOrgs } from "./support/orgs.js"
import { bareSitting } from "./support/sittings.js"

// The agenda's queries (日程) and the calendar feed tokens on every backend: PGlite always, PostgreSQL when
// TEST_DATABASE_URL is set.
describe.each(testBackends(process.env.TEST_DATABASE_URL, "xf_agenda"))("$name", (backend) => {
  let database: Database
  const district = { orgId: "d1", orgPath: "d1" }
  const c01 = { orgId: "c01", orgPath: "d1.c01" }
  const b1 = { orgId: "b1", orgPath: "d1.c01.b1" }
  const from = date("2026-12-01")
  const to = date("2026-12-31")
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    database = await backend.open()
    await database.db.transaction(async (tx) => {
      await insertOrgs(tx, [
        { id: "d1", kind: "district-committee", name: "区委" },
        { id: "c01", parentId: "d1", kind: "party-committee", name: "第一党委" },
        { id: "c02", parentId: "d1", kind: "party-committee", name: "第二党委" },
        { id: "b1", parentId: "c01", kind: "branch", name: "第一支部" },
        { id: "b2", parentId: "c02", kind: "branch", name: "第二支部" },
      ])
      const person = (orgId: string, name: string) => ({
        orgId,
        name,
        sex: "female" as const,
        birthDate: date("2000-01-01"),
        ethnicity: "01",
        education: "21",
        occupationGroup: "worker",
        stage: "activist" as const,
      })
      for (const [key, org, name] of [
        ["near", "b1", "甲"],
        ["far", "b1", "乙"],
        ["stale", "b1", "丙"],
        ["other", "b2", "丁"],
      ] as const) {
        const m = await insertMember(tx, testVault, person(org, name))
        ids[key] = m.id
      }
      const entry = (id: string | undefined, items: { step: string; dueBy: string }[]) => ({
        memberId: id ?? "",
        memberVersion: 1,
        evaluatedOn: date("2026-11-27"),
        recheckOn: date("2026-12-27"),
        items: items.map((i) => ({ ...i, state: "due" as const })),
      })
      await savePipelineIndex(tx, [
        entry(ids.near, [
          { step: "activist-decision", dueBy: "2026-12-10" },
          { step: "assessment", dueBy: "2027-03-01" },
        ]),
        entry(ids.far, [{ step: "activist-decision", dueBy: "2027-01-15" }]),
        entry(ids.stale, [{ step: "activist-decision", dueBy: "2026-12-05" }]),
        entry(ids.other, [{ step: "activist-decision", dueBy: "2026-12-20" }]),
      ])
      // The member changed after the index row was stored: the row no longer holds.
      await updateMember(tx, testVault, ids.stale ?? "", 1, { name: "丙丙" })
    })
  })
  afterAll(async () => {
    await database.close()
  })

  it("development: the steps due in the window, from the index rows that still hold, in the scope only", async () => {
    const all = await pipelineDeadlinesOf(database.db, district, from, to, 100)
    expect(all.map((r) => [r.name, r.step, r.dueBy])).toEqual([
      ["甲", "activist-decision", "2026-12-10"],
      ["丁", "activist-decision", "2026-12-20"],
    ])
    const mine = await pipelineDeadlinesOf(database.db, c01, from, to, 100)
    expect(mine.map((r) => r.memberId)).toEqual([ids.near])
    expect(mine[0]).toMatchObject({ orgId: "b1", orgName: "第一支部" })
    // Capped, the soonest deadline is kept.
    expect((await pipelineDeadlinesOf(database.db, district, from, to, 1)).map((r) => r.name)).toEqual(["甲"])
    // Both ends of the window count.
    const edge = await pipelineDeadlinesOf(database.db, district, date("2026-12-10"), date("2026-12-20"), 100)
    expect(edge.map((r) => r.dueBy)).toEqual(["2026-12-10", "2026-12-20"])
    // A person's row stored again replaces their steps: 甲's step moved out of the window, 乙's into it.
    const again = (id: string | undefined, dueBy: string) => ({
      memberId: id ?? "",
      memberVersion: 1,
      evaluatedOn: date("2026-11-28"),
      recheckOn: date("2026-12-28"),
      items: [{ step: "activist-decision", state: "overdue" as const, dueBy }],
    })
    await savePipelineIndex(database.db, [again(ids.near, "2027-02-01"), again(ids.far, "2026-12-02")])
    expect(
      (await pipelineDeadlinesOf(database.db, district, from, to, 100)).map((r) => [
        r.name,
        r.state,
        r.dueBy,
      ]),
    ).toEqual([
      ["乙", "overdue", "2026-12-02"],
      ["丁", "due", "2026-12-20"],
    ])
  })

  it("development: a person who left the pipeline is left out, whether the query names the stage or the row's mark", async () => {
    // 乙 (b1) has a step due 2026-12-02 since the test above. The whole tree's query tells people of the pipeline by
    // their index row not being put aside, a subtree's by the member's stage and status: the two must agree.
    const names = async (scope: typeof district) =>
      (await pipelineDeadlinesOf(database.db, scope, from, to, 100)).map((r) => r.name)
    expect(await names(district)).toEqual(["乙", "丁"])
    expect(await names(c01)).toEqual(["乙"])
    // A full member now, written without a new version (plain SQL): the version check alone would keep the row.
    await database.db.execute(sql`update members set stage = 'full' where id = ${ids.far}`)
    const [row] = rowsOf<{ holds: boolean; recheck: string }>(
      await database.db.execute(
        sql`select m.version = i.member_version as holds, i.recheck_on::text as recheck from members m
            join development_pipeline_index i on i.member_id = m.id where m.id = ${ids.far}`,
      ),
    )
    expect(row).toEqual({ holds: true, recheck: "9999-12-31" })
    expect(await names(district)).toEqual(["丁"])
    expect(await names(c01)).toEqual([])
    expect(await names(b1)).toEqual([])
    await database.db.execute(sql`update members set stage = 'activist' where id = ${ids.far}`)
  })

  it("development: a subtree reads the steps by the organization stored with them, which must be the member's", async () => {
    // 丁's steps only (乙's row, put aside and back by the test above, waits to be evaluated again).
    const names = async (scope: typeof district) =>
      (await pipelineDeadlinesOf(database.db, scope, from, to, 100))
        .filter((r) => r.memberId === ids.other)
        .map((r) => [r.name, r.orgId])
    const c02 = { orgId: "c02", orgPath: "d1.c02" }
    const [stored] = rowsOf<{ org_id: string }>(
      await database.db.execute(
        sql`select distinct org_id from development_pipeline_items where member_id = ${ids.other}`,
      ),
    )
    expect(stored).toEqual({ org_id: "b2" })
    expect(await names(c02)).toEqual([["丁", "b2"]])
    // Moved to b1 (a new version): the row no longer holds anywhere until it is stored again, then under b1.
    const moved = await updateMember(database.db, testVault, ids.other ?? "", 1, { orgId: "b1" })
    expect(moved?.version).toBe(2)
    expect(await names(c02)).toEqual([])
    expect(await names(c01)).toEqual([])
    await savePipelineIndex(database.db, [
      {
        memberId: ids.other ?? "",
        memberVersion: 2,
        evaluatedOn: date("2026-11-29"),
        recheckOn: date("2026-12-29"),
        items: [{ step: "activist-decision", state: "due", dueBy: "2026-12-20" }],
      },
    ])
    expect(await names(c01)).toEqual([["丁", "b1"]])
    expect(await names(c02)).toEqual([])
    expect(await names(district)).toEqual([["丁", "b1"]])
    // Moved back by plain SQL, without a new version (the row still holds): the steps go along in the same
    // statement (trigger members_pipeline_items_org_update), so the subtrees see them where the member now is.
    await database.db.execute(sql`update members set org_id = 'b2' where id = ${ids.other}`)
    expect(await names(c01)).toEqual([])
    expect(await names(c02)).toEqual([["丁", "b2"]])
    expect(await names(district)).toEqual([["丁", "b2"]])
    // Should a step's organization still disagree with the member's, no subtree shows it under the wrong one.
    await database.db.execute(
      sql`update development_pipeline_items set org_id = 'b1' where member_id = ${ids.other}`,
    )
    expect(await names(c01)).toEqual([])
    expect(await names(c02)).toEqual([])
    expect(await names(district)).toEqual([["丁", "b2"]])
    // Any write of the member puts them right again.
    await database.db.execute(sql`update members set org_id = 'b2' where id = ${ids.other}`)
    expect(await names(c02)).toEqual([["丁", "b2"]])
  })

  it("discipline: orders not closed whose deadline falls in the window, in the scope only", async () => {
    const order = async (orgId: string, deadline: string, state: "open" | "submitted" | "closed") => {
      const scope = orgId === "b1" ? c01 : district
      const finding = await saveFinding(database.db, scope, {
        drawId: null,
        orgId,
        obligation: "theme-day",
        period: "2026-10",
        evidence: "无记录",
        severity: "serious",
        foundOn: date("2026-11-01"),
        recordedBy: null,
        recordedAt: new Date("2026-11-01T02:00:00Z"),
      })
      return saveOrder(database.db, scope, {
        findingId: finding.id,
        orgId,
        owner: "支部书记",
        issuedOn: date("2026-11-01"),
        deadline: date(deadline),
        state,
        evidence: [],
        escalationPath: ["c01", "d1"],
        escalations: [],
        returns: [],
        closedOn: state === "closed" ? date("2026-11-20") : null,
        closedBy: state === "closed" ? "组织委员" : null,
      })
    }
    const open = await order("b1", "2026-12-01", "open")
    const submitted = await order("b1", "2026-12-31", "submitted")
    await order("b1", "2026-12-15", "closed")
    await order("b1", "2027-01-01", "open")
    const elsewhere = await order("b2", "2026-12-05", "open")
    const all = await orderDeadlinesOf(database.db, district, from, to, 100)
    expect(all.map((o) => o.id)).toEqual([open?.id, elsewhere?.id, submitted?.id])
    expect(all[0]).toMatchObject({ orgName: "第一支部", owner: "支部书记", obligation: "theme-day" })
    const branch = await orderDeadlinesOf(database.db, b1, from, to, 100)
    expect(branch.map((o) => o.id)).toEqual([open?.id, submitted?.id])
  })

  it("discipline: the calendar's stored rows, their basis moving with a sitting, read by due date in scope", async () => {
    const since = date("2025-01-01")
    const print = async (id: string) =>
      (await calendarBasesOf(database.db, district, since)).find((b) => b.id === id)
    const before = await print("b1")
    // The row the trigger made with the organization: nothing evaluated yet (an empty basis).
    expect(before).toMatchObject({ kind: "branch", name: "第一支部", storedBasis: "" })
    const item = (obligation: string, dueBy: string) => ({
      obligation,
      period: "2026-Q4",
      periodStart: "2026-10-01",
      periodEnd: "2026-12-31",
      status: "due",
      dueBy,
      citations: [article17],
    })
    const article17 = {
      document: { id: "BR", title: { "zh-CN": "支部工作条例", en: "BR" } },
      edition: "试行",
      article: 17,
    }
    await saveCalendarIndex(database.db, [
      {
        orgId: "b1",
        basis: "x",
        evaluatedOn: date("2026-11-27"),
        recheckOn: date("2026-12-01"),
        items: [item("party-lecture", "2026-12-31"), item("theme-day", "2027-01-15")],
      },
      {
        orgId: "b2",
        basis: "y",
        evaluatedOn: date("2026-11-27"),
        recheckOn: date("2026-12-01"),
        items: [item("general-meeting", "2026-12-20")],
      },
    ])
    expect(await print("b1")).toMatchObject({ storedBasis: "x", recheckOn: date("2026-12-01") })
    const all = await calendarDeadlinesOf(database.db, district, from, to, 100)
    expect(all.map((i) => [i.orgId, i.obligation, i.dueBy])).toEqual([
      ["b2", "general-meeting", "2026-12-20"],
      ["b1", "party-lecture", "2026-12-31"],
    ])
    // Dates as ISO text; equal citation lists parsed once and shared.
    expect(all[1]).toMatchObject({
      periodStart: "2026-10-01",
      periodEnd: "2026-12-31",
      citations: [article17],
    })
    expect(all[0]?.citations).toBe(all[1]?.citations)
    expect((await calendarDeadlinesOf(database.db, b1, from, to, 100)).map((i) => i.orgId)).toEqual(["b1"])
    expect((await calendarDeadlinesOf(database.db, district, from, to, 1)).map((i) => i.orgId)).toEqual([
      "b2",
    ])
    // A sitting recorded for b1 changes its sittings' fingerprint, and only its.
    const other = (await print("b2"))?.sittings
    const saved = await saveMeeting(database.db, c01, bareSitting("b1", "2026-11-20"))
    expect(saved).toBeDefined()
    expect((await print("b1"))?.sittings).not.toBe(before?.sittings)
    expect((await print("b2"))?.sittings).toBe(other)
  })

  it("a feed token finds its user until replaced, revoked, disabled or ended with the sessions", async () => {
    const userId = await insertUser(database.db, {
      username: "feed",
      displayName: "订阅者",
      role: "branch-secretary",
      orgId: "b1",
      passwordHash: "x",
    })
    expect(await calendarFeedOf(database.db, userId)).toBeUndefined()
    await setCalendarFeed(database.db, { userId, tokenHash: "h1", at: new Date("2026-11-27T02:00:00Z") })
    expect(await actorOfCalendarFeed(database.db, "h1")).toMatchObject({ userId, orgPath: "d1.c01.b1" })
    await setCalendarFeed(database.db, { userId, tokenHash: "h2", at: new Date("2026-11-28T02:00:00Z") })
    expect(await actorOfCalendarFeed(database.db, "h1")).toBeUndefined()
    expect(await actorOfCalendarFeed(database.db, "h2")).toMatchObject({ userId })
    expect((await calendarFeedOf(database.db, userId))?.createdAt.toISOString()).toBe(
      "2026-11-28T02:00:00.000Z",
    )
    await updateUser(database.db, userId, { disabled: true })
    expect(await actorOfCalendarFeed(database.db, "h2")).toBeUndefined()
    await updateUser(database.db, userId, { disabled: false })
    expect(await actorOfCalendarFeed(database.db, "h2")).toMatchObject({ userId })
    expect(await endAllSessionsOf(database.db, userId, new Date())).toEqual({ sessions: 0, tokens: 1 })
    expect(await actorOfCalendarFeed(database.db, "h2")).toBeUndefined()
    await setCalendarFeed(database.db, { userId, tokenHash: "h3", at: new Date() })
    expect(await deleteCalendarFeed(database.db, userId)).toBe(true)
    expect(await deleteCalendarFeed(database.db, userId)).toBe(false)
    expect(await actorOfCalendarFeed(database.db, "h3")).toBeUndefined()
  })
})
