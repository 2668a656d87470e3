import { type DevelopmentPart, noDevelopment } from "./development/histories.js"
import type { PlatformMember } from "./platform/members.js"

/**
 * A demo member: the platform's columns with each area's part. An area with per-member data adds its part's
 * type here and its empty value to `emptyParts`; its contributor fills the part in (`DemoContributor.member`).
 */
export type DemoMember = PlatformMember & DevelopmentPart

/** Every area's part before its contributor fills it in. */
export const emptyParts: Omit<DemoMember, keyof PlatformMember> = { ...noDevelopment }
