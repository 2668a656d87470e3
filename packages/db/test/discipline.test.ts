import { date } from "@xianfeng/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  complianceHeatmapOf,
  type Database,
  insertMember,
  insertOrg,
  type MeetingFields,
  meetingInScope,
  meetingsOfOrg,
  NotInScope,
  orgShapeFacts,
  saveComplianceIndex,
  saveMeeting,
  saveTalk,
  subtreeSittings,
} from "../src/index.js"
import { testBackends } from "../src/testing.js"
import { testVault } from "./suite/context.js"
import { bareSitting } from "./support/sittings.js"

// The area's queries on every backend: PGlite always, PostgreSQL when TEST_DATABASE_URL is set.
describe.each(testBackends(process.env.TEST_DATABASE_URL, "xf_discipline"))("$name", (backend) => {
  let database: Database
  beforeAll(async () => {
    database = await backend.open()
    await database.db.transaction(async (tx) => {
      for (const org of [
        { id: "d1", kind: "district-committee", name: "区委" },
        { id: "c01", parentId: "d1", kind: "party-committee", name: "第一党委" },
        { id: "c02", parentId: "d1", kind: "party-committee", name: "第二党委" },
      ] as const) {
        const r = await insertOrg(tx, org)
        if (r._tag === "Failure") throw new Error(r.failure.message)
      }
    })
  })
  afterAll(async () => {
    await database.close()
  })

  const c01 = { orgId: "c01", orgPath: "d1.c01" }

  describe("meetings", () => {
    const b1 = { orgId: "b1", orgPath: "d1.c01.b1" }
    const ids: string[] = []
    let stranger = ""
    beforeAll(async () => {
      await database.db.transaction(async (tx) => {
        for (const org of [
          { id: "b1", parentId: "c01", kind: "branch", name: "第一支部" },
          { id: "b2", parentId: "c01", kind: "branch", name: "第二支部" },
        ] as const) {
          const r = await insertOrg(tx, org)
          if (r._tag === "Failure") throw new Error(r.failure.message)
        }
        const person = (orgId: string, name: string, stage: "full" | "probationary") => ({
          orgId,
          name,
          sex: "male" as const,
          birthDate: date("1980-01-01"),
          ethnicity: "01",
          education: "21",
          occupationGroup: "worker",
          stage,
        })
        for (const [i, stage] of (["full", "full", "probationary"] as const).entries()) {
          ids.push((await insertMember(tx, testVault, person("b1", `党员${i}`, stage))).id)
        }
        stranger = (await insertMember(tx, testVault, person("b2", "外支部党员", "full"))).id
      })
    })

    const meeting = (attendance: MeetingFields["attendance"]): MeetingFields => ({
      orgId: "b1",
      types: ["general-meeting", "theme-day"],
      onDate: date("2026-11-15"),
      startTime: "14:30",
      endTime: "16:00",
      place: "活动室",
      chair: "书记",
      recorder: "组织委员",
      expectedFull: 2,
      expectedProbationary: 1,
      presentFull: 2,
      presentProbationary: 0,
      observers: [],
      firstItem: { topic: "学习", form: "集中学习" },
      agenda: ["学习"],
      resolutions: [],
      votes: [],
      attendance,
      recordedBy: null,
      recordedAt: new Date("2026-11-30T02:00:00Z"),
    })

    it("stores one sitting of several types with its attendance, and edits it by version", async () => {
      const attendance = [
        { memberId: ids[0] ?? "", present: true, reason: "" },
        { memberId: ids[1] ?? "", present: true, reason: "" },
        { memberId: ids[2] ?? "", present: false, reason: "病假" },
      ]
      const saved = await database.db.transaction((tx) => saveMeeting(tx, b1, meeting(attendance)))
      if (saved === undefined || "_tag" in saved) throw new Error("not saved")
      expect(saved.types).toEqual(["general-meeting", "theme-day"])
      const loaded = await meetingInScope(database.db, b1, saved.id)
      expect(loaded.attendance.find((a) => !a.present)?.reason).toBe("病假")
      const edited = await database.db.transaction((tx) =>
        saveMeeting(
          tx,
          b1,
          { ...meeting(attendance), place: "会议室" },
          { id: saved.id, expectedVersion: 1 },
        ),
      )
      expect(edited && !("_tag" in edited) && edited.version).toBe(2)
      const stale = await database.db.transaction((tx) =>
        saveMeeting(tx, b1, meeting(attendance), { id: saved.id, expectedVersion: 1 }),
      )
      expect(stale).toBeUndefined()
      const listed = await meetingsOfOrg(database.db, b1, "b1", date("2026-01-01"), date("2026-12-31"))
      expect(listed.map((m) => [m.place, m.attendance.length])).toEqual([["会议室", 3]])
    })

    it("refuses attendees from another branch and writes nothing", async () => {
      const r = await database.db.transaction((tx) =>
        saveMeeting(tx, b1, meeting([{ memberId: stranger, present: true, reason: "" }])),
      )
      expect(r).toEqual({ _tag: "NotOfBranch", memberIds: [stranger] })
      expect(await meetingsOfOrg(database.db, b1, "b1", date("2026-01-01"), date("2026-12-31"))).toHaveLength(
        1,
      )
    })

    it("reads a subtree's organizations with their full members and its sittings, for the roll-up", async () => {
      const r = await subtreeSittings(database.db, c01, undefined, date("2026-01-01"), date("2026-12-31"))
      expect(r.orgs.map((o) => [o.id, o.fullMembers])).toEqual([
        ["c01", 0],
        ["b1", 2],
        ["b2", 1],
      ])
      expect(r.sittings.map((m) => [m.orgId, m.types])).toEqual([["b1", ["general-meeting", "theme-day"]]])
      expect(
        (await subtreeSittings(database.db, c01, "b2", date("2026-01-01"), date("2026-12-31"))).sittings,
      ).toEqual([])
      await expect(
        subtreeSittings(
          database.db,
          { orgId: "c02", orgPath: "d1.c02" },
          "b1",
          date("2026-01-01"),
          date("2026-12-31"),
        ),
      ).rejects.toBeInstanceOf(NotInScope)
    })

    it("keeps a branch's meetings from another subtree, and counts its full members", async () => {
      await expect(
        meetingsOfOrg(database.db, c01, "b2", date("2026-01-01"), date("2026-12-31")),
      ).resolves.toEqual([])
      await expect(
        meetingsOfOrg(
          database.db,
          { orgId: "c02", orgPath: "d1.c02" },
          "b1",
          date("2026-01-01"),
          date("2026-12-31"),
        ),
      ).rejects.toBeInstanceOf(NotInScope)
      expect(await orgShapeFacts(database.db, b1, "b1")).toEqual({
        kind: "branch",
        name: "第一支部",
        fullMembers: 2,
      })
    })
  })

  describe("the compliance index's heatmap read", () => {
    // c02 → b23, g1 (a general branch) → b21, b22: the heatmap of c02 rolls up to c02 and its children b23, g1.
    const c02 = { orgId: "c02", orgPath: "d1.c02" }
    const root = { id: "c02", path: "d1.c02" }
    const today = date("2026-11-30")
    const policy = { area: "discipline", print: "print-a" }
    const page = { offset: 0, limit: 10 }
    const read = (p = policy, at = today) => complianceHeatmapOf(database.db, c02, root, 2026, at, p, page)
    const months = (met: number) =>
      Array.from({ length: 12 }, (_, i) => ({
        met: i < 3 ? met : 0,
        upcoming: 0,
        due: i,
        overdue: 0,
        missed: 1,
      }))
    /** Stores each stale row as the index would, with `met` per month of Q1 (by organization). */
    const store = async (stale: readonly { id: string; basis: string }[], met: Record<string, number>) =>
      saveComplianceIndex(
        database.db,
        stale.map((s) => ({
          orgId: s.id,
          year: 2026,
          basis: s.basis,
          evaluatedOn: today,
          recheckOn: date("2027-01-01"),
          months: months(met[s.id] ?? 0),
        })),
      )
    const person = (orgId: string, name: string) => ({
      orgId,
      name,
      sex: "female" as const,
      birthDate: date("1985-05-05"),
      ethnicity: "01",
      education: "21",
      occupationGroup: "worker",
      stage: "full" as const,
    })
    const twoOf: Record<string, string[]> = {}
    beforeAll(async () => {
      await database.db.transaction(async (tx) => {
        for (const org of [
          { id: "b23", parentId: "c02", kind: "branch", name: "第二十三支部" },
          { id: "g1", parentId: "c02", kind: "general-branch", name: "第一总支" },
          { id: "b21", parentId: "g1", kind: "branch", name: "第二十一支部" },
          { id: "b22", parentId: "g1", kind: "branch", name: "第二十二支部" },
        ] as const) {
          const r = await insertOrg(tx, org)
          if (r._tag === "Failure") throw new Error(r.failure.message)
        }
        for (const b of ["b21", "b22"])
          twoOf[b] = [
            (await insertMember(tx, testVault, person(b, `${b}甲`))).id,
            (await insertMember(tx, testVault, person(b, `${b}乙`))).id,
          ]
      })
    })

    it("finds every organization stale until stored, then none; rolls up by child and pages the branches", async () => {
      const first = await read()
      expect(first.overlay).toBeNull()
      expect(first.stale.map((s) => [s.id, s.kind, s.hasCommittee, s.basis])).toEqual([
        ["c02", "party-committee", false, "print-a|0|0"],
        ["b23", "branch", false, "print-a|0|0"],
        ["g1", "general-branch", false, "print-a|0|0"],
        ["b21", "branch", false, "print-a|0|0"],
        ["b22", "branch", false, "print-a|0|0"],
      ])
      await store(first.stale, { c02: 1, b23: 2, g1: 10, b21: 100, b22: 1000 })
      const h = await read()
      expect(h.stale).toEqual([])
      expect(h.total).toBe(3)
      expect(h.branches.map((b) => [b.orgId, b.parentId, b.months[0]?.met])).toEqual([
        ["b23", "c02", 2],
        ["b21", "g1", 100],
        ["b22", "g1", 1000],
      ])
      // Q1: three months of `met` each; every month one missed and its index due (Q1: 0 + 1 + 2).
      expect(h.rollup.map((r) => [r.orgId, r.parentId, r.kind, r.branches, r.quarters[0]])).toEqual([
        [
          "c02",
          null,
          "party-committee",
          3,
          { met: 3 * 1113, upcoming: 0, due: 3 * 5, overdue: 0, missed: 3 * 5 },
        ],
        ["b23", "c02", "branch", 1, { met: 3 * 2, upcoming: 0, due: 3, overdue: 0, missed: 3 }],
        [
          "g1",
          "c02",
          "general-branch",
          2,
          { met: 3 * 1110, upcoming: 0, due: 3 * 3, overdue: 0, missed: 3 * 3 },
        ],
      ])
      expect(h.rollup[2]?.quarters[3]).toEqual({
        met: 0,
        upcoming: 0,
        due: 3 * 30,
        overdue: 0,
        missed: 3 * 3,
      })
      // Every branch has a missed period in every month: each is behind in every quarter.
      expect(h.rollup.map((r) => [r.orgId, r.branchesBehind])).toEqual([
        ["c02", [3, 3, 3, 3]],
        ["b23", [1, 1, 1, 1]],
        ["g1", [2, 2, 2, 2]],
      ])
      // A branch with nothing overdue or missed ending in a quarter is not behind in it, one overdue period makes
      // it so, and a committee's own misses (c02's) count no branch.
      const quiet = { met: 1, upcoming: 0, due: 0, overdue: 0, missed: 0 }
      const b21Months = Array.from({ length: 12 }, (_, i) =>
        i === 4 ? { ...quiet, overdue: 1 } : i === 10 ? { ...quiet, missed: 2 } : quiet,
      )
      const entry = (orgId: string, months: readonly (typeof quiet)[]) => ({
        orgId,
        year: 2026,
        basis: "print-a|0|0",
        evaluatedOn: today,
        recheckOn: date("2027-01-01"),
        months,
      })
      await saveComplianceIndex(database.db, [
        entry("b21", b21Months),
        entry(
          "b22",
          Array.from({ length: 12 }, () => quiet),
        ),
      ])
      expect((await read()).rollup.map((r) => [r.orgId, r.branchesBehind])).toEqual([
        ["c02", [1, 2, 1, 2]],
        ["b23", [1, 1, 1, 1]],
        ["g1", [0, 1, 0, 1]],
      ])
      await store(
        [
          { id: "b21", basis: "print-a|0|0" },
          { id: "b22", basis: "print-a|0|0" },
        ],
        { b21: 100, b22: 1000 },
      )
      // The second page of one branch, and a page past the end.
      const second = await complianceHeatmapOf(database.db, c02, root, 2026, today, policy, {
        offset: 1,
        limit: 1,
      })
      expect(second.branches.map((b) => b.orgId)).toEqual(["b21"])
      expect(second.total).toBe(3)
      const past = await complianceHeatmapOf(database.db, c02, root, 2026, today, policy, {
        offset: 3,
        limit: 5,
      })
      expect(past.branches).toEqual([])
      // A drill-down to g1 rolls up g1 and its two branches only.
      const g1 = await complianceHeatmapOf(
        database.db,
        c02,
        { id: "g1", path: "d1.c02.g1" },
        2026,
        today,
        policy,
        page,
      )
      expect(g1.rollup.map((r) => [r.orgId, r.parentId, r.branches, r.quarters[0]?.met])).toEqual([
        ["g1", null, 2, 3 * 1110],
        ["b21", "g1", 1, 3 * 100],
        ["b22", "g1", 1, 3 * 1000],
      ])
    })

    it("a stale organization among fresh ones is the only one found: a sitting, a talk, a committee elected, a recheck day", async () => {
      expect((await read()).stale).toEqual([])
      // A sitting of b22: its stamp moves on (the trigger), so b22 alone is stale, with the new stamp in its basis.
      await database.db.transaction((tx) =>
        saveMeeting(
          tx,
          c02,
          bareSitting("b22", "2026-10-10", {
            types: ["committee-meeting"],
            startTime: "09:00",
            endTime: "10:00",
            expectedFull: 2,
            presentFull: 2,
          }),
        ),
      )
      const afterSitting = await read()
      expect(afterSitting.stale.map((s) => s.id)).toEqual(["b22"])
      expect(afterSitting.stale[0]?.basis).toMatch(/^print-a\|0\|[1-9][0-9]*$/)
      // Until it is stored again, the roll-up is the one stored before.
      expect(afterSitting.rollup[0]?.quarters[0]?.met).toBe(3 * 1113)
      await store(afterSitting.stale, { b22: 7 })
      const stored = await read()
      expect(stored.stale).toEqual([])
      expect(stored.rollup[0]?.quarters[0]?.met).toBe(3 * (1113 - 1000 + 7))
      // A sitting dated in another year leaves this year's rows alone.
      await database.db.transaction((tx) =>
        saveTalk(tx, c02, {
          orgId: "b21",
          pair: "member-member",
          onDate: date("2025-06-01"),
          firstMemberId: twoOf.b21?.[0] ?? "",
          secondMemberId: twoOf.b21?.[1] ?? "",
          topic: "交流",
          recordedBy: null,
          recordedAt: new Date("2026-11-30T02:00:00Z"),
        }),
      )
      expect((await read()).stale).toEqual([])
      // A talk of b21 dated this year: b21 alone.
      await database.db.transaction((tx) =>
        saveTalk(tx, c02, {
          orgId: "b21",
          pair: "member-member",
          onDate: date("2026-06-01"),
          firstMemberId: twoOf.b21?.[0] ?? "",
          secondMemberId: twoOf.b21?.[1] ?? "",
          topic: "交流",
          recordedBy: null,
          recordedAt: new Date("2026-11-30T02:00:00Z"),
        }),
      )
      const afterTalk = await read()
      expect(afterTalk.stale.map((s) => s.id)).toEqual(["b21"])
      await store(afterTalk.stale, { b21: 100 })
      // Seven full members in b23: a committee is elected, so b23 alone is stale, now with a committee.
      await database.db.transaction(async (tx) => {
        for (let i = 0; i < 7; i++) await insertMember(tx, testVault, person("b23", `b23党员${i}`))
      })
      const afterMembers = await read()
      expect(afterMembers.stale.map((s) => [s.id, s.hasCommittee, s.basis])).toEqual([
        ["b23", true, "print-a|1|0"],
      ])
      await store(afterMembers.stale, { b23: 2 })
      expect((await read()).stale).toEqual([])
      // On b23's recheck day (2027-01-01) every row is due again; the day before, none.
      expect((await read(policy, date("2026-12-31"))).stale).toEqual([])
      expect((await read(policy, date("2027-01-01"))).stale).toHaveLength(5)
      // A row dated after the day asked about is stale too (the clock was set back).
      expect((await read(policy, date("2026-11-29"))).stale).toHaveLength(5)
      // Another policy print: every row.
      expect((await read({ ...policy, print: "print-b" })).stale).toHaveLength(5)
      // Out of scope: the heatmap of c02 read with c01's scope sees none of its rows.
      const outside = await complianceHeatmapOf(database.db, c01, root, 2026, today, policy, page)
      expect(outside.stale).toEqual([])
      expect(outside.branches).toEqual([])
      expect(outside.rollup).toEqual([])
      expect(outside.total).toBe(0)
    })
  })
})
