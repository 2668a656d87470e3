export * from "./district.js"
export * from "./load.js"
export { DEMO_REGION_CODES, type DemoMember } from "./members.js"
export type { BranchProfile, DemoOrg } from "./orgs.js"
