import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  allowedParents,
  ancestorPaths,
  approvalAuthority,
  canApproveAdmissions,
  checkPlacement,
  childPath,
  depthOf,
  isInSubtree,
  isRootPath,
  type OrgKind,
  type OrgNode,
  orgKinds,
  orgMessages,
  parseOrgId,
  parseOrgPath,
  renderVerdict,
} from "../src/index.js"
import { assertTotalParser, expectFieldError, success } from "./helpers.js"

const kinds = Object.keys(orgKinds) as OrgKind[]
const label = fc.stringMatching(/^[A-Za-z0-9_]{1,8}$/)
const path = fc.array(label, { minLength: 1, maxLength: 6 }).map((ls) => ls.join("."))
const node = (kind: OrgKind, temporary?: boolean): OrgNode =>
  temporary === undefined ? { id: "x1", kind, path: "d1.x1" } : { id: "x1", kind, path: "d1.x1", temporary }

describe("parseOrgId", () => {
  it("accepts an ltree label of 1–63 letters, digits or _", () => {
    expect(success(parseOrgId("b0457"))).toBe("b0457")
    expect(success(parseOrgId("A_1"))).toBe("A_1")
    expect(success(parseOrgId("a".repeat(63)))).toHaveLength(63)
  })

  it("refuses anything else with a format error naming the field", () => {
    for (const bad of ["", "a.b", "a-b", "党支部", "a".repeat(64), " b1", 457, null]) {
      expectFieldError(parseOrgId(bad), "orgId", "format")
    }
    expectFieldError(parseOrgId("a-b", "parentId"), "parentId", "format")
  })

  it("never throws, whatever it is fed", () => {
    assertTotalParser((x) => parseOrgId(x))
  })
})

describe("parseOrgPath", () => {
  it("accepts ids joined by dots", () => {
    expect(success(parseOrgPath("d1.c03.b0457"))).toBe("d1.c03.b0457")
    expect(success(parseOrgPath("d1"))).toBe("d1")
  })

  it("refuses empty labels, bad labels, non-strings and over-long paths", () => {
    for (const bad of ["", "d1..c03", ".d1", "d1.", "d1.c-3", "d1/c03", 1, ["d1"]]) {
      expectFieldError(parseOrgPath(bad), "path", "format")
    }
    expectFieldError(parseOrgPath(Array(700).fill("ab").join(".")), "path", "format")
    expectFieldError(parseOrgPath("d1..x", "org.path"), "org.path", "format")
  })

  it("accepts every path built from valid ids", () => {
    fc.assert(
      fc.property(path, (p) => {
        expect(success(parseOrgPath(p))).toBe(p)
      }),
      { numRuns: 200 },
    )
  })

  it("never throws, whatever it is fed", () => {
    assertTotalParser((x) => parseOrgPath(x))
  })
})

describe("childPath", () => {
  it("appends an id to the parent's path, or starts a root", () => {
    expect(childPath("d1.c03", "b0457")).toBe("d1.c03.b0457")
    expect(childPath(undefined, "d1")).toBe("d1")
  })
})

describe("isInSubtree", () => {
  it("holds for the organization itself and everything below it", () => {
    expect(isInSubtree("d1.c1", "d1.c1")).toBe(true)
    expect(isInSubtree("d1.c1.b7", "d1.c1")).toBe(true)
    expect(isInSubtree("d1.c1.b7.g2", "d1")).toBe(true)
  })

  it("a sibling with a shared prefix is not inside: d1.c10 is not under d1.c1", () => {
    expect(isInSubtree("d1.c10", "d1.c1")).toBe(false)
    expect(isInSubtree("d1.c10.b1", "d1.c1")).toBe(false)
  })

  it("an ancestor is not inside its descendant", () => {
    expect(isInSubtree("d1", "d1.c1")).toBe(false)
  })

  it("a child is inside its parent, and a parent followed by more characters is not", () => {
    fc.assert(
      fc.property(path, label, (p, id) => {
        expect(isInSubtree(childPath(p, id), p)).toBe(true)
        expect(isInSubtree(`${p}${id}`, p)).toBe(false)
        expect(isInSubtree(p, childPath(p, id))).toBe(false)
      }),
      { numRuns: 200 },
    )
  })
})

describe("ancestorPaths", () => {
  it("lists the ancestors root first, without the path itself", () => {
    expect(ancestorPaths("d1.c03.b0457")).toEqual(["d1", "d1.c03"])
    expect(ancestorPaths("d1")).toEqual([])
  })

  it("every ancestor contains the path, and there is one per level above it", () => {
    fc.assert(
      fc.property(path, (p) => {
        const as = ancestorPaths(p)
        expect(as).toHaveLength(depthOf(p) - 1)
        for (const a of as) expect(isInSubtree(p, a)).toBe(true)
        expect(as.map(depthOf)).toEqual(as.map((_, i) => i + 1))
      }),
      { numRuns: 200 },
    )
  })
})

describe("isRootPath", () => {
  it("is true for a district's path only", () => {
    expect(isRootPath("d1")).toBe(true)
    expect(isRootPath("d1.c03")).toBe(false)
    expect(isRootPath("d1.c03.b0457")).toBe(false)
  })

  it("a path is a root exactly when it has no ancestors", () => {
    fc.assert(
      fc.property(path, (p) => {
        expect(isRootPath(p)).toBe(ancestorPaths(p).length === 0)
      }),
      { numRuns: 200 },
    )
  })
})

