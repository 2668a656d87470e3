import { date, formatCitation, type PlainDate, renderVerdict, verdict } from "@xianfeng/core"
import {
  type DisciplineDraw,
  type DisciplineOrder,
  drawCandidates,
  drawsInScope,
  type FindingRow,
  findingInScope,
  findingKinds,
  findingsInScope,
  loadAreaPolicy,
  openOrdersOf,
  orderInScope,
  ordersInScope,
  orgNamesInScope,
  saveDraw,
  saveFinding,
  saveOrder,
} from "@xianfeng/db"
import {
  type DrawCandidate,
  disciplineMessages,
  disciplinePolicy,
  drawSample,
  escalateOrder,
  followedBy,
  isOverdue,
  issueOrder,
  type ObligationId,
  type OrderRefused,
  type RectificationOrder,
  type Severity,
  submitEvidence,
  verifyOrder,
} from "@xianfeng/inspection-scheduling"
import { Result } from "effect"
import { audit } from "../../audit.js"
import type { Actor } from "../../auth/actor.js"
import { type Deps, todayOf } from "../../deps.js"
import { ApiProblem, type Lang, langOf, problems } from "../../http/problem.js"
import { type HandlerContext, route } from "../../http/route.js"
import {
  DrawBody,
  DrawList,
  DrawView,
  FindingBody,
  FindingList,
  FindingQuery,
  FindingView,
  OrderEscalateBody,
  OrderEvidenceBody,
  OrderIssueBody,
  OrderList,
  OrderParams,
  OrderQuery,
  OrderVerifyBody,
  OrderView,
  RecheckList,
  RecheckQuery,
} from "./contract.js"
import { disciplinePermissions } from "./permissions.js"

const drawView = (d: DisciplineDraw) => ({
  id: d.id,
  orgId: d.orgId,
  title: d.title,
  seed: d.seed,
  algorithm: d.algorithm,
  size: d.size,
  stratify: d.stratify,
  candidates: d.candidates.map((c) => c.id),
  excluded: d.excluded,
  sample: d.sample,
  drawnOn: d.drawnOn.toString(),
})

/** Runs the draw on the subtree's branches as they stand today (no write). */
const runDraw = async (deps: Deps, actor: Actor, body: typeof DrawBody.Type) => {
  const asOf = todayOf(deps)
  const rows = await drawCandidates(deps.db, actor, body.orgId)
  const candidates: DrawCandidate[] = rows.map((r) => ({
    id: r.id,
    ...(body.stratify && r.committeeId !== null ? { committeeId: r.committeeId } : {}),
    ...(r.lastChecked !== null ? { lastChecked: r.lastChecked } : {}),
  }))
  const result = drawSample(candidates, {
    seed: body.seed,
    size: body.size,
    asOf,
    ...(body.stratify ? { stratify: true } : {}),
    ...(body.exclude ? { excludeCheckedWithin: body.exclude } : {}),
  })
  return { asOf, candidates, result }
}

export const previewDraw = route({
  method: "post",
  path: "/api/discipline/draws/preview",
  summary:
    "Run an inspection draw without publishing it: the same seed over the same candidates gives the same sample",
  tag: "discipline",
  auth: "user",
  roles: disciplinePermissions.inspect,
  body: DrawBody,
  response: DrawView,
  handler: async ({ actor, body, deps }) => {
    const { asOf, candidates, result } = await runDraw(deps, actor, body)
    return {
      orgId: body.orgId ?? actor.orgId,
      title: body.title,
      seed: body.seed,
      algorithm: result.algorithm,
      size: body.size,
      stratify: body.stratify,
      candidates: candidates.map((c) => c.id),
      excluded: result.excluded,
      sample: result.sample,
      drawnOn: asOf.toString(),
    }
  },
})

export const publishDraw = route({
  method: "post",
  path: "/api/discipline/draws",
  summary:
    "Run and publish an inspection draw: the seed, the candidates and the sample are stored (algorithm xf-draw-1)",
  tag: "discipline",
  auth: "user",
  roles: disciplinePermissions.inspect,
  body: DrawBody,
  response: DrawView,
  status: 201,
  handler: async ({ actor, body, deps }) =>
    deps.db.transaction(async (tx) => {
      const { asOf, candidates, result } = await runDraw({ ...deps, db: tx }, actor, body)
      const row = await saveDraw(tx, actor, {
        orgId: body.orgId ?? actor.orgId,
        title: body.title,
        seed: body.seed,
        algorithm: result.algorithm,
        size: body.size,
        stratify: body.stratify,
        exclude: body.exclude ?? null,
        candidates: candidates.map((c) => ({
          id: c.id,
          ...(c.committeeId ? { committeeId: c.committeeId } : {}),
          ...(c.lastChecked ? { lastChecked: c.lastChecked.toString() } : {}),
        })),
        sample: result.sample,
        excluded: result.excluded,
        drawnOn: asOf,
        recordedBy: actor.userId,
        recordedAt: deps.now(),
      })
      await audit(tx, deps, actor, {
        action: "discipline.draw.publish",
        objectType: "discipline-draw",
        objectId: row.id,
        result: "ok",
        details: { seed: body.seed, sample: result.sample },
      })
      return drawView(row)
    }),
})

