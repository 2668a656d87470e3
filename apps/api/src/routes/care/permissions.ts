import type { UserRole as Role } from "@xianfeng/core"

/** What each role may do in 党内关怀 (Care), beyond reading inside its subtree. */
export const carePermissions = {
  /** Record dues payments, ledger changes, visits and nominations for an organization of one's subtree. */
  record: ["district-admin", "committee-officer", "branch-secretary"],
  /** Set up what the levels above a branch run: survey campaigns, visit plans, commendation campaigns, vetting and approval. */
  organize: ["district-admin", "committee-officer"],
  /**
   * See hardship and health details of the care ledger (sensitive): the branch secretary who keeps the ledger and
   * the district office that funds the help. Every read is audited; an export of them needs a reason.
   */
  seeHardship: ["district-admin", "branch-secretary"],
  /**
   * See members' income (the dues base: after-tax pay or pension): the branch secretary who collects and the
   * district office. Every read is audited; an export of them needs a reason.
   */
  seeIncome: ["district-admin", "branch-secretary"],
} as const satisfies Record<string, readonly Role[]>

/** Whether a role is one of a permission's. */
export const may = (permission: readonly Role[], role: Role): boolean => permission.includes(role)
