import { type DevelopmentPolicy, developmentPolicy } from "@xianfeng/development-rules"
import type { XfDb } from "../database.js"
import { type LoadedPolicy, loadAreaPolicy, saveAreaPolicy } from "../platform/policies.js"
import { clearPipelineIndex } from "./pipeline-index.js"

/** The `area` of the development settings in `district_policies`. */
export const DEVELOPMENT_AREA = developmentPolicy.id

export type LoadedDevelopmentPolicy = LoadedPolicy<DevelopmentPolicy>

/** The development policy in force for an organization (by its path): `loadAreaPolicy` of the development area. */
export const loadDevelopmentPolicy = (db: XfDb, orgPath: string): Promise<LoadedDevelopmentPolicy> =>
  loadAreaPolicy(db, orgPath, developmentPolicy)

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
  await saveAreaPolicy(db, DEVELOPMENT_AREA, districtId, overlay, updatedBy)
  // Every stored pipeline answer of the district rests on the old settings.
  await clearPipelineIndex(db, districtId)
}
