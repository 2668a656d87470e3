/**
 * The care area's imports: the care ledger (困难党员台账 / 老党员台账, ledger-formats.md §5.1–5.2) and dues
 * payments (党费收缴台账, §6). Each row is checked by the rules of @xianfeng/care-ledger as the admin's forms are
 * (the ledger's replay `ledgerAsOf`, the payment check `checkDuesPayment`) and written through the area's one
 * write path of its table (`appendLedgerEvents`, `writeDuesPayments`).
 */
import { randomUUID } from "node:crypto"
import {
  type CareCategory,
  careCategories,
  careCategoryIds,
  careMessages,
  checkDuesPayment,
  type LedgerEvent,
  ledgerAsOf,
} from "@xianfeng/care-ledger"
import { isAfter, minDate, type PlainDate, renderVerdict, Temporal } from "@xianfeng/core"
import { inArray } from "drizzle-orm"
import { Result } from "effect"
import { nameSearchKey } from "../pinyin.js"
import { careDuesPayments, careLedgerEvents } from "../schema/index.js"
import { readDate, readYuan, textOf } from "../transfer/import/cells.js"
import type { Importer, RowOutcome } from "../transfer/import/engine.js"
import type { FieldSpec } from "../transfer/import/mapping.js"
import {
  errorOf,
  loadPeople,
  type PeopleIndex,
  resolveMember,
  resolveOrg,
} from "../transfer/import/people.js"
import { type DuesHistory, duesHistoriesOf, scheduleOf, writeDuesPayments } from "./dues.js"
import { appendLedgerEvents } from "./ledger.js"

const orgFields: readonly FieldSpec[] = [
  {
    key: "orgCode",
    zh: "党支部编码",
    en: "branch code",
    aliases: ["党组织编码", "所在党支部编码", "支部编码"],
  },
  {
    key: "orgName",
    zh: "所在党支部",
    en: "branch",
    aliases: ["党支部名称", "党支部", "所在党组织", "党组织名称", "所在支部"],
  },
]
const personFields: readonly FieldSpec[] = [
  { key: "name", zh: "姓名", en: "name", aliases: ["党员姓名", "慰问对象", "对象姓名"] },
  {
    key: "idNumber",
    zh: "公民身份号码",
    en: "ID number",
    aliases: ["身份证号码", "身份证号", "身份号码", "证件号码"],
  },
]

// ---------------------------------------------------------------------------------------------------------
// The care ledger
// ---------------------------------------------------------------------------------------------------------

export const careLedgerImportFields: readonly FieldSpec[] = [
  ...orgFields,
  ...personFields,
  {
    key: "category",
    zh: "类别",
    en: "category",
    required: true,
    aliases: ["困难类别", "对象类别", "关怀类别", "人员类别", "台账类别"],
  },
  {
    key: "onDate",
    zh: "列入日期",
    en: "entered on",
    required: true,
    aliases: ["认定时间", "认定日期", "列入时间", "列入台账时间", "登记日期"],
  },
  {
    key: "reason",
    zh: "列入原因",
    en: "reason",
    required: true,
    aliases: ["致困原因", "原因", "认定理由", "困难原因"],
  },
  {
    key: "detail",
    zh: "困难情况",
    en: "details",
    aliases: ["具体情况", "困难情况说明", "家庭情况", "帮扶需求", "备注"],
  },
  {
    key: "closedOn",
    zh: "移出日期",
    en: "closed on",
    aliases: ["脱困时间", "脱困日期", "退出时间", "移出时间"],
  },
  { key: "closedReason", zh: "移出原因", en: "reason closed", aliases: ["脱困原因", "退出原因"] },
]

/** The categories a sheet names (the ledgers' wording, ledger-formats.md §5.3, and the area's own names). */
const categoryNames: Readonly<Record<string, CareCategory>> = {
  ...Object.fromEntries(careCategoryIds.map((c) => [careCategories[c].zh, c])),
  ...Object.fromEntries(careCategoryIds.map((c) => [c, c])),
  老党员: "old-member",
  困难党员: "difficulty",
  生活困难: "difficulty",
  生活困难党员: "difficulty",
  因公去世党员家属: "died-on-duty-family",
  因公去世基层干部家属: "died-on-duty-family",
  因公牺牲党员家属: "died-on-duty-family",
  住院: "hospitalized",
  住院党员: "hospitalized",
  受灾: "disaster",
  受灾党员: "disaster",
  家庭变故: "bereaved",
  丧亲: "bereaved",
  "1949年前入党": "pre-1949",
  "1949年10月1日前入党": "pre-1949",
  建国前入党: "pre-1949",
  新中国成立前入党: "pre-1949",
}

