import { date } from "@xianfeng/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type Database,
  insertMember,
  insertOrg,
  type MeetingFields,
  meetingInScope,
  meetingsOfOrg,
  NotInScope,
  orgShapeFacts,
  saveMeeting,
  subtreeSittings,
} from "../src/index.js"
import { testBackends } from "../src/testing.js"
import { testVault } from "./suite/context.js"

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
})
