import {
  date,
  formatCitation,
  maxDate,
  minDate,
  type PlainDate,
  renderVerdict,
  Temporal,
} from "@xianfeng/core"
import {
  loadAreaPolicy,
  type MeetingFields,
  type MeetingRow,
  meetingInScope,
  meetingRollOf,
  meetingsOfOrg,
  orgShapeFacts,
  saveMeeting,
  talksOfOrg,
} from "@xianfeng/db"
import {
  absenceKindNames,
  calendarOf,
  complianceOf,
  disciplineMessages,
  disciplinePolicy,
  expectedRoll,
  type MeetingRecord,
  type ObligationPeriod,
  type OrgShape,
  obligationTitles,
  type SittingType,
  sittingOf,
  sittingTypes,
  type TalkPair,
  talkOf,
  validateMeeting,
} from "@xianfeng/inspection-scheduling"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { ApiProblem, type Lang, langOf, problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import {
  ComplianceView,
  type DevelopmentDecisionView,
  type MeetingBody,
  MeetingBody as MeetingBodySchema,
  MeetingEditBody,
  MeetingList,
  MeetingParams,
  MeetingQuery,
  MeetingRollQuery,
  MeetingRollView,
  MeetingView,
} from "./contract.js"
import { decisionViewsOf, linkedStepsRefusal } from "./development-links.js"
import { disciplinePermissions } from "./permissions.js"

/** The rules package's record of a form: absentees and attendees from the ticks. */
const recordOf = (b: MeetingBody): MeetingRecord => ({
  orgId: b.orgId,
  types: b.types,
  date: date(b.date),
  startTime: b.startTime,
  endTime: b.endTime,
  place: b.place,
  chair: b.chair,
  recorder: b.recorder,
  expected: b.expected,
  present: b.present,
  attendees: b.attendance.filter((a) => a.present).map((a) => a.memberId),
  absentees: b.attendance
    .filter((a) => !a.present)
    .map((a) => ({
      memberId: a.memberId,
      reason: [a.reasonKind === undefined ? "" : absenceKindNames[a.reasonKind].zh, a.reason ?? ""]
        .filter((x) => x !== "")
        .join("："),
    })),
  observers: b.observers,
  ...(b.firstItem ? { firstItem: b.firstItem } : {}),
  agenda: b.agenda,
  resolutions: b.resolutions.map((r) => ({ ...r, deadline: date(r.deadline) })),
  votes: b.votes,
})

const fieldsOf = (b: MeetingBody, recordedBy: string, recordedAt: Date): MeetingFields => ({
  orgId: b.orgId,
  types: b.types,
  onDate: date(b.date),
  startTime: b.startTime,
  endTime: b.endTime,
  place: b.place,
  chair: b.chair,
  recorder: b.recorder,
  expectedFull: b.expected.full,
  expectedProbationary: b.expected.probationary,
  presentFull: b.present.full,
  presentProbationary: b.present.probationary,
  observers: b.observers,
  firstItem: b.firstItem ?? null,
  agenda: b.agenda,
  resolutions: b.resolutions,
  votes: b.votes,
  attendance: b.attendance.map((a) => ({
    memberId: a.memberId,
    present: a.present,
    reasonKind: a.present ? null : (a.reasonKind ?? null),
    reason: a.reason ?? "",
  })),
  recordedBy,
  recordedAt,
})

const view = (m: MeetingRow, decisions?: readonly DevelopmentDecisionView[]): MeetingView => ({
  id: m.id,
  orgId: m.orgId,
  types: m.types as readonly SittingType[],
  date: m.onDate.toString(),
  startTime: m.startTime,
  endTime: m.endTime,
  place: m.place,
  chair: m.chair,
  recorder: m.recorder,
  expected: { full: m.expectedFull, probationary: m.expectedProbationary },
  present: { full: m.presentFull, probationary: m.presentProbationary },
  attendance: m.attendance.map((a) =>
    a.present
      ? { memberId: a.memberId, present: true }
      : {
          memberId: a.memberId,
          present: false,
          ...(a.reasonKind ? { reasonKind: a.reasonKind } : {}),
          reason: a.reason,
        },
  ),
  observers: m.observers,
  ...(m.firstItem ? { firstItem: m.firstItem } : {}),
  agenda: m.agenda,
  resolutions: m.resolutions,
  votes: m.votes,
  recordedAt: m.recordedAt.toISOString(),
  version: m.version,
  ...(decisions === undefined ? {} : { developmentDecisions: decisions }),
})

/**
 * A record that parses but says something that cannot be (a future date, more present than expected, a tally
 * that does not add up, strangers ticked present): 422 naming each field as the client sent it.
 */
const refuse = (errors: readonly { field: string; reason: string; message: string; messageZh: string }[]) =>
  new ApiProblem(
    422,
    "invalid-record",
    { "zh-CN": "会议记录有误", en: "Invalid meeting record" },
    {
      "zh-CN": `会议记录有误：${errors.map((e) => e.messageZh).join("；")}`,
      en: `The meeting record is not valid: ${errors.map((e) => e.message).join("; ")}`,
    },
    errors.map((e) => ({
      field: e.field,
      reason: e.reason,
      message: { "zh-CN": e.messageZh, en: e.message },
    })),
  )

/** A reason's kind belongs to an absent member: one given for a member ticked present is refused. */
const kindOfPresent = (b: MeetingBody) =>
  b.attendance.flatMap((a, i) =>
    a.present && a.reasonKind !== undefined
      ? [
          {
            field: `attendance[${i}].reasonKind`,
            reason: "present",
            message: "a member ticked present has no reason for absence",
            messageZh: "已到会的党员不填缺席原因",
          },
        ]
      : [],
  )

const notOfBranch = (memberIds: readonly string[]) =>
  refuse([
    {
      field: "attendance",
      reason: "not-of-branch",
      message: `${memberIds.length} of the ticked members are not members of this organization`,
      messageZh: `勾选的人员中有${memberIds.length}人不是本组织的党员`,
    },
  ])

export const createMeeting = route({
  method: "post",
  path: "/api/discipline/meetings",
  summary:
    "Record one sitting of an organization (one form for every kind; a sitting of several kinds is recorded once)",
  description:
    "Refused with 422 naming the field for a meeting dated after today, more present than expected, attendees " +
    "who are not members of the organization, a vote tally that does not add up, and the other checks of " +
    "`validateMeeting`; nothing is written then.",
  tag: "discipline",
  auth: "user",
  roles: disciplinePermissions.record,
  body: MeetingBodySchema,
  response: MeetingView,
  status: 201,
  handler: async ({ actor, body, deps }) => {
    const today = todayOf(deps)
    return deps.db.transaction(async (tx) => {
      const { policy } = await loadAreaPolicy(tx, actor.orgPath, disciplinePolicy)
      const errors = [...validateMeeting(recordOf(body), today, policy), ...kindOfPresent(body)]
      if (errors.length > 0) throw refuse(errors)
      const saved = await saveMeeting(tx, actor, fieldsOf(body, actor.userId, deps.now()))
      if (saved === undefined) throw problems.notFound()
      if ("_tag" in saved) throw notOfBranch(saved.memberIds)
      await audit(tx, deps, actor, {
        action: "discipline.meeting.create",
        objectType: "discipline-meeting",
        objectId: saved.id,
        result: "ok",
        details: { orgId: saved.orgId, date: body.date, types: body.types },
      })
      return view(saved)
    })
  },
})

export const updateMeeting = route({
  method: "put",
  path: "/api/discipline/meetings/:id",
  summary: "Edit a recorded sitting at the version it was read (409 when it changed meanwhile)",
  description:
    "A development step linked to the meeting (activist or development-object decision, admission, conversion) " +
    "was decided on its date, kind, ballot and probationary present: an edit that would change them is refused " +
    "with 422 naming the field (`date`, `types`, `votes[i].yesVotes`, `present.probationary`, …) and the step; " +
    "other fields (place, agenda, first item, …) can be edited. Remove a step entered in error first.",
  tag: "discipline",
  auth: "user",
  roles: disciplinePermissions.record,
  params: MeetingParams,
  body: MeetingEditBody,
  response: MeetingView,
  handler: async ({ actor, params, body, deps, c }) => {
    const today = todayOf(deps)
    return deps.db.transaction(async (tx) => {
      // Locked: a development step being linked to it waits for this edit, or this edit sees its link.
      const current = await meetingInScope(tx, actor, params.id, { lock: true })
      if (current.orgId !== body.orgId) {
        throw refuse([
          {
            field: "orgId",
            reason: "fixed",
            message: "a meeting cannot move to another organization",
            messageZh: "会议记录不能改到其他组织",
          },
        ])
      }
      const { policy } = await loadAreaPolicy(tx, actor.orgPath, disciplinePolicy)
      const errors = [...validateMeeting(recordOf(body), today, policy), ...kindOfPresent(body)]
      if (errors.length > 0) throw refuse(errors)
      const linked = await linkedStepsRefusal(tx, actor, params.id, current.orgId, body)
      if (linked !== undefined) throw linked
      const saved = await saveMeeting(tx, actor, fieldsOf(body, actor.userId, deps.now()), {
        id: params.id,
        expectedVersion: body.version,
      })
      if (saved === undefined) {
        throw problems.conflict(
          "会议记录已被他人修改，请刷新后重试",
          "The meeting was changed meanwhile; reload and retry",
        )
      }
      if ("_tag" in saved) throw notOfBranch(saved.memberIds)
      await audit(tx, deps, actor, {
        action: "discipline.meeting.update",
        objectType: "discipline-meeting",
        objectId: saved.id,
        result: "ok",
        details: { orgId: saved.orgId, version: saved.version },
      })
      return view(saved, (await decisionViewsOf(tx, actor, [saved.id], langOf(c))).get(saved.id) ?? [])
    })
  },
})

const yearSpan = (year: number) => ({
  from: Temporal.PlainDate.from({ year, month: 1, day: 1 }),
  to: Temporal.PlainDate.from({ year, month: 12, day: 31 }),
})

export const listMeetings = route({
  method: "get",
  path: "/api/discipline/meetings",
  summary:
    "The sittings of one organization of the caller's subtree in a year (default: this year), oldest first",
  tag: "discipline",
  auth: "user",
  query: MeetingQuery,
  response: MeetingList,
  handler: async ({ actor, query, deps, c }) => {
    const { from, to } = yearSpan(query.year ?? todayOf(deps).year)
    const rows = await meetingsOfOrg(deps.db, actor, query.orgId, from, to)
    const decisions = await decisionViewsOf(
      deps.db,
      actor,
      rows.map((m) => m.id),
      langOf(c),
    )
    return { items: rows.map((m) => view(m, decisions.get(m.id) ?? [])) }
  },
})

export const getMeeting = route({
  method: "get",
  path: "/api/discipline/meetings/:id",
  summary: "One recorded sitting with its attendance and the development steps decided at it",
  description:
    "`developmentDecisions`: the activist and development-object decisions, admissions and conversions linked " +
    "to this meeting (DR 8, 13, 19, 32), people of the reader's subtree. 404 outside the subtree.",
  tag: "discipline",
  auth: "user",
  params: MeetingParams,
  response: MeetingView,
  handler: async ({ actor, params, deps, c }) => {
    const m = await meetingInScope(deps.db, actor, params.id)
    return view(m, (await decisionViewsOf(deps.db, actor, [m.id], langOf(c))).get(m.id) ?? [])
  },
})

const periodView = (p: ObligationPeriod, lang: Lang) => ({
  obligation: p.obligation,
  title: obligationTitles[p.obligation][lang],
  period: p.period.key,
  status: p.status,
  dueBy: p.dueBy.toString(),
  meetings: p.sittings,
  message: renderVerdict({ ...p.verdict, citations: [] }, disciplineMessages, lang),
  citations: p.verdict.citations.map((c) => formatCitation(c, lang)),
})

/** A committee is elected at 7 or more full members (BR); party groups are not recorded yet. */
const shapeOf = (facts: { kind: string; fullMembers: number }): OrgShape => ({
  kind: facts.kind as OrgShape["kind"],
  hasCommittee: facts.fullMembers >= 7,
  hasGroups: false,
})

export const branchCompliance = route({
  method: "get",
  path: "/api/discipline/compliance",
  summary:
    "A branch's organizational life in a year: each obligation per period (met, due, overdue, missed) and what falls due next",
  tag: "discipline",
  auth: "user",
  query: MeetingQuery,
  response: ComplianceView,
  handler: async ({ actor, query, deps, c }) => {
    const lang = langOf(c)
    const asOf: PlainDate = todayOf(deps)
    const year = query.year ?? asOf.year
    const { from, to } = yearSpan(year)
    const facts = await orgShapeFacts(deps.db, actor, query.orgId)
    const { policy } = await loadAreaPolicy(deps.db, actor.orgPath, disciplinePolicy)
    // The calendar looks one period back and one ahead of today, so it reads the year around today as well.
    const span = { from: minDate(from, asOf.subtract({ years: 1 })), to: maxDate(to, asOf.add({ years: 1 })) }
    const meetings = await meetingsOfOrg(deps.db, actor, query.orgId, span.from, span.to)
    const talks = await talksOfOrg(deps.db, actor, query.orgId, span.from, span.to)
    const sittings = [
      ...meetings.map((m) => sittingOf(m.id, { date: m.onDate, types: m.types as readonly SittingType[] })),
      ...talks.map((t) => talkOf(t.id, t.onDate, t.pair as TalkPair)),
    ]
    const org = shapeOf(facts)
    return {
      orgId: query.orgId,
      orgName: facts.name,
      year,
      asOf: asOf.toString(),
      periods: complianceOf({ org, sittings, from, to, asOf, policy }).map((p) => periodView(p, lang)),
      calendar: calendarOf({ org, sittings, asOf, policy }).map((p) => periodView(p, lang)),
    }
  },
})

export const meetingRoll = route({
  method: "get",
  path: "/api/discipline/meetings/roll",
  summary:
    "Whom a sitting of the given kinds expects (应到), from the organization's own roll, with their posts",
  description:
    "A sitting that is only a branch committee meeting (`types=committee-meeting`) expects the members holding a " +
    "committee post (secretary, deputy secretary, committee member; BR 12); any other sitting the organization's " +
    "full and probationary members. Unknown kinds in `types` answer 422 naming `types`.",
  tag: "discipline",
  auth: "user",
  query: MeetingRollQuery,
  response: MeetingRollView,
  handler: async ({ actor, query, deps, c }) => {
    const lang = langOf(c)
    const types = (query.types ?? "").split(",").filter((t) => t !== "")
    const unknown = types.filter((t) => !(sittingTypes as readonly string[]).includes(t))
    if (unknown.length > 0)
      throw problems.unprocessable(
        "types",
        "unknown",
        `未知的会议类型：${unknown.join("、")}`,
        `unknown kinds of sitting: ${unknown.join(", ")}`,
      )
    return deps.db.transaction(async (tx) => {
      const roll = await meetingRollOf(tx, actor, query.orgId)
      await audit(tx, deps, actor, {
        action: "discipline.meeting.roll.read",
        objectType: "org",
        objectId: query.orgId,
        result: "ok",
      })
      const expected = expectedRoll(types as readonly SittingType[], roll)
      return {
        basis: expected.basis,
        citations: expected.citations.map((x) => formatCitation(x, lang)),
        items: expected.members.map((m) => ({
          memberId: m.id,
          name: m.name,
          stage: m.stage,
          posts: m.posts,
        })),
      }
    })
  },
})
