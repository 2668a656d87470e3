import { execFile } from "node:child_process"
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { promisify } from "node:util"
import { demoDistrictOverlay } from "@xianfeng/development-rules"
import ExcelJS from "exceljs"
import { describe, expect, it } from "vitest"
import { impactMarkdown } from "../src/markdown.js"
import { impactRun, parseSide } from "../src/run.js"
import { scratchFolders } from "./scratch.js"

const scratch = scratchFolders("impact-")

// Small mode: 300 demo members (a few dozen of them on the road to membership), fixed seed and day.
const small = { members: 300, seed: "impact-test", asOf: "2026-11-30" } as const
const overlay = (o: object): string => `working+overlay=${JSON.stringify(o)}`

describe("pnpm impact, small mode", () => {
  it("the working tree against itself changes no verdict", async () => {
    const r = await impactRun({ ...small, before: "working", after: "working" })
    expect(r.people).toBeGreaterThan(20)
    expect(r.changedVerdicts).toBe(0)
    expect(r.groups).toEqual([])
  })

  it("judging everyone by 2026 instead of 2014 changes verdicts, grouped by rule and kind", async () => {
    const r = await impactRun({ ...small, before: "working+edition=2014", after: "working+edition=2026" })
    expect(r.changedVerdicts).toBeGreaterThan(0)
    expect(r.affectedPeople).toBeGreaterThan(0)
    expect(r.groups.reduce((n, g) => n + g.verdicts, 0)).toBe(r.changedVerdicts)
    // The 2026 edition renumbered its articles (the order rule cites both), and requires the higher
    // committee's agreement where 2014 asked only for filing: some steps on file become blocked.
    expect(r.groups.some((g) => g.rule === "DEV-ORDER" && g.kind === "new-citation")).toBe(true)
    expect(r.groups.some((g) => g.rule === "DEV-OBJECT-HIGHER" && g.kind === "newly-blocked")).toBe(true)
  })

  it("raising the training minimum in a scratch overlay names the people it affects, masked", async () => {
    const dir = scratch()
    const changeset = join(dir, "training.md")
    writeFileSync(changeset, '---\n"@xianfeng/development-rules": minor\n---\n\nTraining minimum raised.\n')
    const r = await impactRun({
      ...small,
      before: overlay(demoDistrictOverlay),
      after: overlay({ ...demoDistrictOverlay, trainingMinDays: 7, trainingMinHours: 56 }),
      out: dir,
      changeset,
    })
    const training = r.groups.filter((g) => g.rule === "DEV-TRAINING" && g.kind === "newly-blocked")
    expect(training.length).toBeGreaterThan(0)
    // Nothing else is judged by the training minimum.
    expect(r.groups.every((g) => g.rule === "DEV-TRAINING")).toBe(true)
    const sample = training.flatMap((g) => g.sample)
    expect(sample.length).toBeGreaterThan(0)
    for (const s of sample) {
      expect(s.name).toMatch(/^.\*$/u)
      expect(s.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/)
      expect(s.slot).toBe("training")
    }
    const md = impactMarkdown(r)
    expect(md).toContain(`${r.affectedPeople} of ${r.people} people`)
    expect(md).toContain(sample[0]?.idNumber)
    expect(readFileSync(changeset, "utf8")).toMatch(/^Training minimum raised\.\n\n## Who is affected\n/m)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(join(dir, "impact.xlsx"))
    expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总 Summary", "样例 Sample"])
    expect(wb.getWorksheet("汇总 Summary")?.getRow(6).getCell(2).value).toBe(r.affectedPeople)
    expect(wb.getWorksheet("样例 Sample")?.rowCount).toBe(
      1 + r.groups.reduce((n, g) => n + g.sample.length, 0),
    )
  })

  it("the last commit's build judges the same people as the working tree", async () => {
    const published = await impactRun({ ...small, before: "rev:HEAD", after: "working" })
    const self = await impactRun({ ...small, before: "working", after: "working" })
    expect(published.people).toBe(self.people)
    expect(published.before).toBe("rev:HEAD")
  })

  it("a version it cannot set up is refused with the reason", async () => {
    await expect(
      impactRun({ ...small, before: "working", after: overlay({ trainingHours: 40 }) }),
    ).rejects.toThrow(/overlay\.trainingHours/)
    expect(() => parseSide("published")).toThrow(/neither working nor rev/)
  })

  it("the CLI exits 1 when the report cannot be produced, so CI fails", async () => {
    const cli = join(import.meta.dirname, "../dist/cli.js")
    const run = promisify(execFile)
    await expect(
      run(process.execPath, [
        cli,
        "--members",
        "50",
        "--before",
        "working+edition=1999",
        "--after",
        "working",
      ]),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("no edition 1999") })
  })
})
