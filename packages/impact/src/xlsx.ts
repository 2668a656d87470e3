import ExcelJS from "exceljs"
import type { ImpactReport } from "./engine.js"
import { changeKindLabels } from "./markdown.js"

/**
 * The report as an .xlsx workbook (bytes): a 汇总 Summary sheet (rule, kind, verdicts, people) and a 样例
 * Sample sheet (masked names and ID numbers, the verdict before and after).
 */
export const impactWorkbook = async (r: ImpactReport): Promise<Uint8Array> => {
  const wb = new ExcelJS.Workbook()
  const summary = wb.addWorksheet("汇总 Summary")
  summary.addRow(["领域 Area", r.area])
  summary.addRow(["之前 Before", r.before])
  summary.addRow(["之后 After", r.after])
  summary.addRow(["判断日 As of", r.asOf])
  summary.addRow(["判断人数 People judged", r.people])
  summary.addRow(["受影响人数 People affected", r.affectedPeople])
  summary.addRow(["变化结论数 Changed verdicts", r.changedVerdicts])
  summary.addRow([])
  summary.addRow(["规则 Rule", "变化 Change", "结论数 Verdicts", "人数 People"]).font = { bold: true }
  for (const g of r.groups)
    summary.addRow([
      g.rule,
      `${changeKindLabels[g.kind]["zh-CN"]} ${changeKindLabels[g.kind].en}`,
      g.verdicts,
      g.people,
    ])
  summary.getColumn(1).width = 30
  summary.getColumn(2).width = 30
  const sample = wb.addWorksheet("样例 Sample")
  sample.addRow([
    "规则 Rule",
    "变化 Change",
    "姓名 Name",
    "身份证号 ID number",
    "组织 Org",
    "步骤 Step",
    "之前 Before",
    "之后 After",
  ]).font = {
    bold: true,
  }
  for (const g of r.groups)
    for (const s of g.sample)
      sample.addRow([
        g.rule,
        changeKindLabels[g.kind]["zh-CN"],
        s.name,
        s.idNumber,
        s.org,
        s.slot,
        s.before ?? "",
        s.after ?? "",
      ])
  const buffer = await wb.xlsx.writeBuffer()
  return new Uint8Array(buffer as ArrayBuffer)
}