/** A checked ledger entry: its opening and, for one already closed, its closing. */
export interface CareLedgerImportRow {
  readonly sheetRow: number
  readonly orgId: string
  readonly memberId: string | null
  readonly personName: string | null
  readonly category: CareCategory
  readonly onDate: PlainDate
  readonly reason: string
  readonly detail: string | null
  readonly closed: { readonly onDate: PlainDate; readonly reason: string } | null
}

const whoKey = (v: CareLedgerImportRow) =>
  `${v.orgId}\u0000${v.memberId ?? `name:${nameSearchKey(v.personName ?? "")}`}\u0000${v.category}`

const columnOfLedgerField = (field: string, closing: boolean) =>
  field === "reason" ? (closing ? "closedReason" : "reason") : field === "category" ? "category" : "onDate"

/** 困难党员台账: each row an entry of the ledger (opened, and closed when the sheet says so). */
export const careLedgerImporter: Importer<CareLedgerImportRow, PeopleIndex> = {
  kind: "care-ledger",
  zh: "党内关怀台账",
  en: "Care ledger",
  fields: careLedgerImportFields,
  context: (db, scope) => loadPeople(db, scope),
  checkRow: (row, people, out, deps) => {
    const err = errorOf(row, out)
    const org = resolveOrg(row, out, people, "orgCode", "orgName")
    const categoryText = textOf(row.cell("category")).replace(/\s/g, "")
    const category = categoryNames[categoryText]
    if (category === undefined)
      err(
        "category",
        `「${categoryText}」不是可识别的类别（${careCategoryIds.map((c) => careCategories[c].zh).join("、")}）`,
        `"${categoryText}" is not a care category`,
      )
    // The family of a member who died on duty are not members: named, not looked up.
    let memberId: string | null = null
    let personName: string | null = null
    if (category === "died-on-duty-family") {
      personName = textOf(row.cell("name"))
      if (personName === "") err("name", "请填写慰问对象姓名", "the name of the person cared for is missing")
    } else if (category !== undefined && org !== undefined) {
      memberId =
        resolveMember(row, out, people, deps, { name: "name", idNumber: "idNumber" }, org)?.id ?? null
    }
    const date = (k: "onDate" | "closedOn") => {
      const d = readDate(row.cell(k))
      if (!d.ok) {
        err(k, d.zh, d.en)
        return undefined
      }
      if (d.value !== null && isAfter(d.value, deps.asOf))
        err(k, `${d.value.toString()}晚于今天`, `${d.value.toString()} lies after today`)
      return d.value
    }
    const onDate = date("onDate")
    if (onDate === null) err("onDate", "请填写列入日期", "the date entered is missing")
    const closedOn = date("closedOn")
    const reason = textOf(row.cell("reason"))
    const closedReason = textOf(row.cell("closedReason"))
    if (closedOn != null && closedReason === "")
      err("closedReason", "已移出台账的须写明移出原因", "a closed entry needs the reason it was closed")
    if (closedOn == null && closedReason !== "")
      err("closedOn", "写了移出原因，请填写移出日期", "the reason closed is given without the date")
    const detail = textOf(row.cell("detail"))
    if (out.errors.length > 0 || org === undefined || category === undefined || onDate == null)
      return undefined
    // The ledger's own rules: the entry's history must replay (a reason for every change, closing after opening).
    const entryId = "import"
    const events: LedgerEvent[] = [
      { entryId, seq: 1, kind: "opened", on: onDate, reason, by: "", category },
      ...(closedOn == null
        ? []
        : [{ entryId, seq: 2, kind: "closed" as const, on: closedOn, reason: closedReason, by: "" }]),
    ]
    const replay = ledgerAsOf(events, onDate.add({ years: 200 }))
    if (Result.isFailure(replay)) {
      const closing = replay.failure.field === "entryId" || (closedOn != null && reason !== "")
      const column = columnOfLedgerField(replay.failure.field, closing)
      err(
        column,
        replay.failure.field === "entryId" ? "移出日期早于列入日期" : replay.failure.messageZh,
        replay.failure.field === "entryId" ? "closed before it was opened" : replay.failure.message,
      )
      return undefined
    }
    return {
      sheetRow: row.sheetRow,
      orgId: org.id,
      memberId,
      personName,
      category,
      onDate,
      reason,
      detail: detail === "" ? null : detail,
      closed: closedOn == null ? null : { onDate: closedOn, reason: closedReason },
    }
  },
  checkAll: async (db, outcomes, _people, deps) => {
    const seen = new Map<string, number>()
    for (const o of outcomes) {
      if (o.value === undefined) continue
      const k = whoKey(o.value)
      const first = seen.get(k)
      if (first !== undefined)
        o.errors.push({
          zh: `与第${first}行是同一人同一类别（重复）`,
          en: `the same person and category as row ${first}`,
        })
      else seen.set(k, o.sheetRow)
    }
    const orgIds = [...new Set(outcomes.flatMap((o) => (o.value === undefined ? [] : [o.value.orgId])))]
    if (orgIds.length === 0) return
    // Against the database: an entry of the same person and category open today, or opened on the same day.
    const stored = await db
      .select({
        entryId: careLedgerEvents.entryId,
        seq: careLedgerEvents.seq,
        kind: careLedgerEvents.kind,
        orgId: careLedgerEvents.orgId,
        memberId: careLedgerEvents.memberId,
        personName: careLedgerEvents.personName,
        category: careLedgerEvents.category,
        onDate: careLedgerEvents.onDate,
        reason: careLedgerEvents.reason,
      })
      .from(careLedgerEvents)
      .where(inArray(careLedgerEvents.orgId, orgIds))
    const first = new Map<string, (typeof stored)[number]>()
    for (const e of stored) if (!first.has(e.entryId) || e.kind === "opened") first.set(e.entryId, e)
    const open = ledgerAsOf(
      stored.map((e) => ({
        entryId: e.entryId,
        seq: e.seq,
        kind: e.kind as LedgerEvent["kind"],
        on: e.onDate,
        reason: e.reason,
        by: "",
        ...(e.category === null ? {} : { category: e.category as CareCategory }),
      })),
      deps.asOf,
    )
    const keyOf = (e: { orgId: string; memberId: string | null; personName: string | null }, c: string) =>
      `${e.orgId}\u0000${e.memberId ?? `name:${nameSearchKey(e.personName ?? "")}`}\u0000${c}`
    const openKeys = new Set<string>()
    if (Result.isSuccess(open))
      for (const entry of open.success.values()) {
        const f = first.get(entry.entryId)
        if (f !== undefined) openKeys.add(keyOf(f, entry.category))
      }
    const openedOn = new Set(
      stored
        .filter((e) => e.kind === "opened" && e.category !== null)
        .map((e) => `${keyOf(e, e.category as string)}\u0000${e.onDate.toString()}`),
    )
    for (const o of outcomes) {
      const v = o.value
      if (v === undefined) continue
      if (openKeys.has(whoKey(v)))
        o.errors.push({
          zh: "此人已以该类别列入台账（重复）",
          en: "the person is already in the ledger in this category",
        })
      else if (openedOn.has(`${whoKey(v)}\u0000${v.onDate.toString()}`))
        o.errors.push({
          zh: "系统中已有同一天列入台账的这条记录（重复）",
          en: "this entry is already recorded",
        })
    }
  },
  write: async (tx, _scope, values, _ctx, deps) => {
    const by = deps.actor?.id ?? null
    const events = values.flatMap((v) => {
      const entryId = randomUUID()
      const base = { entryId, orgId: v.orgId, memberId: v.memberId, personName: v.personName, recordedBy: by }
      return [
        {
          ...base,
          kind: "opened" as const,
          category: v.category,
          onDate: v.onDate,
          reason: v.reason,
          detail: v.detail,
          recordedAt: deps.at,
        },
        ...(v.closed === null
          ? []
          : [
              {
                ...base,
                kind: "closed" as const,
                onDate: v.closed.onDate,
                reason: v.closed.reason,
                recordedAt: deps.at,
              },
            ]),
      ]
    })
    for (let i = 0; i < events.length; i += 2000) await appendLedgerEvents(tx, events.slice(i, i + 2000))
    deps.onProgress?.("write", values.length, values.length)
    return values.length
  },
}

