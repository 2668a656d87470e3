import { type CareCategory, careCategories, commendationTitleZh } from "@xianfeng/care-ledger"
import { date } from "@xianfeng/core"
import { duesSheetInScope, ledgerInScope, visitRegisterInScope } from "@xianfeng/db"
import ExcelJS from "exceljs"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { fileResponse, XLSX_MEDIA_TYPE } from "../../http/file-response.js"
import { route } from "../../http/route.js"
import { commendationResults } from "./commendations.js"
import { CommendationResultsQuery, DuesExportQuery, IdParams, LedgerExportQuery } from "./contract.js"
import { carePermissions, may } from "./permissions.js"

const XlsxFile = fileResponse(XLSX_MEDIA_TYPE, "An .xlsx workbook (Content-Disposition: attachment)")
const YUAN = "#,##0.00"
const DATE = "yyyy-mm-dd"

/** A civil date as an Excel date cell (midnight UTC is the day's serial). */
const excelDate = (d: { year: number; month: number; day: number } | undefined | null): Date | string =>
  d == null ? "" : new Date(Date.UTC(d.year, d.month - 1, d.day))
const yuan = (fen: number | null | undefined): number | string => (fen == null ? "" : fen / 100)

const sheetOf = (
  wb: ExcelJS.Workbook,
  name: string,
  titles: readonly string[],
  widths: readonly number[],
) => {
  const ws = wb.addWorksheet(name)
  ws.columns = titles.map((t, i) => ({ header: t, width: widths[i] ?? 12 }))
  ws.getRow(1).font = { bold: true }
  ws.views = [{ state: "frozen", ySplit: 1 }]
  return ws
}

/** attachment; an ASCII fallback name, and the real (Chinese) one per RFC 5987/6266. */
const contentDisposition = (name: string, ascii: string) =>
  `attachment; filename="${ascii.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`

const respond = async (wb: ExcelJS.Workbook, name: string, ascii: string) =>
  new Response(new Uint8Array(await wb.xlsx.writeBuffer()), {
    headers: {
      "content-type": XLSX_MEDIA_TYPE,
      "content-disposition": contentDisposition(name, ascii),
      "cache-control": "no-store",
    },
  })

const rateText = (bp: number | null | undefined) => (bp == null || bp === 0 ? "定额" : `${bp / 100}%`)

export const duesSheetExport = route({
  method: "get",
  path: "/api/care/dues/sheet.xlsx",
  summary:
    "Dues: the year's collection sheet (党费收缴台账) as .xlsx; the income columns need the reason given",
  description:
    "Income (the base) is printed only for the seeIncome roles; the export is audited with its reason, like an ID-number reveal.",
  tag: "care",
  auth: "user",
  query: DuesExportQuery,
  response: XlsxFile,
  handler: async ({ actor, query, deps }) => {
    const rows = await duesSheetInScope(deps.db, actor, {
      orgId: query.orgId,
      year: query.year,
      asOf: todayOf(deps),
    })
    const income = may(carePermissions.seeIncome, actor.role)
    await audit(deps.db, deps, actor, {
      action: "care.dues.export",
      objectType: "org",
      objectId: query.orgId ?? actor.orgId,
      result: "ok",
      details: { year: query.year, reason: query.reason, income, members: rows.length },
    })
    const wb = new ExcelJS.Workbook()
    wb.creator = "Xianfeng"
    wb.created = deps.now()
    const months = Array.from({ length: 12 }, (_, i) => `${i + 1}月`)
    const ws = sheetOf(
      wb,
      `${query.year}年党费收缴台账`,
      [
        "序号",
        "姓名",
        "所在党支部",
        ...(income ? ["月工资收入（税后基数，元）"] : []),
        "执行标准（比例）",
        "月应缴（元）",
        ...months,
        "全年应缴（元）",
        "全年实缴（元）",
        "备注",
      ],
      [6, 10, 18, ...(income ? [16] : []), 10, 10, ...months.map(() => 8), 12, 12, 24],
    )
    for (const [i, r] of rows.entries()) {
      const due = r.months.reduce((s, m) => s + m.dueFen, 0)
      const paid = r.months.reduce((s, m) => s + m.paidFen, 0)
      const notes = [
        ...new Set(
          r.months.flatMap((m) => (m.reductionRef === undefined ? [] : [`减免：${m.reductionRef}`])),
        ),
        ...(r.standing.consecutiveUnpaid > 0 ? [`连续${r.standing.consecutiveUnpaid}个月未缴`] : []),
      ]
      const row = ws.addRow([
        i + 1,
        r.name,
        r.orgName,
        ...(income ? [yuan(r.assessment?.baseFen)] : []),
        r.assessment === undefined ? "未核定" : rateText(r.assessment.basisPoints),
        yuan(r.assessment?.monthlyFen),
        ...r.months.map((m) => (m.paidFen > 0 ? m.paidFen / 100 : "")),
        due / 100,
        paid / 100,
        notes.join("；"),
      ])
      row.eachCell((cell, col) => {
        if (col > 3 && typeof cell.value === "number") cell.numFmt = YUAN
      })
    }
    return respond(wb, `${query.year}年党费收缴台账.xlsx`, `dues-${query.year}.xlsx`)
  },
})

