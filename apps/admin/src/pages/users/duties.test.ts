import { describe, expect, it } from "vitest"
import { roles } from "../../api/types"
import { actionsOn, separatedDuties } from "./duties"

// 三员分立: what the users page offers mirrors what the API allows (apps/api/test/separation-of-duties.test.ts).
describe("the account actions the users page offers", () => {
  it("never offers one of the three administrator roles, to anyone", () => {
    for (const actor of roles) {
      for (const target of roles) {
        const offered = actionsOn(actor, target, false).roles
        expect(
          offered.filter((r) => separatedDuties.includes(r)),
          `${actor} → ${target}`,
        ).toEqual([])
      }
    }
  })

  it("offers nothing on one's own account", () => {
    for (const actor of roles)
      expect(actionsOn(actor, actor, true)).toEqual({ roles: [], resetPassword: false, disable: false })
  })

  it("lets the system administrator reset passwords of accounts of the work only", () => {
    expect(actionsOn("system-admin", "branch-secretary", false).resetPassword).toBe(true)
    expect(actionsOn("system-admin", "auditor", false)).toEqual({
      roles: [],
      resetPassword: false,
      disable: false,
    })
    expect(actionsOn("system-admin", "security-admin", false).resetPassword).toBe(false)
  })

  it("lets the security administrator give the guarded roles and set no password", () => {
    const sec = actionsOn("security-admin", "branch-secretary", false)
    expect(sec.roles).toContain("auditor")
    expect(sec.resetPassword).toBe(false)
    expect(actionsOn("security-admin", "system-admin", false).roles).toEqual([])
  })
})