export const listDraws = route({
  method: "get",
  path: "/api/discipline/draws",
  summary: "The published inspection draws of the caller's subtree, newest first",
  tag: "discipline",
  auth: "user",
  response: DrawList,
  handler: async ({ actor, deps }) => ({ items: (await drawsInScope(deps.db, actor)).map(drawView) }),
})

export const recordFinding = route({
  method: "post",
  path: "/api/discipline/findings",
  summary: "Record what an inspection found: the obligation, the period and the evidence",
  tag: "discipline",
  auth: "user",
  roles: disciplinePermissions.inspect,
  body: FindingBody,
  response: FindingView,
  status: 201,
  handler: async ({ actor, body, deps }) =>
    deps.db.transaction(async (tx) => {
      const row = await saveFinding(tx, actor, {
        drawId: body.drawId ?? null,
        orgId: body.orgId,
        obligation: body.obligation,
        period: body.period,
        evidence: body.evidence,
        severity: body.severity,
        foundOn: todayOf(deps),
        recordedBy: actor.userId,
        recordedAt: deps.now(),
      })
      await audit(tx, deps, actor, {
        action: "discipline.finding.record",
        objectType: "discipline-finding",
        objectId: row.id,
        result: "ok",
        details: { orgId: row.orgId, obligation: row.obligation, period: row.period },
      })
      const names = await orgNamesInScope(tx, actor, [row.orgId])
      const recheck = await openOrdersOf(tx, actor, row.orgId)
      return findingView({ ...row, orgName: names.get(row.orgId) ?? row.orgId }, recheck, todayOf(deps))
    }),
})

const recheckItem = (r: DisciplineOrder, asOf: PlainDate) => ({
  id: r.id,
  owner: r.owner,
  deadline: r.deadline.toString(),
  state: r.state as RectificationOrder["state"],
  overdue: isOverdue(orderOf(r), asOf),
})

const findingView = (f: FindingRow, open: readonly DisciplineOrder[], asOf: PlainDate) => ({
  id: f.id,
  orgId: f.orgId,
  orgName: f.orgName,
  ...(f.drawId !== null ? { drawId: f.drawId } : {}),
  obligation: f.obligation as ObligationId,
  period: f.period,
  evidence: f.evidence,
  severity: f.severity as Severity,
  foundOn: f.foundOn.toString(),
  recheck: open.map((o) => recheckItem(o, asOf)),
})

export const listFindings = route({
  method: "get",
  path: "/api/discipline/findings",
  summary:
    "The findings of the caller's subtree (or of one organization in it), newest first, each with its organization's orders still open",
  tag: "discipline",
  auth: "user",
  query: FindingQuery,
  response: FindingList,
  handler: async ({ actor, query, deps }) => {
    const asOf = todayOf(deps)
    const findings = await findingsInScope(deps.db, actor, query.orgId)
    const open = await ordersInScope(deps.db, actor, query.orgId)
    const byOrg = new Map<string, DisciplineOrder[]>()
    for (const o of open) if (o.state !== "closed") byOrg.set(o.orgId, [...(byOrg.get(o.orgId) ?? []), o])
    return { items: findings.map((f) => findingView(f, byOrg.get(f.orgId) ?? [], asOf)) }
  },
})

export const recheckOrders = route({
  method: "get",
  path: "/api/discipline/recheck",
  summary:
    "What the next inspection of an organization re-checks: its rectification orders not yet closed, by deadline",
  tag: "discipline",
  auth: "user",
  query: RecheckQuery,
  response: RecheckList,
  handler: async ({ actor, query, deps }) => {
    const asOf = todayOf(deps)
    return { items: (await openOrdersOf(deps.db, actor, query.orgId)).map((r) => recheckItem(r, asOf)) }
  },
})

