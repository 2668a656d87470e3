import { readFileSync } from "node:fs"
import { date, makeIdNumber } from "@xianfeng/core"
import ExcelJS from "exceljs"
import fc from "fast-check"
import iconv from "iconv-lite"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  autoMap,
  checkImport,
  type Database,
  developmentImporter,
  developmentTrainingsOf,
  type ImportDeps,
  importErrorReport,
  insertMember,
  listMembersInScope,
  memberImporter,
  orgImporter,
  parseCsv,
  readDate,
  readTable,
  rememberedMapping,
  runImport,
} from "../src/index.js"
import { testBackends } from "../src/testing.js"
import { testVault } from "./suite/context.js"
import { insertOrgs } from "./support/orgs.js"

const SAMPLES = new URL("./fixtures/import-samples/", import.meta.url)
const sample = (name: string) => new Uint8Array(readFileSync(new URL(name, SAMPLES)))
const deps: ImportDeps = { vault: testVault, asOf: date("2026-11-30"), at: new Date("2026-11-30T02:00:00Z") }

describe("parseCsv", () => {
  it("reads back any table written with RFC 4180 quoting (commas, quotes, line breaks, CJK)", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "张", ",", '"', "\n", "\r\n", " ", "1") })
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const width = rows[0]?.length ?? 0
          const table = rows.map((r) => [...r, ...Array(width).fill("")].slice(0, width))
          const text = table.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(",")).join("\r\n")
          expect(parseCsv(text)).toEqual(table)
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe("readDate: dates as people type them", () => {
  it.each([
    ["2021-05-01", "2021-05-01"],
    ["2021/5/1", "2021-05-01"],
    ["2021.5.1", "2021-05-01"],
    ["2021年5月1日", "2021-05-01"],
    ["２０２１年５月１日", "2021-05-01"],
    ["2021-05-01 00:00:00", "2021-05-01"],
    ["20210501", "2021-05-01"],
  ])("reads %s as %s", (typed, iso) => {
    const r = readDate(typed)
    expect(r.ok && r.value?.toString()).toBe(iso)
  })

  it("reads Excel serials (numbers, or digits typed as text) with a note: 45000 → 2023-03-15, 45100 → 2023-06-23", () => {
    for (const [cell, iso] of [
      [45000, "2023-03-15"],
      [45100, "2023-06-23"],
      ["45000", "2023-03-15"],
      [61, "1900-03-01"],
    ] as const) {
      const r = readDate(cell)
      expect(r.ok && r.value?.toString()).toBe(iso)
      expect(r.ok && r.note?.zh).toContain("Excel")
    }
  })

  it.each([
    ["25-3-3", "两位"],
    ["99.12.31", "两位"],
    ["25年3月3日", "两位"],
    ["5/1/2021", "顺序不明确"],
    ["2021-02-30", "不是日历上存在的日期"],
    ["2021年5月", "缺少日"],
    ["去年", "不是可识别的日期"],
  ])("refuses %s, never guessing (%s)", (typed, why) => {
    const r = readDate(typed)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.zh).toContain(why)
  })
})

