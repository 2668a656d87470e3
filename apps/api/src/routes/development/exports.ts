import { maskIdNumber } from "@xianfeng/core"
import { developmentPipelineOf, educationCodes, ethnicityCodes, pipelineStages } from "@xianfeng/db"
import ExcelJS from "exceljs"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { fileResponse, XLSX_MEDIA_TYPE } from "../../http/file-response.js"
import { route } from "../../http/route.js"
import { DATE_FORMAT, excelDate, xlsxHeader as header, labelOf, xlsxResponse } from "../../http/xlsx.js"
import { analyse, compositionView, stageLabels } from "./composition.js"
import { PersonParams, PipelineQuery, type Timeline, YearQuery } from "./contract.js"
import { ledgerFieldLabels, ledgerValueLabels } from "./ledger-glossary.js"
import { verdictLine } from "./render.js"
import { loadTimeline } from "./timeline.js"

const XLSX = XLSX_MEDIA_TYPE
const XlsxFile = fileResponse(XLSX, "An .xlsx workbook (Content-Disposition: attachment)")

const valueText = (v: unknown): string => {
  if (v === true) return "是"
  if (v === false) return "否"
  if (v === null || v === undefined) return ""
  if (typeof v === "string") return ledgerValueLabels[v] ?? v
  if (Array.isArray(v)) return v.map(valueText).join("、")
  if (typeof v === "object") {
    // A member or organization reference prints as its name (or path), never as its internal id.
    const o = v as Record<string, unknown>
    const named = o.name ?? o.path
    if (typeof named === "string") return named
    return Object.entries(o)
      .map(([k, x]) => `${ledgerFieldLabels[k] ?? k}${valueText(x)}`)
      .join("，")
  }
  return String(v)
}

/**
 * Evidence in the ledger's words, one line: `接收申请的党组织：第一党支部；承认党的纲领和章程：是`. Field names
 * and coded values go through the ledger glossary; references print their names.
 */
