import { readFileSync } from "node:fs"
import { join } from "node:path"
import { date, makeIdNumber } from "@xianfeng/core"
import ExcelJS from "exceljs"
import { describe, expect, it } from "vitest"
import { base, context, page, shots, useHarness } from "./harness"

// The import wizard end to end against the real API and the demo district: the sample member sheet with three
// bad rows is refused whole, its error report names the three rows, the corrected file imports every row, and
// the new members are found by name, pinyin and initials.

const SAMPLES = new URL("../../../packages/db/test/fixtures/import-samples/", import.meta.url)

const ORGS_CSV =
  "党组织编码,党组织名称,上级党组织编码,组织类别\n020100,中共示范区青溪镇委员会（样例）,d1,乡镇党委\n020100091,柳头村党支部,020100,党支部\n"

/** The sample member sheet plus a ninth row whose admission date has a two-digit year: three bad rows. */
const sheetWithThreeBadRows = async (): Promise<ExcelJS.Workbook> => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(
    readFileSync(new URL("member-one-table-24-columns.xlsx", SAMPLES)) as unknown as ArrayBuffer,
  )
  const ws = wb.worksheets[0]
  if (ws === undefined) throw new Error("the sample has no sheet")
  const id = makeIdNumber("150203", date("1990-06-01"), 37)
  const row = ws.getRow(9)
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String)
  const set = (header: string, value: ExcelJS.CellValue) => {
    row.getCell(headers.indexOf(header) + 1).value = value
  }
  set("学工号", "M0008")
  set("姓名", "孙悦")
  set("身份证号码", id)
  set("所在党支部", "柳头村党支部")
  set("党支部编码", "020100091")
  set("党籍状态", "正式党员")
  set("加入党组织日期", "21-7-1")
  set("转为正式党员日期", "2022-07-01")
  row.commit()
  return wb
}

const bufferOf = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer())

const chooseFile = async (name: string, mimeType: string, buffer: Buffer) => {
  await page.getByTestId("import-file").setInputFiles({ name, mimeType, buffer })
  await page.getByTestId("import-summary").waitFor({ timeout: 60_000 })
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

useHarness({ signIn: "admin" })

describe("the import wizard", () => {
  it("imports the samples' two organizations from a CSV", async () => {
    await page.goto(`${base}/import`)
    await page.getByText("党组织", { exact: true }).click()
    await chooseFile("orgs.csv", "text/csv", Buffer.from(ORGS_CSV))
    await page.getByRole("button", { name: /确认导入/ }).click()
    await page.getByText("已导入 2 条记录").waitFor()
  })

  it("refuses a sheet with three bad rows, and its error report names them", async () => {
    await page.getByRole("button", { name: "继续导入" }).click()
    await page.getByText("党员信息", { exact: true }).click()
    await chooseFile("members.xlsx", XLSX, await bufferOf(await sheetWithThreeBadRows()))
    await page.getByText("3 行有错误").waitFor()
    expect(await page.getByRole("button", { name: /确认导入/ }).isDisabled()).toBe(true)
    const rows = page.getByTestId("import-rows")
    await rows.getByText("第 5 行").waitFor()
    await rows.getByText("第 8 行").waitFor()
    await rows.getByText("第 9 行").waitFor()
    await page.screenshot({ path: join(shots, "import-01-refused.png"), fullPage: true })

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载错误报告" }).click(),
    ])
    const path = await download.path()
    const report = new ExcelJS.Workbook()
    await report.xlsx.load(readFileSync(path) as unknown as ArrayBuffer)
    const ws = report.worksheets[0]
    const said = new Map<number, string>()
    ws?.eachRow((r, n) => {
      if (n > 1) said.set(Number(r.getCell(1).value), String(r.getCell(r.cellCount).value))
    })
    expect(said.get(5)).toContain("校验码")
    expect(said.get(8)).toContain("重复")
    expect(said.get(9)).toContain("两位")
    expect(said.get(9)).toContain("加入党组织日期")
    // Nothing was written.
    const none = await context.request.get(`${base}/api/members?q=${encodeURIComponent("林小红")}`)
    expect(((await none.json()) as { total: number }).total).toBe(0)
  })

  it("imports the corrected file whole; the members are found by name, pinyin and initials", async () => {
    const wb = await sheetWithThreeBadRows()
    const ws = wb.worksheets[0]
    if (ws === undefined) throw new Error("no sheet")
    const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String)
    // Row 9: the year written in full. Row 5: the ID number corrected. Row 8 (a duplicate): deleted.
    ws.getRow(9).getCell(headers.indexOf("加入党组织日期") + 1).value = "2021-07-01"
    const idCell = ws.getRow(5).getCell(headers.indexOf("身份证号码") + 1)
    idCell.value = makeIdNumber("150203", date("1975-11-11"), 315)
    ws.spliceRows(8, 1)
    await chooseFile("members-fixed.xlsx", XLSX, await bufferOf(wb))
    await page.getByText("0 行有错误").waitFor()
    await page.getByRole("button", { name: /确认导入/ }).click()
    await page.getByText("已导入 7 条记录").waitFor()
    await page.screenshot({ path: join(shots, "import-02-done.png"), fullPage: true })

    for (const [q, name] of [
      ["林小红", "林小红"],
      ["wuyunqimuge", "乌云其木格"],
      ["wyqmg", "乌云其木格"],
      ["sunyue", "孙悦"],
    ] as const) {
      await page.goto(`${base}/members?q=${encodeURIComponent(q)}`)
      await page.getByTestId("member-table").locator(".ant-table-row", { hasText: name }).first().waitFor()
    }
  })

  it("the district enters a newly published year of the holiday schedule", async () => {
    await page.goto(`${base}/calendar`)
    await page.getByTestId("calendar-add").click()
    await page.getByLabel("年份").fill("2027")
    await page.getByLabel("通知文号").fill("国办发明电〔2026〕9号")
    await page.getByLabel(/放假日期/).fill("2027-01-01 元旦\n2027-01-02 元旦\n2027-01-03 元旦")
    await page.getByLabel(/调休上班日期/).fill("2027-01-04")
    await page.getByRole("button", { name: /保\s*存|确\s*定/ }).click()
    // A weekday is refused as a make-up working day, under its field.
    await page.getByText(/调休上班日应为周六或周日/).waitFor()
    await page.getByLabel(/调休上班日期/).fill("2027-01-09")
    await page.getByRole("button", { name: /保\s*存|确\s*定/ }).click()
    await page.getByText("2027 · 国办发明电〔2026〕9号").waitFor()
  })

  it("works on a phone: no horizontal scroll at 360 px", async () => {
    await page.setViewportSize({ width: 360, height: 780 })
    await page.goto(`${base}/import`)
    await page.getByTestId("import-file").waitFor({ state: "attached" })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await page.screenshot({ path: join(shots, "import-03-phone.png"), fullPage: true })
    await page.goto(`${base}/calendar`)
    await page.getByText("2027 · 国办发明电〔2026〕9号").waitFor()
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0)
    await page.screenshot({ path: join(shots, "import-04-calendar-phone.png"), fullPage: true })
  })
})
