import {
  type CareCategory,
  calendarDay,
  carePolicy,
  checkVisit,
  type FestivalKind,
  festivalDay,
  mustVisit,
  planProgress,
  visitDeadline,
} from "@xianfeng/care-ledger"
import {
  date,
  festivalOn,
  holidayOn,
  LUNAR_YEARS,
  lunarFestivals,
  type PlainDate,
  Temporal,
  toLunar,
} from "@xianfeng/core"
import {
  careMemberFactsInScope,
  createVisitPlan,
  ledgerInScope,
  loadAreaPolicy,
  type VisitPlanRow,
  type VisitTargetRow,
  visitPlanInScope,
  visitPlansInScope,
  visitTargetInScope,
  writeVisits,
} from "@xianfeng/db"
import { Result } from "effect"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { type Lang, langOf } from "../../http/problem.js"
import { route } from "../../http/route.js"
import {
  CalendarQuery,
  CalendarView,
  IdParams,
  VisitBody,
  VisitPlanBody,
  VisitPlanList,
  VisitPlanQuery,
  type VisitPlanSummary,
  VisitPlanView,
  VisitRecordedView,
  type VisitTargetView,
} from "./contract.js"
import { automaticOf } from "./ledger.js"
import { carePermissions } from "./permissions.js"
import { fieldRefused, refused, unprocessable, verdictView } from "./render.js"

export const planSummary = (p: VisitPlanRow, asOf: PlainDate, lang: Lang): typeof VisitPlanSummary.Type => {
  const progress = planProgress(
    p.targets,
    Array.from({ length: p.visited }, () => ({ amountFen: 0 })),
    p.budgetFen,
    p.deadline,
    asOf,
  )
  // A plan run from above the scope: the scope sees its own part of the spending, never the whole; set against
  // the whole budget it would say nothing true, so neither "remaining" nor "over budget" is given.
  const over = p.whole && p.spentFen > p.budgetFen
  const v = over
    ? planProgress(p.targets, [{ amountFen: p.spentFen }], p.budgetFen, p.deadline, asOf).verdict
    : progress.verdict
  return {
    id: p.id,
    orgId: p.orgId,
    orgName: p.orgName,
    festival: p.festival as FestivalKind,
    year: p.year,
    title: p.title,
    festivalOn: p.festivalOn.toString(),
    festivalLunar: toLunar(p.festivalOn).zh,
    deadline: p.deadline.toString(),
    budgetFen: p.budgetFen,
    fundSource: p.fundSource,
    targets: p.targets,
    visited: p.visited,
    spentFen: p.spentFen,
    scope: p.whole ? "whole" : "part",
    remainingFen: p.whole ? p.budgetFen - p.spentFen : null,
    verdict: verdictView(v, lang),
  }
}

export const listVisitPlans = route({
  method: "get",
  path: "/api/care/visit-plans",
  summary: "Festival visit plans (走访慰问) of the subtree, newest festival first, with progress and funds",
  tag: "care",
  auth: "user",
  response: VisitPlanList,
  handler: async ({ actor, deps, c }) => ({
    items: (await visitPlansInScope(deps.db, actor)).map((p) => planSummary(p, todayOf(deps), langOf(c))),
  }),
})

const targetView = (t: VisitTargetRow): VisitTargetView => ({
  id: t.id,
  orgId: t.orgId,
  orgName: t.orgName,
  personName: t.personName,
  categories: [...t.categories],
  leader: t.leader,
  visit:
    t.visit === undefined
      ? null
      : {
          visitedOn: t.visit.visitedOn.toString(),
          visitors: [...t.visit.visitors],
          help: t.visit.help,
          amountFen: t.visit.amountFen,
        },
})

/** The first page when none is asked for, of 20 targets (the admin's page). */
const DEFAULT_PAGE_SIZE = 20

const planView = async (
  db: Parameters<typeof visitPlanInScope>[0],
  actor: Parameters<typeof visitPlanInScope>[1],
  id: string,
  query: typeof VisitPlanQuery.Type,
  asOf: PlainDate,
  lang: Lang,
): Promise<VisitPlanView> => {
  const page = query.page ?? 1
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE
  const { plan, targets, total } = await visitPlanInScope(db, actor, id, {
    page,
    pageSize,
    visited: query.visited === undefined ? undefined : query.visited === "true",
  })
  return { plan: planSummary(plan, asOf, lang), targets: targets.map(targetView), total, page, pageSize }
}

export const getVisitPlan = route({
  method: "get",
  path: "/api/care/visit-plans/:id",
  summary:
    "A visit plan and a page of who must be visited (in the subtree), by which leader, and each visit recorded",
  description:
    "`page` (from 1) and `pageSize` (20 unless given, at most 100) choose the page, by organization then name; " +
    "`visited=false` lists only those still to visit, `visited=true` only those visited. `total` counts the " +
    "targets the filter lets through; `plan` carries the plan's counts and spending (its subtree's part, for a " +
    "plan run from above) whatever the page. A value out of range or not a number is refused with 400 naming the " +
    "field; a page past the last is empty. The export (`export.xlsx`) lists every target.",
  tag: "care",
  auth: "user",
  params: IdParams,
  query: VisitPlanQuery,
  response: VisitPlanView,
  handler: async ({ actor, params, query, deps, c }) =>
    planView(deps.db, actor, params.id, query, todayOf(deps), langOf(c)),
})

