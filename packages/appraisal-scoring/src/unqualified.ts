import {
  addPeriod,
  type FieldError,
  fieldError,
  isAfter,
  isBefore,
  type PlainDate,
  type Verdict,
  verdict,
} from "@xianfeng/core"
import { Result } from "effect"
import { em, pc } from "./citations.js"
import type { AppraisalPolicy } from "./policy.js"

// 不合格党员处置 (handling members graded unqualified): education first, then organizational disposal by
// procedure (EM 28–31; PC 9). The ladder, in order: `criticism` 批评教育 (EM 29), `reminder` 提醒谈话 (EM 28),
// `correction` 限期改正 (at most one year, with help measures: EM 30, PC 9), `persuasion` 劝退 (EM 31; PC 9), and
// `removal` 除名 (a member who refuses to quit or shows no change after the correction period: EM 31, PC 9).

export const ladderSteps = ["criticism", "reminder", "correction", "persuasion", "removal"] as const
export type LadderStep = (typeof ladderSteps)[number]

const stepCitations = {
  criticism: [em(29)],
  reminder: [em(28)],
  correction: [em(30), pc(9)],
  persuasion: [em(31), pc(9)],
  removal: [em(31), pc(9)],
} as const

/** One step taken: when and by which meeting (the branch meeting's id from 组织生活 records), due by when. */
export interface TakenStep {
  readonly step: LadderStep
  readonly decidedOn: PlainDate
  /** The meeting that decided the step (a branch committee or general meeting). */
  readonly meetingId: string
  readonly dueBy: PlainDate
  /** 帮扶措施: required for a time-limited correction. */
  readonly helpMeasures: string
}

export interface UnqualifiedCase {
  readonly memberId: string
  readonly openedOn: PlainDate
  readonly steps: readonly TakenStep[]
  readonly closed?: { readonly on: PlainDate; readonly outcome: "corrected" | "removed" }
}

export interface StepRequest {
  readonly step: LadderStep
  readonly decidedOn: PlainDate
  readonly meetingId: string
  /** Required for a correction (its deadline, within the policy's months); defaults from the policy otherwise. */
  readonly dueBy?: PlainDate
  readonly helpMeasures?: string
}

/**
 * Takes the next step of a case. Refuses, naming the field: a closed case (`step`, `closed`), a step not after
 * the last one on the ladder (`step`, `backwards`), a date before the case opened or the last step
 * (`decidedOn`, `before-last`), no deciding meeting (`meetingId`, `required`), a correction without help measures
 * (`helpMeasures`, `required`) or without a deadline after the decision and within `correctionMaxMonths`
 * (`dueBy`, `required`/`too-long`/`before-decision`). A removal closes the case.
 */
export const takeStep = (
  c: UnqualifiedCase,
  req: StepRequest,
  policy: AppraisalPolicy,
): Result.Result<UnqualifiedCase, FieldError> => {
  if (c.closed !== undefined)
    return Result.fail(fieldError("step", "closed", "the case is closed", "该处置案件已办结"))
  const last = c.steps.at(-1)
  if (last !== undefined && ladderSteps.indexOf(req.step) <= ladderSteps.indexOf(last.step))
    return Result.fail(
      fieldError(
        "step",
        "backwards",
        `after ${last.step} the ladder goes on, not back`,
        "处置措施只能依次向后进行",
      ),
    )
  if (isBefore(req.decidedOn, last?.decidedOn ?? c.openedOn))
    return Result.fail(
      fieldError(
        "decidedOn",
        "before-last",
        "a step cannot predate the case or the last step",
        "决定日期不能早于立案日期或上一步骤",
      ),
    )
  if (req.meetingId.trim() === "")
    return Result.fail(
      fieldError("meetingId", "required", "name the meeting that decided the step", "须注明作出决定的会议"),
    )
  let dueBy: PlainDate
  if (req.step === "correction") {
    if ((req.helpMeasures ?? "").trim() === "")
      return Result.fail(
        fieldError(
          "helpMeasures",
          "required",
          "a time-limited correction needs help measures",
          "限期改正须明确帮扶措施",
        ),
      )
    if (req.dueBy === undefined)
      return Result.fail(
        fieldError("dueBy", "required", "a correction needs its deadline", "限期改正须明确期限"),
      )
    const longest = addPeriod(req.decidedOn, { months: policy.correctionMaxMonths })
    if (!isAfter(req.dueBy, req.decidedOn))
      return Result.fail(
        fieldError(
          "dueBy",
          "before-decision",
          "the deadline must follow the decision",
          "改正期限应晚于决定日期",
        ),
      )
    if (isAfter(req.dueBy, longest))
      return Result.fail(
        fieldError(
          "dueBy",
          "too-long",
          `a correction lasts at most ${policy.correctionMaxMonths} months (until ${longest})`,
          `限期改正期限最长${policy.correctionMaxMonths}个月（至${longest}）`,
        ),
      )
    dueBy = req.dueBy
  } else {
    const days =
      req.step === "removal" ? 0 : policy.stepDueDays[req.step === "persuasion" ? "persuasion" : req.step]
    dueBy = req.dueBy ?? req.decidedOn.add({ days })
  }
  const taken: TakenStep = {
    step: req.step,
    decidedOn: req.decidedOn,
    meetingId: req.meetingId,
    dueBy,
    helpMeasures: req.helpMeasures ?? "",
  }
  return Result.succeed({
    ...c,
    steps: [...c.steps, taken],
    ...(req.step === "removal" ? { closed: { on: req.decidedOn, outcome: "removed" as const } } : {}),
  })
}

/** Closes a case when the member has corrected (after at least one step). Refuses a closed or empty case. */
export const closeCorrected = (
  c: UnqualifiedCase,
  on: PlainDate,
): Result.Result<UnqualifiedCase, FieldError> => {
  if (c.closed !== undefined)
    return Result.fail(fieldError("step", "closed", "the case is closed", "该处置案件已办结"))
  const last = c.steps.at(-1)
  if (last === undefined)
    return Result.fail(fieldError("step", "no-step", "no step has been taken yet", "尚未采取任何处置措施"))
  if (isBefore(on, last.decidedOn))
    return Result.fail(
      fieldError("on", "before-last", "closing cannot predate the last step", "办结日期不能早于上一步骤"),
    )
  return Result.succeed({ ...c, closed: { on, outcome: "corrected" } })
}

/**
 * Where a case stands on `asOf`: closed (`ok`), nothing taken yet (`due`, education comes first), the last step
 * running (`due` by its deadline) or past it (`overdue`; after a correction: decide whether the member corrected,
 * else persuade to quit — EM 31, PC 9).
 */
export const caseStatus = (c: UnqualifiedCase, asOf: PlainDate): Verdict => {
  if (c.closed !== undefined)
    return verdict("ok", `UNQ-CASE.${c.closed.outcome}`, stepCitations.removal, { on: c.closed.on })
  const last = c.steps.at(-1)
  if (last === undefined) return verdict("due", "UNQ-CASE.open", [em(29)], { since: c.openedOn })
  const code = isAfter(asOf, last.dueBy) ? "overdue" : "due"
  return verdict(
    code,
    `UNQ-STEP.${last.step}.${code}`,
    stepCitations[last.step],
    { dueBy: last.dueBy },
    last.dueBy,
  )
}
