import {
  assessDues,
  carePolicy,
  checkDuesPayment,
  type DuesCategory,
  SELF_LAPSE_MONTHS,
} from "@xianfeng/care-ledger"
import { date, isAfter, Temporal } from "@xianfeng/core"
import {
  type DuesSheetRow,
  duesArrearsPageInScope,
  duesSheetPageInScope,
  loadAreaPolicy,
  memberDuesInScope,
  memberInScope,
  writeDuesAssessments,
  writeDuesPayments,
  writeDuesReductions,
} from "@xianfeng/db"
import { Result } from "effect"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { langOf } from "../../http/problem.js"
import { route } from "../../http/route.js"
import {
  ArrearsView,
  AssessmentBody,
  AssessmentView,
  DuesSheetPageQuery,
  DuesSheetView,
  PaymentBody,
  PaymentView,
  ReductionBody,
} from "./contract.js"
import { carePermissions, may } from "./permissions.js"
import { fieldRefused, refused, unprocessable, verdictView } from "./render.js"

export const sheetRowView = (r: DuesSheetRow, incomeShown: boolean) => ({
  memberId: r.memberId,
  name: r.name,
  orgId: r.orgId,
  orgName: r.orgName,
  category: (r.assessment?.category ?? null) as DuesCategory | null,
  baseFen: incomeShown ? (r.assessment?.baseFen ?? null) : null,
  basisPoints: incomeShown ? (r.assessment?.basisPoints ?? null) : null,
  monthlyFen: r.assessment?.monthlyFen ?? null,
  months: r.months.map((m) => ({ ...m })),
  consecutiveUnpaid: r.standing.consecutiveUnpaid,
  owedFen: r.standing.owedFen,
  lastPaid: r.standing.lastPaid?.toString() ?? null,
})

export const duesSheet = route({
  method: "get",
  path: "/api/care/dues/sheet",
  summary:
    "Dues: the year's collection sheet (党费收缴台账) of the subtree, a row per member, a column per month, a page at a time",
  description:
    "The base (income) and rate are shown only to the roles that see income (seeIncome); that read is audited.",
  tag: "care",
  auth: "user",
  query: DuesSheetPageQuery,
  response: DuesSheetView,
  handler: async ({ actor, query, deps }) => {
    const page = query.page ?? 1
    const pageSize = query.pageSize ?? 20
    const { total, rows } = await duesSheetPageInScope(deps.db, actor, {
      orgId: query.orgId,
      year: query.year,
      asOf: todayOf(deps),
      offset: (page - 1) * pageSize,
      limit: pageSize,
    })
    const incomeShown = may(carePermissions.seeIncome, actor.role)
    if (incomeShown)
      await audit(deps.db, deps, actor, {
        action: "care.dues.read-income",
        objectType: "org",
        objectId: query.orgId ?? actor.orgId,
        result: "ok",
        details: { year: query.year, page, members: rows.length },
      })
    return {
      year: query.year,
      incomeShown,
      rows: rows.map((r) => sheetRowView(r, incomeShown)),
      total,
      page,
      pageSize,
    }
  },
})

export const duesArrears = route({
  method: "get",
  path: "/api/care/dues/arrears",
  summary:
    "Dues: members of the subtree in arrears as of today, the longest run of unpaid months first, a page at a time",
  description:
    "Ordered by the run of unpaid months up to the last ended month (longest first), then by name. `total`, " +
    "`selfLapse` and `owedFen` are the whole list's: how many owe, how many owe six months or more in a row " +
    "(PC 9), and what they owe in fen.",
  tag: "care",
  auth: "user",
  query: DuesSheetPageQuery,
  response: ArrearsView,
  handler: async ({ actor, query, deps }) => {
    const page = query.page ?? 1
    const pageSize = query.pageSize ?? 20
    const { summary, rows } = await duesArrearsPageInScope(deps.db, actor, {
      orgId: query.orgId,
      asOf: todayOf(deps),
      offset: (page - 1) * pageSize,
      limit: pageSize,
    })
    return {
      items: rows.map((r) => ({
        memberId: r.memberId,
        name: r.name,
        orgId: r.orgId,
        orgName: r.orgName,
        consecutiveUnpaid: r.consecutiveUnpaid,
        owedFen: r.owedFen,
        lastPaid: r.lastPaid?.toString() ?? null,
        arrears: r.arrears.map((m) => m.toString()),
        selfLapse: r.consecutiveUnpaid >= SELF_LAPSE_MONTHS,
      })),
      total: summary.members,
      selfLapse: summary.selfLapse,
      owedFen: summary.owedFen,
      page,
      pageSize,
    }
  },
})

