import { type Citation, type Verdict, verdict } from "@xianfeng/core"
import { drIn, drInOrDistrict, type Edition, local } from "../citations.js"
import {
  countingRecords,
  isSatisfied,
  type Prerequisite,
  prerequisitesWithDistrict,
} from "../internal/prerequisites.js"
import type { DevelopmentPolicy } from "../policy.js"
import { type DevelopmentRule, defineRule } from "../rule.js"
import {
  type DistrictStepId,
  isStepId,
  type StepDefinition,
  type StepId,
  stepDefinition,
  steps,
} from "../steps.js"

const prereqName = (p: string, policy: DevelopmentPolicy): { zh: string; en: string } => {
  switch (p) {
    case "@activist":
      return { zh: "确定为入党积极分子", en: "becoming an activist" }
    case "@development-object":
      return { zh: "列为发展对象", en: "becoming a candidate for membership" }
    case "@pre-review":
      return { zh: "上级党委预审（全部层级）通过", en: "passing pre-review at every level" }
    case "@probationary":
      return { zh: "被批准为预备党员", en: "approval as a probationary member" }
    default: {
      if (isStepId(p)) {
        const n = stepDefinition(p).name
        return { zh: n["zh-CN"], en: n.en }
      }
      const x = policy.extraSteps.find((s) => s.id === p)
      return { zh: x?.name["zh-CN"] ?? p, en: x?.name.en ?? p }
    }
  }
}

const stepCitationsMemo: Record<Edition, Map<string, readonly Citation[]>> = {
  "2014": new Map(),
  "2026": new Map(),
}

/** Re-number a step's citations for the edition judging it (worked out once per step and edition). */
const stepCitations = (step: string, edition: Edition): readonly Citation[] => {
  let cites = stepCitationsMemo[edition].get(step)
  if (cites === undefined) {
    cites = isStepId(step)
      ? stepDefinition(step).citations.map((c) =>
          c.document.id !== "DR"
            ? c
            : c.clause === undefined
              ? drInOrDistrict(edition, c.article)
              : drIn(edition, c.article, c.clause),
        )
      : [local()]
    if (isStepId(step)) stepCitationsMemo[edition].set(step, cites)
  }
  return cites
}

interface OrderPlan {
  readonly cites: readonly Citation[]
  readonly known: boolean
  readonly definition: StepDefinition | undefined
  /** Each prerequisite with the verdict its absence gives (always the same for this step and edition). */
  readonly prerequisites: readonly { readonly p: Prerequisite; readonly missing: Verdict }[]
  /** The verdict a one-off step already on file gives (undefined for a recurring or district step). */
  readonly alreadyDone: Verdict | undefined
}

/** No verdicts: returned (never changed) when a step breaks no order rule, which is most of the time. */
const noVerdicts: readonly Verdict[] = []

/** DEV-ORDER: the steps follow the flowchart; a cancelled probation ends the process (DR 31). */
export const orderRule = (edition: Edition): DevelopmentRule => {
  /** Per list of district steps, per step: its citations, definition and named prerequisites. */
  const plans = new WeakMap<DevelopmentPolicy["extraSteps"], Map<string, OrderPlan>>()
  // The last list of district steps asked about, and its plans: evaluate asks for every step in turn with
  // one policy, so the WeakMap is consulted once per policy change rather than once per step.
  let lastExtra: DevelopmentPolicy["extraSteps"] | undefined
  let lastPlans: Map<string, OrderPlan> | undefined
  const orderPlan = (step: StepId | DistrictStepId, policy: DevelopmentPolicy): OrderPlan => {
    let byStep = policy.extraSteps === lastExtra ? lastPlans : plans.get(policy.extraSteps)
    if (byStep === undefined) {
      byStep = new Map()
      plans.set(policy.extraSteps, byStep)
    }
    lastExtra = policy.extraSteps
    lastPlans = byStep
    let plan = byStep.get(step)
    if (plan === undefined) {
      const known = isStepId(step) || policy.extraSteps.some((x) => x.id === step)
      const cites = stepCitations(step, edition)
      const definition = isStepId(step) ? stepDefinition(step) : undefined
      // The verdicts below depend only on the step, the edition and the district's steps, so they are made
      // once and shared by every evaluation (verdicts are read-only data): the order rule judges every step of
      // every history, and "missing" verdicts were most of what an evaluation allocated.
      plan = {
        cites,
        known,
        definition,
        prerequisites: known
          ? prerequisitesWithDistrict(step, policy).map((p) => {
              const n = prereqName(p, policy)
              return {
                p,
                missing: verdict("blocked", "DEV-ORDER.missing", cites, { missingZh: n.zh, missingEn: n.en }),
              }
            })
          : [],
        alreadyDone:
          definition === undefined || definition.recurring
            ? undefined
            : verdict("blocked", "DEV-ORDER.already-done", cites, {
                step: definition.name["zh-CN"],
                stepEn: definition.name.en,
              }),
      }
      // An unknown step (a typo, say) is worked out each time rather than kept.
      if (known) byStep.set(step, plan)
    }
    return plan
  }
  return defineRule({
    id: "DEV-ORDER",
    title: { "zh-CN": "按程序顺序办理", en: "Steps follow the procedure" },
    description: {
      "zh-CN":
        "每一步须在前置步骤完成后办理；非重复步骤只办理一次；取消预备党员资格、直接接收、追认或不予承认党员身份后不再办理其他步骤",
      en: "Each step needs its prerequisites on file; a one-off step is recorded once; nothing follows a cancellation, a direct or posthumous admission or a non-recognition",
    },
    citations: [
      ...new Map(
        steps.flatMap((d) => stepCitations(d.id, edition)).map((c) => [`${c.document.id}${c.article}`, c]),
      ).values(),
    ],
    steps: "all",
    codes: ["missing", "already-done", "cancelled", "closed", "unknown-step"],
    check: (ctx, policy) => {
      const plan = orderPlan(ctx.step, policy)
      if (ctx.derived.cancelledOn !== undefined && ctx.step !== "archive")
        return [
          verdict("blocked", "DEV-ORDER.cancelled", [drIn(edition, 31)], {
            cancelledOn: ctx.derived.cancelledOn,
          }),
        ]
      const closed = ctx.derived.closedBy
      if (closed !== undefined && ctx.step !== closed.step) {
        const def = stepDefinition(closed.step)
        return [
          verdict("blocked", "DEV-ORDER.closed", stepCitations(closed.step, edition), {
            closedOn: closed.on,
            closedBy: def.name["zh-CN"],
            closedByEn: def.name.en,
          }),
        ]
      }
      if (!plan.known) return [verdict("blocked", "DEV-ORDER.unknown-step", [local()], { step: ctx.step })]
      let out: Verdict[] | undefined
      if (
        ctx.record !== undefined &&
        plan.alreadyDone !== undefined &&
        plan.definition !== undefined &&
        countingRecords(ctx.history, plan.definition.id) > 0
      )
        out = [plan.alreadyDone]
      const { prerequisites } = plan
      for (let i = 0; i < prerequisites.length; i++) {
        const q = prerequisites[i] as OrderPlan["prerequisites"][number]
        if (!isSatisfied(ctx.history, q.p, policy, ctx.editionOn, ctx.on)) {
          if (out === undefined) out = [q.missing]
          else out.push(q.missing)
        }
      }
      return out ?? noVerdicts
    },
  })
}
