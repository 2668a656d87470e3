import { useQuery } from "@tanstack/react-query"
import { devApi } from "./api"

/** The dashboard panel's read: the pipeline of the caller's whole scope. */
export const scopePipelineQuery = () => ({
  queryKey: devKeys.pipeline(undefined),
  queryFn: () => devApi.pipeline(undefined),
})

/** Query keys of the area, so a new record refreshes every view that shows it. */
export const devKeys = {
  all: ["development"] as const,
  steps: ["development", "steps"] as const,
  timeline: (memberId: string) => ["development", "timeline", memberId] as const,
  plan: (memberId: string) => ["development", "plan", memberId] as const,
  pipeline: (orgId: string | undefined) => ["development", "pipeline", orgId ?? ""] as const,
  composition: (year: number, orgId: string | undefined) =>
    ["development", "composition", year, orgId ?? ""] as const,
  annualPlan: (year: number) => ["development", "annual-plan", year] as const,
  poolAnalysis: (orgId: string | undefined, year: number) =>
    ["development", "pool-analysis", orgId ?? "", year] as const,
}

/** The step definitions change only with the district policy: loaded once per session. */
export const useStepDefinitions = () =>
  useQuery({ queryKey: devKeys.steps, queryFn: devApi.steps, staleTime: 10 * 60_000 })
