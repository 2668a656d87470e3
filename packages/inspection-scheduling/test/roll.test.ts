import { formatCitation } from "@xianfeng/core"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { absenceKindNames, absenceKinds, expectedRoll, sittingTypes } from "../src/index.js"

const roll = [
  { id: "a", posts: ["secretary"] },
  { id: "b", posts: [] },
  { id: "c", posts: ["committee-member"] },
  { id: "d", posts: ["newly-elected"] },
  { id: "e", posts: ["deputy-secretary", "committee-member"] },
  { id: "f", posts: [] },
]

describe("who a sitting expects (应到)", () => {
  it("a branch committee meeting expects the committee's members, not the branch (BR 12)", () => {
    const r = expectedRoll(["committee-meeting"], roll)
    expect(r.basis).toBe("committee")
    expect(r.members.map((m) => m.id)).toEqual(["a", "c", "e"])
    expect(r.citations.map((c) => formatCitation(c, "zh-CN"))).toEqual([expect.stringContaining("第十二条")])
  })

  it("a general meeting, a lecture or a theme day expects every member on the roll (BR 11)", () => {
    for (const t of ["general-meeting", "party-lecture", "theme-day"] as const)
      expect(expectedRoll([t], roll).members.map((m) => m.id)).toEqual(["a", "b", "c", "d", "e", "f"])
  })

  it("a committee meeting held together with the general meeting expects the whole branch", () => {
    const r = expectedRoll(["committee-meeting", "general-meeting"], roll)
    expect(r.basis).toBe("branch")
    expect(r.members).toHaveLength(roll.length)
  })

  it("a branch without a committee member on record expects nobody at a committee meeting, and says so", () => {
    const r = expectedRoll(["committee-meeting"], [{ id: "x", posts: [] }])
    expect(r).toMatchObject({ basis: "committee", members: [] })
  })

  it("never expects anyone who is not on the roll, and keeps the roll's order", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...sittingTypes), { minLength: 1 }),
        fc.array(
          fc.record({
            id: fc.uuid(),
            posts: fc.subarray(["secretary", "deputy-secretary", "committee-member", "newly-elected"]),
          }),
        ),
        (types, members) => {
          const r = expectedRoll(types, members)
          const at = r.members.map((m) => members.indexOf(m))
          expect(at.every((i) => i >= 0)).toBe(true)
          expect([...at].sort((x, y) => x - y)).toEqual(at)
          if (r.basis === "branch") expect(r.members).toHaveLength(members.length)
        },
      ),
    )
  })
})

describe("why a member was absent (缺席原因)", () => {
  it("offers 事假, 病假, 公假 and 其他, as the ledger records them", () => {
    expect(absenceKinds.map((k) => absenceKindNames[k].zh)).toEqual(["事假", "病假", "公假", "其他"])
  })
})
