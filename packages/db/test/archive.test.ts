import { gunzipSync, gzipSync } from "node:zlib"
import { date, makeIdNumber } from "@xianfeng/core"
import { nationalPolicy } from "@xianfeng/education-training"
import { sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  ArchiveRefused,
  appendAudit,
  arrearsSummaryInScope,
  calendarDeadlinesOf,
  complianceHeatmapOf,
  confirmSurveyBranch,
  createClass,
  createIdVault,
  createSurvey,
  type Database,
  DERIVED_TABLES,
  duesArrearsOf,
  duesCollectionOf,
  exportArchive,
  insertMember,
  listMembersInScope,
  pipelineDeadlinesOf,
  readArchive,
  recordDevelopmentStep,
  rememberMapping,
  restoreArchive,
  type Scope,
  saveCalendarIndex,
  saveCalendarYear,
  saveComplianceIndex,
  saveMeeting,
  savePipelineIndex,
  saveTalk,
  setSessionAttendance,
  staleCalendarBasesOf,
  stalePipelinePeople,
  studyHoursOf,
  verifyAuditChain,
  writeDuesAssessments,
  writeDuesPayments,
  writeEnrolments,
  writeOnline,
  type XfDb,
} from "../src/index.js"
import { testBackends } from "../src/testing.js"
import { testVault } from "./suite/context.js"
import { insertOrgs } from "./support/orgs.js"

/** Dates and months as their ISO text (Temporal values compare by it), maps left out. */
const normal = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T

const withoutTimestamp = (bytes: Uint8Array) => {
  const a = JSON.parse(gunzipSync(bytes).toString("utf8")) as Record<string, unknown>
  delete a.exportedAt
  return a
}

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows

const district: Scope = { orgId: "a_d", orgPath: "a_d" }
const today = date("2026-11-30")
const since = date("2026-01-01")
const policyPrint = "archive-test"
const at = new Date("2026-11-30T02:00:00Z")

/** How many rows each derived table holds. */
const derivedCounts = async (db: XfDb) => {
  const out: Record<string, number> = {}
  for (const t of DERIVED_TABLES) {
    const [row] = rowsOf<{ n: number }>(await db.execute(sql.raw(`select count(*)::int as n from "${t}"`)))
    out[t] = row?.n ?? 0
  }
  return out
}

/** The district's compliance heatmap of 2026 (its stale organizations are what the caller evaluates). */
const districtHeatmap = (db: XfDb) =>
  complianceHeatmapOf(
    db,
    district,
    { id: "a_d", path: "a_d" },
    2026,
    today,
    { area: "discipline", print: policyPrint },
    { offset: 0, limit: 10 },
  )

/**
 * What the stale checks of the three stored answers the API evaluates (compliance, calendar, pipeline) ask to
 * evaluate again on `today`: organization and member ids.
 */
const staleOf = async (db: XfDb) => {
  const heatmap = await districtHeatmap(db)
  return {
    compliance: heatmap.stale.map((s) => s.id),
    calendar: (await staleCalendarBasesOf(db, district, since, today, policyPrint)).map((s) => s.id),
    pipeline: (await stalePipelinePeople(db, district, "a_d", today)).people.map((p) => p.id).sort(),
  }
}

/**
 * Refreshes the stored answers the way their callers do — evaluate what the stale checks name, store it — with
 * a stand-in evaluation that is a function of the stored data (the rules themselves are the API's): a
 * compliance count per organization from its committee flag, one calendar item per organization, and for each
 * person of the pipeline one step due 60 days after their last development record.
 */
