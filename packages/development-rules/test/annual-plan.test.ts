import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  allocateAnnualPlan,
  dormantOrganizations,
  dormantWindow,
  nationalPolicy,
  type OrganizationPipeline,
} from "../src/index.js"

const orgs: OrganizationPipeline[] = [
  { orgId: "factory", developmentObjects: { "industrial-worker": 4 }, activists: { "industrial-worker": 4 } },
  { orgId: "office", developmentObjects: { other: 4 }, activists: { other: 4 } },
  { orgId: "tiny", developmentObjects: { other: 1 }, activists: {} },
]

describe("annual development plan (DR 37, 38)", () => {
  it("favours priority groups: same pipeline, industrial workers get more", () => {
    const a = allocateAnnualPlan(6, orgs, nationalPolicy)
    const q = (id: string) => a.find((x) => x.orgId === id)?.quota ?? -1
    expect(q("factory")).toBeGreaterThan(q("office"))
    expect(a.reduce((s, x) => s + x.quota, 0)).toBe(6)
  })

  it("never gives an organization more than its candidates for membership, passing the rest on", () => {
    const a = allocateAnnualPlan(8, orgs, nationalPolicy)
    for (const x of a) expect(x.quota).toBeLessThanOrEqual(x.capacity)
    expect(a.reduce((s, x) => s + x.quota, 0)).toBe(8)
    expect(allocateAnnualPlan(100, orgs, nationalPolicy).reduce((s, x) => s + x.quota, 0)).toBe(9)
  })

  it("is deterministic and allocates exactly the total when capacity allows", () => {
    const orgArb = fc.array(
      fc.record({
        orgId: fc.stringMatching(/^[a-z]{1,6}$/),
        developmentObjects: fc.record({ "industrial-worker": fc.nat(5), other: fc.nat(5) }),
        activists: fc.record({ "young-farmer": fc.nat(5) }),
      }),
      { maxLength: 8 },
    )
    fc.assert(
      fc.property(orgArb, fc.nat(40), (os, total) => {
        const a = allocateAnnualPlan(total, os, nationalPolicy)
        expect(allocateAnnualPlan(total, os, nationalPolicy)).toEqual(a)
        const capacity = a.reduce((s, x) => s + (x.weight > 0 ? x.capacity : 0), 0)
        expect(a.reduce((s, x) => s + x.quota, 0)).toBe(Math.min(total, capacity))
      }),
      { numRuns: 300 },
    )
  })

  it("flags organizations that could develop but admitted nobody for 3 years (policy dormantYears [P])", () => {
    const os: OrganizationPipeline[] = [
      {
        orgId: "idle",
        developmentObjects: { other: 1 },
        activists: { other: 2 },
        admissionsByYear: { 2022: 1 },
      },
      {
        orgId: "busy",
        developmentObjects: { other: 1 },
        activists: { other: 2 },
        admissionsByYear: { 2025: 1 },
      },
      { orgId: "empty", developmentObjects: {}, activists: {}, admissionsByYear: {} },
    ]
    const flagged = dormantOrganizations(os, 2026, nationalPolicy)
    expect(flagged.map((o) => o.orgId)).toEqual(["idle"])
    expect(flagged[0]?.years).toEqual([2024, 2025, 2026])
    expect(flagged[0]?.citations[0]?.article).toBe(37)
  })

  it("looks at the dormantYears calendar years up to the year analysed, oldest first", () => {
    expect(dormantWindow(2026, nationalPolicy)).toEqual([2024, 2025, 2026])
    expect(dormantWindow(2026, { dormantYears: 1 })).toEqual([2026])
  })
})