export const createPlan = route({
  method: "post",
  path: "/api/care/visit-plans",
  summary:
    "Make a festival visit plan: every member who joined before 1949 and the ledger's categories the policy names",
  tag: "care",
  auth: "user",
  roles: carePermissions.organize,
  description:
    "Answers as `GET /api/care/visit-plans/:id` with no query: the plan and the first page of 20 of its targets.",
  body: VisitPlanBody,
  response: VisitPlanView,
  status: 201,
  handler: async ({ actor, body, deps, c }) => {
    const lang = langOf(c)
    const today = todayOf(deps)
    // The column is a bigint; the contract already refuses more than 10,000,000,000 yuan.
    if (!Number.isInteger(body.budgetFen) || body.budgetFen < 0)
      throw unprocessable("budgetFen", "预算须为不小于0的整数（分）", "the budget is whole fen, 0 or more")
    if (body.festival === "custom" && body.festivalOn === undefined)
      throw unprocessable("festivalOn", "自定节日须填写日期", "a custom occasion needs its date")
    const day = festivalDay(
      body.festival,
      body.year,
      body.festivalOn === undefined ? undefined : date(body.festivalOn),
    )
    if (Result.isFailure(day)) throw fieldRefused(day.failure)
    return deps.db.transaction(async (tx) => {
      const { policy } = await loadAreaPolicy(tx, actor.orgPath, carePolicy)
      const ledger = await ledgerInScope(tx, actor, { orgId: body.orgId, asOf: today })
      const people = await careMemberFactsInScope(tx, actor, body.orgId)
      const auto = automaticOf(people, day.success, policy)
      // One candidate per person: a member with every category the ledger and their record give; a non-member
      // (a family cared for) per ledger entry.
      const byMember = new Map<
        string,
        { orgId: string; name: string; entryId: string | null; categories: Set<CareCategory> }
      >()
      const others: { orgId: string; name: string; entryId: string; categories: Set<CareCategory> }[] = []
      for (const m of people) {
        const cats = auto.get(m.id) ?? []
        if (cats.length > 0)
          byMember.set(m.id, { orgId: m.orgId, name: m.name, entryId: null, categories: new Set(cats) })
      }
      for (const e of ledger) {
        if (e.memberId === undefined) {
          others.push({ orgId: e.orgId, name: e.name, entryId: e.entryId, categories: new Set([e.category]) })
          continue
        }
        const got = byMember.get(e.memberId) ?? {
          orgId: e.orgId,
          name: e.name,
          entryId: e.entryId,
          categories: new Set(),
        }
        got.categories.add(e.category)
        got.entryId ??= e.entryId
        byMember.set(e.memberId, got)
      }
      const candidates = [
        ...[...byMember].map(([memberId, x]) => ({ targetId: `m:${memberId}`, memberId, ...x })),
        ...others.map((x) => ({ targetId: `e:${x.entryId}`, memberId: null, ...x })),
      ]
      const chosen = new Set(
        mustVisit(
          candidates.map((x) => ({ targetId: x.targetId, categories: [...x.categories] })),
          policy,
        ),
      )
      const created = await createVisitPlan(
        tx,
        actor,
        {
          orgId: body.orgId,
          festival: body.festival,
          year: body.year,
          title: body.title,
          festivalOn: day.success,
          deadline: visitDeadline(day.success, policy),
          budgetFen: body.budgetFen,
          fundSource: body.fundSource ?? "",
          recordedBy: actor.userId,
          recordedAt: deps.now(),
        },
        candidates
          .filter((x) => chosen.has(x.targetId))
          .map((x) => ({
            orgId: x.orgId,
            entryId: x.entryId,
            memberId: x.memberId,
            personName: x.name,
            categories: [...x.categories],
            leader: body.leaders?.[x.orgId] ?? "",
          })),
      )
      await audit(tx, deps, actor, {
        action: "care.visit-plan.create",
        objectType: "care-visit-plan",
        objectId: created.plan.id,
        result: "ok",
        details: { festival: body.festival, year: body.year, targets: created.targets.length },
      })
      return planView(tx, actor, created.plan.id, {}, today, lang)
    })
  },
})

const visitFields: Readonly<Record<string, string>> = {
  "CARE-VISIT.not-in-plan": "targetId",
  "CARE-VISIT.twice": "targetId",
  "CARE-VISIT.future": "visitedOn",
  "CARE-VISIT.visitors": "visitors",
  "CARE-VISIT.amount": "amountFen",
}

