import type {
  AnnualPlan,
  AnnualPlanBody,
  Composition,
  CultivationPlanView,
  CultivationRecordBody,
  DecidingMeetings,
  Pipeline,
  PolicyImpact,
  PolicyImpactBody,
  PoolAnalysisStatus,
  RecordBody,
  StepDefinitions,
  Timeline,
} from "@xianfeng/api/contract/development"
import { api } from "../../api/client"
import { buildQuery } from "../../api/query"
import type { MemberDetail, NewMember } from "./types"

/** A yearly analysis of the activist pool as the API takes it (`ActivistPoolAnalysisSchema`, DR 11). */
export interface PoolAnalysisBody {
  readonly on: string
  readonly orgId: string
  readonly analysedBy: "county-org-department" | "grassroots-committee"
  readonly activists: number
  readonly problems: string
  readonly measures: string
}

const id = encodeURIComponent

/** The development endpoints (`/api/development/*`); pages call them through TanStack Query. */
export const devApi = {
  steps: () => api.get<StepDefinitions>("/development/steps"),
  timeline: (memberId: string) => api.get<Timeline>(`/development/people/${id(memberId)}`),
  record: (memberId: string, body: RecordBody) =>
    api.post<Timeline>(`/development/people/${id(memberId)}/records`, body),
  /** Removes a record entered in error (kept as removed, audited); `version` is the member's, as shown. */
  removeRecord: (memberId: string, recordId: string, reason: string, version: number) =>
    api.post<Timeline>(`/development/people/${id(memberId)}/records/${id(recordId)}/remove`, {
      reason,
      version,
    }),
  /** The person's branch's meetings that can decide `step` ("从会议记录选择"), with what each fills in. */
  decidingMeetings: (memberId: string, step: string, decidedBy?: "branch-committee" | "general-meeting") =>
    api.get<DecidingMeetings>(`/development/people/${id(memberId)}/meetings`, { step, decidedBy }),
  pipeline: (orgId: string | undefined, days?: number) =>
    api.get<Pipeline>("/development/pipeline", { orgId, days }),
  /** The pipeline's counts and its `attention` most urgent items, without the board (the dashboard's panel). */
  pipelineSummary: (attention: number) =>
    api.get<Pipeline>("/development/pipeline", { attention, board: "false" }),
  plan: (memberId: string) => api.get<CultivationPlanView>(`/development/people/${id(memberId)}/plan`),
  recordCultivation: (memberId: string, body: CultivationRecordBody) =>
    api.post<CultivationPlanView>(`/development/people/${id(memberId)}/cultivation-records`, body),
  composition: (year: number, orgId: string | undefined) =>
    api.get<Composition>("/development/composition", { year, orgId }),
  annualPlan: (year: number) => api.get<AnnualPlan>("/development/annual-plan", { year }),
  /** A dry run: the proposed split of `total`, nothing saved. */
  proposeAnnualPlan: (year: number, total: number) =>
    api.get<AnnualPlan>("/development/annual-plan", { year, total }),
  saveAnnualPlan: (body: AnnualPlanBody) => api.put<AnnualPlan>("/development/annual-plan", body),
  /** Whose verdicts a proposed policy overlay would change; nothing is saved. */
  policyImpact: (body: PolicyImpactBody) => api.post<PolicyImpact>("/development/policy-impact", body),
  poolAnalysis: (orgId: string | undefined, year: number) =>
    api.get<PoolAnalysisStatus>("/development/activist-pool-analyses", { orgId, year }),
  recordPoolAnalysis: (body: PoolAnalysisBody) =>
    api.post<PoolAnalysisStatus>("/development/activist-pool-analyses", body),
  createMember: (m: NewMember) => api.post<MemberDetail>("/members", m),
}

export const exportUrls = {
  person: (memberId: string) => `/development/people/${id(memberId)}/export.xlsx`,
  pipeline: (orgId: string | undefined) => `/development/pipeline.xlsx${buildQuery({ orgId })}`,
  composition: (year: number, orgId: string | undefined) =>
    `/development/composition.xlsx${buildQuery({ year, orgId })}`,
}

export { download } from "../../api/download"