describe("depthOf", () => {
  it("counts the levels of a path", () => {
    expect(depthOf("d1")).toBe(1)
    expect(depthOf("d1.c03.b0457")).toBe(3)
  })
})

describe("checkPlacement", () => {
  it("only a district committee stands at the root", () => {
    expect(success(checkPlacement("district-committee", undefined))).toBeUndefined()
    const e = expectFieldError(checkPlacement("branch", undefined), "parentId", "required")
    expect(e.messageZh).toBe("党支部必须有上级组织")
  })

  it("a branch may sit under a general branch, but not the other way round", () => {
    expect(success(checkPlacement("branch", "general-branch"))).toBeUndefined()
    const e = expectFieldError(checkPlacement("general-branch", "branch"), "parentId", "placement")
    expect(e.message).toBe("a general branch cannot be placed under a branch")
    expect(e.messageZh).toBe("党总支不能设在党支部之下")
  })

  it("a party group sits only directly under the district committee", () => {
    expect(success(checkPlacement("party-group", "district-committee"))).toBeUndefined()
    expectFieldError(checkPlacement("party-group", "township-committee"), "parentId", "placement")
  })

  it("follows allowedParents for every pair of kinds", () => {
    for (const kind of kinds) {
      for (const parent of kinds) {
        expect([kind, parent, checkPlacement(kind, parent)._tag]).toEqual([
          kind,
          parent,
          allowedParents[kind].includes(parent) ? "Success" : "Failure",
        ])
      }
    }
  })
})

describe("approvalAuthority (DR 22)", () => {
  it.each([
    ["district-committee", undefined, "allowed", "ORG-APPROVE.committee"],
    ["working-committee", "district-committee", "allowed", "ORG-APPROVE.committee"],
    ["township-committee", "district-committee", "allowed", "ORG-APPROVE.committee"],
    ["party-committee", "district-committee", "allowed", "ORG-APPROVE.committee"],
    ["party-committee", "working-committee", "allowed", "ORG-APPROVE.committee"],
    ["party-committee", "township-committee", "blocked", "ORG-APPROVE.under-township"],
    ["general-branch", "party-committee", "blocked", "ORG-APPROVE.not-committee"],
    ["branch", "party-committee", "blocked", "ORG-APPROVE.not-committee"],
    ["party-group", "district-committee", "blocked", "ORG-APPROVE.not-committee"],
  ] as const)("a %s under %s is %s (%s)", (kind, parent, status, code) => {
    const v = approvalAuthority(node(kind), parent)
    expect([v.status, v.code]).toEqual([status, code])
    expect(v.citations.map((c) => [c.document.id, c.edition, c.article])).toEqual([["DR", "2026", 22]])
    expect(canApproveAdmissions(node(kind), parent)).toBe(status === "allowed")
  })

  it("a temporary organization never approves, whatever its kind", () => {
    for (const kind of kinds) {
      const v = approvalAuthority(node(kind, true), "district-committee")
      expect([kind, v.status, v.code]).toEqual([kind, "blocked", "ORG-APPROVE.temporary"])
      expect(canApproveAdmissions(node(kind, true), "district-committee")).toBe(false)
    }
    expect(canApproveAdmissions(node("party-committee", false), "district-committee")).toBe(true)
  })
})

describe("orgMessages", () => {
  const render = (kind: OrgKind, parent: OrgKind | undefined, temporary?: boolean) => {
    const v = approvalAuthority(node(kind, temporary), parent)
    return [renderVerdict(v, orgMessages, "zh-CN"), renderVerdict(v, orgMessages, "en")]
  }
  const zhCite = "（依据：《中国共产党发展党员工作细则》（2026年）第二十二条）"
  const enCite = " (Detailed Rules on Developing Party Members (2026), Art. 22)"

  it("ORG-APPROVE.committee names the kind", () => {
    expect(render("township-committee", "district-committee")).toEqual([
      `乡镇（街道）党（工）委可以审批接收预备党员${zhCite}`,
      `a township or street committee may approve admissions${enCite}`,
    ])
  })

  it("ORG-APPROVE.temporary", () => {
    expect(render("party-committee", "district-committee", true)).toEqual([
      `临时党组织不能审批接收预备党员${zhCite}`,
      `a temporary organization may not approve admissions${enCite}`,
    ])
  })

  it("ORG-APPROVE.under-township", () => {
    expect(render("party-committee", "township-committee")).toEqual([
      `乡镇（街道）党委所属的基层党委不能审批接收预备党员${zhCite}`,
      `a grassroots committee under a township or street committee may not approve admissions${enCite}`,
    ])
  })

  it("ORG-APPROVE.not-committee names the kind", () => {
    expect(render("general-branch", "party-committee")).toEqual([
      `党总支没有审批接收预备党员的权限，只有党委可以审批${zhCite}`,
      `a general branch may not approve admissions; only a party committee may${enCite}`,
    ])
  })

  it("leaves no placeholder unfilled for any kind", () => {
    for (const kind of kinds) {
      for (const text of render(kind, "district-committee")) expect(text).not.toMatch(/\{\w+\}/)
    }
  })
})