export const orderOf = (r: DisciplineOrder): RectificationOrder => ({
  id: r.id,
  findingId: r.findingId,
  orgId: r.orgId,
  owner: r.owner,
  issuedOn: r.issuedOn,
  deadline: r.deadline,
  state: r.state as RectificationOrder["state"],
  evidence: r.evidence.map((e) => ({ ...e, on: date(e.on) })),
  escalationPath: r.escalationPath,
  escalations: r.escalations.map((e) => ({ ...e, on: date(e.on) })),
  returns: r.returns.map((e) => ({ ...e, on: date(e.on) })),
  ...(r.closedOn && r.closedBy ? { closed: { on: r.closedOn, by: r.closedBy } } : {}),
})

const fieldsOf = (o: RectificationOrder) => ({
  findingId: o.findingId,
  orgId: o.orgId,
  owner: o.owner,
  issuedOn: o.issuedOn,
  deadline: o.deadline,
  state: o.state,
  evidence: o.evidence.map((e) => ({ ...e, on: e.on.toString() })),
  escalationPath: o.escalationPath,
  escalations: o.escalations.map((e) => ({ ...e, on: e.on.toString() })),
  returns: o.returns.map((e) => ({ ...e, on: e.on.toString() })),
  closedOn: o.closed?.on ?? null,
  closedBy: o.closed?.by ?? null,
})

/** What an order's view adds to its row: its finding's kind and the names of the organizations it names. */
interface OrderContext {
  readonly kinds: ReadonlyMap<string, { readonly obligation: string; readonly severity: string }>
  readonly names: ReadonlyMap<string, string>
}

const contextOf = async (
  db: Deps["db"],
  actor: Actor,
  rows: readonly DisciplineOrder[],
): Promise<OrderContext> => ({
  kinds: await findingKinds(
    db,
    actor,
    rows.map((r) => r.findingId),
  ),
  names: await orgNamesInScope(
    db,
    actor,
    rows.flatMap((r) => [r.orgId, followedBy(orderOf(r))]),
  ),
})

const orderView = (r: DisciplineOrder, asOf: PlainDate, ctx: OrderContext) => {
  const o = orderOf(r)
  const kind = ctx.kinds.get(r.findingId)
  const follower = followedBy(o)
  return {
    id: r.id,
    findingId: r.findingId,
    orgId: r.orgId,
    orgName: ctx.names.get(r.orgId) ?? r.orgId,
    obligation: kind?.obligation ?? "",
    severity: (kind?.severity ?? "minor") as Severity,
    owner: r.owner,
    issuedOn: r.issuedOn.toString(),
    deadline: r.deadline.toString(),
    state: o.state,
    overdue: isOverdue(o, asOf),
    followedBy: follower,
    followedByName: ctx.names.get(follower) ?? follower,
    evidence: r.evidence,
    escalations: r.escalations,
    returns: r.returns,
    closedOn: r.closedOn?.toString() ?? null,
    closedBy: r.closedBy,
    version: r.version,
  }
}

/** The request field each refusal is about, as the client sent it. */
const refusedField: Readonly<Record<OrderRefused["reason"], string>> = {
  closed: "version",
  "empty-evidence": "text",
  "before-issue": "text",
  "not-submitted": "accept",
  "verifier-is-owner": "accept",
  "reason-required": "reason",
  "not-overdue": "version",
  "top-reached": "version",
}

/** 422 with the refusal as a rendered verdict and the field it concerns (a close before verification: `accept`). */
const refused = (e: OrderRefused, lang: Lang) => {
  const v = verdict("blocked", e.code, [])
  const zh = renderVerdict(v, disciplineMessages, "zh-CN")
  const en = renderVerdict(v, disciplineMessages, "en")
  return new ApiProblem(
    422,
    "rule-blocked",
    { "zh-CN": "规则不允许", en: "Refused by the rules" },
    { "zh-CN": zh, en },
    [{ field: refusedField[e.reason], reason: e.reason, message: { "zh-CN": zh, en } }],
    {
      verdicts: [
        {
          status: "blocked",
          code: e.code,
          message: lang === "en" ? en : zh,
          citations: v.citations.map((c) => formatCitation(c, lang)),
        },
      ],
    },
  )
}