describe.each(testBackends(process.env.TEST_DATABASE_URL, "xf_import"))("$name", (backend) => {
  let database: Database
  const scope = { orgId: "qx_d", orgPath: "qx_d" }
  beforeAll(async () => {
    database = await backend.open()
    await database.db.transaction(async (tx) => {
      await insertOrgs(tx, [
        { id: "qx_d", kind: "district-committee", name: "示范区委员会" },
        { id: "020100", parentId: "qx_d", kind: "township-committee", name: "示范区青溪镇委员会" },
        { id: "020100091", parentId: "020100", kind: "branch", name: "柳头村党支部" },
      ])
    })
  }, 180_000)
  afterAll(async () => {
    await database.close()
  })

  const find = async (q: string) =>
    (await listMembersInScope(database.db, scope, { q, page: 1, pageSize: 50 })).rows.map((r) => r.name)

  it("member sheet (24 columns): auto-mapped; rows 5 (check digit) and 8 (duplicate of row 2) refused; nothing written", async () => {
    const table = await readTable(sample("member-one-table-24-columns.xlsx"), "m.xlsx")
    const mapping = autoMap(memberImporter.fields, table.headers)
    expect(mapping).toMatchObject({
      name: "姓名",
      idNumber: "身份证号码",
      orgCode: "党支部编码",
      orgName: "所在党支部",
      stage: "党籍状态",
      activistOn: "确定为入党积极分子时间",
      admittedOn: "加入党组织日期",
      fullMemberOn: "转为正式党员日期",
    })
    const result = await database.db.transaction((tx) =>
      runImport(tx, scope, memberImporter, table, mapping, deps, { fileName: "m.xlsx" }),
    )
    expect(result.written).toBe(0)
    const bad = result.check.rows.filter((r) => r.errors.length > 0).map((r) => r.sheetRow)
    expect(bad).toEqual([5, 8])
    const row5 = result.check.rows.find((r) => r.sheetRow === 5)
    expect(row5?.errors[0]?.zh).toContain("校验码")
    expect(row5?.errors[0]?.column).toBe("身份证号码")
    expect(result.check.rows.find((r) => r.sheetRow === 8)?.errors[0]?.zh).toContain("第2行")
    // Row 2: dated before the 2014 Detailed Rules, history.
    expect(
      result.check.rows
        .find((r) => r.sheetRow === 2)
        ?.notes.map((n) => n.zh)
        .join(),
    ).toContain("历史记录")
    expect(result.check.rows.find((r) => r.sheetRow === 2)?.warnings).toEqual([])
    expect(await find("周建国")).toEqual([])

    // The error report names rows 5 and 8, in the original columns.
    const report = await importErrorReport(table, result.check)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(report as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    if (ws === undefined) throw new Error("the report has no sheet")
    const header = (ws.getRow(1).values as unknown[]).slice(1)
    expect(header).toEqual(["原表行号", ...table.headers, "问题说明"])
    const reported = new Map<number, string>()
    ws.eachRow((row, n) => {
      if (n > 1) reported.set(Number(row.getCell(1).value), String(row.getCell(header.length).value))
    })
    expect(reported.get(5)).toContain("身份证号码")
    expect(reported.get(8)).toContain("重复")
    expect(reported.get(5)).toContain("第5行")
  })

  it("member sheet without its two bad rows: all imported, all or nothing, and found by name, pinyin and initials", async () => {
    const table = await readTable(sample("member-one-table-24-columns.xlsx"), "m.xlsx")
    const fixed = { ...table, rows: table.rows.filter((r) => r.sheetRow !== 5 && r.sheetRow !== 8) }
    const mapping = autoMap(memberImporter.fields, table.headers)
    const result = await database.db.transaction((tx) =>
      runImport(tx, scope, memberImporter, fixed, mapping, deps, { fileName: "m.xlsx" }),
    )
    expect(result.check.withErrors).toBe(0)
    expect(result.written).toBe(5)
    expect(await find("林小红")).toEqual(["林小红"])
    expect(await find("linxiaohong")).toEqual(["林小红"])
    expect(await find("lxh")).toEqual(["林小红"])
    expect(await find("陈美玲")).toEqual(["陈美玲"])
    expect(await find("mali")).toContain("马丽")
    // The district's mapping is remembered for the next upload.
    expect(await rememberedMapping(database.db, scope, "members")).toMatchObject({ idNumber: "身份证号码" })
    // Against the database: the same file again is all duplicates.
    const again = await checkImport(database.db, scope, memberImporter, fixed, mapping, deps)
    expect(again.withErrors).toBe(5)
    expect(again.rows[0]?.errors[0]?.zh).toContain("已有")
  })

  it("development sheet (22 columns): rows 5, 6, 8, 9 refused for the README's reasons; the others attach to the people recorded", async () => {
    await database.db.transaction(async (tx) => {
      let seq = 100
      for (const name of ["王晓明", "李芳", "阿依古丽·买买提", "陈静"])
        await insertMember(tx, testVault, {
          orgId: "020100091",
          name,
          sex: "female",
          birthDate: date("1998-01-01"),
          ethnicity: "01",
          education: "21",
          occupationGroup: "worker",
          stage: "applicant",
          idNumber: makeIdNumber("150203", date("1998-01-01"), seq++),
        })
    })
    const table = await readTable(sample("development-info-22-columns.xlsx"), "d.xlsx")
    const mapping = autoMap(developmentImporter.fields, table.headers)
    expect(mapping).toMatchObject({
      orgCode: "联系党支部编码",
      stage: "当前发展阶段",
      appliedOn: "提交书面申请书时间",
    })
    const check = await checkImport(database.db, scope, developmentImporter, table, mapping, deps)
    const errorsOf = (row: number) => check.rows.find((r) => r.sheetRow === row)?.errors ?? []
    expect(check.rows.filter((r) => r.errors.length > 0).map((r) => r.sheetRow)).toEqual([5, 6, 8, 9])
    expect(errorsOf(5)[0]?.column).toBe("确定为入党积极分子时间")
    expect(errorsOf(5)[0]?.zh).toContain("早于")
    expect(errorsOf(6).map((e) => e.column)).toContain("确定为发展对象时间")
    expect(errorsOf(8)[0]?.zh).toContain("999999999")
    expect(errorsOf(9)[0]?.zh).toContain("两位")
    const chen = check.rows.find((r) => r.sheetRow === 7)
    expect(chen?.notes.map((n) => n.zh).join()).toContain("2023-03-15")

    const fixed = { ...table, rows: table.rows.filter((r) => [2, 3, 4, 7].includes(r.sheetRow)) }
    const result = await database.db.transaction((tx) =>
      runImport(tx, scope, developmentImporter, fixed, mapping, deps, { fileName: "d.xlsx" }),
    )
    expect(result.written).toBe(4)
    const [wang] = (await listMembersInScope(database.db, scope, { q: "王晓明", page: 1, pageSize: 5 })).rows
    expect(wang?.stage).toBe("probationary")
    const [li] = (await listMembersInScope(database.db, scope, { q: "李芳", page: 1, pageSize: 5 })).rows
    expect(li?.stage).toBe("activist")
    expect(await find("阿依古丽买买提")).toEqual(["阿依古丽·买买提"])
    // The training columns are stored as 王晓明's 培训经历 (the sheet gives their days, not hours or organizer).
    const trainings = await developmentTrainingsOf(database.db, scope, wang?.id ?? "")
    expect(
      trainings.map((t) => [t.kind, t.fromDate.toString(), t.toDate.toString(), t.tenths, t.organizer]),
    ).toEqual([
      ["activist", "2024-06-01", "2024-06-03", null, null],
      ["development-object", "2025-07-01", "2025-07-03", null, null],
    ])
    expect(await developmentTrainingsOf(database.db, scope, li?.id ?? "")).toEqual([])
  })

  it("training hours, form and organizer are stored with the training; bad hours, or hours without dates, are refused", async () => {
    const csv = (rows: string) =>
      readTable(
        new TextEncoder().encode(
          `姓名,身份证号码,党支部编码,人员类别,确定为入党积极分子时间,入党积极分子培训起始时间,入党积极分子培训结束时间,入党积极分子培训学时,发展对象培训学时,培训方式,培训主办单位\n${rows}`,
        ),
        "t.csv",
      )
    const id = makeIdNumber("150203", date("1999-09-09"), 401)
    const bad = await csv(
      `周训,${makeIdNumber("150203", date("1999-09-09"), 403)},020100091,入党积极分子,2025-01-02,2025-03-01,2025-03-05,二十,,集中面授,青溪镇党校\n` +
        `吴训,${makeIdNumber("150203", date("1999-09-09"), 405)},020100091,入党积极分子,2025-01-02,,,,24,集中面授,青溪镇党校\n`,
    )
    const refused = await checkImport(
      database.db,
      scope,
      memberImporter,
      bad,
      autoMap(memberImporter.fields, bad.headers),
      deps,
    )
    expect(refused.rows.map((r) => r.errors[0]?.column)).toEqual(["入党积极分子培训学时", "发展对象培训学时"])
    const good = await csv(
      `郑训,${id},020100091,入党积极分子,2025-01-02,2025-03-01,2025-03-05,24.5,,集中面授,青溪镇党校\n`,
    )
    const result = await database.db.transaction((tx) =>
      runImport(tx, scope, memberImporter, good, autoMap(memberImporter.fields, good.headers), deps, {
        fileName: "t.csv",
      }),
    )
    expect(result.written).toBe(1)
    const [zheng] = (await listMembersInScope(database.db, scope, { q: "郑训", page: 1, pageSize: 5 })).rows
    const stored = await developmentTrainingsOf(database.db, scope, zheng?.id ?? "")
    expect(stored).toMatchObject([
      { kind: "activist", tenths: 245, mode: "集中面授", organizer: "青溪镇党校" },
    ])
    expect(stored[0]?.fromDate.toString()).toBe("2025-03-01")
  })

  it("a GBK CSV without BOM and a UTF-8 CSV with BOM read the same; 25-3-3 stays text for the date reader", async () => {
    const csv =
      "姓名,身份证号码,党支部编码,人员类别,入党时间\n张伟,110105194912310029,020100091,预备党员,25-3-3\n"
    const gbk = await readTable(new Uint8Array(iconv.encode(csv, "gbk")), "x.csv")
    const utf8 = await readTable(
      new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)])),
      "x.csv",
    )
    expect(gbk).toEqual(utf8)
    expect(gbk.headers[0]).toBe("姓名")
    expect(gbk.rows[0]?.cells[4]).toBe("25-3-3")
  })

  it("imports an organization tree, parents first; a child before its parent is refused", async () => {
    const csv =
      "党组织编码,党组织名称,上级党组织编码,组织类别\nqx_c9,示范区新城委员会,qx_d,乡镇党委\nqx_b91,新城一支部,qx_c9,党支部\nqx_b92,新城二支部,qx_x,党支部\n"
    const table = await readTable(new TextEncoder().encode(csv), "o.csv")
    const mapping = autoMap(orgImporter.fields, table.headers)
    const check = await checkImport(database.db, scope, orgImporter, table, mapping, deps)
    expect(check.rows.filter((r) => r.errors.length > 0).map((r) => r.sheetRow)).toEqual([4])
    const ok = { ...table, rows: table.rows.slice(0, 2) }
    const result = await database.db.transaction((tx) =>
      runImport(tx, scope, orgImporter, ok, mapping, deps, { fileName: "o.csv" }),
    )
    expect(result.written).toBe(2)
  })
})