const refreshStored = async (db: XfDb) => {
  const heatmap = await districtHeatmap(db)
  await saveComplianceIndex(
    db,
    heatmap.stale.map((s) => ({
      orgId: s.id,
      year: 2026,
      basis: s.basis,
      evaluatedOn: today,
      recheckOn: date("2026-12-31"),
      months: Array.from({ length: 12 }, (_, i) => ({
        met: i === 10 ? 1 : 0,
        upcoming: 0,
        due: s.hasCommittee ? 1 : 0,
        overdue: s.kind === "branch" ? 1 : 0,
        missed: 0,
      })),
    })),
  )
  const calendar = await staleCalendarBasesOf(db, district, since, today, policyPrint)
  await saveCalendarIndex(
    db,
    calendar.map((c) => ({
      orgId: c.id,
      basis: c.basis,
      evaluatedOn: today,
      recheckOn: date("2026-12-31"),
      items: [
        {
          obligation: c.kind === "branch" ? "general-meeting" : "committee-meeting",
          period: "2026-Q4",
          periodStart: "2026-10-01",
          periodEnd: "2026-12-31",
          status: "due",
          dueBy: "2026-12-31",
          citations: [],
        },
      ],
    })),
  )
  const { people, records } = await stalePipelinePeople(db, district, "a_d", today)
  await savePipelineIndex(
    db,
    people.map((p) => {
      const last = [...(records.get(p.id) ?? [])]
        .map((r) => r.onDate.toString())
        .sort()
        .at(-1)
      return {
        memberId: p.id,
        memberVersion: p.version,
        evaluatedOn: today,
        recheckOn: date("2026-12-31"),
        items:
          last === undefined
            ? []
            : [{ step: "next", state: "due" as const, dueBy: date(last).add({ days: 60 }).toString() }],
      }
    }),
  )
}

/**
 * The district's derived answers as the db package's reads give them (each recomputing or asking to evaluate
 * again what is missing or stale): dues arrears and the collection of two months, study hours of the year,
 * the compliance heatmap, the calendar's and the pipeline's due items of the window.
 */
const answersOf = async (db: XfDb, memberIds: readonly string[]) => {
  await refreshStored(db)
  const heatmap = await districtHeatmap(db)
  const hours = await studyHoursOf(db, district, {}, 2026, nationalPolicy)
  return {
    arrears: await arrearsSummaryInScope(db, district, today),
    standings: [...(await duesArrearsOf(db, district, memberIds, today))].sort((a, b) =>
      a.memberId.localeCompare(b.memberId),
    ),
    collection: (await duesCollectionOf(db, district, ["2026-01", "2026-02"])).months,
    study: [...hours.members.values()].sort((a, b) => a.memberId.localeCompare(b.memberId)),
    studyByMonth: hours.byMonth,
    compliance: { stale: heatmap.stale, rollup: heatmap.rollup, branches: heatmap.branches },
    calendar: await calendarDeadlinesOf(db, district, since, date("2027-12-31"), 100),
    pipeline: await pipelineDeadlinesOf(db, district, since, date("2027-12-31"), 100),
  }
}

/** An archive as the code before the derived tables were left out wrote it: with the source's derived tables. */
const withDerivedTables = async (bytes: Uint8Array, db: XfDb) => {
  const a = JSON.parse(gunzipSync(bytes).toString("utf8")) as { tables: Record<string, unknown[]> }
  for (const t of DERIVED_TABLES) {
    const [row] = rowsOf<{ rows: unknown[] }>(
      await db.execute(sql.raw(`select coalesce(json_agg(t), '[]'::json) as rows from "${t}" t`)),
    )
    a.tables[t] = row?.rows ?? []
  }
  return new Uint8Array(gzipSync(JSON.stringify(a)))
}

