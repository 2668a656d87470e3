import { minDate, type PlainDate, Temporal } from "@xianfeng/core"
import { type DormantOrganization, dormantOrganizations, type OrganizationPipeline } from "./annual-plan.js"
import { type Composition, compositionAnalysis, type PipelinePerson } from "./composition.js"
import { type AdmissionCount, organizationPipelines } from "./organization-pipeline.js"
import { type PipelinePersonInput, pipelinePersonOf } from "./pipeline-person.js"
import type { DevelopmentPolicy } from "./policy.js"

/** The date a year's analysis is taken on: the year's last day, or `today` while the year is still running. */
export const analysisDateOf = (year: number, today: PlainDate): PlainDate =>
  minDate(today, Temporal.PlainDate.from({ year, month: 12, day: 31 }))

export interface YearAnalysisInput {
  readonly year: number
  readonly today: PlainDate
  /** The applicants, activists and candidates for membership of the subtree analysed. */
  readonly people: readonly PipelinePersonInput[]
  /** Admissions per organization and year, at least over `dormantWindow(year, policy)`. */
  readonly admissions: readonly AdmissionCount[]
  readonly policy: DevelopmentPolicy
}

export interface YearAnalysis {
  readonly asOf: PlainDate
  readonly people: readonly PipelinePerson[]
  /** The composition of the pipeline (DR 11). */
  readonly composition: Composition
  /** Each organization's pipeline and admissions (DR 37, DR 38). */
  readonly pipelines: readonly OrganizationPipeline[]
  /** Organizations that could develop members but admitted nobody for `policy.dormantYears` years (DR 37). */
  readonly dormant: readonly DormantOrganization[]
}

/**
 * The yearly analysis of a subtree's pipeline: every person counted as of `analysisDateOf(year, today)`, the
 * composition by each dimension (DR 11), the organizations' pipelines, and the dormant organizations (DR 37).
 */
export const yearAnalysis = (input: YearAnalysisInput): YearAnalysis => {
  const asOf = analysisDateOf(input.year, input.today)
  const people = input.people.map((p) => pipelinePersonOf(p, asOf))
  const pipelines = organizationPipelines(people, input.admissions)
  return {
    asOf,
    people,
    composition: compositionAnalysis(people, asOf),
    pipelines,
    dormant: dormantOrganizations(pipelines, input.year, input.policy),
  }
}
