import { compareDates, date, type FieldError, fieldError, isAfter, type PlainDate } from "@xianfeng/core"
import {
  decidingMeetingOf,
  developmentCaseOf,
  linkedMeetingsOf,
  recordDevelopmentStep,
  removeDevelopmentRecord,
  savePipelineIndex,
  stageColumnsOf,
  workingCalendarOf,
} from "@xianfeng/db"
import {
  checkStep,
  decodeStepRecord,
  developmentRuleSets,
  evaluate,
  historyOf,
  isAccepted,
  linkStepToMeeting,
} from "@xianfeng/development-rules"
import { Result } from "effect"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { ApiProblem, langOf, problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { pipelineIndexRowOf } from "../../stored/pipeline-index.js"
import { PersonParams, RecordBody, RecordParams, RecordRemovalBody, Timeline } from "./contract.js"
import { developmentPermissions } from "./permissions.js"
import { renderVerdictView } from "./render.js"
import { timelineView } from "./timeline.js"

/**
 * The rules name a record's date `on`; the client sent it as `onDate`. An error names the field as the
 * client sent it, in its path and in both sentences.
 */
const asSent = (e: FieldError): FieldError => {
  const rename = (s: string) => s.replace(/^on(?=[.:]|的|$|\s)/, "onDate")
  return e.field === "on" || e.field.startsWith("on.")
    ? fieldError(rename(e.field), e.reason, rename(e.message), rename(e.messageZh))
    : e
}

const byDate = (a: { onDate: PlainDate }, b: { onDate: PlainDate }) => compareDates(a.onDate, b.onDate)

/** A step that does not fit the meeting it links: 422 naming every field and its reason; nothing is written. */
const linkRefused = (errors: readonly FieldError[]) =>
  new ApiProblem(
    422,
    "meeting-link",
    { "zh-CN": "会议记录不能决定这一步骤", en: "The meeting record does not decide this step" },
    {
      "zh-CN": `会议记录不能决定这一步骤：${errors.map((e) => `${e.field}：${e.messageZh}`).join("；")}`,
      en: `The meeting record does not decide this step: ${errors.map((e) => `${e.field}: ${e.message}`).join("; ")}`,
    },
    errors.map((e) => ({
      field: e.field,
      reason: e.reason,
      message: { "zh-CN": e.messageZh, en: e.message },
    })),
  )

const unknownMeeting = fieldError(
  "meetingId",
  "not-found",
  "there is no such meeting record of an organization you may see",
  "没有找到这条会议记录（或不在您的管理范围内）",
)

export const recordStep = route({
  method: "post",
  path: "/api/development/people/:memberId/records",
  summary: "Record one development step; refused (422, with the articles) when a rule blocks it",
  description:
    "The evidence is checked against the step's schema (400 naming the field), then the rules judge the step by " +
    "the edition in force on its date. Accepted: the record is stored, the member's stage and stage dates follow " +
    "the history, the member's version moves on, the pipeline index takes the person's new deadlines, and the " +
    "new timeline comes back. With `meetingId` (activist and development-object decisions, admission, " +
    "conversion) the meeting record decides: it must be of the person's branch, of the sitting that decides the " +
    "step (DR 8, 13, 19, 32) and on the step's date (left out, the meeting's date is taken); its ballot on the " +
    "person and its probationary present fill the evidence, and the rules judge quorum and majority on them. A " +
    "typed figure that disagrees, an unknown meeting, another branch's, the wrong kind or no ballot on the person: " +
    "422 naming the field and the reason, nothing written.",
  tag: "development",
  auth: "user",
  roles: developmentPermissions.recordDevelopment,
  params: PersonParams,
  body: RecordBody,
  response: Timeline,
  status: 201,
  handler: async ({ actor, params, body, deps, c }) => {
    const lang = langOf(c)
    if (body.onDate === undefined && body.meetingId === undefined) {
      throw problems.badRequest("请填写日期", "onDate is required unless meetingId is given", [
        {
          field: "onDate",
          reason: "required",
          message: { "zh-CN": "请填写日期或选择会议记录", en: "give the date, or the meeting record" },
        },
      ])
    }
    const today = todayOf(deps)
    return deps.db.transaction(async (tx) => {
      // Locks the member row: two steps recorded at once for one person are judged one after the other.
      const { person, records, removed, cultivation, policy } = await developmentCaseOf(
        tx,
        actor,
        params.memberId,
        { lock: true },
      )
      let sent = { onDate: body.onDate, evidence: body.evidence as Record<string, unknown> }
      if (body.meetingId !== undefined) {
        // Share-locked: an edit of the meeting waits for this step, then sees the link (and is judged by it).
        const meeting = await decidingMeetingOf(tx, actor, body.meetingId, { lock: true })
        if (meeting === undefined) throw linkRefused([unknownMeeting])
        const linked = linkStepToMeeting(
          {
            step: body.step,
            on: body.onDate === undefined ? undefined : date(body.onDate),
            evidence: body.evidence,
          },
          { ...meeting, on: meeting.onDate },
          { id: person.id, orgId: person.orgId, name: person.name },
        )
        if (Result.isFailure(linked)) throw linkRefused(linked.failure)
        sent = { onDate: linked.success.on.toString(), evidence: linked.success.evidence }
      }
      const decoded = decodeStepRecord({ step: body.step, on: sent.onDate, evidence: sent.evidence })
      if (Result.isFailure(decoded)) throw problems.field(asSent(decoded.failure))
      const record = decoded.success
      if (isAfter(record.on, today)) {
        throw problems.badRequest(
          `不能登记未来日期（${sent.onDate}）的步骤`,
          `onDate ${sent.onDate} is in the future`,
          [
            {
              field: "onDate",
              reason: "future",
              message: { "zh-CN": "日期不能晚于今天", en: "the date cannot be after today" },
            },
          ],
        )
      }
      const verdicts = checkStep(historyOf(person, records, today), record, developmentRuleSets, policy)
      if (!isAccepted(verdicts)) {
        const shown = verdicts.filter((v) => v.status !== "ok").map((v) => renderVerdictView(v, lang))
        const first = shown.find((v) => v.status === "blocked")
        throw problems.ruleBlocked(
          `规则不允许登记这一步骤：${first?.message ?? ""}`,
          `The rules refuse this step: ${first?.message ?? ""}`,
          shown,
        )
      }
      const entry = {
        memberId: person.id,
        step: body.step,
        onDate: record.on,
        evidence: sent.evidence,
        meetingId: body.meetingId ?? null,
        recordedBy: actor.userId,
        recordedAt: deps.now(),
      }
      const evaluation = evaluate(
        historyOf(person, [...records, entry].sort(byDate), today),
        today,
        developmentRuleSets,
        policy,
        { calendar: await workingCalendarOf(tx) },
      )
      const columns = stageColumnsOf(evaluation.derived)
      const inserted = await recordDevelopmentStep(tx, actor, entry, columns)
      // The member's version moved on by one with the record: the pipeline reads this row from now on.
      await savePipelineIndex(tx, [pipelineIndexRowOf(person.id, person.version + 1, evaluation)])
      await audit(tx, deps, actor, {
        action: "development.record",
        objectType: "member",
        objectId: person.id,
        result: "ok",
        details: {
          recordId: inserted.id,
          step: body.step,
          onDate: record.on.toString(),
          ...(body.meetingId === undefined ? {} : { meetingId: body.meetingId }),
          warnings: verdicts.filter((v) => v.status === "warning").map((v) => v.code),
          ...(columns.stage !== undefined && columns.stage !== person.stage
            ? { stage: { from: person.stage, to: columns.stage } }
            : {}),
        },
      })
      const current = { ...person, stage: columns.stage ?? person.stage, version: person.version + 1 }
      const rows = [...records, inserted].sort(byDate)
      return timelineView(
        current,
        rows,
        evaluation,
        policy,
        lang,
        cultivation,
        removed,
        await linkedMeetingsOf(
          tx,
          actor,
          rows.map((r) => r.meetingId),
        ),
      )
    })
  },
})

export const removeRecord = route({
  method: "post",
  path: "/api/development/people/:memberId/records/:recordId/remove",
  summary:
    "Remove a development record entered in error, with a reason; the history is judged again without it",
  description:
    "Nothing is deleted: the record stays, marked removed (when, by whom, why), and is listed under `removed` on " +
    "the timeline. The member's stage and stage dates follow the history without it, the member's version moves " +
    "on, the pipeline index is recomputed, and an audit row keeps the record as it was. `version` is the " +
    "member's version the page showed (409 when it moved on). 404 when the record is not in force (already " +
    "removed, or another person's).",
  tag: "development",
  auth: "user",
  roles: developmentPermissions.recordDevelopment,
  params: RecordParams,
  body: RecordRemovalBody,
  response: Timeline,
  handler: async ({ actor, params, body, deps, c }) => {
    const lang = langOf(c)
    const today = todayOf(deps)
    return deps.db.transaction(async (tx) => {
      const { person, records, removed, cultivation, policy } = await developmentCaseOf(
        tx,
        actor,
        params.memberId,
        { lock: true },
      )
      if (person.version !== body.version) {
        throw problems.conflict(
          "此人的记录已被他人修改，请刷新后再删除。",
          "This person's records changed meanwhile; refresh, then remove.",
          [
            {
              field: "version",
              reason: "stale",
              message: { "zh-CN": "版本已过期", en: "the version is stale" },
            },
          ],
        )
      }
      const target = records.find((r) => r.id === params.recordId)
      if (target === undefined) throw problems.notFound()
      const kept = records.filter((r) => r.id !== target.id)
      const evaluation = evaluate(historyOf(person, kept, today), today, developmentRuleSets, policy)
      const columns = stageColumnsOf(evaluation.derived)
      const at = deps.now()
      const gone = await removeDevelopmentRecord(
        tx,
        actor,
        {
          memberId: person.id,
          recordId: target.id,
          reason: body.reason,
          removedBy: actor.userId,
          removedAt: at,
        },
        columns,
      )
      if (gone === undefined) throw problems.notFound()
      await savePipelineIndex(tx, [pipelineIndexRowOf(person.id, person.version + 1, evaluation)])
      await audit(tx, deps, actor, {
        action: "development.record.remove",
        objectType: "member",
        objectId: person.id,
        result: "ok",
        details: {
          recordId: target.id,
          step: target.step,
          onDate: target.onDate.toString(),
          evidence: target.evidence,
          reason: body.reason,
          ...(columns.stage !== undefined && columns.stage !== person.stage
            ? { stage: { from: person.stage, to: columns.stage } }
            : {}),
        },
      })
      const current = { ...person, stage: columns.stage ?? person.stage, version: person.version + 1 }
      const meetings = await linkedMeetingsOf(
        tx,
        actor,
        kept.map((r) => r.meetingId),
      )
      return timelineView(current, kept, evaluation, policy, lang, cultivation, [...removed, gone], meetings)
    })
  },
})
