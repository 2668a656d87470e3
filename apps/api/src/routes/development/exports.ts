import { maskIdNumber } from "@xianfeng/core"
import { educationCodes, ethnicityCodes } from "@xianfeng/db"
import { Schema } from "effect"
import ExcelJS from "exceljs"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { route } from "../../http/route.js"
import { analyse, compositionView, stageLabels } from "./composition.js"
import { PersonParams, YearQuery } from "./contract.js"
import { verdictLine } from "./render.js"
import { loadTimeline } from "./timeline.js"

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
const XlsxFile = Schema.Unknown.annotate({
  description: "An .xlsx workbook (Content-Disposition: attachment)",
})

/** attachment; an ASCII fallback name, and the real (Chinese) one per RFC 5987/6266. */
export const contentDisposition = (name: string, ascii: string) =>
  `attachment; filename="${ascii.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`

const xlsxResponse = async (wb: ExcelJS.Workbook, name: string, ascii: string) =>
  new Response(new Uint8Array(await wb.xlsx.writeBuffer()), {
    headers: {
      "content-type": XLSX,
      "content-disposition": contentDisposition(name, ascii),
      "cache-control": "no-store",
    },
  })

const header = (ws: ExcelJS.Worksheet, titles: readonly string[], widths: readonly number[]) => {
  ws.columns = titles.map((t, i) => ({ header: t, width: widths[i] ?? 14 }))
  ws.getRow(1).font = { bold: true }
  ws.views = [{ state: "frozen", ySplit: 1 }]
}

/**
 * A code's label, or the code itself when the table has none. Own keys only: a stored education of
 * `__proto__` or `constructor` is a code no table knows, not the object's prototype or its constructor.
 */
const labelOf = (table: Readonly<Record<string, string>>, code: string): string =>
  Object.hasOwn(table, code) ? (table[code] as string) : code

/** Evidence in one readable line: `key: value; …` with nested lists shortened. */
const summary = (e: Record<string, unknown>): string =>
  Object.entries(e)
    .map(([k, v]) => {
      if (Array.isArray(v))
        return `${k}: ${v.map((x) => (typeof x === "object" && x !== null && "name" in x ? String((x as { name: unknown }).name) : String(x))).join("、")}`
      if (typeof v === "object" && v !== null)
        return `${k}: ${"id" in v ? String((v as { id: unknown }).id) : JSON.stringify(v)}`
      return `${k}: ${String(v)}`
    })
    .join("；")

export const personExport = route({
  method: "get",
  path: "/api/development/people/:memberId/export.xlsx",
  summary:
    "A person's development record (发展党员纪实表) as .xlsx: identity (ID number masked), every step and its verdicts",
  tag: "development",
  auth: "user",
  params: PersonParams,
  response: XlsxFile,
  handler: async ({ actor, params, deps }) => {
    const today = todayOf(deps)
    const { wb, name } = await deps.db.transaction(async (tx) => {
      const { person, rows, view } = await loadTimeline(tx, actor, params.memberId, today, "zh-CN")
      const wb = new ExcelJS.Workbook()
      wb.creator = "Xianfeng"
      wb.created = deps.now()
      const info = wb.addWorksheet("基本信息")
      header(info, ["项目", "内容"], [22, 40])
      const d = view.derived
      const identity: [string, string][] = [
        ["姓名", person.name],
        ["性别", person.sex === "female" ? "女" : "男"],
        ["公民身份号码", maskIdNumber(person.idNumberMasked ?? "")],
        ["出生日期", person.birthDate.toString()],
        ["民族", labelOf(ethnicityCodes, person.ethnicity)],
        ["学历", labelOf(educationCodes, person.education)],
        ["所在党支部", person.orgName],
        ["人员类别", stageLabels[person.stage]?.["zh-CN"] ?? person.stage],
        ["申请入党日期", d.appliedOn ?? ""],
        ["确定入党积极分子日期", d.activistSince ?? ""],
        ["确定发展对象日期", d.developmentObjectSince ?? ""],
        ["加入党组织日期（支部大会）", d.admittedOn ?? ""],
        ["预备期满日期", d.probationEnd ?? ""],
        ["转为正式党员日期（党龄起算）", d.fullMemberSince ?? ""],
        ["导出日期", today.toString()],
      ]
      for (const row of identity) info.addRow(row)
      const steps = wb.addWorksheet("发展步骤")
      header(
        steps,
        ["序号", "步骤", "阶段", "日期", "状态", "应完成日期", "材料摘要", "审查意见"],
        [6, 28, 6, 12, 10, 12, 60, 80],
      )
      const stateZh: Record<string, string> = {
        done: "已完成",
        allowed: "可办理",
        blocked: "不可办理",
        due: "待办",
        overdue: "已逾期",
        "not-applicable": "不适用",
      }
      for (const s of view.steps) {
        const recs = rows.filter((r) => r.step === s.step)
        const verdicts = s.verdicts
          .filter((v) => v.status !== "ok")
          .map((v) => verdictLine(v, "zh-CN"))
          .join("\n")
        if (recs.length === 0) {
          steps.addRow([
            s.number ?? "",
            s.name,
            s.stage,
            "",
            stateZh[s.state] ?? s.state,
            s.dueBy ?? "",
            "",
            verdicts,
          ])
          continue
        }
        for (const r of recs)
          steps.addRow([
            s.number ?? "",
            s.name,
            s.stage,
            r.onDate.toString(),
            stateZh[s.state] ?? s.state,
            s.dueBy ?? "",
            summary(r.evidence),
            verdicts,
          ])
      }
      steps.getColumn(8).alignment = { wrapText: true, vertical: "top" }
      await audit(tx, deps, actor, {
        action: "development.export",
        objectType: "member",
        objectId: person.id,
        result: "ok",
        details: { format: "xlsx", kind: "person" },
      })
      return { wb, name: person.name }
    })
    return (await xlsxResponse(
      wb,
      `${name}-发展党员纪实表.xlsx`,
      `development-${params.memberId}.xlsx`,
    )) as never
  },
})

