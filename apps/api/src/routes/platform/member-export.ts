import { maskIdNumber } from "@xianfeng/core"
import { educationCodes, ethnicityCodes, membersForExport, withinOf } from "@xianfeng/db"
import ExcelJS from "exceljs"
import { audit } from "../../audit.js"
import { fileResponse, XLSX_MEDIA_TYPE } from "../../http/file-response.js"
import { problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { DATE_FORMAT, excelDate, labelOf, xlsxHeader, xlsxResponse } from "../../http/xlsx.js"
import { MemberQuery } from "./contract.js"
import { maskPhone } from "./views.js"

/** The most rows one export holds; a filter that finds more is refused, to be narrowed (no cut list). */
export const MEMBER_EXPORT_MAX_ROWS = 50_000

const stageZh: Readonly<Record<string, string>> = {
  applicant: "入党申请人",
  activist: "入党积极分子",
  "development-object": "发展对象",
  probationary: "预备党员",
  full: "正式党员",
}

const ExportQuery = MemberQuery.mapFields(({ page: _p, pageSize: _s, ...rest }) => rest)

/**
 * 党员名册: the member list as .xlsx, with the list's filter (organization subtree, stage, search), every row the
 * filter finds (not a page), ID numbers and phones masked, dates as date cells, labels in Chinese.
 * Audited (`member.export`, with the filter and the row count).
 */
export const exportMembers = route({
  method: "get",
  path: "/api/members/export.xlsx",
  summary: "The member list with its filter as .xlsx (党员名册): every row, ID numbers and phones masked",
  description:
    `The filter of GET /api/members (orgId, stage, q) without pages. At most ${MEMBER_EXPORT_MAX_ROWS} rows: a ` +
    "filter that finds more is refused (400, naming orgId) so that no list is silently cut. Columns: 序号, 姓名, " +
    "性别, 出生日期, 民族, 学历, 公民身份号码 (masked), 人员类别, 所在党组织, 入党日期, 转正日期, 联系电话 (masked).",
  tag: "members",
  auth: "user",
  query: ExportQuery,
  response: fileResponse(XLSX_MEDIA_TYPE, "An .xlsx workbook (Content-Disposition: attachment)"),
  handler: async ({ actor, query, deps }) => {
    const within = await withinOf(deps.db, actor, query.orgId)
    const wb = await deps.db.transaction(async (tx) => {
      const { rows, total } = await membersForExport(
        tx,
        actor,
        { within, ...(query.stage ? { stage: query.stage } : {}), ...(query.q ? { q: query.q } : {}) },
        MEMBER_EXPORT_MAX_ROWS,
      )
      if (total > MEMBER_EXPORT_MAX_ROWS) {
        throw problems.badRequest(
          `筛选结果有 ${total} 人，超过一次导出的上限 ${MEMBER_EXPORT_MAX_ROWS} 人：请选择下级组织或阶段后再导出。`,
          `The filter finds ${total} people, more than one export holds (${MEMBER_EXPORT_MAX_ROWS}): choose a lower organization or a stage.`,
          [
            {
              field: "orgId",
              reason: "too-many",
              message: { "zh-CN": "导出人数超过上限", en: "too many people for one export" },
            },
          ],
        )
      }
      const wb = new ExcelJS.Workbook()
      wb.creator = "Xianfeng"
      wb.created = deps.now()
      const ws = wb.addWorksheet("党员名册")
      xlsxHeader(
        ws,
        [
          "序号",
          "姓名",
          "性别",
          "出生日期",
          "民族",
          "学历",
          "公民身份号码",
          "人员类别",
          "所在党组织",
          "入党日期",
          "转正日期",
          "联系电话",
        ],
        [6, 10, 6, 12, 8, 14, 22, 12, 36, 12, 12, 14],
      )
      rows.forEach((m, i) => {
        ws.addRow([
          i + 1,
          m.name,
          m.sex === "female" ? "女" : "男",
          excelDate(m.birthDate.toString()),
          labelOf(ethnicityCodes, m.ethnicity),
          labelOf(educationCodes, m.education),
          // A stored mask is re-masked: nothing unmasked leaves through an export, whatever the column holds.
          maskIdNumber(m.idNumberMasked ?? ""),
          stageZh[m.stage] ?? m.stage,
          m.orgName,
          excelDate(m.admittedOn?.toString()),
          excelDate(m.fullMemberOn?.toString()),
          maskPhone(m.phone) ?? "",
        ])
      })
      for (const c of [4, 10, 11]) {
        ws.getColumn(c).numFmt = DATE_FORMAT
        ws.getColumn(c).alignment = { horizontal: "left" }
      }
      await audit(tx, deps, actor, {
        action: "member.export",
        objectType: "org",
        objectId: query.orgId ?? actor.orgId,
        result: "ok",
        details: {
          format: "xlsx",
          rows: rows.length,
          ...(query.stage ? { stage: query.stage } : {}),
          ...(query.q ? { searched: true } : {}),
        },
      })
      return wb
    })
    return (await xlsxResponse(wb, "党员名册.xlsx", "members.xlsx")) as never
  },
})