export const setAssessment = route({
  method: "post",
  path: "/api/care/dues/assessments",
  summary: "Dues: fix a member's monthly amount for a year from the category and base (DUES 2008 art. 3–5)",
  description: "A negative base or a fraction of a fen is refused with 422 naming baseFen.",
  tag: "care",
  auth: "user",
  roles: carePermissions.seeIncome,
  body: AssessmentBody,
  response: AssessmentView,
  status: 201,
  handler: async ({ actor, body, deps }) =>
    deps.db.transaction(async (tx) => {
      await memberInScope(tx, actor, body.memberId)
      const { policy } = await loadAreaPolicy(tx, actor.orgPath, carePolicy)
      const assessed = assessDues(body.category, body.baseFen, policy)
      if (Result.isFailure(assessed)) throw fieldRefused(assessed.failure)
      const fromMonth = body.fromMonth ?? `${body.year}-01`
      if (!fromMonth.startsWith(`${body.year}-`))
        throw unprocessable("fromMonth", `起缴月份须在${body.year}年内`, `fromMonth must lie in ${body.year}`)
      const a = assessed.success
      await writeDuesAssessments(tx, [
        {
          memberId: body.memberId,
          year: body.year,
          category: a.category,
          baseFen: a.baseFen,
          basisPoints: a.basisPoints,
          monthlyFen: a.monthlyFen,
          fromMonth,
          recordedBy: actor.userId,
          recordedAt: deps.now(),
        },
      ])
      await audit(tx, deps, actor, {
        action: "care.dues.assess",
        objectType: "member",
        objectId: body.memberId,
        result: "ok",
        details: { year: body.year, category: a.category, monthlyFen: a.monthlyFen },
      })
      return { memberId: body.memberId, year: body.year, ...a }
    }),
})

const paymentFields: Readonly<Record<string, string>> = {
  "DUES-PAYMENT.amount": "amountFen",
  "DUES-PAYMENT.paid": "month",
  "DUES-PAYMENT.back-pay": "month",
  "DUES-PAYMENT.ahead": "month",
}

export const recordPayment = route({
  method: "post",
  path: "/api/care/dues/payments",
  summary: "Dues: record a member's payment for a month (back payment at most six months; whole fen)",
  tag: "care",
  auth: "user",
  roles: carePermissions.record,
  body: PaymentBody,
  response: PaymentView,
  status: 201,
  handler: async ({ actor, body, deps, c }) => {
    const lang = langOf(c)
    const today = todayOf(deps)
    const paidOn = body.paidOn === undefined ? today : date(body.paidOn)
    if (isAfter(paidOn, today))
      throw unprocessable("paidOn", "缴纳日期不能晚于今天", "a payment cannot be dated after today")
    return deps.db.transaction(async (tx) => {
      const { schedule, history } = await memberDuesInScope(tx, actor, body.memberId)
      const due = schedule.find((m) => m.month.toString() === body.month)
      if (due === undefined)
        throw unprocessable("month", `${body.month}尚未核定党费`, `no dues are assessed for ${body.month}`)
      const verdicts = checkDuesPayment({
        month: Temporal.PlainYearMonth.from(body.month),
        amountFen: body.amountFen,
        paidOn,
        dueFen: due.dueFen,
        alreadyPaidFen: history.paid.get(body.month) ?? 0,
      })
      const blocked = verdicts.find((v) => v.status === "blocked")
      if (blocked !== undefined) throw refused(paymentFields[blocked.code] ?? "body", verdicts, lang)
      const [row] = await writeDuesPayments(tx, [
        {
          memberId: body.memberId,
          month: body.month,
          amountFen: body.amountFen,
          paidOn,
          recordedBy: actor.userId,
          recordedAt: deps.now(),
        },
      ])
      if (row === undefined) throw new Error("no payment row")
      await audit(tx, deps, actor, {
        action: "care.dues.pay",
        objectType: "member",
        objectId: body.memberId,
        result: "ok",
        details: { month: body.month, amountFen: body.amountFen },
      })
      return {
        id: row.id,
        memberId: row.memberId,
        month: row.month,
        amountFen: row.amountFen,
        paidOn: row.paidOn.toString(),
        verdicts: verdicts.map((v) => verdictView(v, lang)),
      }
    })
  },
})

export const recordReduction = route({
  method: "post",
  path: "/api/care/dues/reductions",
  summary: "Dues: record an approved reduction or exemption (branch study, next level's approval)",
  tag: "care",
  auth: "user",
  roles: carePermissions.seeIncome,
  body: ReductionBody,
  response: ReductionBody,
  status: 201,
  handler: async ({ actor, body, deps }) => {
    if (!Number.isInteger(body.monthlyFen) || body.monthlyFen < 0 || body.monthlyFen > 1_000_000_000)
      throw unprocessable(
        "monthlyFen",
        "减免后金额须为不小于0的整数（分）",
        "the reduced amount is whole fen, 0 or more",
      )
    if (body.fromMonth > body.toMonth)
      throw unprocessable("toMonth", "截止月份不能早于起始月份", "toMonth cannot be before fromMonth")
    return deps.db.transaction(async (tx) => {
      await memberInScope(tx, actor, body.memberId)
      await writeDuesReductions(tx, [{ ...body, recordedBy: actor.userId, recordedAt: deps.now() }])
      await audit(tx, deps, actor, {
        action: "care.dues.reduce",
        objectType: "member",
        objectId: body.memberId,
        result: "ok",
        details: { fromMonth: body.fromMonth, toMonth: body.toMonth, approvalRef: body.approvalRef },
      })
      return body
    })
  },
})
