import { date } from "@xianfeng/core"
import { describe, expect, it } from "vitest"
import {
  developmentObjectsOf,
  type OrganizationPipeline,
  organizationPipelines,
  type PipelinePerson,
  priorityShareOf,
  rollUpPipelines,
} from "../src/index.js"

const born = date("1995-01-01")
const people: PipelinePerson[] = [
  { orgId: "b1", role: "development-object", birthDate: born, occupation: "industrial-worker" },
  { orgId: "b1", role: "development-object", birthDate: born, occupation: "industrial-worker" },
  { orgId: "b1", role: "activist", birthDate: born },
  { orgId: "b1", role: "applicant", birthDate: born, occupation: "young-farmer" },
  { orgId: "b2", role: "activist", birthDate: born, occupation: "highly-educated" },
  { orgId: "b3", role: "applicant", birthDate: born },
]

describe("organizations' pipelines (DR 37, 38)", () => {
  it("counts candidates for membership and activists per priority group, without applicants", () => {
    const ps = organizationPipelines(people, [
      { orgId: "b2", year: 2025, count: 2 },
      { orgId: "b4", year: 2024, count: 1 },
    ])
    expect(ps).toEqual([
      {
        orgId: "b1",
        developmentObjects: { "industrial-worker": 2 },
        activists: { other: 1 },
        admissionsByYear: {},
      },
      {
        orgId: "b2",
        developmentObjects: {},
        activists: { "highly-educated": 1 },
        admissionsByYear: { 2025: 2 },
      },
      { orgId: "b4", developmentObjects: {}, activists: {}, admissionsByYear: { 2024: 1 } },
    ])
  })

  it("rolls organizations up into the units of a plan, leaving out the ones under no unit", () => {
    const ps = organizationPipelines(people, [])
    const rolled = rollUpPipelines(
      ps,
      ["c1", "c2", "c3"],
      new Map([
        ["b1", "c1"],
        ["b2", "c1"],
        ["b3", "c2"],
      ]),
    )
    expect(rolled).toEqual([
      {
        orgId: "c1",
        developmentObjects: { "industrial-worker": 2 },
        activists: { other: 1, "highly-educated": 1 },
      },
      { orgId: "c2", developmentObjects: {}, activists: {} },
      { orgId: "c3", developmentObjects: {}, activists: {} },
    ])
  })

  it("gives the share of the pipeline in a priority group, and the candidates for membership on file", () => {
    const p: OrganizationPipeline = {
      orgId: "c1",
      developmentObjects: { "industrial-worker": 2, other: 1 },
      activists: { other: 1 },
    }
    expect(priorityShareOf(p)).toBe(0.5)
    expect(developmentObjectsOf(p)).toBe(3)
    expect(priorityShareOf({ orgId: "c2", developmentObjects: {}, activists: {} })).toBe(0)
  })
})
