import {
  automaticCategories,
  confirmSurveyVerdict,
  surveyProgress,
  surveyVerdict,
} from "@xianfeng/care-ledger"
import { date, isAfter, type PlainDate } from "@xianfeng/core"
import {
  confirmSurveyBranch,
  createSurvey,
  type LedgerEntryRow,
  ledgerEntryEventsInScope,
  ledgerInScope,
  memberInScope,
  recordLedgerEvent,
  type SurveyRow,
  surveyInScope,
  surveysInScope,
} from "@xianfeng/db"
import { Result } from "effect"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { type Lang, langOf } from "../../http/problem.js"
import { route } from "../../http/route.js"
import {
  EntryParams,
  LedgerEventBody,
  LedgerEventView,
  LedgerHistoryView,
  LedgerQuery,
  LedgerView,
  SurveyBody,
  SurveyBranchParams,
  SurveyList,
  SurveyView,
} from "./contract.js"
import { carePermissions, may } from "./permissions.js"
import { fieldRefused, refused, unprocessable, verdictView } from "./render.js"

export const entryView = (e: LedgerEntryRow, detailShown: boolean) => ({
  entryId: e.entryId,
  orgId: e.orgId,
  orgName: e.orgName,
  name: e.name,
  memberId: e.memberId ?? null,
  category: e.category,
  openedOn: e.openedOn.toString(),
  lastChangedOn: e.lastChangedOn.toString(),
  confirmedOn: e.confirmedOn?.toString() ?? null,
  detail: detailShown ? (e.detail ?? null) : null,
})

export const listLedger = route({
  method: "get",
  path: "/api/care/ledger",
  summary:
    "Care ledger (困难党员台账) of the subtree as of a day (today by default), rebuilt by replaying its events",
  description: "Hardship and health details only for the seeHardship roles; that read is audited.",
  tag: "care",
  auth: "user",
  query: LedgerQuery,
  response: LedgerView,
  handler: async ({ actor, query, deps }) => {
    const asOf = query.asOf === undefined ? todayOf(deps) : date(query.asOf)
    const items = await ledgerInScope(deps.db, actor, { orgId: query.orgId, asOf })
    const detailShown = may(carePermissions.seeHardship, actor.role)
    if (detailShown)
      await audit(deps.db, deps, actor, {
        action: "care.ledger.read-hardship",
        objectType: "org",
        objectId: query.orgId ?? actor.orgId,
        result: "ok",
        details: { asOf: asOf.toString(), entries: items.length },
      })
    return { asOf: asOf.toString(), detailShown, items: items.map((e) => entryView(e, detailShown)) }
  },
})

export const ledgerHistory = route({
  method: "get",
  path: "/api/care/ledger/:entryId/events",
  summary: "Care ledger: one entry's history, every change with its date and reason",
  tag: "care",
  auth: "user",
  params: EntryParams,
  response: LedgerHistoryView,
  handler: async ({ actor, params, deps }) => {
    const rows = await ledgerEntryEventsInScope(deps.db, actor, params.entryId)
    const detailShown = may(carePermissions.seeHardship, actor.role)
    if (detailShown)
      await audit(deps.db, deps, actor, {
        action: "care.ledger.read-hardship",
        objectType: "care-entry",
        objectId: params.entryId,
        result: "ok",
      })
    return {
      items: rows.map((r) => ({
        seq: r.seq,
        entryId: r.entryId,
        kind: r.kind as "opened",
        category: r.category,
        onDate: r.onDate.toString(),
        reason: r.reason,
        detail: detailShown ? r.detail : null,
        recordedAt: r.recordedAt.toISOString(),
      })),
    }
  },
})

export const recordLedgerChange = route({
  method: "post",
  path: "/api/care/ledger/events",
  summary: "Care ledger: open, change, confirm or close an entry (an event with its date, reason and who)",
  tag: "care",
  auth: "user",
  roles: carePermissions.record,
  body: LedgerEventBody,
  response: LedgerEventView,
  status: 201,
  handler: async ({ actor, body, deps }) => {
    const today = todayOf(deps)
    const onDate = date(body.onDate)
    if (isAfter(onDate, today))
      throw unprocessable("onDate", "变动日期不能晚于今天", "a change cannot be dated after today")
    if (body.kind === "opened" && body.entryId !== undefined)
      throw unprocessable("entryId", "新列入台账不应带编号", "a new entry has no entryId yet")
    if (body.kind !== "opened" && body.entryId === undefined)
      throw unprocessable("entryId", "须指明台账对象", "name the entry changed")
    if (body.kind === "opened" && body.memberId === undefined && body.personName === undefined)
      throw unprocessable("personName", "须选择党员或填写姓名", "name a member or a person")
    return deps.db.transaction(async (tx) => {
      if (body.memberId !== undefined) await memberInScope(tx, actor, body.memberId)
      if (body.surveyId !== undefined) {
        const s = await surveyInScope(tx, actor, body.surveyId)
        if (!s.branches.some((b) => b.orgId === body.orgId))
          throw unprocessable(
            "surveyId",
            "该支部不在这次摸底调查中",
            "the branch takes no part in this survey",
          )
      }
      const entryId = body.entryId ?? crypto.randomUUID()
      const r = await recordLedgerEvent(tx, actor, {
        entryId,
        orgId: body.orgId,
        memberId: body.memberId ?? null,
        personName: body.personName ?? null,
        kind: body.kind,
        category: body.category ?? null,
        onDate,
        reason: body.reason,
        detail: body.detail ?? null,
        surveyId: body.surveyId ?? null,
        recordedBy: actor.userId,
        recordedAt: deps.now(),
      })
      if (Result.isFailure(r)) throw fieldRefused(r.failure)
      await audit(tx, deps, actor, {
        action: `care.ledger.${body.kind}`,
        objectType: "care-entry",
        objectId: entryId,
        result: "ok",
        details: { orgId: body.orgId, category: body.category ?? null, onDate: body.onDate },
      })
      const row = r.success
      return {
        seq: row.seq,
        entryId: row.entryId,
        kind: body.kind,
        category: row.category,
        onDate: row.onDate.toString(),
        reason: row.reason,
        detail: may(carePermissions.seeHardship, actor.role) ? row.detail : null,
        recordedAt: row.recordedAt.toISOString(),
      }
    })
  },
})

