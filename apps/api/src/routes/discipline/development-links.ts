/**
 * The development steps decided at a meeting (DR 8, 13, 19, 32), as 组织生活 sees them: listed with the meeting,
 * and guarding its edits. A step linked to a meeting was judged on the meeting's date, kind, ballot and
 * probationary present; an edit that would change any of them is refused (422 naming the meeting's field and the
 * step), because the admission or conversion it decided stands on them — a district expects its minutes and its
 * development records to say the same thing. A record entered in error is removed first (with its reason), then
 * the meeting corrected and the step recorded again.
 */
import { date, type FieldError, type PlainDate } from "@xianfeng/core"
import { type DevelopmentDecisionRow, developmentDecisionsAt, type Scope, type XfDb } from "@xianfeng/db"
import { isStepId, linkStillHolds, stepDefinition, votesOnPerson } from "@xianfeng/development-rules"
import { ApiProblem, type Lang } from "../../http/problem.js"
import type { DevelopmentDecisionView, MeetingBody } from "./contract.js"

const stepNameOf = (step: string, lang: Lang) => (isStepId(step) ? stepDefinition(step).name[lang] : step)

/** The development decisions of each meeting, rendered, by meeting id (people of the reader's subtree). */
export const decisionViewsOf = async (
  db: XfDb,
  scope: Scope,
  meetingIds: readonly string[],
  lang: Lang,
): Promise<ReadonlyMap<string, readonly DevelopmentDecisionView[]>> => {
  const rows = await developmentDecisionsAt(db, scope, meetingIds)
  return new Map(
    [...rows].map(([id, list]) => [
      id,
      list.map((d) => ({
        recordId: d.recordId,
        memberId: d.memberId,
        name: d.memberName,
        step: d.step,
        stepName: stepNameOf(d.step, lang),
        date: d.onDate.toString(),
      })),
    ]),
  )
}

/** The meeting's field an error of `linkStillHolds` is about, as the meeting form names it. */
const meetingFieldOf = (e: FieldError, voteIndex: number | undefined): string => {
  if (e.field === "onDate") return "date"
  if (e.reason === "wrong-kind") return "types"
  if (e.field === "evidence.probationaryPresent") return "present.probationary"
  if (e.field.startsWith("evidence.") && voteIndex !== undefined)
    return `votes[${voteIndex}].${e.field.slice("evidence.".length)}`
  return "votes"
}

/**
 * Why an edit of a meeting cannot be saved as it is: for every development step in force linked to it, the
 * meeting's fields the edit would change under it. Undefined when the edit leaves them all alone. The steps are
 * read in the editor's scope; the person is judged as of the branch that sat (the branch the link was made in).
 */
export const linkedStepsRefusal = async (
  db: XfDb,
  scope: Scope,
  meetingId: string,
  orgId: string,
  edit: Pick<MeetingBody, "types" | "date" | "present" | "votes">,
): Promise<ApiProblem | undefined> => {
  const decisions: readonly DevelopmentDecisionRow[] =
    (await developmentDecisionsAt(db, scope, [meetingId])).get(meetingId) ?? []
  if (decisions.length === 0) return undefined
  const on: PlainDate = date(edit.date)
  const meeting = {
    id: meetingId,
    orgId,
    types: edit.types,
    on,
    presentProbationary: edit.present.probationary,
    votes: edit.votes,
  }
  const errors: { field: string; reason: string; message: { "zh-CN": string; en: string } }[] = []
  for (const d of decisions) {
    const person = { id: d.memberId, orgId, name: d.memberName }
    const broken = linkStillHolds({ step: d.step, on: d.onDate, evidence: d.evidence }, meeting, person)
    const step = d.step === "admission-meeting" || d.step === "conversion-meeting" ? d.step : undefined
    const found = step === undefined ? [] : votesOnPerson(meeting, step, person)
    const index = found.length === 1 ? found[0]?.index : undefined
    const seen = new Set<string>()
    for (const e of broken) {
      const field = meetingFieldOf(e, index)
      if (seen.has(field)) continue
      seen.add(field)
      const zh = `${d.memberName}的“${stepNameOf(d.step, "zh-CN")}”（${d.onDate}）由本次会议决定，不能改变：${e.messageZh}；如确属录入错误，请先删除该发展记录`
      const en = `${d.memberName}'s "${stepNameOf(d.step, "en")}" (${d.onDate}) was decided at this meeting and cannot change under it: ${e.message}; if it was entered in error, remove that development record first`
      errors.push({ field, reason: "linked-development-step", message: { "zh-CN": zh, en } })
    }
  }
  if (errors.length === 0) return undefined
  return new ApiProblem(
    422,
    "linked-development-step",
    { "zh-CN": "会议记录已被发展党员记录引用", en: "The meeting decided development steps" },
    {
      "zh-CN": `会议记录有误：${errors.map((e) => `${e.field}：${e.message["zh-CN"]}`).join("；")}`,
      en: `The meeting record cannot change so: ${errors.map((e) => `${e.field}: ${e.message.en}`).join("; ")}`,
    },
    errors,
    {
      developmentDecisions: decisions.map((d) => ({
        recordId: d.recordId,
        memberId: d.memberId,
        step: d.step,
      })),
    },
  )
}
