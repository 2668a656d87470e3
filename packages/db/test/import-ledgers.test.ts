import { date, makeIdNumber } from "@xianfeng/core"
import { nationalPolicy } from "@xianfeng/education-training"
import { eq } from "drizzle-orm"
import ExcelJS from "exceljs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  attendanceOfClass,
  autoMap,
  careLedgerImporter,
  checkImport,
  classAttendanceImporter,
  type Database,
  duesHistoriesOf,
  duesPaymentImporter,
  educationOnline,
  type ImportDeps,
  type Importer,
  importErrorReport,
  importerOf,
  importers,
  insertMember,
  ledgerInScope,
  meetingImporter,
  meetingsOfOrg,
  onlineLearningImporter,
  readTable,
  readTime,
  readYuan,
  runImport,
  studyHoursOf,
  type Table,
  writeClasses,
  writeDuesAssessments,
  writeEnrolments,
} from "../src/index.js"
import { testBackends } from "../src/testing.js"
import { testVault } from "./suite/context.js"
import { insertOrgs } from "./support/orgs.js"

const deps: ImportDeps = { vault: testVault, asOf: date("2026-11-30"), at: new Date("2026-11-30T02:00:00Z") }

/** A sheet as read: the header row is row 1, data from row 2. */
const sheet = (headers: string[], rows: (string | number | null)[][]): Table => ({
  headers,
  rows: rows.map((cells, i) => ({ sheetRow: i + 2, cells })),
})

const badRows = (rows: readonly { sheetRow: number; errors: readonly unknown[] }[]) =>
  rows.filter((r) => r.errors.length > 0).map((r) => r.sheetRow)

describe("cells: times and yuan", () => {
  it.each([
    ["9:00", "09:00"],
    ["09:30", "09:30"],
    ["14：30", "14:30"],
    ["9点", "09:00"],
    ["9点30分", "09:30"],
    ["0930", "09:30"],
  ])("reads the time %s as %s", (typed, hhmm) => {
    const r = readTime(typed)
    expect(r.ok && r.value).toBe(hhmm)
  })

  it("reads a sheet's time cell (a fraction of a day) and refuses 25:00", () => {
    const r = readTime(0.375)
    expect(r.ok && r.value).toBe("09:00")
    expect(readTime("25:00").ok).toBe(false)
  })

  it.each([
    ["20", 2000],
    ["20.5", 2050],
    ["20.50", 2050],
    ["￥1,200.00", 120000],
    ["12.34元", 1234],
    [0.1, 10],
  ])("reads %s yuan as %d fen", (typed, fen) => {
    const r = readYuan(typed)
    expect(r.ok && r.value).toBe(fen)
  })

  it.each([
    ["12.345", "两位小数"],
    ["-5", "不是金额"],
    ["二十元", "不是金额"],
  ])("refuses %s (%s)", (typed, why) => {
    const r = readYuan(typed)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.zh).toContain(why)
  })
})

describe("the registry lists the ledger imports", () => {
  it("meetings, class attendance, the care ledger and dues, each auto-mapping the usual ledger columns", () => {
    expect(Object.keys(importers)).toEqual(
      expect.arrayContaining(["meetings", "class-attendance", "care-ledger", "dues"]),
    )
    expect(importerOf("meetings")?.zh).toBe("三会一课会议记录")
    expect(
      autoMap(meetingImporter.fields, [
        "党支部名称",
        "会议类型",
        "会议时间",
        "开始时间",
        "结束时间",
        "地点",
        "主持人",
        "记录人",
        "参会人员",
        "缺席人员",
        "列席人员",
        "第一议题",
        "学习形式",
        "会议议题",
      ]),
    ).toEqual({
      orgName: "党支部名称",
      types: "会议类型",
      date: "会议时间",
      startTime: "开始时间",
      endTime: "结束时间",
      place: "地点",
      chair: "主持人",
      recorder: "记录人",
      attendees: "参会人员",
      absentees: "缺席人员",
      observers: "列席人员",
      firstTopic: "第一议题",
      firstForm: "学习形式",
      agenda: "会议议题",
    })
    expect(
      autoMap(classAttendanceImporter.fields, ["培训班", "学员姓名", "签到日期", "课程名称", "学时"]),
    ).toEqual({
      className: "培训班",
      name: "学员姓名",
      sessionDate: "签到日期",
      sessionTopic: "课程名称",
      hours: "学时",
    })
    expect(
      autoMap(careLedgerImporter.fields, [
        "所在党支部",
        "姓名",
        "困难类别",
        "认定时间",
        "致困原因",
        "脱困时间",
        "脱困原因",
      ]),
    ).toEqual({
      orgName: "所在党支部",
      name: "姓名",
      category: "困难类别",
      onDate: "认定时间",
      reason: "致困原因",
      closedOn: "脱困时间",
      closedReason: "脱困原因",
    })
    expect(
      autoMap(duesPaymentImporter.fields, ["姓名", "身份证号码", "月份", "实缴金额(元)", "缴费日期"]),
    ).toEqual({
      name: "姓名",
      idNumber: "身份证号码",
      month: "月份",
      amount: "实缴金额(元)",
      paidOn: "缴费日期",
    })
  })
})