const surveyView = (s: SurveyRow, asOf: ReturnType<typeof todayOf>, lang: Lang) => ({
  id: s.id,
  orgId: s.orgId,
  orgName: s.orgName,
  year: s.year,
  title: s.title,
  startsOn: s.startsOn.toString(),
  deadline: s.deadline.toString(),
  progress: surveyProgress(s.branches),
  branches: s.branches.map((b) => ({
    orgId: b.orgId,
    orgName: b.orgName,
    entries: b.entries,
    reviewed: b.reviewed,
    confirmedOn: b.confirmedOn?.toString() ?? null,
    verdict: verdictView(surveyVerdict(b, s.deadline, asOf), lang),
  })),
})

export const listSurveys = route({
  method: "get",
  path: "/api/care/surveys",
  summary: "Annual surveys (摸底调查) the subtree takes part in, with each branch's progress",
  tag: "care",
  auth: "user",
  response: SurveyList,
  handler: async ({ actor, deps, c }) => ({
    items: (await surveysInScope(deps.db, actor)).map((s) => surveyView(s, todayOf(deps), langOf(c))),
  }),
})

export const startSurvey = route({
  method: "post",
  path: "/api/care/surveys",
  summary: "Start the annual survey over every branch of an organization's subtree, with its deadline",
  tag: "care",
  auth: "user",
  roles: carePermissions.organize,
  body: SurveyBody,
  response: SurveyView,
  status: 201,
  handler: async ({ actor, body, deps, c }) => {
    const startsOn = date(body.startsOn)
    const deadline = date(body.deadline)
    if (isAfter(startsOn, deadline))
      throw unprocessable("deadline", "截止日期不能早于开始日期", "the deadline cannot be before the start")
    return deps.db.transaction(async (tx) => {
      const s = await createSurvey(tx, actor, {
        orgId: body.orgId,
        year: body.year,
        title: body.title,
        startsOn,
        deadline,
        recordedBy: actor.userId,
        recordedAt: deps.now(),
      })
      await audit(tx, deps, actor, {
        action: "care.survey.start",
        objectType: "care-survey",
        objectId: s.id,
        result: "ok",
      })
      return surveyView(await surveyInScope(tx, actor, s.id), todayOf(deps), langOf(c))
    })
  },
})

export const confirmSurvey = route({
  method: "post",
  path: "/api/care/surveys/:id/branches/:orgId/confirm",
  summary: "A branch confirms its part of the survey (every entry open at the start confirmed or closed)",
  tag: "care",
  auth: "user",
  roles: carePermissions.record,
  params: SurveyBranchParams,
  response: SurveyView,
  handler: async ({ actor, params, deps, c }) => {
    const lang = langOf(c)
    return deps.db.transaction(async (tx) => {
      const s = await surveyInScope(tx, actor, params.id)
      const b = s.branches.find((x) => x.orgId === params.orgId)
      if (b === undefined)
        throw unprocessable("orgId", "该支部不在这次摸底调查中", "the branch takes no part in this survey")
      if (b.confirmedOn !== undefined)
        throw unprocessable("orgId", "该支部已确认", "the branch has confirmed already")
      const v = confirmSurveyVerdict(b)
      if (v.status === "blocked") throw refused("orgId", [v], lang)
      await confirmSurveyBranch(tx, actor, params.id, params.orgId, todayOf(deps), actor.userId)
      await audit(tx, deps, actor, {
        action: "care.survey.confirm",
        objectType: "care-survey",
        objectId: params.id,
        result: "ok",
        details: { orgId: params.orgId },
      })
      return surveyView(await surveyInScope(tx, actor, params.id), todayOf(deps), lang)
    })
  },
})

/** The automatic categories of the subtree's members (pre-1949, old members), for plans and the dashboard. */
export const automaticOf = (
  members: readonly {
    id: string
    birthDate: PlainDate
    admittedOn: PlainDate | null
    fullMemberOn: PlainDate | null
  }[],
  asOf: PlainDate,
  policy: Parameters<typeof automaticCategories>[2],
) =>
  new Map(
    members.map((m) => [
      m.id,
      automaticCategories(
        {
          birthDate: m.birthDate,
          ...(m.admittedOn === null ? {} : { admittedOn: m.admittedOn }),
          ...(m.fullMemberOn === null ? {} : { fullMemberOn: m.fullMemberOn }),
        },
        asOf,
        policy,
      ),
    ]),
  )
