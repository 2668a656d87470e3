import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import type { ImpactDataset } from "../src/adapter.js"
import { impactAdapters } from "../src/adapters.js"
import { demoDataset } from "../src/demo-dataset.js"
import { impactRun } from "../src/run.js"
import { scratchFolders } from "./scratch.js"

const scratch = scratchFolders("impact-education-")

// The education adapter on a small dataset judged on 2026-11-30: a member's year is credited once and judged
// against the minimums (EM 20: 32 class hours by default; EM 23: exemptions). Raising the members' minimum to 40 h
// changes the verdict of the member with 34 h only.
const online = (on: string, tenths: number, ref: string) => ({
  source: "online",
  ref,
  on,
  tenths,
  centralized: false,
})
const person = (id: string, education: object) => ({
  id,
  name: `党员${id}`,
  idNumber: "110101198001011234",
  education,
})
const dataset: ImpactDataset = {
  asOf: "2026-11-30",
  people: [
    // 34 h: above 32, below 40.
    person("thirty-four", {
      year: 2026,
      entries: [online("2026-03-01", 160, "a"), online("2026-04-01", 180, "b")],
    }),
    // 45 h: above both.
    person("forty-five", {
      year: 2026,
      entries: [
        online("2026-03-01", 160, "a"),
        online("2026-04-01", 160, "b"),
        online("2026-05-01", 130, "c"),
      ],
    }),
    // Exempt (EM 23): allowed under either minimum.
    person("exempt", { year: 2026, entries: [], exemption: { reason: "old", studyBrought: "送学上门" } }),
    // The same 3 hours twice (a class session and online study at the same time): credited once, 3 h.
    person("overlap", {
      year: 2026,
      entries: [
        { source: "class", ref: "s", on: "2026-06-01", start: 540, end: 720, tenths: 40, centralized: true },
        {
          source: "online",
          ref: "o",
          on: "2026-06-01",
          start: 540,
          end: 720,
          tenths: 40,
          centralized: false,
        },
      ],
    }),
    { id: "elsewhere", name: "王五", development: { birthDate: "1990-01-01", records: [] } },
  ],
}

const write = (d: ImpactDataset) => {
  const file = join(scratch(), "dataset.json")
  writeFileSync(file, JSON.stringify(d))
  return file
}

describe("the education impact adapter", () => {
  it("is registered for `--area education` and judges only the people with an education part", () => {
    const adapter = impactAdapters.education
    expect(adapter?.packageName).toBe("@xianfeng/education-training")
    expect(dataset.people.filter((p) => adapter?.caseOf(p, dataset.asOf) !== undefined)).toHaveLength(4)
  })

  it("the working tree against itself changes no verdict", async () => {
    const r = await impactRun({
      area: "education",
      dataset: write(dataset),
      before: "working",
      after: "working",
    })
    expect([r.people, r.changedVerdicts]).toEqual([4, 0])
  })

  it("raising the members' minimum from 32 h to 40 h changes the verdict of the member with 34 h only", async () => {
    const r = await impactRun({
      area: "education",
      dataset: write(dataset),
      before: "working",
      after: 'working+overlay={"memberMinHours":40}',
    })
    expect(r.affectedPeople).toBe(1)
    expect(new Set(r.groups.map((g) => g.rule))).toEqual(new Set(["STUDY-MEMBER-HOURS"]))
    const sample = r.groups.flatMap((g) => g.sample)
    expect(new Set(sample.map((s) => s.slot))).toEqual(new Set(["member-hours"]))
    expect(sample.every((s) => s.name === "党*")).toBe(true)
  })

  it("counts the same time once: a member with a class and online study at the same hours has 4 h, not 8", async () => {
    // Credited once, the overlapping member has 4 h (the class session; the online copy adds nothing): a 5 h
    // minimum leaves them below, a 4 h one lets them meet it.
    const at = (min: number) =>
      impactRun({
        area: "education",
        dataset: write({ ...dataset, people: dataset.people.filter((p) => p.id === "overlap") }),
        before: "working",
        after: `working+overlay={"memberMinHours":${min}}`,
      })
    expect((await at(5)).affectedPeople).toBe(0)
    expect((await at(4)).affectedPeople).toBe(1)
  })

  it("refuses an edition (the area has one) and an overlay the policy does not know", async () => {
    await expect(
      impactRun({
        area: "education",
        dataset: write(dataset),
        before: "working",
        after: "working+edition=2019",
      }),
    ).rejects.toThrow(/edition/)
    await expect(
      impactRun({
        area: "education",
        dataset: write(dataset),
        before: "working",
        after: 'working+overlay={"memberMinHourz":40}',
      }),
    ).rejects.toThrow(/memberMinHourz/)
  })

  it("the demo district carries each judged member's year, so `pnpm impact` shows who 40 h would leave below", async () => {
    const demo = demoDataset({ members: 400 })
    const withStudy = demo.people.filter((p) => impactAdapters.education?.caseOf(p, demo.asOf) !== undefined)
    expect(withStudy.length).toBeGreaterThan(300)
    const r = await impactRun({
      area: "education",
      dataset: "demo",
      members: 400,
      before: "working",
      after: 'working+overlay={"memberMinHours":40}',
    })
    expect(r.affectedPeople).toBeGreaterThan(0)
    expect(r.groups.map((g) => g.rule)).toContain("STUDY-MEMBER-HOURS")
  })
})
