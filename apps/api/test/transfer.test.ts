import { readFileSync } from "node:fs"
import { date, makeIdNumber } from "@xianfeng/core"
import ExcelJS from "exceljs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { ImportResultView } from "../src/routes/transfer/contract.js"
import { Agent, backends, problemOf, type TestSystem, testSystem } from "./support.js"

const SAMPLES = new URL("../../../packages/db/test/fixtures/import-samples/", import.meta.url)
const sampleBytes = (name: string) => readFileSync(new URL(name, SAMPLES))

/** The sample without some of its rows (as a person fixes a file by deleting the bad rows). */
const without = async (name: string, rows: readonly number[]): Promise<Buffer> => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(sampleBytes(name) as unknown as ArrayBuffer)
  const ws = wb.worksheets[0]
  for (const r of [...rows].sort((a, b) => b - a)) ws?.spliceRows(r, 1)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

const upload = (fileName: string, bytes: Buffer, mapping?: Record<string, string>) => ({
  fileName,
  content: bytes.toString("base64"),
  ...(mapping === undefined ? {} : { mapping }),
})

const ORGS_CSV =
  "党组织编码,党组织名称,上级党组织编码,组织类别\n020100,中共示范区青溪镇委员会（样例）,d1,乡镇党委\n020100091,柳头村党支部,020100,党支部\n"