export const recordVisit = route({
  method: "post",
  path: "/api/care/visit-plans/:id/visits",
  summary: "Record a visit of the plan, once per person: date, visitors, help given, amount in whole fen",
  description:
    "Answers 201 with the plan's progress after the visit (`plan`, as the plan's page gives it) and the row of " +
    "the person visited with the visit (`target`). Refused with 422 naming the field: someone not a target of " +
    "the plan in the caller's subtree, or already visited (`targetId`), a day after today (`visitedOn`), no " +
    "visitor (`visitors`), an amount not whole fen (`amountFen`); nothing is written then. A day after the " +
    "deadline is kept (the audit row marks it late).",
  tag: "care",
  auth: "user",
  roles: carePermissions.record,
  params: IdParams,
  body: VisitBody,
  response: VisitRecordedView,
  status: 201,
  handler: async ({ actor, params, body, deps, c }) => {
    const lang = langOf(c)
    const today = todayOf(deps)
    return deps.db.transaction(async (tx) => {
      const { plan, target } = await visitTargetInScope(tx, actor, params.id, body.targetId)
      const verdicts = checkVisit(
        {
          targetId: body.targetId,
          visitedOn: date(body.visitedOn),
          visitors: body.visitors,
          amountFen: body.amountFen,
          asOf: today,
        },
        {
          // The one target the visit names, when it is the plan's in the subtree, and whether it has its visit: the
          // rule asks the sets only whether they hold `targetId`, so the plan's other targets are not read.
          targets: new Set(target === undefined ? [] : [target.id]),
          visited: new Set(target?.visit === undefined ? [] : [target.id]),
          deadline: plan.deadline,
        },
      )
      const blocked = verdicts.find((v) => v.status === "blocked")
      if (blocked !== undefined) throw refused(visitFields[blocked.code] ?? "body", verdicts, lang)
      await writeVisits(tx, [
        {
          planId: plan.id,
          targetId: body.targetId,
          visitedOn: date(body.visitedOn),
          visitors: body.visitors,
          help: body.help ?? "",
          amountFen: body.amountFen,
          recordedBy: actor.userId,
          recordedAt: deps.now(),
        },
      ])
      await audit(tx, deps, actor, {
        action: "care.visit.record",
        objectType: "care-visit-plan",
        objectId: plan.id,
        result: "ok",
        details: {
          targetId: body.targetId,
          amountFen: body.amountFen,
          late: verdicts.some((v) => v.status === "warning"),
        },
      })
      const after = await visitTargetInScope(tx, actor, plan.id, body.targetId)
      // checkVisit found the target in the subtree, and the transaction has just written its visit.
      if (after.target === undefined) throw new Error(`target ${body.targetId} not found after its visit`)
      return { plan: planSummary(after.plan, today, lang), target: targetView(after.target) }
    })
  },
})

const festivalNames: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(lunarFestivals).map(([k, v]) => [k, v.zh]),
)

export const visitCalendar = route({
  method: "get",
  path: "/api/care/calendar",
  summary: "A month of days with their lunar dates, festivals, official holidays and the visit plans' days",
  tag: "care",
  auth: "user",
  query: CalendarQuery,
  response: CalendarView,
  handler: async ({ actor, query, deps }) => {
    const first = Temporal.PlainYearMonth.from(query.month).toPlainDate({ day: 1 })
    if (first.year <= LUNAR_YEARS.from || first.year >= LUNAR_YEARS.to)
      throw unprocessable(
        "month",
        `月份须在${LUNAR_YEARS.from + 1}到${LUNAR_YEARS.to - 1}年之间`,
        `the month must lie in ${LUNAR_YEARS.from + 1}–${LUNAR_YEARS.to - 1}`,
      )
    const plans = await visitPlansInScope(deps.db, actor)
    const days = Array.from({ length: first.daysInMonth }, (_, i) => {
      const d = first.add({ days: i })
      const l = calendarDay(d)
      const lunarFestival = festivalOn(d)
      const fixed = d.month === 1 && d.day === 1 ? "元旦" : d.month === 7 && d.day === 1 ? "七一" : null
      const iso = d.toString()
      return {
        date: iso,
        lunar:
          l.lunarDay === 1
            ? `${l.leap ? "闰" : ""}${l.lunarZh.replace(/^.*年/, "").replace(/初一$/, "")}`
            : l.lunarZh.replace(/^.*月/, ""),
        festival: lunarFestival === undefined ? fixed : (festivalNames[lunarFestival] ?? null),
        holiday: holidayOn(d) ?? null,
        plans: plans.flatMap((p) => [
          ...(p.festivalOn.toString() === iso
            ? [{ id: p.id, title: p.title, what: "festival" as const }]
            : []),
          ...(p.deadline.toString() === iso ? [{ id: p.id, title: p.title, what: "deadline" as const }] : []),
        ]),
      }
    })
    return { month: query.month, days }
  },
})
