// Imported lazily by the tree page (core brings effect along): only managers load it.
import { allowedParents, type OrgKind, orgKinds } from "@xianfeng/core"

/** Every kind of organization, top to bottom, in core's order. */
export const allKinds = Object.keys(orgKinds) as OrgKind[]

/** The kinds that may sit directly under a parent of `parentKind` (core's `allowedParents`). */
export const kindsAllowedUnder = (parentKind: OrgKind): OrgKind[] =>
  allKinds.filter((k) => allowedParents[k].includes(parentKind))

/** The kind a new sub-organization starts as: a branch when allowed, else the first allowed kind. */
export const defaultChildKind = (parentKind: OrgKind): OrgKind | undefined => {
  const allowed = kindsAllowedUnder(parentKind)
  return allowed.includes("branch") ? "branch" : allowed[0]
}
