import { applyOverlay, type FieldError } from "@xianfeng/core"
import { type DevelopmentPolicy, developmentPolicy, nationalPolicy } from "@xianfeng/development-rules"
import { and, eq } from "drizzle-orm"
import { Result } from "effect"
import type { XfDb } from "../database.js"
import { districtPolicies } from "../schema/index.js"
import { clearPipelineIndex } from "./pipeline-index.js"

/** The `area` of the development settings in `district_policies`. */
export const DEVELOPMENT_AREA = "development"

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
 * The development policy in force for an organization (by its path): the national defaults with the
 * district's overlay (`district_policies`, area `development`) applied. A stored overlay that no longer passes
 * the schema falls back to the national defaults and says why, rather than failing every request. The
 * settings are the district's, not anyone's data: the caller passes the path of an organization it already
 * holds in scope.
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

/**
 * Stores (or replaces) a district's development overlay and forgets the district's pipeline index; the caller
 * validates it first.
 */
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
  // Every stored pipeline answer of the district rests on the old settings.
  await clearPipelineIndex(db, districtId)
}
