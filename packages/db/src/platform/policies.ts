/**
 * A district's settings per area (`district_policies (org_id, area, overlay)`): the overlay a district declares
 * over an area's national defaults. Every area reads and writes its settings here with its own policy
 * definition (`definePolicy` in its rules package); the area's id is the definition's id.
 */
import {
  applyOverlay,
  type FieldError,
  type PolicyDefinition,
  type PolicySpec,
  type PolicyValues,
} from "@xianfeng/core"
import { and, eq } from "drizzle-orm"
import { Result } from "effect"
import type { XfDb } from "../database.js"
import { districtPolicies } from "../schema/index.js"

/** The district (root of the org path) whose settings apply to `orgPath`. */
export const districtOf = (orgPath: string): string => orgPath.split(".")[0] ?? orgPath

export interface LoadedPolicy<P> {
  readonly policy: P
  /** The stored overlay, or undefined when the district runs the national defaults. */
  readonly overlay: Record<string, unknown> | undefined
  /** Set when the stored overlay does not pass the policy's schema: the national defaults are used then. */
  readonly error?: FieldError
}

/**
 * The area's policy in force for an organization (by its path): the national defaults with the district's
 * overlay applied. A stored overlay that no longer passes the schema falls back to the national defaults and
 * says why, rather than failing every request. The settings are the district's, not anyone's data: the caller
 * passes the path of an organization it already holds in scope.
 */
export const loadAreaPolicy = async <S extends PolicySpec>(
  db: XfDb,
  orgPath: string,
  definition: PolicyDefinition<S>,
): Promise<LoadedPolicy<PolicyValues<S>>> => {
  const [row] = await db
    .select({ overlay: districtPolicies.overlay })
    .from(districtPolicies)
    .where(and(eq(districtPolicies.orgId, districtOf(orgPath)), eq(districtPolicies.area, definition.id)))
    .limit(1)
  return policyOfOverlay(definition, row?.overlay)
}

/**
 * The area's policy for a district's stored overlay (`undefined` or null: none, the national defaults), as
 * `loadAreaPolicy` applies it — for a reader that fetched the overlay inside a statement of its own.
 */
export const policyOfOverlay = <S extends PolicySpec>(
  definition: PolicyDefinition<S>,
  overlay: Record<string, unknown> | null | undefined,
): LoadedPolicy<PolicyValues<S>> => {
  if (overlay === undefined || overlay === null) return { policy: definition.defaults, overlay: undefined }
  const applied = applyOverlay(definition, overlay)
  return Result.isSuccess(applied)
    ? { policy: applied.success, overlay }
    : { policy: definition.defaults, overlay, error: applied.failure }
}

/** Stores (or replaces) a district's overlay of one area; the caller validates it first (`applyOverlay`). */
export const saveAreaPolicy = async (
  db: XfDb,
  area: string,
  districtId: string,
  overlay: Record<string, unknown>,
  updatedBy: string | null = null,
): Promise<void> => {
  await db
    .insert(districtPolicies)
    .values({ orgId: districtId, area, overlay, updatedBy })
    .onConflictDoUpdate({
      target: [districtPolicies.orgId, districtPolicies.area],
      set: { overlay, updatedBy, updatedAt: new Date() },
    })
}
