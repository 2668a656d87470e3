import { date } from "@xianfeng/core"
import { type CreditedEntry, nationalPolicy } from "@xianfeng/education-training"
import { and, eq, sql } from "drizzle-orm"
import { beforeAll, describe, expect, it } from "vitest"
import {
  createClass,
  creditedStudyOf,
  type Database,
  disciplineMeetings,
  educationOnline,
  educationStudyIndex,
  members,
  type Scope,
  type StudyHours,
  saveMeeting,
  setSessionAttendance,
  studyHoursOf,
  writeMeetings,
  writeOnline,
} from "../src/index.js"
import { testBackends } from "../src/testing.js"
import { useIndexDistrict } from "./support/index-district.js"
import { bareSitting } from "./support/sittings.js"

// The study-hours index (education_study_index) answers a read from stored years while each member's stamp
// holds; the statement triggers bump the stamp on every write of what the hours are made of. After each write
// below, the very next read must say what crediting every entry afresh says — without the triggers the stored
// year of the first read would come back unchanged and these comparisons fail.
describe.each(testBackends(process.env.TEST_DATABASE_URL, "xf_study_index"))(
  "the study-hours index on $name",
  (backend) => {
    const fixture = useIndexDistrict(backend)
    const { ids, district, c01, b1 } = fixture
    let database: Database
    let stranger = ""
    const year = 2026
    const at = new Date("2026-11-30T02:00:00Z")
    const policy = nationalPolicy

    beforeAll(() => {
      ;({ database, stranger } = fixture)
    })

    /** What crediting every entry of the subtree says, per member: tenths, by source, person-times, centralized days. */
    const fresh = async (scope: Scope) => {
      const { credited } = await creditedStudyOf(database.db, district, { orgId: scope.orgId }, year, policy)
      const out = new Map<
        string,
        { tenths: number; bySource: Record<string, number>; n: number; c: string[] }
      >()
      for (const e of credited as readonly CreditedEntry[]) {
        const m = out.get(e.memberId) ?? {
          tenths: 0,
          bySource: { class: 0, meeting: 0, online: 0 },
          n: 0,
          c: [],
        }
        out.set(e.memberId, m)
        if (e.centralized && e.credited > 0) m.c.push(e.on.toString())
        if (e.on.year !== year) continue
        m.tenths += e.credited
        m.bySource[e.source] = (m.bySource[e.source] ?? 0) + e.credited
        if (e.source === "class") m.n += 1
      }
      return out
    }
    const shapeOf = (h: StudyHours) =>
      Object.fromEntries(
        [...h.members.values()]
          .filter((m) => m.tenths > 0 || m.classPersonTimes > 0 || m.centralizedDates.length > 0)
          .map((m) => [
            m.memberId,
            {
              tenths: m.tenths,
              bySource: m.bySource,
              n: m.classPersonTimes,
              c: [...new Set(m.centralizedDates.map(String))].sort(),
            },
          ]),
      )
    const shapeOfFresh = (f: Awaited<ReturnType<typeof fresh>>) =>
      Object.fromEntries(
        [...f]
          .filter(([, m]) => m.tenths > 0 || m.n > 0 || m.c.length > 0)
          .map(([id, m]) => [
            id,
            { tenths: m.tenths, bySource: m.bySource, n: m.n, c: [...new Set(m.c)].sort() },
          ]),
      )
    /** The next read of the whole district (from the index) equals a fresh crediting; returns it. */
    const expectFresh = async () => {
      const hours = await studyHoursOf(database.db, district, {}, year, policy)
      expect(shapeOf(hours)).toEqual(shapeOfFresh(await fresh(district)))
      return hours
    }
    const tenthsOf = async (memberId: string) =>
      (await studyHoursOf(database.db, district, {}, year, policy)).members.get(memberId)?.tenths ?? 0

    let sessionId = ""
    let classId = ""
    let meetingId = ""
    it("fills the index on the first read and serves the next from it", async () => {
      const klass = await createClass(database.db, c01, {
        orgId: "c01",
        title: "轮训班",
        audienceKind: "subtree",
        audienceValue: "c01",
        centralized: true,
        sessions: [
          { topic: "第一讲", onDate: date("2026-05-10"), startMinute: 540, endMinute: 720, tenths: 40 },
          { topic: "第二讲", onDate: date("2026-06-10"), startMinute: 540, endMinute: 720, tenths: 40 },
        ],
        recordedBy: null,
        recordedAt: at,
      })
      classId = klass.id
      sessionId = klass.sessions[0]?.id as string
      await setSessionAttendance(database.db, c01, sessionId, ids)
      await setSessionAttendance(database.db, c01, klass.sessions[1]?.id as string, ids.slice(0, 2))
      const first = await expectFresh()
      expect(first.recomputed).toBeGreaterThanOrEqual(4)
      expect(first.members.get(ids[0] as string)?.tenths).toBe(80)
      const stored = await database.db
        .select()
        .from(educationStudyIndex)
        .where(eq(educationStudyIndex.year, year))
      expect(stored.map((r) => r.memberId).sort()).toEqual([...ids, stranger].sort())
      const second = await expectFresh()
      expect(second.recomputed).toBe(0)
    })

    it("sees class attendance ticked and unticked (the tick list)", async () => {
      await setSessionAttendance(database.db, c01, sessionId, ids.slice(0, 1))
      const h = await expectFresh()
      // The tick list replaces the session's ticks (all three unticked, one ticked again): three stamps moved.
      expect(h.recomputed).toBe(3)
      expect(h.members.get(ids[2] as string)).toBeUndefined()
    })

    it("sees a session's hours and day changed, and its class's centralized flag", async () => {
      await database.db.execute(sql`update education_sessions set tenths = 30 where id = ${sessionId}`)
      expect(await tenthsOf(ids[0] as string)).toBe(70)
      await expectFresh()
      await database.db.execute(
        sql`update education_sessions set on_date = '2025-12-30' where id = ${sessionId}`,
      )
      expect(await tenthsOf(ids[0] as string)).toBe(40)
      await expectFresh()
      await database.db.execute(
        sql`update education_sessions set on_date = '2026-05-10' where id = ${sessionId}`,
      )
      await database.db.execute(sql`update education_classes set centralized = false where id = ${classId}`)
      const h = await expectFresh()
      expect(h.members.get(ids[0] as string)?.centralizedDates).toEqual([])
    })

    it("sees online learning written (one source crowding a day on its own), changed and deleted", async () => {
      const memberId = ids[1] as string
      const before = await tenthsOf(memberId)
      // Two overlapping online records on one day: the same hour is credited once.
      await writeOnline(database.db, [
        {
          memberId,
          title: "网课一",
          onDate: date("2026-07-01"),
          startMinute: 480,
          endMinute: 600,
          tenths: 30,
          recordedBy: null,
          recordedAt: at,
        },
        {
          memberId,
          title: "网课二",
          onDate: date("2026-07-01"),
          startMinute: 540,
          endMinute: 660,
          tenths: 30,
          recordedBy: null,
          recordedAt: at,
        },
      ])
      const h = await expectFresh()
      expect(h.members.get(memberId)?.bySource.online).toBeLessThan(60)
      expect(h.members.get(memberId)?.bySource.online).toBeGreaterThan(0)
      await database.db.update(educationOnline).set({ tenths: 10 }).where(eq(educationOnline.title, "网课一"))
      await expectFresh()
      await database.db.delete(educationOnline).where(eq(educationOnline.memberId, memberId))
      expect(await tenthsOf(memberId)).toBe(before)
      await expectFresh()
    })

    it("sees a study meeting recorded, edited (times, kinds, roll call) and deleted", async () => {
      const fields = {
        orgId: "b1",
        types: ["party-lecture"],
        onDate: date("2026-04-10"),
        startTime: "14:00",
        endTime: "15:30",
        place: "活动室",
        chair: "书记",
        recorder: "委员",
        expectedFull: 3,
        expectedProbationary: 0,
        presentFull: 2,
        presentProbationary: 0,
        observers: [],
        firstItem: { topic: "学习讲话精神", form: "集中学习" },
        agenda: [],
        resolutions: [],
        votes: [],
        attendance: [
          { memberId: ids[0] as string, present: true, reason: "" },
          { memberId: ids[1] as string, present: true, reason: "" },
          { memberId: ids[2] as string, present: false, reason: "病假" },
        ],
        recordedBy: null,
        recordedAt: at,
      }
      const [m] = await writeMeetings(database.db, [fields])
      meetingId = m?.id as string
      let h = await expectFresh()
      expect(h.members.get(ids[1] as string)?.bySource.meeting).toBeGreaterThan(0)
      const meetingOf = async (id: string) =>
        (await database.db.select().from(disciplineMeetings).where(eq(disciplineMeetings.id, id)))[0]
          ?.version ?? 0
      // The API's edit: later end, and the absent member now present.
      const edited = await saveMeeting(
        database.db,
        b1,
        {
          ...fields,
          endTime: "16:30",
          attendance: fields.attendance.map((a) => ({ ...a, present: true, reason: "" })),
        },
        { id: meetingId, expectedVersion: await meetingOf(meetingId) },
      )
      expect(edited).toBeDefined()
      h = await expectFresh()
      expect(h.members.get(ids[2] as string)?.bySource.meeting).toBeGreaterThan(0)
      // No longer a study kind: its hours go.
      await database.db
        .update(disciplineMeetings)
        .set({ types: ["committee-meeting"] })
        .where(eq(disciplineMeetings.id, meetingId))
      h = await expectFresh()
      expect(h.members.get(ids[2] as string)?.bySource.meeting ?? 0).toBe(0)
      await database.db
        .update(disciplineMeetings)
        .set({ types: ["party-lecture"] })
        .where(eq(disciplineMeetings.id, meetingId))
      await expectFresh()
      await database.db.delete(disciplineMeetings).where(eq(disciplineMeetings.id, meetingId))
      h = await expectFresh()
      expect(h.members.get(ids[2] as string)?.bySource.meeting ?? 0).toBe(0)
    })

    it("follows a member who moves: their old branch's meetings leave the new subtree's reads", async () => {
      const [m] = await writeMeetings(database.db, [
        bareSitting("b1", "2026-09-10", {
          startTime: "09:00",
          endTime: "11:00",
          recorder: "委员",
          expectedFull: 3,
          presentFull: 3,
          attendance: ids.map((memberId) => ({ memberId, present: true, reason: "" })),
          recordedAt: at,
        }),
      ])
      expect(m).toBeDefined()
      const mover = ids[2] as string
      await expectFresh()
      await database.db.update(members).set({ orgId: "b2" }).where(eq(members.id, mover))
      // The whole district still holds the meeting; c02's subtree does not, as the fresh crediting says.
      await expectFresh()
      const c02: Scope = { orgId: "c02", orgPath: "d1.c02" }
      const sub = await studyHoursOf(database.db, district, { orgId: "c02" }, year, policy)
      const subFresh = await creditedStudyOf(database.db, district, { orgId: "c02" }, year, policy)
      const mine = subFresh.credited.filter((e) => e.memberId === mover && e.on.year === year)
      expect(sub.members.get(mover)?.tenths ?? 0).toBe(mine.reduce((s, e) => s + e.credited, 0))
      expect(sub.members.get(mover)?.bySource.meeting ?? 0).toBe(0)
      const card = await studyHoursOf(database.db, c02, { memberId: mover }, year, policy)
      expect(card.members.get(mover)?.bySource.meeting ?? 0).toBe(0)
      await database.db
        .update(members)
        .set({ orgId: "b1" })
        .where(and(eq(members.id, mover)))
      expect((await expectFresh()).members.get(mover)?.bySource.meeting).toBeGreaterThan(0)
    })

    it("recomputes under another policy and keeps each read's answer", async () => {
      const sixty = { ...policy, minutesPerClassHour: 60 }
      const a = await studyHoursOf(database.db, district, {}, year, sixty)
      expect(a.recomputed).toBeGreaterThan(0)
      const b = await studyHoursOf(database.db, district, {}, year, policy)
      expect(shapeOf(b)).toEqual(shapeOfFresh(await fresh(district)))
    })
  },
)