export const compositionExport = route({
  method: "get",
  path: "/api/development/composition.xlsx",
  summary: "The year's composition analysis and dormant organizations as .xlsx",
  tag: "development",
  auth: "user",
  query: YearQuery,
  response: XlsxFile,
  handler: async ({ actor, query, deps }) => {
    const wb = await deps.db.transaction(async (tx) => {
      const a = await analyse(tx, actor, query.year, query.orgId, todayOf(deps))
      const v = compositionView(query.year, a, "zh-CN")
      const wb = new ExcelJS.Workbook()
      wb.creator = "Xianfeng"
      wb.created = deps.now()
      const dims: [string, string, keyof typeof a.analysis.by | "stage"][] = [
        ["按阶段", "阶段", "stage"],
        ["按职业群体", "职业群体", "occupation"],
        ["按年龄段", "年龄段", "ageBand"],
        ["按学历", "学历", "education"],
        ["按性别", "性别", "gender"],
        ["按民族", "民族", "ethnicity"],
        ["按党组织", "党组织", "organization"],
      ]
      const labelled = {
        occupation: v.byOccupation,
        ageBand: v.byAgeBand,
        education: v.byEducation,
        gender: v.bySex,
        ethnicity: v.byEthnicity,
        organization: v.byOrganization,
      } as const
      for (const [sheet, col, dim] of dims) {
        const ws = wb.addWorksheet(sheet)
        if (dim === "stage") {
          header(ws, [col, "人数"], [20, 10])
          for (const r of v.byStage) ws.addRow([r.label, r.count])
          continue
        }
        header(ws, [col, "入党申请人", "入党积极分子", "发展对象", "合计"], [30, 12, 12, 12, 10])
        for (const r of a.analysis.by[dim]) {
          const label = labelled[dim].find((x) => x.key === r.key)?.label ?? r.key
          ws.addRow([label, r.applicants, r.activists, r.developmentObjects, r.total])
        }
        const t = a.analysis.total
        ws.addRow(["合计", t.applicants, t.activists, t.developmentObjects, t.total]).font = { bold: true }
      }
      const dormant = wb.addWorksheet("长期未发展党员的党组织")
      header(dormant, ["党组织", "组织编号", "最近一次接收预备党员"], [36, 14, 22])
      for (const d of v.dormant) dormant.addRow([d.orgName, d.orgId, d.lastAdmission ?? "无记录"])
      await audit(tx, deps, actor, {
        action: "development.export",
        objectType: "org",
        objectId: query.orgId ?? actor.orgId,
        result: "ok",
        details: { format: "xlsx", kind: "composition", year: query.year },
      })
      return wb
    })
    return (await xlsxResponse(
      wb,
      `${query.year}年发展党员队伍结构分析.xlsx`,
      `composition-${query.year}.xlsx`,
    )) as never
  },
})
