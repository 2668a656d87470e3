import type { PlainDate } from "@xianfeng/core"
import type { EditionOn } from "../derived.js"
import { needsPublicNotice, passedPreReviewLevels } from "../derived.js"
import type { History } from "../history.js"
import type { DevelopmentPolicy } from "../policy.js"
import { type DistrictStepId, type StepId, stepDefinition } from "../steps.js"
import { isOnOrBefore } from "./days.js"
import { answersOf, lastOf, lastTransfer, recordsOf } from "./records.js"

/** A prerequisite: a step, or a status several steps make up. */
export type Prerequisite =
  | StepId
  | DistrictStepId
  | "@activist"
  | "@development-object"
  | "@pre-review"
  | "@probationary"

/** The flowchart order: what must be on file before each step. */
export const prerequisites: Readonly<Record<StepId, readonly Prerequisite[]>> = {
  apply: [],
  talk: ["apply"],
  "activist-decision": ["apply", "talk"],
  "activist-filing": ["@activist"],
  "contacts-assigned": ["@activist"],
  "activist-assessment": ["@activist"],
  "development-object-decision": ["@activist", "activist-filing", "contacts-assigned"],
  "higher-committee-agreement": ["development-object-decision"],
  "public-notice": ["higher-committee-agreement"],
  introducers: ["@development-object"],
  "political-review": ["@development-object"],
  training: ["@development-object"],
  "committee-review": ["introducers", "political-review", "training"],
  "pre-review": ["committee-review"],
  "application-form": ["@pre-review"],
  "admission-meeting": ["application-form"],
  "committee-talk": ["admission-meeting"],
  "admission-approval": ["committee-talk"],
  "admission-filing": ["admission-approval"],
  placement: ["@probationary"],
  oath: ["admission-approval"],
  "probation-assessment": ["@probationary"],
  "conversion-application": ["@probationary"],
  "conversion-meeting": ["conversion-application"],
  "conversion-approval": ["conversion-meeting"],
  archive: ["conversion-approval"],
  "probation-extension": ["@probationary"],
  "probation-cancellation": ["@probationary"],
  "transfer-in": [],
  // Direct and posthumous admission do not go through the branch's steps (DR 26, 27); non-recognition
  // concerns someone already admitted (DR 41).
  "direct-admission": [],
  "posthumous-admission": [],
  "membership-not-recognised": ["@probationary"],
}

const transferStageRank = { applicant: 1, activist: 2, "development-object": 3, probationary: 5 } as const

/** Steps a verified transfer brings with it: done in the sending organization (DR 12, 34). */
export const coveredByTransfer = (history: History, step: StepId): boolean => {
  const t = lastTransfer(history)
  if (t === undefined || !t.evidence.verified) return false
  const rank = transferStageRank[t.evidence.stage]
  const def = stepDefinition(step)
  if (def.optional) return false
  if (step === "contacts-assigned" || step === "activist-assessment" || step === "placement") return false
  if (def.stage < rank) return true
  if (rank === 2) return step === "activist-decision" || step === "activist-filing"
  if (rank === 3) return step === "development-object-decision" || step === "higher-committee-agreement"
  return false
}

/** Conversion steps restart after an extension: how many records count (those after it). */
const sinceExtension = (history: History, step: StepId): number => {
  const records = recordsOf(history, step)
  if (records.length === 0 || !step.startsWith("conversion-")) return records.length
  const ext = lastOf(history, "probation-extension")
  if (ext === undefined) return records.length
  let n = 0
  for (const r of records) if (!isOnOrBefore(r.on, ext.on)) n++
  return n
}

/** Is the prerequisite satisfied by what is on file (`history` already cut to the date judged)? */
export const isSatisfied = (
  history: History,
  p: Prerequisite,
  policy: DevelopmentPolicy,
  editionOn: EditionOn,
  on: PlainDate,
): boolean => {
  const answers = answersOf(history, policy, editionOn, on)
  let yes = answers?.get(p)
  if (yes === undefined) {
    yes = satisfied(history, p, policy, editionOn, on)
    answers?.set(p, yes)
  }
  return yes
}

const satisfied = (
  history: History,
  p: Prerequisite,
  policy: DevelopmentPolicy,
  editionOn: EditionOn,
  on: PlainDate,
): boolean => {
  switch (p) {
    case "@activist":
      return isSatisfied(history, "activist-decision", policy, editionOn, on)
    case "@development-object": {
      if (coveredByTransfer(history, "introducers")) return true
      const higher = lastOf(history, "higher-committee-agreement")
      if (!isSatisfied(history, "development-object-decision", policy, editionOn, on) || !higher) return false
      if (!needsPublicNotice(history, editionOn, on)) return true
      return higher.evidence.kind === "agreement" && lastOf(history, "public-notice") !== undefined
    }
    case "@pre-review": {
      if (recordsOf(history, "pre-review").length === 0) return policy.preReviewLevels.length === 0
      const passed = passedPreReviewLevels(history)
      return policy.preReviewLevels.every((l) => passed.has(l))
    }
    case "@probationary":
      return isSatisfied(history, "admission-approval", policy, editionOn, on)
    default:
      if (p.startsWith("x-")) return history.records.some((r) => r.step === p)
      if (coveredByTransfer(history, p as StepId)) return true
      if (p === "political-review") return lastOf(history, "political-review")?.evidence.passed === true
      return sinceExtension(history, p as StepId) > 0
  }
}

const woven = new WeakMap<DevelopmentPolicy["extraSteps"], Map<string, readonly Prerequisite[]>>()

/** Prerequisites of a step with the district's own steps woven in (worked out once per list of extra steps). */
export const prerequisitesWithDistrict = (
  step: StepId | DistrictStepId,
  policy: DevelopmentPolicy,
): readonly Prerequisite[] => {
  let byStep = woven.get(policy.extraSteps)
  if (byStep === undefined) {
    byStep = new Map()
    woven.set(policy.extraSteps, byStep)
  }
  let out = byStep.get(step)
  if (out === undefined) {
    const extra = policy.extraSteps.find((x) => x.id === step)
    if (extra) out = [extra.after as Prerequisite]
    else {
      const base = prerequisites[step as StepId] ?? []
      const added = policy.extraSteps.filter((x) => x.before === step).map((x) => x.id as DistrictStepId)
      out = [...base, ...added]
    }
    byStep.set(step, out)
  }
  return out
}

/** How many records of a step count now (conversion steps restart after an extension). */
export const countingRecords = (history: History, step: StepId): number => sinceExtension(history, step)
