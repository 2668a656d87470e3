import type { PlainDate, RuleSet } from "@xianfeng/core"
import type { Edition } from "./citations.js"
import type { History } from "./history.js"
import { dayOf, periodEnd } from "./internal/days.js"
import { firstOf, lastOf, latestDate, recordsOf } from "./internal/records.js"
import { ruleSetInForceOn } from "./internal/rule-sets.js"
import type { DevelopmentPolicy } from "./policy.js"
import type { PreReviewLevel, Stage } from "./steps.js"

/** Where the person stands overall. */
export type CurrentStage = "not-started" | Stage | "member" | "cancelled"

/** Dates that follow from the records, for a secretary to see and for the rules to count from. */
export interface DerivedDates {
  readonly appliedOn?: PlainDate
  /** Start of cultivation as activist; carries over a transfer (DR 12). */
  readonly activistSince?: PlainDate
  /** When the person became a candidate for membership (decision, higher committee, notice all complete). */
  readonly developmentObjectSince?: PlainDate
  /** When the last required pre-review level passed. */
  readonly preReviewPassedOn?: PlainDate
  /** Branch general meeting that admitted the person: probation starts here (DR 31). */
  readonly admittedOn?: PlainDate
  readonly approvedOn?: PlainDate
  /** Last day of probation, including an extension (DR 31). */
  readonly probationEnd?: PlainDate
  readonly extensionMonths: number
  /** Party age counts from the day probation expires (DR 33); set once conversion is approved. */
  readonly fullMemberSince?: PlainDate
  readonly cancelledOn?: PlainDate
  /**
   * The record that closed the ordinary procedure, if any: a direct admission (DR 26) or a posthumous one
   * (DR 27), both leaving the person a member (`stage` "member"), or a non-recognition of membership (DR 41,
   * `stage` "cancelled"). Nothing but that record is applicable afterwards.
   */
  readonly closedBy?: { readonly step: ClosingStep; readonly on: PlainDate }
  readonly stage: CurrentStage
}

/** Records that end a person's ordinary procedure outside the 25 steps. */
export type ClosingStep = "direct-admission" | "posthumous-admission" | "membership-not-recognised"
const closingSteps: readonly ClosingStep[] = [
  "membership-not-recognised",
  "direct-admission",
  "posthumous-admission",
]

/** Opaque enough for rules: the edition a date falls under. */
export type EditionOn = (d: PlainDate) => Edition | undefined

const resolvers = new WeakMap<readonly RuleSet<unknown>[], EditionOn>()

export const editionResolver = (sets: readonly RuleSet<unknown>[]): EditionOn => {
  let on = resolvers.get(sets)
  if (on === undefined) {
    on = (d) => ruleSetInForceOn(sets, dayOf(d))?.edition as Edition | undefined
    resolvers.set(sets, on)
  }
  return on
}

/** Whether the candidate for membership needs the 2026 agreement-plus-notice procedure. */
export const needsPublicNotice = (history: History, editionOn: EditionOn, asOf: PlainDate): boolean => {
  const higher = lastOf(history, "higher-committee-agreement")
  return editionOn(higher?.on ?? asOf) === "2026"
}

export const passedPreReviewLevels = (history: History): Map<PreReviewLevel, PlainDate> => {
  const out = new Map<PreReviewLevel, PlainDate>()
  for (const r of recordsOf(history, "pre-review"))
    if (r.evidence.passed && r.evidence.written && !out.has(r.evidence.level)) out.set(r.evidence.level, r.on)
  return out
}

/** `deriveDates(…).cancelledOn`: the first probation cancellation on file (DR 31), alone. */
export const cancelledOnOf = (history: History): PlainDate | undefined =>
  firstOf(history, "probation-cancellation")?.on

/** `deriveDates(…).closedBy`: the earliest closing record on file (DR 26, 27, 41), alone. */
export const closedByOf = (history: History): { step: ClosingStep; on: PlainDate } | undefined => {
  let closedBy: { step: ClosingStep; on: PlainDate } | undefined
  for (const step of closingSteps) {
    const r = firstOf(history, step)
    if (r !== undefined && (closedBy === undefined || dayOf(r.on) < dayOf(closedBy.on)))
      closedBy = { step, on: r.on }
  }
  return closedBy
}