export const ledgerExport = route({
  method: "get",
  path: "/api/care/ledger.xlsx",
  summary: "The care ledger (困难党员台账) as of a day, as .xlsx; needs the reason, audited",
  description: "Hardship and health details are printed only for the seeHardship roles.",
  tag: "care",
  auth: "user",
  query: LedgerExportQuery,
  response: XlsxFile,
  handler: async ({ actor, query, deps }) => {
    const asOf = query.asOf === undefined ? todayOf(deps) : date(query.asOf)
    const items = await ledgerInScope(deps.db, actor, { orgId: query.orgId, asOf })
    const detail = may(carePermissions.seeHardship, actor.role)
    await audit(deps.db, deps, actor, {
      action: "care.ledger.export",
      objectType: "org",
      objectId: query.orgId ?? actor.orgId,
      result: "ok",
      details: { asOf: asOf.toString(), reason: query.reason, detail, entries: items.length },
    })
    const wb = new ExcelJS.Workbook()
    wb.creator = "Xianfeng"
    wb.created = deps.now()
    const ws = sheetOf(
      wb,
      "党内关怀台账",
      [
        "序号",
        "姓名",
        "所在党支部",
        "类别",
        "列入日期",
        "最近变动日期",
        "最近核实日期",
        ...(detail ? ["困难情况及帮扶需求"] : []),
      ],
      [6, 12, 18, 20, 12, 12, 12, 40],
    )
    for (const [i, e] of items.entries()) {
      const row = ws.addRow([
        i + 1,
        e.name,
        e.orgName,
        careCategories[e.category as CareCategory].zh,
        excelDate(e.openedOn),
        excelDate(e.lastChangedOn),
        excelDate(e.confirmedOn),
        ...(detail ? [e.detail ?? ""] : []),
      ])
      for (const col of [5, 6, 7]) row.getCell(col).numFmt = DATE
    }
    return respond(wb, `党内关怀台账（${asOf.toString()}）.xlsx`, `care-ledger-${asOf.toString()}.xlsx`)
  },
})

export const visitPlanExport = route({
  method: "get",
  path: "/api/care/visit-plans/:id/export.xlsx",
  summary:
    "A visit plan's register (走访慰问登记表 / 发放签收表) as .xlsx, with a column for the recipient's signature",
  tag: "care",
  auth: "user",
  params: IdParams,
  response: XlsxFile,
  handler: async ({ actor, params, deps }) => {
    const { plan, targets } = await visitRegisterInScope(deps.db, actor, params.id)
    const wb = new ExcelJS.Workbook()
    wb.creator = "Xianfeng"
    wb.created = deps.now()
    const ws = sheetOf(
      wb,
      "走访慰问登记表",
      [
        "序号",
        "批次",
        "慰问对象",
        "所在党支部",
        "类别",
        "带队领导",
        "慰问时间",
        "慰问人",
        "慰问金（元）",
        "慰问物品及帮扶",
        "资金来源",
        "领取人签字",
      ],
      [6, 20, 10, 18, 24, 10, 12, 18, 12, 24, 16, 12],
    )
    for (const [i, t] of targets.entries()) {
      const row = ws.addRow([
        i + 1,
        plan.title,
        t.personName,
        t.orgName,
        t.categories.map((c) => careCategories[c as CareCategory]?.zh ?? c).join("、"),
        t.leader,
        excelDate(t.visit?.visitedOn),
        t.visit?.visitors.join("、") ?? "",
        t.visit === undefined ? "" : t.visit.amountFen / 100,
        t.visit?.help ?? "",
        plan.fundSource,
        "",
      ])
      row.getCell(7).numFmt = DATE
      row.getCell(9).numFmt = YUAN
    }
    const total = targets.reduce((s, t) => s + (t.visit?.amountFen ?? 0), 0)
    const sum = ws.addRow([
      "合计",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      total / 100,
      "",
      `预算${plan.budgetFen / 100}元，结余${(plan.budgetFen - total) / 100}元`,
      "",
    ])
    sum.font = { bold: true }
    sum.getCell(9).numFmt = YUAN
    return respond(wb, `${plan.title}走访慰问登记表.xlsx`, `visits-${plan.year}.xlsx`)
  },
})

export const commendationResultsExport = route({
  method: "get",
  path: "/api/care/commendations/results.xlsx",
  summary: "The approved commendations (两优一先 表彰名单) as .xlsx, the same rows as the results list",
  description:
    "No reason asked and not audited: the results were announced publicly (公示) before approval, so the list " +
    "holds nothing sensitive (unlike the ledger's hardship or the dues sheet's income).",
  tag: "care",
  auth: "user",
  query: CommendationResultsQuery,
  response: XlsxFile,
  handler: async ({ actor, query, deps }) => {
    // Public by nature (公示): no reason and no audit, unlike the ledger and dues exports above.
    const items = await commendationResults(deps, actor, query)
    const wb = new ExcelJS.Workbook()
    wb.creator = "Xianfeng"
    wb.created = deps.now()
    const ws = sheetOf(
      wb,
      "两优一先表彰名单",
      ["序号", "年度", "表彰类别", "姓名（组织名称）", "推荐单位", "评选活动", "组织单位", "批准日期"],
      [6, 8, 16, 20, 18, 28, 18, 12],
    )
    for (const [i, r] of items.entries()) {
      const row = ws.addRow([
        i + 1,
        r.year,
        commendationTitleZh[r.title],
        r.name,
        r.orgName,
        r.campaignTitle,
        r.campaignOrgName,
        excelDate(r.approvedOn === null ? null : date(r.approvedOn)),
      ])
      row.getCell(8).numFmt = DATE
    }
    const which = query.year === undefined ? "" : `${query.year}年`
    return respond(
      wb,
      `${which}两优一先表彰名单.xlsx`,
      `commendations${query.year === undefined ? "" : `-${query.year}`}.xlsx`,
    )
  },
})