// The import through the API, as the district administrator uses it (test clock 2026-11-27).
describe.each(backends)("Import on %s", (backend) => {
  let sys: TestSystem
  let admin: Agent
  let secretary: Agent

  beforeAll(async () => {
    sys = await testSystem(backend)
    admin = new Agent(sys)
    secretary = new Agent(sys)
    expect((await admin.login("admin")).status).toBe(200)
    expect((await secretary.login("secretary1")).status).toBe(200)
  })
  afterAll(async () => {
    await sys.stop()
  })

  it("lists the kinds with their fields; a branch secretary may not import", async () => {
    const kinds = await admin.json<{ kind: string; fields: { key: string }[] }[]>("GET", "/api/import/kinds")
    expect(kinds.map((k) => k.kind)).toEqual([
      "orgs",
      "members",
      "development",
      "meetings",
      "class-attendance",
      "online-learning",
      "care-ledger",
      "dues",
    ])
    const res = await secretary.send(
      "POST",
      "/api/import/members/check",
      upload("a.csv", Buffer.from("姓名\n张三\n")),
    )
    expect(res.status).toBe(403)
  })

  it("imports the two organizations of the samples from a CSV", async () => {
    const res = await admin.send("POST", "/api/import/orgs", upload("orgs.csv", Buffer.from(ORGS_CSV)))
    expect(res.status).toBe(201)
    expect(((await res.json()) as ImportResultView).written).toBe(2)
  })

  it("member sheet: the check names rows 5 and 8; confirming it writes nothing (422); the report names them", async () => {
    const file = upload("members.xlsx", sampleBytes("member-one-table-24-columns.xlsx"))
    const checked = await admin.json<ImportResultView>("POST", "/api/import/members/check", file)
    expect(checked.check.total).toBe(7)
    expect(checked.check.rows.filter((r) => r.errors.length > 0).map((r) => r.row)).toEqual([5, 8])
    expect(checked.check.importable).toBe(false)

    const refused = await admin.send("POST", "/api/import/members", file)
    expect(refused.status).toBe(422)
    const problem = (await problemOf(refused)) as unknown as { check: ImportResultView["check"] }
    expect(problem.check.withErrors).toBe(2)
    const none = await admin.json<{ total: number }>("GET", "/api/members?q=林小红")
    expect(none.total).toBe(0)

    const report = await admin.send("POST", "/api/import/members/report", file)
    expect(report.status).toBe(200)
    expect(report.headers.get("content-type")).toContain("spreadsheetml")
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await report.arrayBuffer()) as ArrayBuffer)
    const text = JSON.stringify(wb.worksheets[0]?.getSheetValues())
    expect(text).toContain("第5行")
    expect(text).toContain("第8行")
    expect(text).toContain("何志强")
  })

  it("the fixed file imports all; the members are found by name, pinyin and initials", async () => {
    const file = upload("members.xlsx", await without("member-one-table-24-columns.xlsx", [5, 8]))
    const res = await admin.send("POST", "/api/import/members", file)
    expect(res.status).toBe(201)
    expect(((await res.json()) as ImportResultView).written).toBe(5)
    for (const q of ["林小红", "linxiaohong", "lxh"]) {
      const page = await admin.json<{ items: { name: string }[] }>(
        "GET",
        `/api/members?q=${encodeURIComponent(q)}`,
      )
      expect(page.items.map((m) => m.name)).toContain("林小红")
    }
  })

  it("dues payments of the imported members: a stranger's row refuses the file (422); the fixed file is written", async () => {
    const csv = (rows: string) => Buffer.from(`党支部编码,姓名,月份,实缴金额(元),缴费日期\n${rows}`)
    const bad = await admin.send(
      "POST",
      "/api/import/dues",
      upload(
        "dues.csv",
        csv("020100091,林小红,2026-10,12.50,2026-10-20\n020100091,查无此人,2026-10,10,2026-10-20\n"),
      ),
    )
    expect(bad.status).toBe(422)
    const problem = (await problemOf(bad)) as unknown as { check: ImportResultView["check"] }
    expect(problem.check.rows.filter((r) => r.errors.length > 0).map((r) => r.row)).toEqual([3])
    expect(problem.check.rows.find((r) => r.row === 3)?.errors[0]?.column).toBe("姓名")
    const good = await admin.send(
      "POST",
      "/api/import/dues",
      upload("dues.csv", csv("020100091,林小红,2026-10,12.50,2026-10-20\n")),
    )
    expect(good.status).toBe(201)
    expect(((await good.json()) as ImportResultView).written).toBe(1)
  })

  it("online learning of the imported members: absurd hours refuse the file (422, the report names the row); the fixed file is written once", async () => {
    const csv = (rows: string) =>
      Buffer.from(`党支部编码,姓名,学习内容,学习平台,开始日期,开始时间,结束时间,学时\n${rows}`)
    const good = "020100091,林小红,党章学习,学习强国,2026-10-20,19:00,21:00,2\n"
    const bad = upload("online.csv", csv(`${good}020100091,林小红,党史学习,学习强国,2026-10-21,,,20\n`))
    const refused = await admin.send("POST", "/api/import/online-learning", bad)
    expect(refused.status).toBe(422)
    const problem = (await problemOf(refused)) as unknown as { check: ImportResultView["check"] }
    expect(problem.check.rows.filter((r) => r.errors.length > 0).map((r) => r.row)).toEqual([3])
    expect(problem.check.rows.find((r) => r.row === 3)?.errors[0]?.column).toBe("学时")
    const report = await admin.send("POST", "/api/import/online-learning/report", bad)
    expect(report.status).toBe(200)
    expect(report.headers.get("content-type")).toContain("spreadsheetml")
    const written = await admin.send("POST", "/api/import/online-learning", upload("online.csv", csv(good)))
    expect(written.status).toBe(201)
    expect(((await written.json()) as ImportResultView).written).toBe(1)
    const again = await admin.send("POST", "/api/import/online-learning", upload("online.csv", csv(good)))
    expect(again.status).toBe(422)
  })

  it("a long import streams the server's progress: it advances through check and write and ends at done", async () => {
    const n = 1_100
    const lines = ["姓名,身份证号码,党支部编码,人员类别,加入党组织日期,转为正式党员日期"]
    for (let i = 0; i < n; i++)
      lines.push(
        `流式${String.fromCharCode(0x4e00 + (i % 500))}${i},${makeIdNumber("330106", date("1970-01-01").add({ days: i }), 7)},020100091,正式党员,2000-07-01,2001-07-01`,
      )
    type Line = {
      type: string
      phase?: string
      done?: number
      total?: number
      status?: number
      body?: unknown
    }
    const stream = async (path: string, csv: string) => {
      const res = await admin.send("POST", path, upload("big.csv", Buffer.from(`${csv}\n`)))
      expect(res.status).toBe(200)
      expect(res.headers.get("content-type")).toContain("application/x-ndjson")
      return (await res.text())
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Line)
    }
    const got = await stream("/api/import/members/stream", lines.join("\n"))
    const last = got.at(-1)
    expect(last).toMatchObject({ type: "result", status: 201, body: { written: n } })
    for (const phase of ["check", "write"]) {
      const done = got.filter((l) => l.phase === phase).map((l) => l.done ?? -1)
      expect(done.length).toBeGreaterThan(1)
      expect([...done].sort((a, b) => a - b)).toEqual(done)
      expect(done.at(-1)).toBe(n)
      expect(got.filter((l) => l.phase === phase).every((l) => l.total === n)).toBe(true)
    }
    // Progress comes before the result, the check before the write.
    expect(got.findIndex((l) => l.phase === "write")).toBeGreaterThan(
      got.findIndex((l) => l.phase === "check"),
    )
    // The same file again: refused as duplicates, streamed as a 422 at the end; ?check=true writes nothing.
    const again = await stream("/api/import/members/stream", lines.slice(0, 3).join("\n"))
    expect(again.at(-1)).toMatchObject({ type: "result", status: 422, body: { check: { withErrors: 2 } } })
    const checked = await stream("/api/import/members/stream?check=true", lines.slice(0, 3).join("\n"))
    expect(checked.at(-1)).toMatchObject({ type: "result", status: 200, body: { written: 0 } })
  })

  it("a malformed upload is a 400 naming the field, never a 500", async () => {
    const res = await admin.send("POST", "/api/import/members/check", {
      fileName: "x.xlsx",
      content: Buffer.from("not a workbook").toString("base64"),
    })
    expect(res.status).toBe(400)
    expect(JSON.stringify(await res.json())).toContain("content")
  })

  it("loads a new year's calendar (district administrator only), refusing a bad one naming the field", async () => {
    const year = {
      notice: "国办发明电〔2026〕9号",
      holidays: { "2027-01-01": "元旦" },
      makeUpWorkdays: ["2027-01-09"],
    }
    expect((await secretary.send("PUT", "/api/calendar/years/2027", year)).status).toBe(403)
    const bad = await admin.send("PUT", "/api/calendar/years/2027", {
      ...year,
      makeUpWorkdays: ["2027-01-04"],
    })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(await bad.json())).toContain("makeUpWorkdays[0]")
    expect((await admin.send("PUT", "/api/calendar/years/2027", year)).status).toBe(200)
    const years = await admin.json<{ year: number }[]>("GET", "/api/calendar/years")
    expect(years.map((y) => y.year)).toEqual([2027])
  })
})
