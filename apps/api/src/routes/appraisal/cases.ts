import { caseStatus, closeCorrected, takeStep, type UnqualifiedCase } from "@xianfeng/appraisal-scoring"
import { type PlainDate, Temporal } from "@xianfeng/core"
import { type CaseRow, caseInScope, casesInScope, saveCase } from "@xianfeng/db"
import { Result } from "effect"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { type Lang, langOf } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { CaseList, CaseParams, CaseQuery, CaseView, CloseCaseBody, StepBody } from "./contract.js"
import { policyFor, refused, verdictView } from "./model.js"
import { appraisalPermissions } from "./permissions.js"

const d = (s: string): PlainDate => Temporal.PlainDate.from(s)

const domainOf = (r: CaseRow): UnqualifiedCase => ({
  memberId: r.memberId,
  openedOn: r.openedOn,
  steps: r.steps.map((s) => ({ ...s, decidedOn: d(s.decidedOn), dueBy: d(s.dueBy) })),
  ...(r.closedOn !== null && r.outcome !== null ? { closed: { on: r.closedOn, outcome: r.outcome } } : {}),
})

const caseView = (r: CaseRow, asOf: PlainDate, lang: Lang) => ({
  id: r.id,
  memberId: r.memberId,
  memberName: r.memberName,
  orgName: r.orgName,
  openedOn: r.openedOn.toString(),
  steps: [...r.steps],
  closedOn: r.closedOn?.toString() ?? null,
  outcome: r.outcome,
  status: verdictView(caseStatus(domainOf(r), asOf), lang),
  version: r.version,
})

const save = (c: UnqualifiedCase) => ({
  steps: c.steps.map((s) => ({ ...s, decidedOn: s.decidedOn.toString(), dueBy: s.dueBy.toString() })),
  closedOn: c.closed?.on ?? null,
  outcome: c.closed?.outcome ?? null,
})

export const listCases = route({
  method: "get",
  path: "/api/appraisal/cases",
  summary:
    "Members graded unqualified (不合格党员处置): each case's steps, deciding meetings, due dates and where it stands",
  tag: "appraisal",
  auth: "user",
  query: CaseQuery,
  response: CaseList,
  handler: async ({ actor, query, deps, c }) => {
    const asOf = todayOf(deps)
    const rows = await casesInScope(deps.db, actor, query.orgId)
    for (const r of rows)
      await audit(deps.db, deps, actor, {
        action: "appraisal.case.read",
        objectType: "member",
        objectId: r.memberId,
        result: "ok",
      })
    return { items: rows.map((r) => caseView(r, asOf, langOf(c))) }
  },
})

export const caseStep = route({
  method: "post",
  path: "/api/appraisal/cases/:id/steps",
  summary:
    "Record the next step of the ladder (criticism, reminder talk, time-limited correction, persuasion, removal) with the meeting that decided it",
  description:
    "Refused (422 naming the field) backwards on the ladder, before the last step, without a meeting, or a correction without help measures or longer than the policy's months (at most one year).",
  tag: "appraisal",
  auth: "user",
  roles: appraisalPermissions.run,
  params: CaseParams,
  body: StepBody,
  response: CaseView,
  handler: async ({ actor, params, body, deps, c }) => {
    const row = await caseInScope(deps.db, actor, params.id, { lock: true })
    const policy = await policyFor(deps.db, actor.orgPath)
    const next = takeStep(
      domainOf(row),
      {
        step: body.step,
        decidedOn: d(body.decidedOn),
        meetingId: body.meetingId,
        ...(body.dueBy ? { dueBy: d(body.dueBy) } : {}),
        ...(body.helpMeasures ? { helpMeasures: body.helpMeasures } : {}),
      },
      policy,
    )
    if (Result.isFailure(next)) throw refused(next.failure)
    await deps.db.transaction(async (tx) => {
      await saveCase(tx, row.id, save(next.success))
      await audit(tx, deps, actor, {
        action: "appraisal.case.step",
        objectType: "member",
        objectId: row.memberId,
        result: "ok",
        details: { caseId: row.id, step: body.step, meetingId: body.meetingId },
      })
    })
    return caseView(await caseInScope(deps.db, actor, row.id), todayOf(deps), langOf(c))
  },
})

export const caseClose = route({
  method: "post",
  path: "/api/appraisal/cases/:id/close",
  summary: "Close a case: the member has corrected",
  tag: "appraisal",
  auth: "user",
  roles: appraisalPermissions.run,
  params: CaseParams,
  body: CloseCaseBody,
  response: CaseView,
  handler: async ({ actor, params, body, deps, c }) => {
    const row = await caseInScope(deps.db, actor, params.id, { lock: true })
    const next = closeCorrected(domainOf(row), d(body.on))
    if (Result.isFailure(next)) throw refused(next.failure)
    await deps.db.transaction(async (tx) => {
      await saveCase(tx, row.id, save(next.success))
      await audit(tx, deps, actor, {
        action: "appraisal.case.close",
        objectType: "member",
        objectId: row.memberId,
        result: "ok",
        details: { caseId: row.id },
      })
    })
    return caseView(await caseInScope(deps.db, actor, row.id), todayOf(deps), langOf(c))
  },
})