// ---------------------------------------------------------------------------------------------------------
// Dues payments
// ---------------------------------------------------------------------------------------------------------

export const duesPaymentImportFields: readonly FieldSpec[] = [
  ...orgFields,
  ...personFields,
  {
    key: "month",
    zh: "缴费月份",
    en: "month",
    required: true,
    aliases: ["月份", "所属月份", "党费月份", "缴纳月份"],
  },
  {
    key: "amount",
    zh: "实缴金额（元）",
    en: "amount (yuan)",
    required: true,
    aliases: ["实缴金额", "实缴", "缴纳金额", "金额", "党费金额", "实缴党费", "金额(元)", "实缴(元)"],
  },
  { key: "paidOn", zh: "缴纳日期", en: "paid on", aliases: ["缴费日期", "交纳日期", "收款日期", "缴纳时间"] },
]

/** A checked payment. */
export interface DuesPaymentImportRow {
  readonly sheetRow: number
  readonly memberId: string
  readonly month: Temporal.PlainYearMonth
  readonly amountFen: number
  readonly paidOn: PlainDate
  /** The sheet's headers of the month and the amount (the payment check's problems name them). */
  readonly headers: { readonly month: string; readonly amount: string }
}

/** `2025-03`, `2025/3`, `2025.3`, `2025年3月`, `202503`, or a date (its month). */
const readMonth = (
  cell: Parameters<typeof readDate>[0],
): { ok: true; value: Temporal.PlainYearMonth | null } | { ok: false; zh: string; en: string } => {
  if (cell === null) return { ok: true, value: null }
  if (typeof cell === "object") return { ok: true, value: cell.toPlainYearMonth() }
  const typed = textOf(cell)
  const m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?(?:份)?$/u.exec(typed) ?? /^(\d{4})(\d{2})$/.exec(typed)
  if (m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12)
    return { ok: true, value: Temporal.PlainYearMonth.from({ year: Number(m[1]), month: Number(m[2]) }) }
  const d = readDate(cell)
  if (d.ok && d.value !== null && d.note === undefined) return { ok: true, value: d.value.toPlainYearMonth() }
  return {
    ok: false,
    zh: `「${typed}」不是可识别的月份，请写成2025-03或2025年3月`,
    en: `"${typed}" is not a month; write 2025-03`,
  }
}

