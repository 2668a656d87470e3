import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import type { ImpactDataset } from "../src/adapter.js"
import { impactAdapters } from "../src/adapters.js"
import { impactRun } from "../src/run.js"
import { scratchFolders } from "./scratch.js"

const scratch = scratchFolders("impact-discipline-")

// The discipline adapter on a small dataset judged on 2026-11-30. The "six consecutive months" of the
// self-lapse alert (PC 9; EM 31(6)) end on the anniversary by default; a district that counts to the day
// before (`periodEnd: day-before`) alerts one day sooner.
const person = (id: string, discipline: object) => ({
  id,
  name: `党员${id}`,
  idNumber: "110101198001011234",
  discipline,
})
const dataset: ImpactDataset = {
  asOf: "2026-11-30",
  people: [
    // Last organizational life on 2026-06-01: six months are up on 2026-12-01 (anniversary), 2026-11-30 (day before).
    person("edge", { since: "2010-07-01", orgLife: "2026-06-01", dues: "2026-11-01", work: "2026-10-01" }),
    person("active", { since: "2010-07-01", orgLife: "2026-11-15", dues: "2026-11-01", work: "2026-10-01" }),
    // No dues evidence in the dataset: the alert says it cannot judge, under either version.
    person("no-dues", { since: "2010-07-01", orgLife: "2026-11-15", work: "2026-10-01" }),
    { id: "elsewhere", name: "王五", development: { birthDate: "1990-01-01", records: [] } },
  ],
}

const write = (d: ImpactDataset) => {
  const file = join(scratch(), "dataset.json")
  writeFileSync(file, JSON.stringify(d))
  return file
}

describe("the discipline impact adapter", () => {
  it("is registered for `--area discipline` and judges only the people with a discipline part", () => {
    const adapter = impactAdapters.discipline
    expect(adapter?.packageName).toBe("@xianfeng/inspection-scheduling")
    expect(dataset.people.filter((p) => adapter?.caseOf(p, dataset.asOf) !== undefined)).toHaveLength(3)
  })

  it("the working tree against itself changes no verdict", async () => {
    const r = await impactRun({
      area: "discipline",
      dataset: write(dataset),
      before: "working",
      after: "working",
    })
    expect(r.people).toBe(3)
    expect(r.changedVerdicts).toBe(0)
  })

  it("counting six months to the day before raises the self-lapse alert for the member on the edge only", async () => {
    const r = await impactRun({
      area: "discipline",
      dataset: write(dataset),
      before: "working",
      after: 'working+overlay={"periodEnd":"day-before"}',
    })
    expect(r.affectedPeople).toBe(1)
    // The member's `STANDING.ok` gives way to `STANDING-SELF-LAPSE.org-life`; nobody else changes.
    expect(r.groups.map((g) => g.rule).sort()).toEqual(["STANDING", "STANDING-SELF-LAPSE"])
    expect(r.changedVerdicts).toBe(2)
    const sample = r.groups.flatMap((g) => g.sample)
    expect(sample.every((s) => s.name === "党*")).toBe(true)
    expect(sample.map((s) => s.slot)).toContain("self-lapse")
  })

  it("refuses an edition (the area has one) and an overlay the policy does not know, with the reason", async () => {
    await expect(
      impactRun({
        area: "discipline",
        dataset: write(dataset),
        before: "working",
        after: "working+edition=2014",
      }),
    ).rejects.toThrow(/edition/)
    await expect(
      impactRun({
        area: "discipline",
        dataset: write(dataset),
        before: "working",
        after: 'working+overlay={"periodEnd":"never"}',
      }),
    ).rejects.toThrow(/periodEnd/)
  })
})
