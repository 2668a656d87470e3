import { date } from "@xianfeng/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type Database,
  decidingMeetingOf,
  developmentDecisionsAt,
  insertMember,
  insertUser,
  linkedMeetingsOf,
  type MeetingFields,
  recordDevelopmentStep,
  removeDevelopmentRecord,
  saveMeeting,
} from "../src/index.js"
import { testBackends } from "../src/testing.js"
import { testVault } from "./suite/context.js"
import { insertOrgs } from "./support/orgs.js"

// The link of a development step to the meeting that decided it, on every backend: PGlite always, PostgreSQL
// when TEST_DATABASE_URL is set.
describe.each(testBackends(process.env.TEST_DATABASE_URL, "xf_devmeeting"))("$name", (backend) => {
  let database: Database
  const b1 = { orgId: "b1", orgPath: "d1.c01.b1" }
  const b2 = { orgId: "b2", orgPath: "d1.c01.b2" }
  const c01 = { orgId: "c01", orgPath: "d1.c01" }
  let person = ""
  let meetingId = ""
  let secretary = ""
  beforeAll(async () => {
    database = await backend.open()
    await database.db.transaction(async (tx) => {
      await insertOrgs(tx, [
        { id: "d1", kind: "district-committee", name: "区委" },
        { id: "c01", parentId: "d1", kind: "party-committee", name: "第一党委" },
        { id: "b1", parentId: "c01", kind: "branch", name: "第一支部" },
        { id: "b2", parentId: "c01", kind: "branch", name: "第二支部" },
      ])
      secretary = await insertUser(tx, {
        username: "b1-secretary",
        displayName: "书记",
        role: "branch-secretary",
        orgId: "b1",
        passwordHash: "x",
      })
      person = (
        await insertMember(tx, testVault, {
          orgId: "b1",
          name: "张三",
          sex: "male",
          birthDate: date("1995-01-01"),
          ethnicity: "01",
          education: "21",
          occupationGroup: "worker",
          stage: "development-object",
        })
      ).id
      const fields: MeetingFields = {
        orgId: "b1",
        types: ["general-meeting"],
        onDate: date("2026-05-12"),
        startTime: "14:30",
        endTime: "16:00",
        place: "活动室",
        chair: "书记",
        recorder: "组织委员",
        expectedFull: 9,
        expectedProbationary: 0,
        presentFull: 5,
        presentProbationary: 0,
        observers: [],
        firstItem: null,
        agenda: ["讨论接收张三为预备党员"],
        resolutions: [],
        votes: [
          {
            matter: "admission",
            subject: "张三",
            expectedVoters: 9,
            presentVoters: 5,
            writtenOpinions: 0,
            yesVotes: 5,
            noVotes: 0,
            abstentions: 0,
          },
        ],
        attendance: [],
        recordedBy: null,
        recordedAt: new Date("2026-05-12T10:00:00Z"),
      }
      const saved = await saveMeeting(tx, b1, fields)
      if (saved === undefined || "_tag" in saved) throw new Error("meeting not saved")
      meetingId = saved.id
    })
  })
  afterAll(async () => {
    await database.close()
  })

  it("reads a meeting in the scope, locked or not, and nothing outside it", async () => {
    const m = await decidingMeetingOf(database.db, c01, meetingId)
    expect(m).toMatchObject({ orgId: "b1", types: ["general-meeting"], presentProbationary: 0 })
    expect(m?.onDate.toString()).toBe("2026-05-12")
    expect(m?.votes[0]?.subject).toBe("张三")
    const locked = await database.db.transaction((tx) => decidingMeetingOf(tx, b1, meetingId, { lock: true }))
    expect(locked?.id).toBe(meetingId)
    expect(await decidingMeetingOf(database.db, b2, meetingId)).toBeUndefined()
    expect(await decidingMeetingOf(database.db, b1, "00000000-0000-4000-8000-000000000000")).toBeUndefined()
  })

  it("stores the link with the step, lists it under the meeting, and drops it when the record is removed", async () => {
    const record = await database.db.transaction((tx) =>
      recordDevelopmentStep(
        tx,
        b1,
        {
          memberId: person,
          step: "admission-meeting",
          onDate: date("2026-05-12"),
          evidence: { yesVotes: 5 },
          meetingId,
          recordedBy: null,
          recordedAt: new Date("2026-05-12T11:00:00Z"),
        },
        {},
      ),
    )
    expect(record.meetingId).toBe(meetingId)
    const decisions = await developmentDecisionsAt(database.db, c01, [meetingId])
    expect(decisions.get(meetingId)?.map((d) => [d.memberName, d.step, d.recordId])).toEqual([
      ["张三", "admission-meeting", record.id],
    ])
    // Another branch's reader sees no one of b1.
    expect((await developmentDecisionsAt(database.db, b2, [meetingId])).get(meetingId)).toBeUndefined()
    const facts = await linkedMeetingsOf(database.db, b1, [meetingId, null])
    expect(facts.get(meetingId)?.types).toEqual(["general-meeting"])
    expect((await linkedMeetingsOf(database.db, b2, [meetingId])).size).toBe(0)

    await database.db.transaction((tx) =>
      removeDevelopmentRecord(
        tx,
        b1,
        {
          memberId: person,
          recordId: record.id,
          reason: "录入有误",
          removedBy: secretary,
          removedAt: new Date("2026-05-13T00:00:00Z"),
        },
        {},
      ),
    )
    expect((await developmentDecisionsAt(database.db, c01, [meetingId])).get(meetingId)).toBeUndefined()
  })

  it("refuses a link to a meeting that does not exist (foreign key)", async () => {
    await expect(
      database.db.transaction((tx) =>
        recordDevelopmentStep(
          tx,
          b1,
          {
            memberId: person,
            step: "admission-meeting",
            onDate: date("2026-05-12"),
            evidence: {},
            meetingId: "00000000-0000-4000-8000-000000000000",
            recordedBy: null,
            recordedAt: new Date("2026-05-12T11:00:00Z"),
          },
          {},
        ),
      ),
    ).rejects.toThrow()
  })
})
