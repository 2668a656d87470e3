import { appraisalMessages, gradeNames, tierNames } from "@xianfeng/appraisal-scoring"
import { renderVerdict } from "@xianfeng/core"
import { cyclesInScope } from "@xianfeng/db"
import { Schema } from "effect"
import ExcelJS from "exceljs"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { IntParam, OrgIdSchema } from "../../http/contract-kit.js"
import { fileResponse, XLSX_MEDIA_TYPE } from "../../http/file-response.js"
import { route } from "../../http/route.js"
import { loadCycles } from "./model.js"
import { secretaryViews } from "./secretaries.js"

const XlsxFile = fileResponse(XLSX_MEDIA_TYPE, "An .xlsx workbook (Content-Disposition: attachment)")
const ExportQuery = Schema.Struct({
  orgId: Schema.optionalKey(OrgIdSchema),
  year: Schema.optionalKey(IntParam(2000, 2100)),
})

/** attachment; an ASCII fallback name, and the real (Chinese) one per RFC 5987/6266. */
const contentDisposition = (name: string, ascii: string) =>
  `attachment; filename="${ascii.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`

const xlsx = async (wb: ExcelJS.Workbook, name: string, ascii: string) =>
  new Response(new Uint8Array(await wb.xlsx.writeBuffer()), {
    headers: {
      "content-type": XLSX_MEDIA_TYPE,
      "content-disposition": contentDisposition(name, ascii),
      "cache-control": "no-store",
    },
  })

const header = (ws: ExcelJS.Worksheet, titles: readonly string[], widths: readonly number[]) => {
  ws.columns = titles.map((t, i) => ({ header: t, width: widths[i] ?? 14 }))
  ws.getRow(1).font = { bold: true }
  ws.views = [{ state: "frozen", ySplit: 1 }]
}
const excelDate = (d: { year: number; month: number; day: number } | null) =>
  d === null ? "" : new Date(Date.UTC(d.year, d.month - 1, d.day))
const g = (x: string | null) =>
  x === null ? "" : (gradeNames[x as keyof typeof gradeNames]?.["zh-CN"] ?? "")

export const exportResults = route({
  method: "get",
  path: "/api/appraisal/results.xlsx",
  summary:
    "The year's democratic-appraisal results as a workbook: a summary per branch and a register (登记表) per member",
  tag: "appraisal",
  auth: "user",
  query: ExportQuery,
  response: XlsxFile,
  handler: async ({ actor, query, deps }) => {
    const year = query.year ?? todayOf(deps).year
    const loaded = await loadCycles(
      deps.db,
      await cyclesInScope(deps.db, actor, { orgId: query.orgId, year }),
    )
    const wb = new ExcelJS.Workbook()
    const sum = wb.addWorksheet("汇总")
    header(
      sum,
      [
        "党组织",
        "参评人数",
        "评定等次人数",
        "优秀名额",
        "优秀",
        "合格",
        "基本合格",
        "不合格",
        "状态",
        "确定日期",
      ],
      [28, 10, 12, 10, 8, 8, 10, 8, 10, 12],
    )
    const reg = wb.addWorksheet("登记表")
    header(
      reg,
      [
        "党组织",
        "姓名",
        "党员类别",
        "个人自评",
        "测评人数",
        "优秀票",
        "合格票",
        "基本合格票",
        "不合格票",
        "综合得分",
        "支部评定等次",
        "上级确定等次",
        "评定依据",
        "确定日期",
      ],
      [24, 10, 10, 10, 10, 8, 8, 10, 10, 10, 12, 12, 60, 12],
    )
    const states = { open: "评议中", proposed: "待上级确定", confirmed: "已确定" }
    for (const l of loaded) {
      const counts = { excellent: 0, qualified: 0, basic: 0, unqualified: 0 }
      for (const p of l.participants) {
        const grade = p.confirmedGrade ?? p.proposedGrade
        if (grade !== null) counts[grade]++
      }
      const row = sum.addRow([
        l.cycle.orgName,
        l.participants.length,
        l.suggestion.gradedCount,
        l.suggestion.excellentCap,
        counts.excellent,
        counts.qualified,
        counts.basic,
        counts.unqualified,
        states[l.cycle.state],
        excelDate(l.cycle.confirmedOn),
      ])
      row.getCell(10).numFmt = "yyyy-mm-dd"
      for (const p of l.participants) {
        const o = l.suggestion.outcomes.find((x) => x.memberId === p.memberId)
        const received = l.ratings.filter((r) => r.rateeId === p.memberId)
        const n = (k: string) => received.filter((r) => r.grade === k).length
        const r = reg.addRow([
          l.cycle.orgName,
          p.name,
          p.stage === "full" ? "正式党员" : "预备党员",
          g(p.selfGrade),
          received.length,
          n("excellent"),
          n("qualified"),
          n("basic"),
          n("unqualified"),
          o?.score == null ? "" : o.score / 10,
          o?.graded === false ? "不评定等次" : g(p.proposedGrade),
          o?.graded === false ? "" : g(p.confirmedGrade),
          (o?.verdicts ?? []).map((v) => renderVerdict(v, appraisalMessages, "zh-CN")).join("；") +
            (p.proposedReason ? `；支部意见：${p.proposedReason}` : ""),
          excelDate(l.cycle.confirmedOn),
        ])
        r.getCell(14).numFmt = "yyyy-mm-dd"
      }
    }
    await audit(deps.db, deps, actor, {
      action: "appraisal.export",
      objectType: "appraisal-results",
      result: "ok",
      details: { year },
    })
    return xlsx(wb, `${year}年民主评议党员结果.xlsx`, `appraisal-${year}.xlsx`)
  },
})

