import { applyOverlay, type FieldError } from "@xianfeng/core"
import {
  type DerivedDates,
  type DevelopmentPolicy,
  developmentPolicy,
  nationalPolicy,
} from "@xianfeng/development-rules"
import { and, asc, eq, inArray, type SQLWrapper } from "drizzle-orm"
import { Result } from "effect"
import type { XfDb } from "./database.js"
import {
  type DevelopmentRecord,
  developmentRecords,
  districtPolicies,
  type MemberStage,
  type NewMember,
} from "./schema/index.js"

/** The `area` of the development settings in `district_policies`. */
export const DEVELOPMENT_AREA = "development"

/**
 * The development records of many members in ONE query, grouped per member and in date order (then in the
 * order they were recorded). `memberIds` is a list or a subquery (`select id from members where …`), so a
 * pipeline of any size stays one round trip without running into the parameter limit.
 */
export const developmentRecordsOf = async (
  db: XfDb,
  memberIds: readonly string[] | SQLWrapper,
): Promise<Map<string, DevelopmentRecord[]>> => {
  const out = new Map<string, DevelopmentRecord[]>()
  if (Array.isArray(memberIds) && memberIds.length === 0) return out
  const rows = await db
    .select()
    .from(developmentRecords)
    .where(inArray(developmentRecords.memberId, memberIds as string[] | SQLWrapper))
    .orderBy(
      asc(developmentRecords.memberId),
      asc(developmentRecords.onDate),
      asc(developmentRecords.recordedAt),
    )
  for (const r of rows) {
    const list = out.get(r.memberId)
    if (list === undefined) out.set(r.memberId, [r])
    else list.push(r)
  }
  return out
}

/** The development records of one member, in date order. */
export const developmentRecordsOfMember = async (db: XfDb, memberId: string): Promise<DevelopmentRecord[]> =>
  (await developmentRecordsOf(db, [memberId])).get(memberId) ?? []

/** The member's stage for the library's current stage: admission by the branch meeting makes 预备党员. */
export const memberStageOf = (derived: DerivedDates): MemberStage | undefined => {
  if (derived.stage === "member") return "full"
  if (derived.stage === "cancelled" || derived.stage === "not-started") return undefined
  if (derived.admittedOn !== undefined) return "probationary"
  if (derived.stage >= 3) return "development-object"
  if (derived.stage === 2) return "activist"
  return "applicant"
}

/**
 * The member columns that follow from a development history: the stage and the stage dates
 * (applied_on … full_member_on). A cancelled probation leaves the stage to a person (it is undefined).
 */
export const stageColumnsOf = (
  derived: DerivedDates,
): Pick<NewMember, "appliedOn" | "activistOn" | "developmentObjectOn" | "admittedOn" | "fullMemberOn"> & {
  stage?: MemberStage
} => {
  const stage = memberStageOf(derived)
  return {
    ...(stage === undefined ? {} : { stage }),
    appliedOn: derived.appliedOn ?? null,
    activistOn: derived.activistSince ?? null,
    developmentObjectOn: derived.developmentObjectSince ?? null,
    admittedOn: derived.admittedOn ?? null,
    fullMemberOn: derived.fullMemberSince ?? null,
  }
}

export interface LoadedDevelopmentPolicy {
  readonly policy: DevelopmentPolicy
  /** The stored overlay, or undefined when the district runs the national defaults. */
  readonly overlay: Record<string, unknown> | undefined
  /** Set when the stored overlay does not pass the policy's schema: the national defaults are used then. */
  readonly error?: FieldError
}

/** The district (root of the org path) whose settings apply to `orgPath`. */
export const districtOf = (orgPath: string): string => orgPath.split(".")[0] ?? orgPath

/**
 * The development policy in force for an organization: the national defaults with the district's overlay
 * (`district_policies`, area `development`) applied. A stored overlay that no longer passes the schema
 * falls back to the national defaults and says why, rather than failing every request.
 */
export const loadDevelopmentPolicy = async (db: XfDb, orgPath: string): Promise<LoadedDevelopmentPolicy> => {
  const [row] = await db
    .select({ overlay: districtPolicies.overlay })
    .from(districtPolicies)
    .where(and(eq(districtPolicies.orgId, districtOf(orgPath)), eq(districtPolicies.area, DEVELOPMENT_AREA)))
    .limit(1)
  if (row === undefined) return { policy: nationalPolicy, overlay: undefined }
  const applied = applyOverlay(developmentPolicy, row.overlay)
  return Result.isSuccess(applied)
    ? { policy: applied.success, overlay: row.overlay }
    : { policy: nationalPolicy, overlay: row.overlay, error: applied.failure }
}

/** Stores (or replaces) a district's development overlay; the caller validates it first. */
export const saveDevelopmentPolicy = async (
  db: XfDb,
  districtId: string,
  overlay: Record<string, unknown>,
  updatedBy: string | null = null,
): Promise<void> => {
  await db
    .insert(districtPolicies)
    .values({ orgId: districtId, area: DEVELOPMENT_AREA, overlay, updatedBy })
    .onConflictDoUpdate({
      target: [districtPolicies.orgId, districtPolicies.area],
      set: { overlay, updatedBy, updatedAt: new Date() },
    })
}