export const evidenceSummary = (e: Readonly<Record<string, unknown>>): string =>
  Object.entries(e)
    .filter(([, v]) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${ledgerFieldLabels[k] ?? k}：${valueText(v)}`)
    .join("；")

/** The five stages of the 25-step chart, as a ledger names them. */
const stageNames: Readonly<Record<number, string>> = {
  1: "申请入党",
  2: "入党积极分子的确定和培养教育",
  3: "发展对象的确定和考察",
  4: "预备党员的接收",
  5: "预备党员的教育考察和转正",
}

/** A step's name without the note on an older edition ("（2014年：备案）"): the record's date decides that. */
const ledgerStepName = (name: string): string => name.replace(/（\d{4}年[:：][^）]*）/g, "")

type TimelineStep = Timeline["steps"][number]

/**
 * The steps in the order of the procedure: the chart's order, a district's own step right after the step it
 * follows (policy `extraSteps[].after`), outcome records where they occur.
 */
const procedureOrder = (
  ordered: readonly TimelineStep[],
  extras: readonly { readonly id: string; readonly after: string }[],
): TimelineStep[] => {
  const after = new Map(extras.map((x) => [x.id, x.after]))
  const own = ordered.filter((s) => !after.has(s.step))
  const out: TimelineStep[] = []
  for (const s of own) {
    out.push(s)
    for (const x of ordered) if (after.get(x.step) === s.step) out.push(x)
  }
  for (const x of ordered) if (!out.includes(x)) out.push(x)
  return out
}

export const personExport = route({
  method: "get",
  path: "/api/development/people/:memberId/export.xlsx",
  summary:
    "A person's development record (发展党员纪实表) as .xlsx: identity (ID number masked), every step in the order of the procedure",
  description:
    "Dates are Excel date cells; evidence is summarised with the ledger's labels; a recorded step reads 已完成 " +
    "(已完成（逾期） when a deadline was missed); steps not yet reachable are listed without notes about them. Optional " +
    "steps appear only when recorded or due.",
  tag: "development",
  auth: "user",
  params: PersonParams,
  response: XlsxFile,
  handler: async ({ actor, params, deps }) => {
    const today = todayOf(deps)
    const { wb, name } = await deps.db.transaction(async (tx) => {
      const { person, view, policy } = await loadTimeline(tx, actor, params.memberId, today, "zh-CN")
      const wb = new ExcelJS.Workbook()
      wb.creator = "Xianfeng"
      wb.created = deps.now()
      const info = wb.addWorksheet("基本信息")
      header(info, ["项目", "内容"], [28, 40])
      const d = view.derived
      const identity: [string, string | Date][] = [
        ["姓名", person.name],
        ["性别", person.sex === "female" ? "女" : "男"],
        ["公民身份号码", maskIdNumber(person.idNumberMasked ?? "")],
        ["出生日期", excelDate(person.birthDate.toString())],
        ["民族", labelOf(ethnicityCodes, person.ethnicity)],
        ["学历", labelOf(educationCodes, person.education)],
        ["所在党支部", person.orgName],
        ["人员类别", stageLabels[person.stage]?.["zh-CN"] ?? person.stage],
        ["申请入党日期", excelDate(d.appliedOn)],
        ["确定入党积极分子日期", excelDate(d.activistSince)],
        ["确定发展对象日期", excelDate(d.developmentObjectSince)],
        ["加入党组织日期（支部大会）", excelDate(d.admittedOn)],
        ["预备期满日期", excelDate(d.probationEnd)],
        ["转为正式党员日期（党龄起算）", excelDate(d.fullMemberSince)],
        ["导出日期", excelDate(today.toString())],
      ]
      for (const row of identity) info.addRow(row)
      info.getColumn(2).numFmt = DATE_FORMAT
      info.getColumn(2).alignment = { horizontal: "left" }
      const steps = wb.addWorksheet("发展步骤")
      header(
        steps,
        ["序号", "步骤", "阶段", "办理日期", "状态", "应完成日期", "材料摘要", "备注"],
        [6, 26, 26, 12, 10, 12, 60, 60],
      )
      const stateZh: Record<string, string> = {
        done: "已完成",
        allowed: "可办理",
        blocked: "未到办理条件",
        due: "待办",
        overdue: "已逾期",
        "not-applicable": "不适用",
      }
      const notesOf = (s: TimelineStep, done: boolean): string =>
        s.verdicts
          // What concerns the step as it stands: lateness and other warnings, an overdue step. Preconditions
          // of steps not yet reachable ("须先完成…") are the procedure, not an opinion on this person.
          .filter((v) => v.status === "warning" || (!done && v.status === "overdue"))
          .map((v) => verdictLine(v, "zh-CN"))
          .join("\n")
      for (const s of procedureOrder(view.steps, policy.extraSteps)) {
        const stepName = ledgerStepName(s.name)
        const stage = stageNames[s.stage] ?? String(s.stage)
        if (s.records.length === 0) {
          if (s.optional && s.state !== "due" && s.state !== "overdue") continue
          steps.addRow([
            s.number ?? "",
            stepName,
            stage,
            "",
            stateZh[s.state] ?? s.state,
            excelDate(s.dueBy),
            "",
            notesOf(s, false),
          ])
          continue
        }
        const notes = notesOf(s, true)
        for (const r of s.records)
          steps.addRow([
            s.number ?? "",
            stepName,
            stage,
            excelDate(r.onDate),
            s.verdicts.some((v) => v.code.endsWith(".late")) ? "已完成（逾期）" : "已完成",
            "",
            evidenceSummary(r.evidence),
            notes,
          ])
      }
      for (const c of [4, 6]) {
        steps.getColumn(c).numFmt = DATE_FORMAT
        steps.getColumn(c).alignment = { horizontal: "left", vertical: "top" }
      }
      for (const c of [7, 8]) steps.getColumn(c).alignment = { wrapText: true, vertical: "top" }
      await audit(tx, deps, actor, {
        action: "development.export",
        objectType: "member",
        objectId: person.id,
        result: "ok",
        details: { format: "xlsx", kind: "person" },
      })
      return { wb, name: person.name }
    })
    return await xlsxResponse(wb, `${name}-发展党员纪实表.xlsx`, `development-${params.memberId}.xlsx`)
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
    return await xlsxResponse(
      wb,
      `${query.year}年发展党员队伍结构分析.xlsx`,
      `composition-${query.year}.xlsx`,
    )
  },
})

export const pipelineExport = route({
  method: "get",
  path: "/api/development/pipeline.xlsx",
  summary:
    "The development board as .xlsx: everyone in the pipeline stages of a subtree, not only the board's 50",
  description:
    "One sheet per stage (入党申请人, 入党积极分子, 发展对象, 预备党员): 序号, 姓名, 所在党组织, the date the person " +
    "entered the stage (an Excel date cell), longest in the stage first.",
  tag: "development",
  auth: "user",
  query: PipelineQuery,
  response: XlsxFile,
  handler: async ({ actor, query, deps }) => {
    const wb = await deps.db.transaction(async (tx) => {
      const { people } = await developmentPipelineOf(tx, actor, query.orgId)
      const wb = new ExcelJS.Workbook()
      wb.creator = "Xianfeng"
      wb.created = deps.now()
      for (const stage of pipelineStages) {
        const ws = wb.addWorksheet(stageLabels[stage]?.["zh-CN"] ?? stage)
        header(ws, ["序号", "姓名", "所在党组织", "进入本阶段日期"], [6, 12, 40, 16])
        const since = (p: (typeof people)[number]) =>
          (stage === "applicant"
            ? p.appliedOn
            : stage === "activist"
              ? p.activistOn
              : stage === "development-object"
                ? p.developmentObjectOn
                : p.admittedOn
          )?.toString() ?? null
        const rows = people
          .filter((p) => p.stage === stage)
          .map((p) => ({ name: p.name, org: p.orgName, since: since(p), id: p.id }))
          .sort((a, b) => (a.since ?? "9999").localeCompare(b.since ?? "9999") || a.id.localeCompare(b.id))
        rows.forEach((r, i) => {
          ws.addRow([i + 1, r.name, r.org, excelDate(r.since)])
        })
        ws.getColumn(4).numFmt = DATE_FORMAT
        ws.getColumn(4).alignment = { horizontal: "left" }
      }
      await audit(tx, deps, actor, {
        action: "development.export",
        objectType: "org",
        objectId: query.orgId ?? actor.orgId,
        result: "ok",
        details: { format: "xlsx", kind: "pipeline", people: people.length },
      })
      return wb
    })
    return (await xlsxResponse(wb, "发展党员队伍名单.xlsx", "development-pipeline.xlsx")) as never
  },
})
