import { endpoints } from "../../api/endpoints"

/** The 组织概况 panel's reads: the root of the caller's scope, and the stage counts of the whole scope. */
export const scopeRootQuery = () => ({ queryKey: ["orgs", "root"] as const, queryFn: endpoints.rootOrg })

export const scopeStagesQuery = () => ({
  queryKey: ["stats", "members-by-stage", "scope"] as const,
  queryFn: () => endpoints.membersByStage(),
})