export const issueRectification = route({
  method: "post",
  path: "/api/discipline/orders",
  summary:
    "Issue a rectification order for a finding: its owner, and a deadline by the finding's severity (district policy)",
  tag: "discipline",
  auth: "user",
  roles: disciplinePermissions.inspect,
  body: OrderIssueBody,
  response: OrderView,
  status: 201,
  handler: async ({ actor, body, deps }) => {
    const asOf = todayOf(deps)
    return deps.db.transaction(async (tx) => {
      const f = await findingInScope(tx, actor, body.findingId)
      const { policy } = await loadAreaPolicy(tx, actor.orgPath, disciplinePolicy)
      const order = issueOrder(
        {
          id: "",
          finding: {
            id: f.id,
            orgId: f.orgId,
            obligation: f.obligation as ObligationId,
            period: f.period,
            evidence: f.evidence,
            severity: f.severity as Severity,
            foundOn: f.foundOn,
          },
          owner: body.owner,
          issuedOn: asOf,
          // The organizations above the finding's, nearest first (its path, read upwards).
          escalationPath: f.orgPath.split(".").reverse().slice(1),
        },
        policy,
      )
      const row = await saveOrder(tx, actor, fieldsOf(order))
      if (row === undefined) throw problems.notFound()
      await audit(tx, deps, actor, {
        action: "discipline.order.issue",
        objectType: "discipline-order",
        objectId: row.id,
        result: "ok",
        details: { findingId: f.id, deadline: row.deadline.toString() },
      })
      return orderView(row, asOf, await contextOf(tx, actor, [row]))
    })
  },
})

/** Loads an order, takes one step of the state machine, saves it at its version (409 when stale). */
const step =
  <B extends { readonly version: number }>(
    action: string,
    next: (
      o: RectificationOrder,
      body: B,
      who: Actor,
      asOf: PlainDate,
    ) => Result.Result<RectificationOrder, OrderRefused>,
  ) =>
  async ({ actor, params, body, deps, c }: HandlerContext<{ readonly id: string }, unknown, B>) => {
    const asOf = todayOf(deps)
    return deps.db.transaction(async (tx) => {
      const row = await orderInScope(tx, actor, params.id)
      const r = next(orderOf(row), body, actor, asOf)
      if (Result.isFailure(r)) throw refused(r.failure, langOf(c))
      const saved = await saveOrder(tx, actor, fieldsOf(r.success), {
        id: row.id,
        expectedVersion: body.version,
      })
      if (saved === undefined)
        throw problems.conflict(
          "整改通知已被他人处理，请刷新后重试",
          "The order was changed meanwhile; reload and retry",
        )
      await audit(tx, deps, actor, {
        action,
        objectType: "discipline-order",
        objectId: row.id,
        result: "ok",
        details: { state: saved.state, version: saved.version },
      })
      return orderView(saved, asOf, await contextOf(tx, actor, [saved]))
    })
  }

export const submitRectification = route({
  method: "post",
  path: "/api/discipline/orders/:id/evidence",
  summary: "The owner submits the evidence of rectification",
  tag: "discipline",
  auth: "user",
  roles: disciplinePermissions.record,
  params: OrderParams,
  body: OrderEvidenceBody,
  response: OrderView,
  handler: step<{ readonly text: string; readonly version: number }>(
    "discipline.order.evidence",
    (o, body, who, asOf) => submitEvidence(o, { on: asOf, by: who.displayName, text: body.text }),
  ),
})

export const verifyRectification = route({
  method: "post",
  path: "/api/discipline/orders/:id/verify",
  summary:
    "A verifier accepts the evidence (closing the order) or returns it with a reason; refused (422) before evidence is submitted",
  tag: "discipline",
  auth: "user",
  roles: disciplinePermissions.inspect,
  params: OrderParams,
  body: OrderVerifyBody,
  response: OrderView,
  handler: step<{ readonly accept: boolean; readonly reason?: string; readonly version: number }>(
    "discipline.order.verify",
    (o, body, who, asOf) =>
      verifyOrder(o, {
        on: asOf,
        by: who.displayName,
        accept: body.accept,
        ...(body.reason ? { reason: body.reason } : {}),
      }),
  ),
})

export const escalateRectification = route({
  method: "post",
  path: "/api/discipline/orders/:id/escalate",
  summary: "Send an overdue order to the organization above; refused (422) before its deadline has passed",
  tag: "discipline",
  auth: "user",
  roles: disciplinePermissions.inspect,
  params: OrderParams,
  body: OrderEscalateBody,
  response: OrderView,
  handler: step("discipline.order.escalate", (o, _body, _who, asOf) => escalateOrder(o, asOf)),
})

export const listOrders = route({
  method: "get",
  path: "/api/discipline/orders",
  summary: "The rectification orders of the caller's subtree (or of one organization in it), by deadline",
  tag: "discipline",
  auth: "user",
  query: OrderQuery,
  response: OrderList,
  handler: async ({ actor, query, deps }) => {
    const asOf = todayOf(deps)
    const rows = (await ordersInScope(deps.db, actor, query.orgId)).filter(
      (r) => query.followedBy === undefined || followedBy(orderOf(r)) === query.followedBy,
    )
    const ctx = await contextOf(deps.db, actor, rows)
    return { items: rows.map((r) => orderView(r, asOf, ctx)) }
  },
})
