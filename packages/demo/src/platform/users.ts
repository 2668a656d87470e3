import { hashSeed, mulberry32 } from "@xianfeng/core/testing"
import type { UserRole } from "@xianfeng/db"
import { uuidFrom } from "../ids.js"
import type { DemoOrg } from "./orgs.js"

/** The one password of every demo login. Demo data only: never load it into a real deployment. */
export const DEMO_PASSWORD = "xianfeng-demo"

export interface DemoUser {
  readonly id: string
  readonly username: string
  readonly displayName: string
  readonly role: UserRole
  readonly orgId: string
}

/**
 * The demo logins: `admin` and `auditor` at the district, `officer` at the first town committee, two
 * branch secretaries in branches of different committees (c01, c05), and the three separated administrators
 * at the district: `sysadmin` 系统管理员, `secadmin` 安全管理员, `auditadmin` 审计管理员.
 */
export const demoUsers = (seed: number | string, orgs: readonly DemoOrg[]): DemoUser[] => {
  const firstBranch = (under: string) => {
    const b = orgs.find((o) => o.kind === "branch" && o.path.startsWith(`d1.${under}.`) && !o.temporary)
    if (b === undefined) throw new Error(`no branch under ${under}`)
    return b
  }
  const rng = mulberry32(hashSeed(seed, "users"))
  const user = (username: string, displayName: string, role: UserRole, orgId: string): DemoUser => ({
    id: uuidFrom(rng),
    username,
    displayName,
    role,
    orgId,
  })
  const secretary = (username: string, branch: DemoOrg) =>
    user(username, `${branch.name.replace(/党支部$/, "")}党支部书记`, "branch-secretary", branch.id)
  return [
    user("admin", "区委组织部管理员", "district-admin", "d1"),
    user("officer", "青溪镇党委组织委员", "committee-officer", "c01"),
    secretary("secretary1", firstBranch("c01")),
    secretary("secretary2", firstBranch("c05")),
    user("auditor", "安全审计员", "auditor", "d1"),
    // 三员: the three administrators graded protection level 3 keeps apart.
    user("sysadmin", "系统管理员", "system-admin", "d1"),
    user("secadmin", "安全管理员", "security-admin", "d1"),
    user("auditadmin", "审计管理员", "audit-admin", "d1"),
  ]
}
