import type {
  AnnualPlan,
  Composition,
  CultivationPlanView,
  Pipeline,
  PolicyImpact,
  PolicyImpactBody,
  StepDefinitions,
  StepView,
  Timeline,
  VerdictView,
} from "@xianfeng/api/contract/development"
import type { MemberCreate, MemberDetail } from "@xianfeng/api/contract/platform"

export type {
  AnnualPlan,
  Composition,
  CultivationPlanView,
  MemberDetail,
  Pipeline,
  PolicyImpact,
  PolicyImpactBody,
  StepDefinitions,
  StepView,
  Timeline,
  VerdictView,
}
export type NewMember = MemberCreate
export type StepDefinition = StepDefinitions["items"][number]
export type CultivationKind = StepDefinitions["cultivationKinds"][number]
export type PipelineItem = Pipeline["attention"][number]