describe.each(testBackends(process.env.TEST_DATABASE_URL, "xf_import_ledgers"))("$name", (backend) => {
  let database: Database
  const scope = { orgId: "qx_d", orgPath: "qx_d" }
  const ids = {
    zhang: makeIdNumber("150203", date("1980-03-04"), 11),
    li: makeIdNumber("150203", date("1995-06-01"), 12),
  }
  const m: Record<string, string> = {}
  let classId = ""

  const check = <V, C>(importer: Importer<V, C>, table: Table) =>
    checkImport(database.db, scope, importer, table, autoMap(importer.fields, table.headers), deps)
  const run = <V, C>(importer: Importer<V, C>, table: Table) =>
    database.db.transaction((tx) =>
      runImport(tx, scope, importer, table, autoMap(importer.fields, table.headers), deps, {
        fileName: "t.csv",
      }),
    )

  beforeAll(async () => {
    database = await backend.open()
    await database.db.transaction(async (tx) => {
      await insertOrgs(tx, [
        { id: "qx_d", kind: "district-committee", name: "示范区委员会" },
        { id: "020100", parentId: "qx_d", kind: "township-committee", name: "示范区青溪镇委员会" },
        { id: "br_a", parentId: "020100", kind: "branch", name: "柳头村党支部" },
        { id: "br_b", parentId: "020100", kind: "branch", name: "青溪社区党支部" },
      ])
      let seq = 20
      for (const [key, name, orgId, stage, idNumber] of [
        ["zhang", "张伟", "br_a", "full", ids.zhang],
        ["li", "李娜", "br_a", "probationary", ids.li],
        ["wang", "王芳", "br_a", "full", null],
        ["ayi", "阿依古丽·买买提", "br_a", "full", null],
        ["zhao", "赵强", "br_a", "activist", null],
        ["chen", "陈明", "br_b", "full", null],
      ] as const) {
        const row = await insertMember(tx, testVault, {
          orgId,
          name,
          sex: "male",
          birthDate: date("1980-01-01"),
          ethnicity: "01",
          education: "21",
          occupationGroup: "worker",
          stage,
          idNumber: idNumber ?? makeIdNumber("150203", date("1980-01-01"), seq++),
        })
        m[key] = row.id
      }
      const [winter, old] = await writeClasses(tx, [
        {
          orgId: "020100",
          title: "2026年党员冬训班",
          audienceKind: "subtree",
          audienceValue: "020100",
          centralized: true,
          sessions: [
            { topic: "学习党章", onDate: date("2026-11-03"), startMinute: 540, endMinute: 720, tenths: 30 },
            { topic: "专题党课", onDate: date("2026-11-10"), startMinute: 540, endMinute: 660, tenths: 20 },
            { topic: "交流研讨", onDate: date("2026-11-10"), startMinute: 840, endMinute: 960, tenths: 20 },
          ],
          recordedBy: null,
          recordedAt: new Date(),
        },
        {
          orgId: "020100",
          title: "2025年旧班",
          audienceKind: "subtree",
          audienceValue: "020100",
          centralized: true,
          sessions: [
            { topic: "旧课", onDate: date("2025-05-05"), startMinute: 540, endMinute: 600, tenths: 10 },
          ],
          recordedBy: null,
          recordedAt: new Date(),
          closedAt: new Date("2025-06-01T00:00:00Z"),
        } as never,
      ])
      classId = winter?.row.id ?? ""
      await writeEnrolments(
        tx,
        [m.zhang, m.li, m.ayi].map((memberId) => ({ classId, memberId: memberId as string })),
      )
      await writeEnrolments(tx, [{ classId: old?.row.id ?? "", memberId: m.zhang as string }])
      await writeDuesAssessments(tx, [
        {
          memberId: m.zhang as string,
          year: 2026,
          category: "salaried",
          baseFen: 400_000,
          basisPoints: 50,
          monthlyFen: 2000,
          fromMonth: "2026-01",
          recordedBy: null,
        },
      ])
    })
  }, 180_000)
  afterAll(async () => {
    await database?.close()
  })

  // ---------------------------------------------------------------------------------------------------
  const meetingHeaders = [
    "党支部名称",
    "会议类型",
    "会议日期",
    "开始时间",
    "结束时间",
    "地点",
    "主持人",
    "记录人",
    "实到正式党员",
    "出席人员",
    "缺席人员及原因",
    "第一议题",
    "学习形式",
    "议题",
  ]
  const goodMeetings: (string | number | null)[][] = [
    [
      "柳头村党支部",
      "支部党员大会、主题党日",
      "2026-11-05",
      "9:00",
      "11:00",
      "村委会",
      "张伟",
      "李娜",
      null,
      "张伟、李娜、阿依古丽.买买提",
      "王芳（病假）",
      "学习党的二十届四中全会精神",
      "集中学习",
      "学习全会精神；讨论冬训安排",
    ],
    [
      "柳头村党支部",
      "支委会",
      "2026/10/8",
      "14:30",
      "16:00",
      "村委会",
      "张伟",
      "王芳",
      null,
      "张伟 王芳",
      null,
      null,
      null,
      "研究发展对象",
    ],
  ]

  it("meetings: every row checked first; six bad rows named with their columns and nothing written", async () => {
    const table = sheet(meetingHeaders, [
      ...goodMeetings,
      [
        "柳头村党支部",
        "党课",
        "2026-11-06",
        "9:00",
        "10:00",
        "",
        "",
        "",
        null,
        "张伟、陈明",
        null,
        "t",
        "f",
        "",
      ],
      ["柳头村党支部", "座谈会", "2026-11-07", "9:00", "10:00", "", "", "", null, "张伟", null, "t", "f", ""],
      ["柳头村党支部", "党课", "2026-12-25", "9:00", "10:00", "", "", "", null, "张伟", null, "t", "f", ""],
      goodMeetings[0] as (string | null)[],
      [
        "柳头村党支部",
        "党课",
        "2026-11-08",
        "9:00",
        "10:00",
        "",
        "",
        "",
        5,
        "张伟、王芳",
        null,
        "t",
        "f",
        "",
      ],
      [
        "柳头村党支部",
        "党课",
        "2026-11-09",
        "9:00",
        "10:00",
        "",
        "",
        "",
        null,
        "张伟、赵强",
        null,
        "t",
        "f",
        "",
      ],
    ])
    const result = await run(meetingImporter, table)
    expect(result.written).toBe(0)
    expect(badRows(result.check.rows)).toEqual([4, 5, 6, 7, 8, 9])
    const errs = (row: number) => result.check.rows.find((r) => r.sheetRow === row)?.errors ?? []
    expect(errs(4)[0]).toMatchObject({ column: "出席人员" })
    expect(errs(4)[0]?.zh).toContain("陈明")
    expect(errs(5)[0]).toMatchObject({ column: "会议类型" })
    expect(errs(6)[0]).toMatchObject({ column: "会议日期" })
    expect(errs(7)[0]?.zh).toContain("第2行")
    expect(errs(8).map((e) => e.column)).toContain("出席人员")
    expect(errs(9)[0]?.zh).toContain("赵强")
    // The sitting without a first agenda item is said, not refused.
    expect(result.check.rows.find((r) => r.sheetRow === 3)?.warnings[0]?.zh).toContain("第一议题")
    expect(await meetingsOfOrg(database.db, scope, "br_a", date("2026-01-01"), date("2026-12-31"))).toEqual(
      [],
    )
  })

  it("meetings: the good rows are written through writeMeetings, with their roll call; a second import is a duplicate", async () => {
    const result = await run(meetingImporter, sheet(meetingHeaders, goodMeetings))
    expect(result.written).toBe(2)
    const stored = await meetingsOfOrg(database.db, scope, "br_a", date("2026-01-01"), date("2026-12-31"))
    expect(stored.map((s) => [s.onDate.toString(), s.startTime, s.types])).toEqual([
      ["2026-10-08", "14:30", ["committee-meeting"]],
      ["2026-11-05", "09:00", ["general-meeting", "theme-day"]],
    ])
    const general = stored[1]
    expect(general).toMatchObject({
      expectedFull: 3,
      expectedProbationary: 1,
      presentFull: 2,
      presentProbationary: 1,
      firstItem: { topic: "学习党的二十届四中全会精神", form: "集中学习" },
      agenda: ["学习全会精神", "讨论冬训安排"],
    })
    expect(general?.attendance).toHaveLength(4)
    expect(general?.attendance.find((a) => a.memberId === m.wang)).toEqual({
      memberId: m.wang,
      present: false,
      reasonKind: "sick",
      reason: "",
    })
    const again = await check(meetingImporter, sheet(meetingHeaders, goodMeetings.slice(0, 1)))
    expect(again.rows[0]?.errors[0]?.zh).toContain("系统中已有")
  })

  it("meetings: an .xlsx with time cells reads the times", async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet("会议")
    ws.addRow([
      "党支部名称",
      "会议类型",
      "会议日期",
      "开始时间",
      "结束时间",
      "出席人员",
      "第一议题",
      "学习形式",
    ])
    ws.addRow([
      "柳头村党支部",
      "党小组会",
      new Date(Date.UTC(2026, 8, 1)),
      new Date(Date.UTC(1899, 11, 30, 19, 30)),
      new Date(Date.UTC(1899, 11, 30, 21, 0)),
      "张伟",
      "学习",
      "研讨",
    ])
    const table = await readTable(new Uint8Array(await wb.xlsx.writeBuffer()), "m.xlsx")
    const c = await check(meetingImporter, table)
    expect(badRows(c.rows)).toEqual([])
    expect(c.rows[0]?.value).toMatchObject({ fields: { startTime: "19:30", endTime: "21:00" } })
  })

  // ---------------------------------------------------------------------------------------------------
  const signInHeaders = ["培训班名称", "姓名", "身份证号码", "上课日期", "课程", "学时"]
  const goodSignIns: (string | number | null)[][] = [
    ["2026年党员冬训班", "张伟", null, "2026-11-03", null, "3"],
    ["2026年党员冬训班", null, ids.li, "2026年11月10日", "专题党课", "2"],
    ["2026年党员冬训班", "阿依古丽•买买提", null, "2026.11.10", "交流研讨", null],
  ]

  it("class attendance: bad rows (not enrolled, ambiguous session, wrong hours, unknown or closed class, duplicate) refuse the file", async () => {
    const result = await run(
      classAttendanceImporter,
      sheet(signInHeaders, [
        ...goodSignIns,
        ["2026年党员冬训班", "王芳", null, "2026-11-03", null, null],
        ["2026年党员冬训班", "李娜", null, "2026-11-10", null, null],
        ["2026年党员冬训班", "李娜", null, "2026-11-03", null, "4"],
        ["2026年秋训班", "张伟", null, "2026-11-03", null, null],
        ["2025年旧班", "张伟", null, "2025-05-05", null, null],
        goodSignIns[0] as (string | null)[],
      ]),
    )
    expect(result.written).toBe(0)
    expect(badRows(result.check.rows)).toEqual([5, 6, 7, 8, 9, 10])
    const errs = (row: number) => result.check.rows.find((r) => r.sheetRow === row)?.errors ?? []
    expect(errs(5)[0]).toMatchObject({ column: "姓名" })
    expect(errs(5)[0]?.zh).toContain("未报名")
    expect(errs(6)[0]).toMatchObject({ column: "课程" })
    expect(errs(7)[0]).toMatchObject({ column: "学时" })
    expect(errs(7)[0]?.zh).toContain("3学时")
    expect(errs(8)[0]?.zh).toContain("没有名为")
    expect(errs(9)[0]?.zh).toContain("已结业")
    expect(errs(10)[0]?.zh).toContain("第2行")
    expect(
      [
        ...(await attendanceOfClass(database.db, scope, { id: classId, organizedInScope: true })).values(),
      ].flat(),
    ).toEqual([])
  })

  it("class attendance: good rows are written; the same sheet again is refused as duplicates", async () => {
    const result = await run(classAttendanceImporter, sheet(signInHeaders, goodSignIns))
    expect(result.written).toBe(3)
    const present = await attendanceOfClass(database.db, scope, { id: classId, organizedInScope: true })
    expect([...present.values()].flat().sort()).toEqual([m.zhang, m.li, m.ayi].sort())
    const again = await check(classAttendanceImporter, sheet(signInHeaders, goodSignIns))
    expect(badRows(again.rows)).toEqual([2, 3, 4])
    expect(again.rows[0]?.errors[0]?.zh).toContain("已登记")
  })

  // ---------------------------------------------------------------------------------------------------
  const careHeaders = [
    "所在党支部",
    "姓名",
    "困难类别",
    "认定时间",
    "致困原因",
    "困难情况",
    "脱困时间",
    "脱困原因",
  ]
  const goodCare: (string | null)[][] = [
    ["柳头村党支部", "张伟", "生活困难党员", "2026-03-01", "重病致困", "住院治疗，收入微薄", null, null],
    [
      "柳头村党支部",
      "王芳",
      "老党员",
      "2020-01-01",
      "年满八十周岁",
      null,
      "2025-06-01",
      "迁居外地，转出组织关系",
    ],
    ["柳头村党支部", "刘桂兰", "因公去世党员家属", "2024-05-01", "丈夫因公殉职", null, null, null],
  ]

  it("care ledger: unknown category, missing reason, closing before opening, a stranger and a duplicate refuse the file", async () => {
    const result = await run(
      careLedgerImporter,
      sheet(careHeaders, [
        ...goodCare,
        ["柳头村党支部", "李娜", "贫困户", "2026-03-01", "x", null, null, null],
        ["柳头村党支部", "李娜", "住院党员", "2026-03-01", null, null, null, null],
        ["柳头村党支部", "李娜", "受灾党员", "2026-03-01", "洪水", null, "2026-02-01", "重建完成"],
        ["柳头村党支部", "陈明", "老党员", "2026-03-01", "年满八十周岁", null, null, null],
        goodCare[0] as (string | null)[],
      ]),
    )
    expect(result.written).toBe(0)
    expect(badRows(result.check.rows)).toEqual([5, 6, 7, 8, 9])
    const errs = (row: number) => result.check.rows.find((r) => r.sheetRow === row)?.errors ?? []
    expect(errs(5)[0]).toMatchObject({ column: "困难类别" })
    expect(errs(6)[0]).toMatchObject({ column: "致困原因" })
    expect(errs(7)[0]?.zh).toContain("移出日期早于列入日期")
    expect(errs(8)[0]?.zh).toContain("陈明")
    expect(errs(9)[0]?.zh).toContain("重复")
  })

  it("care ledger: good rows become ledger events (opened, and closed where the sheet says); again is a duplicate", async () => {
    const result = await run(careLedgerImporter, sheet(careHeaders, goodCare))
    expect(result.written).toBe(3)
    const ledger = await ledgerInScope(database.db, scope, { asOf: deps.asOf })
    expect(ledger.map((e) => [e.name, e.category]).sort()).toEqual([
      ["刘桂兰", "died-on-duty-family"],
      ["张伟", "difficulty"],
    ])
    const asOf2024 = await ledgerInScope(database.db, scope, { asOf: date("2024-12-31") })
    expect(asOf2024.map((e) => e.name).sort()).toEqual(["刘桂兰", "王芳"])
    const again = await check(careLedgerImporter, sheet(careHeaders, goodCare.slice(0, 1)))
    expect(again.rows[0]?.errors[0]?.zh).toContain("已以该类别列入台账")
  })

  // ---------------------------------------------------------------------------------------------------
  const duesHeaders = ["所在党支部", "姓名", "身份证号码", "缴费月份", "实缴金额（元）", "缴纳日期"]

  it("dues: yuan to fen (at most two decimals), the payment rules, duplicates; bad rows refuse the file", async () => {
    const result = await run(
      duesPaymentImporter,
      sheet(duesHeaders, [
        [null, null, ids.zhang, "2026-10", "20", "2026-10-15"],
        ["柳头村党支部", "张伟", null, "2026年11月", "20.00", null],
        ["柳头村党支部", "李娜", null, "2026-11", 12.5, "2026-11-20"],
        ["柳头村党支部", "张伟", null, "2026-09", "12.345", "2026-09-15"],
        ["柳头村党支部", "张伟", null, "2026-03", "20", "2026-11-01"],
        ["柳头村党支部", "张伟", null, "2026-10", "5", "2026-10-20"],
        ["柳头村党支部", "张伟", null, "26-3", "20", "2026-10-20"],
        [null, null, ids.zhang, "2026-10", "20", "2026-10-15"],
      ]),
    )
    expect(result.written).toBe(0)
    expect(badRows(result.check.rows)).toEqual([5, 6, 7, 8, 9])
    const row = (n: number) => result.check.rows.find((r) => r.sheetRow === n)
    expect(row(5)?.errors[0]).toMatchObject({ column: "实缴金额（元）" })
    expect(row(5)?.errors[0]?.zh).toContain("两位小数")
    expect(row(6)?.errors[0]?.zh).toContain("不能补缴")
    expect(row(7)?.errors[0]?.zh).toContain("已缴清")
    expect(row(8)?.errors[0]).toMatchObject({ column: "缴费月份" })
    expect(row(9)?.errors[0]?.zh).toContain("第2行")
    // Unassessed: said, not refused; no payment day: the month's last day, said.
    expect(row(4)?.warnings[0]?.zh).toContain("尚未核定")
    expect(row(3)?.notes[0]?.zh).toContain("2026-11-30")
  })

  it("dues: the good rows are written in fen through writeDuesPayments; again is a duplicate", async () => {
    const rows = [
      [null, null, ids.zhang, "2026-10", "20", "2026-10-15"],
      ["柳头村党支部", "张伟", null, "2026年11月", "20.00", null],
      ["柳头村党支部", "李娜", null, "2026-11", 12.5, "2026-11-20"],
    ]
    const result = await run(duesPaymentImporter, sheet(duesHeaders, rows))
    expect(result.written).toBe(3)
    const h = await duesHistoriesOf(database.db, [m.zhang as string, m.li as string])
    expect(Object.fromEntries(h.get(m.zhang as string)?.paid ?? [])).toEqual({
      "2026-10": 2000,
      "2026-11": 2000,
    })
    expect(Object.fromEntries(h.get(m.li as string)?.paid ?? [])).toEqual({ "2026-11": 1250 })
    const again = await check(duesPaymentImporter, sheet(duesHeaders, rows.slice(0, 1)))
    expect(again.rows[0]?.errors[0]?.zh).toContain("重复")
  })

  // ---------------------------------------------------------------------------------------------------
  // 网络学习: a platform's export as an .xlsx (national column names where they exist), checked whole first.
  const onlineHeaders = [
    "姓名",
    "公民身份号码",
    "所在党组织",
    "学习内容",
    "学习平台",
    "开始日期",
    "开始时间",
    "结束时间",
    "学时",
  ]
  const goodOnline: (string | number | null)[][] = [
    // Inside 张伟's class session of 2026-11-03 (09:00–12:00): credited nothing more.
    ["张伟", null, null, "党章学习", "学习强国", "2026-11-03", "10:00", "12:00", "2"],
    ["张伟", null, null, "二十届四中全会精神解读", "学习强国", "2026-11-20", "19:00", "21:00", "2"],
    // Overlaps the row above by an hour: only its second hour counts.
    ["张伟", null, null, "党的创新理论", "共产党员网", "2026-11-20", "20:00", "22:00", "2"],
    [null, ids.li, null, "党史学习", "学习强国", "2026年9月9日", null, null, "3"],
    ["陈明", null, "青溪社区党支部", "廉洁教育", "", "2026.10.01", null, null, "1.5"],
  ]
  const xlsxOf = async (headers: string[], rows: (string | number | null)[][]): Promise<Table> => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet("网络学习")
    ws.addRow(headers)
    for (const r of rows) ws.addRow(r)
    return readTable(new Uint8Array(await wb.xlsx.writeBuffer()), "online.xlsx")
  }
  const onlineTenths = async (memberId: string) =>
    (await studyHoursOf(database.db, scope, { memberId }, 2026, nationalPolicy)).members.get(memberId)
      ?.bySource.online ?? 0

  it("online learning: an unknown member, absurd hours, times out of order, a future day or a repeat refuse the whole sheet", async () => {
    expect(importerOf("online-learning")).toBe(onlineLearningImporter)
    const table = await xlsxOf(onlineHeaders, [
      ...goodOnline,
      ["王五", null, null, "党章学习", "学习强国", "2026-11-01", null, null, "1"],
      ["王芳", null, null, "党章学习", "学习强国", "2026-11-01", null, null, "0"],
      ["王芳", null, null, "党章学习", "学习强国", "2026-11-02", null, null, "20"],
      ["王芳", null, null, "党章学习", "学习强国", "2026-11-03", "21:00", "20:00", "1"],
      ["王芳", null, null, "党章学习", "学习强国", "2026-12-25", null, null, "1"],
      goodOnline[1] as (string | null)[],
    ])
    const before = await onlineTenths(m.zhang as string)
    const result = await run(onlineLearningImporter, table)
    expect(result.written).toBe(0)
    expect(badRows(result.check.rows)).toEqual([7, 8, 9, 10, 11, 12])
    const errs = (row: number) => result.check.rows.find((r) => r.sheetRow === row)?.errors ?? []
    expect(errs(7)[0]).toMatchObject({ column: "姓名" })
    expect(errs(8)[0]).toMatchObject({ column: "学时" })
    expect(errs(9)[0]?.zh).toContain("不超过16")
    expect(errs(10)[0]).toMatchObject({ column: "结束时间" })
    expect(errs(11)[0]).toMatchObject({ column: "开始日期" })
    expect(errs(12)[0]?.zh).toContain("第3行")
    expect(await onlineTenths(m.zhang as string)).toBe(before)
    // The .xlsx error report names each bad row and what is wrong with it.
    const report = new ExcelJS.Workbook()
    await report.xlsx.load((await importErrorReport(table, result.check)).buffer as ArrayBuffer)
    const lines: string[] = []
    report.worksheets[0]?.eachRow((r) => {
      lines.push(r.getCell(onlineHeaders.length + 2).text)
    })
    expect(lines.slice(1)).toHaveLength(6)
    expect(lines[1]).toContain("第7行")
  })

  it("online learning: good rows are written through writeOnline and credited once; the same sheet again is a duplicate", async () => {
    const before = await onlineTenths(m.zhang as string)
    const result = await run(onlineLearningImporter, await xlsxOf(onlineHeaders, goodOnline))
    expect(result.written).toBe(5)
    // 0 (inside the class session) + 2 h + the 1 h of the second record the first does not cover.
    expect((await onlineTenths(m.zhang as string)) - before).toBe(30)
    expect(await onlineTenths(m.li as string)).toBe(30)
    expect(await onlineTenths(m.chen as string)).toBe(15)
    const stored = await database.db
      .select({ title: educationOnline.title })
      .from(educationOnline)
      .where(eq(educationOnline.memberId, m.chen as string))
    expect(stored.map((r) => r.title)).toEqual(["廉洁教育"])
    const again = await check(onlineLearningImporter, await xlsxOf(onlineHeaders, goodOnline))
    expect(badRows(again.rows)).toEqual([2, 3, 4, 5, 6])
    expect(again.rows[0]?.errors[0]?.zh).toContain("已登记")
  })
})
