import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import ExcelJS from "exceljs"
import { afterAll, describe, expect, it } from "vitest"
import { run } from "../src/commands.js"
import type { CliEnv } from "../src/config.js"

const SAMPLES = new URL("../../../packages/db/test/fixtures/import-samples/", import.meta.url)
const dir = mkdtempSync(join(tmpdir(), "xianfeng-cli-"))
const env: CliEnv = {
  databaseUrl: undefined,
  dataDir: join(dir, "a"),
  idKey: Buffer.alloc(32, 3).toString("base64"),
}

const capture = () => {
  const lines = { out: [] as string[], err: [] as string[], progress: [] as string[] }
  return {
    lines,
    io: {
      out: (l: string) => lines.out.push(l),
      err: (l: string) => lines.err.push(l),
      progress: (l: string) => lines.progress.push(l),
    },
  }
}

afterAll(() => rmSync(dir, { recursive: true, force: true }))

// The command line on an embedded database in a scratch folder: migrate, import (check, report, write),
// export, restore into a second folder, verify the audit log there.
describe("xianfeng", { timeout: 180_000 }, () => {
  it("without a command prints the usage and exits 2; an unknown command is a usage error", async () => {
    const c = capture()
    expect(await run([], env, c.io)).toBe(2)
    expect(c.lines.out.join()).toContain("usage: xianfeng")
    expect(await run(["frobnicate"], env, capture().io)).toBe(2)
  })

  it("migrate creates and migrates the database", async () => {
    const c = capture()
    expect(await run(["migrate"], env, c.io)).toBe(0)
    expect(c.lines.out.join()).toContain("current schema")
  })

  it("imports the district's first organizations (the root without a parent) with progress, no --org needed", async () => {
    const orgs = join(dir, "orgs.csv")
    writeFileSync(
      orgs,
      "党组织编码,党组织名称,上级党组织编码,组织类别\nqx,示范区委员会,,区委\n020100,示范区青溪镇委员会,qx,乡镇党委\n020100091,柳头村党支部,020100,党支部\n",
    )
    const c = capture()
    expect(await run(["import", "orgs", orgs], env, c.io)).toBe(0)
    expect(c.lines.out.join()).toContain("3 written")
    expect(c.lines.progress.some((l) => l.startsWith("checking"))).toBe(true)
    // The progress ends at done: all rows checked, then all written.
    expect(c.lines.progress.filter((l) => l.startsWith("checking")).at(-1)).toBe("checking 3/3 (100%)")
    expect(c.lines.progress.at(-1)).toBe("writing 3/3 (100%)")
    // Now the database has a district: members need --org.
    expect(await run(["import", "members", orgs], env, capture().io)).toBe(2)
  })

  it("checks the member sample: rows 5 and 8 named, the report written, nothing imported; then imports the fixed file", async () => {
    const sample = join(dir, "members.xlsx")
    writeFileSync(sample, readFileSync(new URL("member-one-table-24-columns.xlsx", SAMPLES)))
    const report = join(dir, "report.xlsx")
    const c = capture()
    expect(await run(["import", "members", sample, "--org", "qx", "--report", report], env, c.io)).toBe(1)
    expect(c.lines.err.filter((l) => l.startsWith("row ")).map((l) => l.split(":")[0])).toEqual([
      "row 5",
      "row 8",
    ])
    expect(c.lines.out.join()).toContain("0 written")
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync(report) as unknown as ArrayBuffer)
    expect(JSON.stringify(wb.worksheets[0]?.getSheetValues())).toContain("第8行")

    const fixed = new ExcelJS.Workbook()
    await fixed.xlsx.load(readFileSync(sample) as unknown as ArrayBuffer)
    fixed.worksheets[0]?.spliceRows(8, 1)
    fixed.worksheets[0]?.spliceRows(5, 1)
    const fixedFile = join(dir, "members-fixed.xlsx")
    writeFileSync(fixedFile, Buffer.from(await fixed.xlsx.writeBuffer()))
    const ok = capture()
    expect(await run(["import", "members", fixedFile, "--org", "qx"], env, ok.io)).toBe(0)
    expect(ok.lines.out.join()).toContain("5 written")
  })

  it("loads a year of the working calendar, refusing a bad one naming the field", async () => {
    const bad = join(dir, "bad.json")
    writeFileSync(
      bad,
      JSON.stringify({
        year: 2027,
        notice: "国办发明电〔2026〕9号",
        holidays: { "2027-01-01": "元旦" },
        makeUpWorkdays: ["2027-01-04"],
      }),
    )
    const b = capture()
    expect(await run(["calendar", bad], env, b.io)).toBe(1)
    expect(b.lines.err.join()).toContain("makeUpWorkdays[0]")
    const good = join(dir, "2027.json")
    writeFileSync(
      good,
      JSON.stringify({
        year: 2027,
        notice: "国办发明电〔2026〕9号",
        holidays: { "2027-01-01": "元旦" },
        makeUpWorkdays: ["2027-01-09"],
      }),
    )
    const g = capture()
    expect(await run(["calendar", good], env, g.io)).toBe(0)
    expect(g.lines.out.join()).toContain("loaded 2027")
  })

  it("exports, restores into an empty second database, and the audit log there verifies", async () => {
    const archive = join(dir, "district.xfa")
    const e = capture()
    expect(await run(["export", archive], env, e.io)).toBe(0)
    expect(e.lines.progress.some((l) => l.includes("members"))).toBe(true)
    const second = { ...env, dataDir: join(dir, "b") }
    const r = capture()
    expect(await run(["restore", archive], second, r.io)).toBe(0)
    expect(r.lines.out.join()).toMatch(/restored \d+ rows/)
    // Into a database that is not empty: refused, saying why.
    const again = capture()
    expect(await run(["restore", archive], second, again.io)).toBe(1)
    expect(again.lines.err.join()).toContain("not empty")
    expect(await run(["verify-audit", "--data-dir", second.dataDir], second, capture().io)).toBe(0)
  })
})