interface DuesContext {
  readonly people: PeopleIndex
}

const paymentKey = (v: DuesPaymentImportRow) =>
  `${v.memberId}\u0000${v.month.toString()}\u0000${v.amountFen}\u0000${v.paidOn.toString()}`

/** 党费收缴台账: a member's payment for a month, in yuan (to the fen). */
export const duesPaymentImporter: Importer<DuesPaymentImportRow, DuesContext> = {
  kind: "dues",
  zh: "党费缴纳记录",
  en: "Dues payments",
  fields: duesPaymentImportFields,
  context: async (db, scope) => ({ people: await loadPeople(db, scope) }),
  checkRow: (row, ctx, out, deps) => {
    const err = errorOf(row, out)
    const idGiven = textOf(row.cell("idNumber")) !== ""
    const orgGiven = textOf(row.cell("orgCode")) !== "" || textOf(row.cell("orgName")) !== ""
    const org = orgGiven || !idGiven ? resolveOrg(row, out, ctx.people, "orgCode", "orgName") : undefined
    const member =
      org !== undefined || idGiven
        ? resolveMember(row, out, ctx.people, deps, { name: "name", idNumber: "idNumber" }, org)
        : undefined
    const month = readMonth(row.cell("month"))
    if (!month.ok) err("month", month.zh, month.en)
    else if (month.value === null) err("month", "请填写缴费月份", "the month is missing")
    const amount = readYuan(row.cell("amount"))
    if (!amount.ok) err("amount", amount.zh, amount.en)
    else if (amount.value === null || amount.value === 0)
      err("amount", "请填写大于0的实缴金额（元）", "the amount paid (above 0) is missing")
    const paid = readDate(row.cell("paidOn"))
    let paidOn: PlainDate | undefined
    if (!paid.ok) err("paidOn", paid.zh, paid.en)
    else if (paid.value !== null) {
      if (isAfter(paid.value, deps.asOf))
        err("paidOn", `缴纳日期${paid.value.toString()}晚于今天`, `${paid.value.toString()} lies after today`)
      paidOn = paid.value
    } else if (month.ok && month.value !== null) {
      // Without the day it was paid, the ledger's month is the day: its last day, or today if sooner.
      paidOn = minDate(month.value.toPlainDate({ day: month.value.daysInMonth }), deps.asOf)
      out.notes.push({
        column: row.header("paidOn"),
        zh: `未填写缴纳日期，按${paidOn.toString()}记录`,
        en: `no payment date: recorded as ${paidOn.toString()}`,
      })
    }
    if (
      out.errors.length > 0 ||
      member === undefined ||
      !month.ok ||
      month.value === null ||
      !amount.ok ||
      amount.value === null ||
      paidOn === undefined
    )
      return undefined
    return {
      sheetRow: row.sheetRow,
      memberId: member.id,
      month: month.value,
      amountFen: amount.value,
      paidOn,
      headers: { month: row.header("month"), amount: row.header("amount") },
    }
  },
  checkAll: async (db, outcomes) => {
    const valid = outcomes.filter(
      (o): o is RowOutcome<DuesPaymentImportRow> & { value: DuesPaymentImportRow } => o.value !== undefined,
    )
    const memberIds = [...new Set(valid.map((o) => o.value.memberId))]
    const histories = new Map<string, DuesHistory>()
    const storedKeys = new Set<string>()
    for (let i = 0; i < memberIds.length; i += 1000) {
      const part = memberIds.slice(i, i + 1000)
      for (const [id, h] of await duesHistoriesOf(db, part)) histories.set(id, h)
      for (const p of await db
        .select({
          memberId: careDuesPayments.memberId,
          month: careDuesPayments.month,
          amountFen: careDuesPayments.amountFen,
          paidOn: careDuesPayments.paidOn,
        })
        .from(careDuesPayments)
        .where(inArray(careDuesPayments.memberId, part)))
        storedKeys.add(`${p.memberId}\u0000${p.month}\u0000${p.amountFen}\u0000${p.paidOn.toString()}`)
    }
    const seen = new Map<string, number>()
    /** What has been paid for a member's month: the database's, then the file's rows above. */
    const paidSoFar = new Map<string, number>()
    for (const o of valid) {
      const v = o.value
      const k = paymentKey(v)
      const first = seen.get(k)
      if (first !== undefined) {
        o.errors.push({ zh: `与第${first}行是同一笔缴费（重复）`, en: `the same payment as row ${first}` })
        continue
      }
      seen.set(k, o.sheetRow)
      if (storedKeys.has(k)) {
        o.errors.push({ zh: "系统中已有这笔缴费记录（重复）", en: "this payment is already recorded" })
        continue
      }
      const h = histories.get(v.memberId)
      const monthKey = `${v.memberId}\u0000${v.month.toString()}`
      const already = paidSoFar.get(monthKey) ?? h?.paid.get(v.month.toString()) ?? 0
      const due = h === undefined ? undefined : scheduleOf(h).find((m) => m.month.equals(v.month))
      if (due === undefined)
        o.warnings.push({
          zh: `${v.month.toString()}尚未核定党费，无法核对应缴金额`,
          en: `no dues are assessed for ${v.month.toString()}: the amount due cannot be checked`,
        })
      // The payment check of the rules package, as the form has it (DUES 2008 arts. 7, 8, 11; PC 9).
      const verdicts = checkDuesPayment({
        month: v.month,
        amountFen: v.amountFen,
        paidOn: v.paidOn,
        dueFen: due?.dueFen ?? 0,
        alreadyPaidFen: already,
      })
      for (const verdict of verdicts) {
        const problem = {
          column: verdict.code === "DUES-PAYMENT.amount" ? v.headers.amount : v.headers.month,
          zh: renderVerdict(verdict, careMessages, "zh-CN"),
          en: renderVerdict(verdict, careMessages, "en"),
        }
        if (verdict.status === "blocked") o.errors.push(problem)
        else if (verdict.status === "warning") o.warnings.push(problem)
      }
      paidSoFar.set(monthKey, already + v.amountFen)
    }
  },
  write: async (tx, _scope, values, _ctx, deps) => {
    const by = deps.actor?.id ?? null
    for (let i = 0; i < values.length; i += 2000) {
      await writeDuesPayments(
        tx,
        values.slice(i, i + 2000).map((v) => ({
          memberId: v.memberId,
          month: v.month.toString(),
          amountFen: v.amountFen,
          paidOn: v.paidOn,
          recordedBy: by,
          recordedAt: deps.at,
        })),
      )
      deps.onProgress?.("write", Math.min(i + 2000, values.length), values.length)
    }
    return values.length
  },
}
