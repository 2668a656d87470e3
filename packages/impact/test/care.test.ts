import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import type { ImpactDataset } from "../src/adapter.js"
import { impactAdapters } from "../src/adapters.js"
import { impactRun } from "../src/run.js"
import { scratchFolders } from "./scratch.js"

const scratch = scratchFolders("impact-care-")

// The care adapter on a small dataset judged on 2026-11-30: the old-member age of the ledger (district rule,
// default 80) and the farmers' fixed monthly dues (the province sets ¥0.2–1; default ¥0.2).
const person = (id: string, care: object) => ({ id, name: `党员${id}`, idNumber: "110101198001011234", care })
const dataset: ImpactDataset = {
  asOf: "2026-11-30",
  people: [
    // 76 years old, full member since 1990: an old member only where the age is 75 or lower.
    person("76", {
      birthDate: "1950-03-01",
      admittedOn: "1989-01-01",
      fullMemberOn: "1990-01-01",
      dues: { category: "retiree", baseFen: 400_000 },
    }),
    person("farmer", {
      birthDate: "1970-05-01",
      admittedOn: "1999-07-01",
      dues: { category: "farmer", baseFen: 0 },
    }),
    person("young", {
      birthDate: "1995-05-01",
      admittedOn: "2020-07-01",
      fullMemberOn: "2021-07-01",
      dues: { category: "salaried", baseFen: 800_000 },
    }),
    { id: "elsewhere", name: "王五", development: { birthDate: "1990-01-01", records: [] } },
  ],
}

const write = (d: ImpactDataset) => {
  const file = join(scratch(), "dataset.json")
  writeFileSync(file, JSON.stringify(d))
  return file
}

describe("the care impact adapter", () => {
  it("is registered for `--area care` and judges only the people with a care part", () => {
    const adapter = impactAdapters.care
    expect(adapter?.packageName).toBe("@xianfeng/care-ledger")
    expect(dataset.people.filter((p) => adapter?.caseOf(p, dataset.asOf) !== undefined)).toHaveLength(3)
  })

  it("the working tree against itself changes no verdict", async () => {
    const r = await impactRun({ area: "care", dataset: write(dataset), before: "working", after: "working" })
    expect(r.people).toBe(3)
    expect(r.changedVerdicts).toBe(0)
  })

  it("an old-member age of 75 brings the 76-year-old into the ledger; nobody else changes", async () => {
    const r = await impactRun({
      area: "care",
      dataset: write(dataset),
      before: "working",
      after: 'working+overlay={"oldMemberAge":75}',
    })
    expect(r.affectedPeople).toBe(1)
    expect(r.groups.map((g) => g.rule)).toEqual(["CARE-CATEGORY"])
    expect(r.groups[0]?.sample.map((s) => s.slot)).toEqual(["old-member"])
  })

  it("farmers' dues of ¥0.5 change the farmer's monthly amount only", async () => {
    const r = await impactRun({
      area: "care",
      dataset: write(dataset),
      before: "working",
      after: 'working+overlay={"farmerMonthlyFen":50}',
    })
    expect(r.affectedPeople).toBe(1)
    expect(r.groups.map((g) => g.rule)).toEqual(["DUES-AMOUNT"])
    expect(r.groups[0]?.sample.map((s) => s.slot)).toEqual(["dues"])
  })

  it("refuses an overlay the policy does not know, with the key", async () => {
    await expect(
      impactRun({
        area: "care",
        dataset: write(dataset),
        before: "working",
        after: 'working+overlay={"oldMemberAge":30}',
      }),
    ).rejects.toThrow(/oldMemberAge/)
  })
})