export const exportSecretaries = route({
  method: "get",
  path: "/api/appraisal/secretaries.xlsx",
  summary:
    "The year's secretaries' debriefing appraisal as a workbook, with next year's rectification list (整改清单)",
  tag: "appraisal",
  auth: "user",
  query: ExportQuery,
  response: XlsxFile,
  handler: async ({ actor, query, deps }) => {
    const year = query.year ?? todayOf(deps).year
    const list = await secretaryViews(deps.db, actor, query.orgId, year, "zh-CN")
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet("述职评议考核")
    header(
      ws,
      [
        "党组织",
        "书记",
        "述职报告",
        "好",
        "较好",
        "一般",
        "差",
        "三会一课落实率(%)",
        "整改按期销号率(%)",
        "发展党员质量(%)",
        "学时达标率(%)",
        "走访完成率(%)",
        "综合得分",
        "等次",
        "评价依据",
      ],
      [24, 10, 10, 6, 6, 6, 6, 14, 14, 14, 12, 12, 10, 8, 60],
    )
    const rect = wb.addWorksheet(`${year + 1}年整改清单`)
    header(
      rect,
      ["序号", "问题来源", "党组织", "书记", "问题描述", "达到值", "目标值"],
      [6, 12, 24, 10, 30, 10, 10],
    )
    let n = 0
    for (const s of list.items) {
      ws.addRow([
        s.orgName,
        s.secretaryName,
        s.reportSubmitted ? "已提交" : "未提交",
        s.votes.good,
        s.votes.fair,
        s.votes.average,
        s.votes.poor,
        s.indicators.meetings ?? "",
        s.indicators.ordersOnTime ?? "",
        s.indicators.development ?? "",
        s.indicators.studyHours ?? "",
        s.indicators.visits ?? "",
        s.score ?? "",
        s.tier === null ? "" : tierNames[s.tier]["zh-CN"],
        s.verdicts.map((v) => v.message).join("；"),
      ])
      for (const x of s.rectification)
        rect.addRow([++n, "述职评议", s.orgName, s.secretaryName, `${x.label}未达标`, x.value, x.target])
    }
    await audit(deps.db, deps, actor, {
      action: "appraisal.export",
      objectType: "appraisal-secretaries",
      result: "ok",
      details: { year },
    })
    return xlsx(wb, `${year}年书记抓基层党建述职评议考核.xlsx`, `secretaries-${year}.xlsx`)
  },
})
