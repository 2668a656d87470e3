import type { MemberDetail, MemberUpdate } from "../../api/types"

export type Editable = Pick<MemberDetail, "name" | "phone" | "education" | "occupationGroup" | "status">
export const editableFields = ["name", "phone", "education", "occupationGroup", "status"] as const

/**
 * Only what changed goes to the API (with the version that was read, so a concurrent edit gets 409
 * instead of being overwritten). Text is trimmed; an emptied phone becomes null.
 */
export const memberChanges = (before: MemberDetail, after: Editable): Omit<MemberUpdate, "version"> => {
  const out: Record<string, unknown> = {}
  for (const f of editableFields) {
    const raw = after[f]
    const value = typeof raw === "string" ? raw.trim() : raw
    const normalized = f === "phone" && (value === "" || value === undefined) ? null : value
    if (normalized !== before[f]) out[f] = normalized
  }
  return out as Omit<MemberUpdate, "version">
}
