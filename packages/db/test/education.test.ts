import { randomUUID } from "node:crypto"
import { date } from "@xianfeng/core"
import { eq, sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  attendanceOfClass,
  audienceFactsOf,
  classesInScope,
  classInScope,
  classOrganizedInScope,
  closeClass,
  createClass,
  createForumPost,
  type Database,
  educationClasses,
  educationEnrolments,
  educationSessions,
  enrolledMembers,
  forumThread,
  forumThreads,
  insertMember,
  insertUser,
  meetingFactsInSubtree,
  memberIdsOfSubtree,
  members as memberRows,
  moderateForumPost,
  NotInScope,
  NotOrganizer,
  queryTokens,
  rowsOf,
  searchTokens,
  setSessionAttendance,
  studyEntriesOf,
  studyMembersOf,
  writeEducationRoles,
  writeEnrolments,
  writeExemptions,
  writeMeetings,
  writeOnline,
} from "../src/index.js"
import { testBackends } from "../src/testing.js"
import { testVault } from "./suite/context.js"
import { seedTwoCommittees } from "./support/two-committees.js"

// The area's queries on every backend: PGlite always, PostgreSQL when TEST_DATABASE_URL is set.
describe.each(testBackends(process.env.TEST_DATABASE_URL, "xf_education"))("$name", (backend) => {
  let database: Database
  const ids: string[] = []
  let stranger = ""
  let userId = ""
  beforeAll(async () => {
    database = await backend.open()
    await database.db.transaction(async (tx) => {
      const seeded = await seedTwoCommittees(tx, {
        inB1: ["张一", "李二", "王三"],
        inB2: "赵四",
        birthDate: date("1950-01-01"),
      })
      ids.push(...seeded.ids)
      stranger = seeded.stranger
      userId = await insertUser(tx, {
        username: "edu-writer",
        displayName: "书记甲",
        role: "branch-secretary",
        orgId: "b1",
        passwordHash: "x",
      })
    })
  })
  afterAll(async () => {
    await database.close()
  })

  const c01 = { orgId: "c01", orgPath: "d1.c01" }
  const c02 = { orgId: "c02", orgPath: "d1.c02" }
  const district = { orgId: "d1", orgPath: "d1" }
  const at = new Date("2026-11-30T02:00:00Z")

  it("creates a class with its sessions, enrols a branch, ticks attendance and counts person-times", async () => {
    const klass = await createClass(database.db, c01, {
      orgId: "c01",
      title: "学习贯彻全会精神轮训班",
      audienceKind: "subtree",
      audienceValue: "c01",
      centralized: true,
      sessions: [
        { topic: "第一讲", onDate: date("2026-05-10"), startMinute: 540, endMinute: 720, tenths: 40 },
        { topic: "第二讲", onDate: date("2026-05-10"), startMinute: 840, endMinute: 1020, tenths: 40 },
      ],
      recordedBy: null,
      recordedAt: at,
    })
    expect(klass.sessions).toHaveLength(2)
    const members = await memberIdsOfSubtree(database.db, c01, "b1")
    expect([...members].sort()).toEqual([...ids].sort())
    expect(
      await writeEnrolments(
        database.db,
        members.map((memberId) => ({ classId: klass.id, memberId })),
      ),
    ).toBe(3)
    expect(await writeEnrolments(database.db, [{ classId: klass.id, memberId: ids[0] as string }])).toBe(0)
    const [s1, s2] = klass.sessions
    await setSessionAttendance(database.db, c01, s1?.id as string, ids)
    await setSessionAttendance(database.db, c01, s2?.id as string, ids.slice(0, 2))
    await setSessionAttendance(database.db, c01, s2?.id as string, ids.slice(0, 1))
    const after = await classInScope(database.db, c01, klass.id)
    expect([after.enrolled, after.personTimes]).toEqual([3, 4])
    expect((await attendanceOfClass(database.db, c01, after)).get(s2?.id as string)).toEqual(ids.slice(0, 1))
    const entries = await studyEntriesOf(
      database.db,
      c01,
      { memberId: ids[0] as string },
      date("2026-01-01"),
      date("2026-12-31"),
    )
    expect(entries.map((e) => e.tenths)).toEqual([40, 40])
    expect((await classesInScope(database.db, district, { page: 1, pageSize: 10 })).total).toBe(1)
    expect((await classesInScope(database.db, c02, { page: 1, pageSize: 10 })).total).toBe(0)
    expect(after.orgName).toBe("第一党委")
    await expect(classInScope(database.db, c02, klass.id)).rejects.toBeInstanceOf(NotInScope)
    expect(await closeClass(database.db, c01, klass.id, 2, at)).toBeUndefined()
    expect((await closeClass(database.db, c01, klass.id, 1, at))?.closedAt).toEqual(at)
  })

  it("shows a class organized above to the branches whose members it enrols, with their own rows only", async () => {
    const b1 = { orgId: "b1", orgPath: "d1.c01.b1" }
    const klass = await createClass(database.db, district, {
      orgId: "d1",
      title: "全区集中轮训班",
      audienceKind: "subtree",
      audienceValue: "d1",
      centralized: true,
      sessions: [
        { topic: "第一讲", onDate: date("2026-06-10"), startMinute: 540, endMinute: 720, tenths: 30 },
      ],
      recordedBy: null,
      recordedAt: at,
    })
    expect(klass.orgName).toBe(klass.organizerName)
    expect(klass.organizedInScope).toBe(true)
    await writeEnrolments(database.db, [
      ...ids.map((memberId) => ({ classId: klass.id, memberId })),
      { classId: klass.id, memberId: stranger },
    ])
    const session = klass.sessions[0]?.id as string
    await setSessionAttendance(database.db, district, session, [...ids, stranger])
    // The branch sees the class (the organizer's name from the class), its own members and their ticks.
    const seen = await classInScope(database.db, b1, klass.id)
    expect([seen.organizedInScope, seen.orgName, seen.enrolled, seen.personTimes]).toEqual([
      false,
      klass.orgName,
      3,
      3,
    ])
    // b1 sees this class and c01's (both enrol its members), organized above it.
    const listed = await classesInScope(database.db, b1, { page: 1, pageSize: 10 })
    expect(listed.total).toBe(2)
    expect(listed.items.find((c) => c.id === klass.id)?.organizedInScope).toBe(false)
    expect((await enrolledMembers(database.db, b1, klass.id)).map((m) => m.id).sort()).toEqual(
      [...ids].sort(),
    )
    expect([...(await attendanceOfClass(database.db, b1, seen)).values()].flat().sort()).toEqual(
      [...ids].sort(),
    )
    // Its tick list replaces its own members' ticks and leaves another branch's alone.
    await setSessionAttendance(database.db, b1, session, ids.slice(0, 1))
    const all = await classInScope(database.db, district, klass.id)
    expect(all.personTimes).toBe(2)
    expect((await attendanceOfClass(database.db, district, all)).get(session)?.includes(stranger)).toBe(true)
    // Another committee sees it through its one member; enrolling and closing stay with the organizer's side.
    expect((await classInScope(database.db, c02, klass.id)).enrolled).toBe(1)
    await expect(classOrganizedInScope(database.db, b1, klass.id)).rejects.toBeInstanceOf(NotOrganizer)
    await expect(closeClass(database.db, b1, klass.id, 1, at)).rejects.toBeInstanceOf(NotOrganizer)
  })

  it("moves a member's enrolments with the member, and refuses an enrolment whose organization is not its member's", async () => {
    const b1 = { orgId: "b1", orgPath: "d1.c01.b1" }
    const b2 = { orgId: "b2", orgPath: "d1.c02.b2" }
    const klass = await createClass(database.db, c01, {
      orgId: "c01",
      title: "调入调出测试班",
      audienceKind: "subtree",
      audienceValue: "c01",
      centralized: false,
      sessions: [],
      recordedBy: null,
      recordedAt: at,
    })
    const { id: mover } = await insertMember(database.db, testVault, {
      orgId: "b1",
      name: "钱五",
      sex: "female",
      birthDate: date("1990-01-01"),
      ethnicity: "01",
      education: "21",
      occupationGroup: "worker",
      stage: "full",
    })
    expect(await writeEnrolments(database.db, [{ classId: klass.id, memberId: mover }])).toBe(1)
    const listedBy = async (scope: { orgId: string; orgPath: string }) =>
      (await classesInScope(database.db, scope, { page: 1, pageSize: 50 })).items.map((c) => c.id)
    expect(await listedBy(b1)).toContain(klass.id)
    expect(await listedBy(c02)).not.toContain(klass.id)
    // Written into b2 by plain SQL (no API path), the member takes the enrolment along: b2 and c02 see the class
    // through it, b1 no longer does, and the organizer's side still sees it as its own.
    await database.db.update(memberRows).set({ orgId: "b2" }).where(eq(memberRows.id, mover))
    expect(await listedBy(b1)).not.toContain(klass.id)
    expect(await listedBy(c02)).toContain(klass.id)
    const seen = await classInScope(database.db, b2, klass.id)
    expect([seen.organizedInScope, seen.enrolled]).toEqual([false, 1])
    expect((await classInScope(database.db, c01, klass.id)).organizedInScope).toBe(true)
    // An enrolment whose organization is not its member's fails, inserted or updated, and changes nothing.
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => "written",
        (e: unknown) => String(e instanceof Error && e.cause instanceof Error ? e.cause.message : e),
      )
    expect(
      await refusal(
        database.db
          .insert(educationEnrolments)
          .values({ classId: klass.id, memberId: ids[0] as string, orgId: "b2" }),
      ),
    ).toBe(`education_enrolments.org_id b2 is not the organization of member ${ids[0]}`)
    expect(
      await refusal(
        database.db
          .update(educationEnrolments)
          .set({ orgId: "b1" })
          .where(eq(educationEnrolments.memberId, mover)),
      ),
    ).toBe(`education_enrolments.org_id b1 is not the organization of member ${mover}`)
    const rows = await database.db
      .select({ memberId: educationEnrolments.memberId, orgId: educationEnrolments.orgId })
      .from(educationEnrolments)
      .where(eq(educationEnrolments.classId, klass.id))
    expect(rows).toEqual([{ memberId: mover, orgId: "b2" }])
  })

  it("refuses to enrol a member who does not exist as NotInScope naming the member, and enrols no one", async () => {
    const klass = await createClass(database.db, c01, {
      orgId: "c01",
      title: "查无此人测试班",
      audienceKind: "list",
      audienceValue: "",
      centralized: false,
      sessions: [],
      recordedBy: null,
      recordedAt: at,
    })
    const missing = randomUUID()
    const refusal = await writeEnrolments(database.db, [
      { classId: klass.id, memberId: ids[0] as string },
      { classId: klass.id, memberId: missing },
    ]).then(
      () => "written",
      (e: unknown) => e,
    )
    expect(refusal).toBeInstanceOf(NotInScope)
    expect(refusal).toMatchObject({ objectType: "member", id: missing })
    // Thrown before anything is written: the member who exists was not enrolled either.
    expect((await classInScope(database.db, c01, klass.id)).enrolled).toBe(0)
  })

  it("keeps each class's totals where its rows are written, and the app role cannot write them", async () => {
    const klass = await createClass(database.db, c01, {
      orgId: "c01",
      title: "人次计数测试班",
      audienceKind: "subtree",
      audienceValue: "c01",
      centralized: true,
      sessions: [
        { topic: "一", onDate: date("2026-09-01"), startMinute: 540, endMinute: 600, tenths: 10 },
        { topic: "二", onDate: date("2026-09-02"), startMinute: 540, endMinute: 600, tenths: 10 },
      ],
      recordedBy: null,
      recordedAt: at,
    })
    const [s1, s2] = klass.sessions.map((s) => s.id) as [string, string]
    /** The stored totals against the rows counted one by one. */
    const agree = async () => {
      const [stored] = await database.db
        .select({ e: educationClasses.enrolledCount, p: educationClasses.personTimes })
        .from(educationClasses)
        .where(eq(educationClasses.id, klass.id))
      const [counted] = rowsOf<{ e: number; p: number }>(
        await database.db.execute(sql`select
          (select count(*)::int from education_enrolments where class_id = ${klass.id}) as e,
          (select count(*)::int from education_attendance a join education_sessions s on s.id = a.session_id
            where s.class_id = ${klass.id}) as p`),
      )
      expect(stored).toEqual(counted)
      return stored
    }
    expect(await agree()).toEqual({ e: 0, p: 0 })
    await writeEnrolments(
      database.db,
      ids.map((memberId) => ({ classId: klass.id, memberId })),
    )
    await setSessionAttendance(database.db, c01, s1, ids)
    await setSessionAttendance(database.db, c01, s2, ids.slice(0, 2))
    expect(await agree()).toEqual({ e: 3, p: 5 })
    // A tick list replaced, a session deleted with its ticks, an enrolment moved to another class by plain SQL.
    await setSessionAttendance(database.db, c01, s2, ids.slice(0, 1))
    expect(await agree()).toEqual({ e: 3, p: 4 })
    await database.db.delete(educationSessions).where(eq(educationSessions.id, s1))
    expect(await agree()).toEqual({ e: 3, p: 1 })
    const seen = await classInScope(database.db, c01, klass.id)
    expect([seen.enrolled, seen.personTimes]).toEqual([3, 1])
    // A new class's totals start at 0 whatever its insert says.
    const [forged] = await database.db
      .insert(educationClasses)
      .values({
        orgId: "c01",
        organizerName: "第一党委",
        title: "伪造人次",
        audienceKind: "subtree",
        audienceValue: "c01",
        enrolledCount: 99,
        personTimes: 99,
      })
      .returning({ e: educationClasses.enrolledCount, p: educationClasses.personTimes })
    expect(forged).toEqual({ e: 0, p: 0 })
    // The app role updates a class (closing it) but not its totals.
    const may = async (column: string) =>
      rowsOf<{ ok: boolean }>(
        await database.db.execute(
          sql`select has_column_privilege('xianfeng_app', 'education_classes', ${column}, 'UPDATE') as ok`,
        ),
      )[0]?.ok
    expect([await may("closed_at"), await may("enrolled_count"), await may("person_times")]).toEqual([
      true,
      false,
      false,
    ])
  })

  it("keeps members, online study, posts and exemptions in the scope", async () => {
    await writeOnline(database.db, [
      {
        memberId: ids[1] as string,
        title: "网络学习",
        onDate: date("2026-06-01"),
        startMinute: null,
        endMinute: null,
        tenths: 20,
        recordedBy: null,
        recordedAt: at,
      },
    ])
    await writeEducationRoles(database.db, [
      { memberId: ids[0] as string, role: "secretary", since: date("2026-03-01") },
    ])
    await writeExemptions(database.db, [
      { memberId: ids[2] as string, year: 2026, reason: "old", studyBrought: "送学上门" },
    ])
    const rows = await studyMembersOf(database.db, c01, { orgId: "b1" }, 2026)
    expect(rows.map((r) => [r.name, r.roles.map((x) => x.role), r.exemption?.reason ?? null])).toEqual(
      expect.arrayContaining([
        ["张一", ["secretary"], null],
        ["王三", [], "old"],
      ]),
    )
    const facts = await audienceFactsOf(database.db, c01, [...ids, stranger])
    expect([facts.size, facts.get(ids[0] as string)?.roles]).toEqual([3, ["secretary"]])
    const online = await studyEntriesOf(
      database.db,
      c01,
      { orgId: "b1" },
      date("2026-01-01"),
      date("2026-12-31"),
    )
    expect(online.filter((e) => e.source === "online").map((e) => e.tenths)).toEqual([20])
    await expect(
      studyEntriesOf(database.db, c01, { memberId: stranger }, date("2026-01-01"), date("2026-12-31")),
    ).rejects.toBeInstanceOf(NotInScope)
  })

  it("reads meetings for study: only of the given kinds, only those someone attended", async () => {
    const b1 = { orgId: "b1", orgPath: "d1.c01.b1" }
    const base = {
      orgId: "b1",
      onDate: date("2026-04-10"),
      startTime: "14:00",
      endTime: "15:30",
      place: "活动室",
      chair: "书记",
      recorder: "委员",
      expectedFull: 3,
      expectedProbationary: 0,
      presentFull: 1,
      presentProbationary: 0,
      observers: [],
      firstItem: { topic: "学习讲话精神", form: "集中学习" },
      agenda: [],
      resolutions: [],
      votes: [],
      recordedBy: null,
      recordedAt: at,
    }
    await writeMeetings(database.db, [
      {
        ...base,
        types: ["party-lecture"],
        attendance: [{ memberId: ids[0] as string, present: true, reason: "" }],
      },
      {
        ...base,
        types: ["committee-meeting"],
        attendance: [{ memberId: ids[0] as string, present: true, reason: "" }],
      },
      { ...base, types: ["party-lecture"], attendance: [] },
    ])
    const all = await meetingFactsInSubtree(
      database.db,
      b1,
      undefined,
      date("2026-01-01"),
      date("2026-12-31"),
    )
    expect(all).toHaveLength(3)
    const study = await meetingFactsInSubtree(
      database.db,
      b1,
      undefined,
      date("2026-01-01"),
      date("2026-12-31"),
      {
        kinds: ["party-lecture", "theme-day"],
        attendedOnly: true,
      },
    )
    expect(study.map((m) => [m.types, m.presentMemberIds])).toEqual([[["party-lecture"], [ids[0]]]])
    // Without who was present (the 第一议题 ledger's read): the same meetings, no attendance.
    const bare = await meetingFactsInSubtree(
      database.db,
      b1,
      undefined,
      date("2026-01-01"),
      date("2026-12-31"),
      { present: false },
    )
    expect(bare.map((m) => m.id)).toEqual(all.map((m) => m.id))
    expect(all.some((m) => m.presentMemberIds.length > 0)).toBe(true)
    expect(bare.every((m) => m.presentMemberIds.length === 0)).toBe(true)
  })

  it("cuts Chinese into words the same way in the post and the query", () => {
    const tokens = searchTokens("书记话党建：我们支部如何开展第一议题学习").split(" ")
    expect(tokens).toEqual(expect.arrayContaining(["支部", "党建", "议题"]))
    expect(queryTokens("党建")).toEqual(["党建"])
    expect(queryTokens("支部学习")).toEqual(["支部", "学习"])
    // a post of the largest size the API takes is cut in bounded memory and time
    const long = "我们坚持把乡村振兴和党建引领结合起来。".repeat(1000)
    expect(searchTokens(long).split(" ")).toEqual(expect.arrayContaining(["乡村", "振兴", "党建"]))
  })

  it("finds a forum thread by a Chinese word district-wide, and hides it from everyone but moderators", async () => {
    const post = await createForumPost(
      database.db,
      { orgId: "b1", orgPath: "d1.c01.b1" },
      {
        threadId: null,
        orgId: "b1",
        authorId: userId,
        authorName: "书记甲",
        title: "村党组织带头人培养的一点体会",
        body: "我们坚持把乡村振兴和党建引领结合起来",
        createdAt: at,
      },
    )
    await createForumPost(
      database.db,
      { orgId: "b1", orgPath: "d1.c01.b1" },
      {
        threadId: post.id,
        orgId: "b1",
        authorId: userId,
        authorName: "书记甲",
        title: "",
        body: "补充：网格化管理也很重要",
        createdAt: at,
      },
    )
    const find = async (q: string, includeHidden = false) =>
      (await forumThreads(database.db, { q, includeHidden, page: 1, pageSize: 10 })).items.map((t) => t.id)
    expect(await find("乡村振兴")).toEqual([post.id])
    expect(await find("网格化")).toEqual([post.id])
    expect(await find("党建")).toEqual([post.id])
    expect(await find("财务审计")).toEqual([])
    await expect(
      moderateForumPost(database.db, c02, post.id, { hide: { reason: "x", by: userId, at } }),
    ).rejects.toBeInstanceOf(NotInScope)
    await moderateForumPost(database.db, district, post.id, {
      hide: { reason: "含不当内容", by: userId, at },
    })
    expect(await find("乡村振兴")).toEqual([])
    expect(await find("乡村振兴", true)).toEqual([post.id])
    await expect(forumThread(database.db, post.id, false)).rejects.toBeInstanceOf(NotInScope)
    expect((await forumThread(database.db, post.id, true)).replies).toHaveLength(1)
  })
})
