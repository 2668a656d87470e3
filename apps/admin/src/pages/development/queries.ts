import { useQuery } from "@tanstack/react-query"
import { devApi } from "./api"

/** How many of the most urgent steps the dashboard's panel lists. */
export const PANEL_ATTENTION = 5

/**
 * The dashboard panel's read: the counts of the caller's whole scope and its few most urgent steps, without the
 * board or the rest of the list (a few KB, not the pipeline page's hundreds; the dashboard is every sign-in's page).
 */
export const scopePipelineQuery = () => ({
  queryKey: devKeys.pipelineSummary,
  queryFn: () => devApi.pipelineSummary(PANEL_ATTENTION),
})

/** Query keys of the area, so a new record refreshes every view that shows it. */
export const devKeys = {
  all: ["development"] as const,
  steps: ["development", "steps"] as const,
  timeline: (memberId: string) => ["development", "timeline", memberId] as const,
  plan: (memberId: string) => ["development", "plan", memberId] as const,
  pipeline: (orgId: string | undefined) => ["development", "pipeline", orgId ?? ""] as const,
  /** Under the whole scope's pipeline key, so whatever refreshes the pipeline refreshes the summary too. */
  pipelineSummary: ["development", "pipeline", "", "summary"] as const,
  composition: (year: number, orgId: string | undefined) =>
    ["development", "composition", year, orgId ?? ""] as const,
  annualPlan: (year: number) => ["development", "annual-plan", year] as const,
  poolAnalysis: (orgId: string | undefined, year: number) =>
    ["development", "pool-analysis", orgId ?? "", year] as const,
}

/** The step definitions change only with the district policy: loaded once per session. */
export const useStepDefinitions = () =>
  useQuery({ queryKey: devKeys.steps, queryFn: devApi.steps, staleTime: 10 * 60_000 })