export const deriveDates = (
  history: History,
  editionOn: EditionOn,
  policy: DevelopmentPolicy,
  asOf: PlainDate,
): DerivedDates => {
  const transfer = lastOf(history, "transfer-in")
  const te = transfer?.evidence
  const apply = firstOf(history, "apply")
  const appliedOn = te?.appliedOn ?? apply?.on
  const activistSince =
    te?.activistSince ??
    firstOf(history, "activist-decision")?.on ??
    (te && te.stage !== "applicant" ? transfer?.on : undefined)

  let developmentObjectSince: PlainDate | undefined =
    te?.developmentObjectSince ??
    (te && (te.stage === "development-object" || te.stage === "probationary") ? transfer?.on : undefined)
  const decision = firstOf(history, "development-object-decision")
  const higher = lastOf(history, "higher-committee-agreement")
  if (developmentObjectSince === undefined && decision && higher) {
    if (needsPublicNotice(history, editionOn, asOf)) {
      const notice = lastOf(history, "public-notice")
      if (higher.evidence.kind === "agreement" && notice)
        developmentObjectSince = latestDate([decision.on, higher.on, notice.evidence.end, notice.on])
    } else developmentObjectSince = latestDate([decision.on, higher.on])
  }

  // No pre-review on file (most histories): no date (an empty list of levels would give none either).
  const passed = recordsOf(history, "pre-review").length === 0 ? undefined : passedPreReviewLevels(history)
  const preReviewPassedOn =
    passed !== undefined && policy.preReviewLevels.every((l) => passed.has(l))
      ? latestDate(policy.preReviewLevels.map((l) => passed.get(l)))
      : undefined

  const admittedOn =
    firstOf(history, "admission-meeting")?.on ?? (te?.stage === "probationary" ? te.admittedOn : undefined)
  const approval = firstOf(history, "admission-approval")
  const approvedOn = approval?.on ?? (te?.stage === "probationary" ? transfer?.on : undefined)
  const extension = firstOf(history, "probation-extension")
  const extensionMonths = extension?.evidence.months ?? 0
  const probationEnd =
    admittedOn === undefined
      ? undefined
      : periodEnd(admittedOn, { years: 1, months: extensionMonths }, policy.periodEnd)
  const conversion = lastOf(history, "conversion-approval")
  const cancelledOn = cancelledOnOf(history)
  // A converted member's party age starts at probation expiry even when conversion was postponed (DR 33, 35).
  const fullMemberSince = conversion && probationEnd && cancelledOn === undefined ? probationEnd : undefined

  const closedBy = closedByOf(history)

  const stage: CurrentStage =
    closedBy !== undefined
      ? closedBy.step === "membership-not-recognised"
        ? "cancelled"
        : "member"
      : cancelledOn !== undefined
        ? "cancelled"
        : fullMemberSince !== undefined
          ? "member"
          : approvedOn !== undefined
            ? 5
            : firstOf(history, "committee-review") || admittedOn
              ? 4
              : developmentObjectSince !== undefined || decision
                ? 3
                : activistSince !== undefined
                  ? 2
                  : appliedOn !== undefined
                    ? 1
                    : "not-started"

  const out: {
    -readonly [K in keyof DerivedDates]: DerivedDates[K]
  } = { extensionMonths, stage }
  if (appliedOn) out.appliedOn = appliedOn
  if (activistSince) out.activistSince = activistSince
  if (developmentObjectSince) out.developmentObjectSince = developmentObjectSince
  if (preReviewPassedOn) out.preReviewPassedOn = preReviewPassedOn
  if (admittedOn) out.admittedOn = admittedOn
  if (approvedOn) out.approvedOn = approvedOn
  if (probationEnd) out.probationEnd = probationEnd
  if (fullMemberSince) out.fullMemberSince = fullMemberSince
  if (cancelledOn) out.cancelledOn = cancelledOn
  if (closedBy) out.closedBy = closedBy
  return out
}
