import { describe, expect, it } from "vitest"
import { mayManageOrgs } from "../../api/types"
import { allKinds, defaultChildKind, kindsAllowedUnder } from "./kinds"

describe("kinds allowed under a parent", () => {
  it("offers everything but another district committee under the district committee", () => {
    expect(kindsAllowedUnder("district-committee")).toEqual([
      "working-committee",
      "township-committee",
      "party-committee",
      "general-branch",
      "branch",
      "party-group",
    ])
  })

  it("follows core's placement rules below the top", () => {
    expect(kindsAllowedUnder("working-committee")).toEqual([
      "township-committee",
      "party-committee",
      "general-branch",
      "branch",
    ])
    expect(kindsAllowedUnder("township-committee")).toEqual(["party-committee", "general-branch", "branch"])
    expect(kindsAllowedUnder("party-committee")).toEqual(["party-committee", "general-branch", "branch"])
    expect(kindsAllowedUnder("general-branch")).toEqual(["branch"])
  })

  it("offers nothing under a branch or a party group", () => {
    expect(kindsAllowedUnder("branch")).toEqual([])
    expect(kindsAllowedUnder("party-group")).toEqual([])
    expect(defaultChildKind("branch")).toBeUndefined()
  })

  it("starts a new sub-organization as a branch where one may sit", () => {
    expect(defaultChildKind("general-branch")).toBe("branch")
    expect(defaultChildKind("district-committee")).toBe("branch")
  })

  it("never offers the district committee as a child", () => {
    for (const parent of allKinds) expect(kindsAllowedUnder(parent)).not.toContain("district-committee")
  })

  it("lets only the district admin and committee officers manage organizations", () => {
    expect(mayManageOrgs("district-admin")).toBe(true)
    expect(mayManageOrgs("committee-officer")).toBe(true)
    expect(mayManageOrgs("branch-secretary")).toBe(false)
    expect(mayManageOrgs("auditor")).toBe(false)
  })
})