// Export → restore into an empty database → export again gives the same archive apart from its timestamp.
describe.each(testBackends(process.env.TEST_DATABASE_URL, "xf_archive"))("$name", (backend) => {
  let source: Database
  let target: Database
  let older: Database
  const memberIds: string[] = []
  const activistIds: string[] = []
  /** The source's derived answers, read once its stored answers are filled. */
  let answers: Awaited<ReturnType<typeof answersOf>>
  beforeAll(async () => {
    source = await backend.open()
    target = await backend.open()
    older = await backend.open()
    await source.db.transaction(async (tx) => {
      await insertOrgs(tx, [
        { id: "a_d", kind: "district-committee", name: "区委" },
        { id: "a_c", parentId: "a_d", kind: "township-committee", name: "镇党委" },
        { id: "a_b", parentId: "a_c", kind: "branch", name: "一支部" },
      ])
      for (const [i, name] of ["阿依古丽·买买提", "𠮷田花子", "林小红"].entries()) {
        const m = await insertMember(tx, testVault, {
          orgId: "a_b",
          name,
          sex: "female",
          birthDate: date("1990-01-01"),
          ethnicity: "01",
          education: "21",
          occupationGroup: "worker",
          stage: "full",
          admittedOn: date("2015-07-01"),
          fullMemberOn: date("2016-07-01"),
          idNumber: makeIdNumber("830000", date("1990-01-01"), 20 + i),
        })
        memberIds.push(m.id)
      }
      // Dues: the restore writes them with the dues triggers live (which stamp members and organizations).
      const [first, second] = memberIds as [string, string]
      await writeDuesAssessments(tx, [
        {
          memberId: first,
          year: 2026,
          category: "salaried",
          baseFen: 500_000,
          basisPoints: 100,
          monthlyFen: 5_000,
          fromMonth: "2026-01",
          recordedBy: null,
        },
        {
          memberId: second,
          year: 2026,
          category: "retiree",
          baseFen: 400_000,
          basisPoints: 50,
          monthlyFen: 2_000,
          fromMonth: "2026-01",
          recordedBy: null,
        },
      ])
      await writeDuesPayments(tx, [
        { memberId: first, month: "2026-01", amountFen: 5_000, paidOn: date("2026-01-10"), recordedBy: null },
      ])
      // 三会一课: a sitting of the branch with its roll call (a study meeting), and a talk.
      const b: Scope = { orgId: "a_b", orgPath: "a_d.a_c.a_b" }
      const sitting = await saveMeeting(tx, b, {
        orgId: "a_b",
        types: ["general-meeting", "party-lecture"],
        onDate: date("2026-11-15"),
        startTime: "14:30",
        endTime: "16:00",
        place: "活动室",
        chair: "书记",
        recorder: "组织委员",
        expectedFull: 3,
        expectedProbationary: 0,
        presentFull: 2,
        presentProbationary: 0,
        observers: [],
        firstItem: { topic: "党课", form: "集中学习" },
        agenda: ["党课"],
        resolutions: [],
        votes: [],
        attendance: memberIds.map((memberId, i) => ({
          memberId,
          present: i < 2,
          reason: i < 2 ? "" : "病假",
        })),
        recordedBy: null,
        recordedAt: at,
      })
      if (sitting === undefined || "_tag" in sitting) throw new Error("the sitting was not saved")
      const talk = await saveTalk(tx, b, {
        orgId: "a_b",
        pair: "member-member",
        onDate: date("2026-06-01"),
        firstMemberId: first,
        secondMemberId: second,
        topic: "交流",
        recordedBy: null,
        recordedAt: at,
      })
      if ("_tag" in talk) throw new Error("the talk was not saved")
      // Education: a class attended, and online study.
      const klass = await createClass(tx, district, {
        orgId: "a_c",
        title: "轮训班",
        audienceKind: "subtree",
        audienceValue: "a_c",
        centralized: true,
        sessions: [
          { topic: "第一讲", onDate: date("2026-05-10"), startMinute: 540, endMinute: 720, tenths: 40 },
        ],
        recordedBy: null,
        recordedAt: at,
      })
      await writeEnrolments(
        tx,
        memberIds.map((memberId) => ({ classId: klass.id, memberId })),
      )
      await setSessionAttendance(tx, district, klass.sessions[0]?.id as string, memberIds.slice(0, 2))
      // 摸底调查: a survey over the district's branch, confirmed (its counts are kept by triggers).
      const survey = await createSurvey(tx, district, {
        orgId: "a_d",
        year: 2026,
        title: "2026年党内关怀摸底",
        startsOn: date("2026-11-01"),
        deadline: date("2026-12-15"),
        recordedBy: null,
      })
      await confirmSurveyBranch(tx, district, survey.id, "a_b", date("2026-11-20"), null)
      await writeOnline(tx, [
        {
          memberId: memberIds[2] as string,
          title: "网课",
          onDate: date("2026-07-01"),
          startMinute: 480,
          endMinute: 600,
          tenths: 30,
          recordedBy: null,
          recordedAt: at,
        },
      ])
      // 发展党员: two activists, one with a recorded step.
      for (const [i, name] of ["甲", "乙"].entries()) {
        const m = await insertMember(tx, testVault, {
          orgId: "a_b",
          name,
          sex: "male",
          birthDate: date("2000-01-01"),
          ethnicity: "01",
          education: "21",
          occupationGroup: "worker",
          stage: "activist",
          idNumber: makeIdNumber("830000", date("2000-01-01"), 40 + i),
        })
        activistIds.push(m.id)
      }
      await recordDevelopmentStep(
        tx,
        district,
        {
          memberId: activistIds[0] as string,
          step: "activist",
          onDate: date("2026-10-20"),
          evidence: { note: "支委会确定" },
          recordedBy: null,
          recordedAt: at,
        },
        { activistOn: date("2026-10-20") },
      )
      for (let i = 0; i < 3; i++)
        await appendAudit(tx, {
          action: "test.write",
          result: "ok",
          at: new Date(Date.UTC(2026, 10, 30, 2, i)),
        })
      await rememberMapping(
        tx,
        { orgId: "a_d", orgPath: "a_d" },
        "members",
        { name: "姓名" },
        null,
        new Date("2026-11-30T02:00:00Z"),
      )
      await saveCalendarYear(
        tx,
        {
          year: 2027,
          notice: "国办发明电〔2026〕9号",
          holidays: { "2027-01-01": "元旦" },
          makeUpWorkdays: [],
        },
        null,
        new Date("2026-11-30T02:00:00Z"),
      )
    })
    // Every derived table of the source holds rows: the triggers' stamps, and the stored answers the reads fill.
    answers = normal(await answersOf(source.db, memberIds))
    const counts = await derivedCounts(source.db)
    for (const t of DERIVED_TABLES) expect(counts[t], t).toBeGreaterThan(0)
  }, 300_000)
  afterAll(async () => {
    await source.close()
    await target.close()
    await older.close()
  })

  it("round-trips: export, restore into an empty database, export again gives the same archive", {
    timeout: 120_000,
  }, async () => {
    const first = await exportArchive(source.db, testVault, { at: new Date("2026-11-30T02:00:00Z") })
    const archive = readArchive(first)
    expect(archive.tables.orgs?.length).toBe(3)
    expect(archive.tables.members?.length).toBe(5)
    // ID numbers stay encrypted: no plain number anywhere in the archive.
    const text = gunzipSync(first).toString("utf8")
    expect(text).not.toContain(makeIdNumber("830000", date("1990-01-01"), 20))
    expect(text).toContain("v1:")
    const progress: string[] = []
    const { rows } = await restoreArchive(target.db, testVault, first, {
      onProgress: (t) => progress.push(t),
    })
    expect(rows).toBeGreaterThanOrEqual(3 + 3 + 3)
    expect(progress).toContain("members")
    // The archive holds no derived table.
    for (const t of DERIVED_TABLES) expect(Object.keys(archive.tables)).not.toContain(t)
    expect(archive.tables.care_dues_assessments?.length).toBe(2)
    expect(archive.tables.discipline_attendance?.length).toBe(3)
    expect(archive.tables.education_enrolments?.length).toBe(3)
    expect(
      archive.tables.care_surveys?.map((r) => {
        const { branch_count, confirmed_count } = r as Record<string, unknown>
        return [branch_count, confirmed_count]
      }),
    ).toEqual([[1, 1]])
    const second = await exportArchive(target.db, testVault, { at: new Date("2026-12-01T02:00:00Z") })
    expect(withoutTimestamp(second)).toEqual(withoutTimestamp(first))
    // The restore's triggers wrote the stamps again; no stored answer came back, so each reads as stale: every
    // organization and every person of the pipeline is to be evaluated again, and the reads then give the
    // source's answers.
    const restored = await derivedCounts(target.db)
    for (const t of [
      "care_dues_stamps",
      "care_dues_org_stamps",
      "discipline_basis_stamps",
      "education_study_stamps",
    ])
      expect(restored[t], t).toBeGreaterThan(0)
    expect(await staleOf(target.db)).toEqual({
      compliance: ["a_d", "a_c", "a_b"],
      calendar: ["a_d", "a_c", "a_b"],
      pipeline: [...activistIds].sort(),
    })
    for (const t of ["care_dues_standings", "care_dues_collections", "education_study_index"])
      expect(restored[t], t).toBe(0)
    expect(normal(await answersOf(target.db, memberIds))).toEqual(answers)
    expect(answers.arrears.members).toBeGreaterThan(0)
    expect(answers.calendar).toHaveLength(3)
    expect(answers.pipeline.map((p) => [p.name, p.dueBy])).toEqual([["甲", "2026-12-19"]])
    // The restored database works: its audit chain holds, search finds the names, sequences continue.
    expect((await verifyAuditChain(target.db)).ok).toBe(true)
    const found = await listMembersInScope(
      target.db,
      { orgId: "a_d", orgPath: "a_d" },
      { q: "阿依古丽买买提", page: 1, pageSize: 5 },
    )
    expect(found.rows.map((r) => r.name)).toEqual(["阿依古丽·买买提"])
    await appendAudit(target.db, { action: "test.after-restore", result: "ok" })
    expect((await verifyAuditChain(target.db)).ok).toBe(true)
  })

  it("restores an archive that still holds the derived tables (as written before they were left out)", {
    timeout: 120_000,
  }, async () => {
    const first = await exportArchive(source.db, testVault, { at: new Date("2026-11-30T02:00:00Z") })
    const old = await withDerivedTables(first, source.db)
    for (const t of DERIVED_TABLES) expect(readArchive(old).tables[t]?.length, t).toBeGreaterThan(0)
    await restoreArchive(older.db, testVault, old)
    const second = await exportArchive(older.db, testVault, { at: new Date("2026-12-01T02:00:00Z") })
    expect(withoutTimestamp(second)).toEqual(withoutTimestamp(first))
    // The archive's stored answers were ignored, not restored beside the regenerated stamps.
    for (const t of ["care_dues_standings", "care_dues_collections", "education_study_index"])
      expect((await derivedCounts(older.db))[t], t).toBe(0)
    expect(await staleOf(older.db)).toEqual({
      compliance: ["a_d", "a_c", "a_b"],
      calendar: ["a_d", "a_c", "a_b"],
      pipeline: [...activistIds].sort(),
    })
    expect(normal(await answersOf(older.db, memberIds))).toEqual(answers)
    // A table this schema does not have refuses the archive.
    const a = JSON.parse(gunzipSync(first).toString("utf8")) as { tables: Record<string, unknown[]> }
    a.tables.no_such_table = []
    await expect(
      restoreArchive(older.db, testVault, new Uint8Array(gzipSync(JSON.stringify(a)))),
    ).rejects.toThrow(/no_such_table/)
  })

  it("refuses a database that is not empty, another ID key and a file that is not an archive", async () => {
    const bytes = await exportArchive(source.db, testVault)
    await expect(restoreArchive(target.db, testVault, bytes)).rejects.toBeInstanceOf(ArchiveRefused)
    const otherKey = createIdVault(new Uint8Array(32).fill(9))
    await expect(restoreArchive(target.db, otherKey, bytes)).rejects.toThrow(/another key/)
    expect(() => readArchive(new TextEncoder().encode("hello"))).toThrow(ArchiveRefused)
  })
})
