/**
 * The area's ledgers as .xlsx, in the layouts of ledger-formats.md: the 三会一课 ledger of a branch and year
 * (§0, §1; with the year's obligations and the heart-to-heart talks, §1.8), a committee's quarterly inspection
 * summary (§4 check record, §7) and the rectification list (§4 整改台账). Labels are Chinese, dates are Excel date
 * cells, and no internal key (ids, codes) is printed.
 */
import { formatCitation, type PlainDate, Temporal } from "@xianfeng/core"
import {
  type DisciplineOrder,
  type FindingRow,
  findingsInScope,
  loadAreaPolicy,
  meetingsOfOrg,
  memberNamesInScope,
  ordersInScope,
  orgNamesInScope,
  orgShapeFacts,
  talksOfOrg,
} from "@xianfeng/db"
import {
  absenceKindNames,
  addCounts,
  complianceOf,
  disciplinePolicy,
  type ObligationId,
  type ObligationStatus,
  type OrgShape,
  obligationTitles,
  periodContaining,
  type Sitting,
  type SittingType,
  sittingOf,
  type TalkPair,
  talkOf,
} from "@xianfeng/inspection-scheduling"
import ExcelJS from "exceljs"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { fileResponse, XLSX_MEDIA_TYPE } from "../../http/file-response.js"
import { route } from "../../http/route.js"
import { yearComplianceOf } from "./compliance-index.js"
import { InspectionSummaryQuery, LedgerQuery, OrderQuery } from "./contract.js"
import { disciplinePermissions } from "./permissions.js"

const XlsxFile = fileResponse(XLSX_MEDIA_TYPE, "An .xlsx workbook (Content-Disposition: attachment)")
const DATE = "yyyy-mm-dd"

/** attachment; an ASCII fallback name, and the real (Chinese) one per RFC 5987/6266. */
const disposition = (name: string, ascii: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`

const respond = async (wb: ExcelJS.Workbook, name: string, ascii: string) =>
  new Response(new Uint8Array(await wb.xlsx.writeBuffer()), {
    headers: {
      "content-type": XLSX_MEDIA_TYPE,
      "content-disposition": disposition(name, ascii),
      "cache-control": "no-store",
    },
  })

/** A civil date as an Excel date cell (midnight UTC, which exceljs writes as the day's serial); none: empty. */
const dateCell = (d: PlainDate | string | null | undefined): Date | string => {
  if (d === null || d === undefined || d === "") return ""
  const p = typeof d === "string" ? Temporal.PlainDate.from(d) : d
  return new Date(Date.UTC(p.year, p.month - 1, p.day))
}

/** A sheet with its header row (bold, frozen) and the columns that hold dates formatted as dates. */
const sheet = (
  wb: ExcelJS.Workbook,
  name: string,
  columns: readonly (readonly [title: string, width: number, kind?: "date" | "percent"])[],
) => {
  const ws = wb.addWorksheet(name)
  ws.columns = columns.map(([header, width, kind]) => ({
    header,
    width,
    ...(kind === "date"
      ? { style: { numFmt: DATE } }
      : kind === "percent"
        ? { style: { numFmt: "0.0%" } }
        : {}),
  }))
  ws.getRow(1).font = { bold: true }
  ws.views = [{ state: "frozen", ySplit: 1 }]
  return ws
}

const workbook = (now: Date) => {
  const wb = new ExcelJS.Workbook()
  wb.creator = "Xianfeng"
  wb.created = now
  return wb
}

const statusLabels: Readonly<Record<ObligationStatus, string>> = {
  met: "已落实",
  upcoming: "未到期",
  due: "待落实",
  overdue: "逾期未落实",
  missed: "未落实",
}

const severityLabels: Readonly<Record<string, string>> = { minor: "一般", serious: "较重", critical: "严重" }

const pairLabels: Readonly<Record<TalkPair, string>> = {
  "committee-committee": "支委之间",
  "committee-member": "支委与党员",
  "member-member": "党员之间",
}

const quarterNames = ["", "一", "二", "三", "四"]

/** `2026-Q3` → 2026年第三季度, `2026-07` → 2026年7月, `2026` → 2026年. */
export const periodLabel = (key: string): string => {
  const q = /^(\d{4})-Q([1-4])$/u.exec(key)
  if (q) return `${q[1]}年第${quarterNames[Number(q[2])]}季度`
  const m = /^(\d{4})-(\d{2})$/u.exec(key)
  if (m) return `${m[1]}年${Number(m[2])}月`
  return /^\d{4}$/u.test(key) ? `${key}年` : key
}

const titleOf = (o: string) => obligationTitles[o as ObligationId]?.["zh-CN"] ?? o

/** A committee is elected at 7 or more full members (BR); party groups are not recorded yet. */
const shapeOf = (o: { kind: string; fullMembers: number }): OrgShape => ({
  kind: o.kind as OrgShape["kind"],
  hasCommittee: o.fullMembers >= 7,
  hasGroups: false,
})

const yearSpan = (year: number) => ({
  from: Temporal.PlainDate.from({ year, month: 1, day: 1 }),
  to: Temporal.PlainDate.from({ year, month: 12, day: 31 }),
})

export const ledgerExport = route({
  method: "get",
  path: "/api/discipline/ledger.xlsx",
  summary:
    "A branch's 三会一课 ledger for a year as .xlsx: every sitting with the common header (ledger-formats §0, §1), the year's obligations and their state, and the heart-to-heart talks",
  description:
    "Sheets 三会一课台账, 落实情况 and 谈心谈话; dates are Excel date cells; absentees and talkers by name (the read is audited).",
  tag: "discipline",
  auth: "user",
  query: LedgerQuery,
  response: XlsxFile,
  handler: async ({ actor, query, deps }) => {
    const asOf = todayOf(deps)
    const year = query.year ?? asOf.year
    const { from, to } = yearSpan(year)
    const { wb, orgName } = await deps.db.transaction(async (tx) => {
      const facts = await orgShapeFacts(tx, actor, query.orgId)
      const meetings = await meetingsOfOrg(tx, actor, query.orgId, from, to)
      const talks = await talksOfOrg(tx, actor, query.orgId, from, to)
      const names = await memberNamesInScope(tx, actor, [
        ...meetings.flatMap((m) => m.attendance.filter((a) => !a.present).map((a) => a.memberId)),
        ...talks.flatMap((t) => [t.firstMemberId, t.secondMemberId]),
      ])
      const { policy } = await loadAreaPolicy(tx, actor.orgPath, disciplinePolicy)
      const sittings: Sitting[] = [
        ...meetings.map((m) => sittingOf(m.id, { date: m.onDate, types: m.types as readonly SittingType[] })),
        ...talks.map((t) => talkOf(t.id, t.onDate, t.pair as TalkPair)),
      ]
      const periods = complianceOf({ org: shapeOf(facts), sittings, from, to, asOf, policy })
      await audit(tx, deps, actor, {
        action: "discipline.ledger.export",
        objectType: "org",
        objectId: query.orgId,
        result: "ok",
        details: { year, meetings: meetings.length, talks: talks.length },
      })
      const wb = workbook(deps.now())
      const ledger = sheet(wb, "三会一课台账", [
        ["序号", 6],
        ["会议类型", 24],
        ["日期", 12, "date"],
        ["开始时间", 9],
        ["结束时间", 9],
        ["地点", 16],
        ["主持人", 10],
        ["记录人", 10],
        ["应到人数", 9],
        ["其中正式党员", 12],
        ["实到人数", 9],
        ["其中正式党员（实到）", 16],
        ["缺席人员及原因", 24],
        ["列席人员", 16],
        ["第一议题", 28],
        ["学习形式", 12],
        ["议程", 28],
        ["决议（责任人、时限）", 32],
        ["表决情况", 32],
      ])
      for (const [i, m] of meetings.entries()) {
        ledger.addRow([
          i + 1,
          m.types.map(titleOf).join("、"),
          dateCell(m.onDate),
          m.startTime,
          m.endTime,
          m.place,
          m.chair,
          m.recorder,
          m.expectedFull + m.expectedProbationary,
          m.expectedFull,
          m.presentFull + m.presentProbationary,
          m.presentFull,
          m.attendance
            .filter((a) => !a.present)
            .map((a) => {
              // 缺席人员及原因: the kind of leave (事假, 病假, 公假, 其他) and the note, as the ledger records them.
              const why = [a.reasonKind ? absenceKindNames[a.reasonKind].zh : "", a.reason].filter((x) => x)
              return `${names.get(a.memberId) ?? "（非本组织人员）"}（${why.join("：") || "未说明"}）`
            })
            .join("；"),
          m.observers.join("、"),
          m.firstItem?.topic ?? "",
          m.firstItem?.form ?? "",
          m.agenda.join("；"),
          m.resolutions.map((r) => `${r.text}（责任人：${r.owner}，时限：${r.deadline}）`).join("；"),
          m.votes
            .map(
              (v) =>
                `${v.subject}：赞成${v.yesVotes}、反对${v.noVotes}、弃权${v.abstentions}（应到${v.expectedVoters}、实到${v.presentVoters}）`,
            )
            .join("；"),
        ])
      }
      const status = sheet(wb, "落实情况", [
        ["事项", 24],
        ["期间", 16],
        ["应于", 12, "date"],
        ["状态", 12],
        ["依据", 48],
      ])
      for (const p of periods) {
        status.addRow([
          titleOf(p.obligation),
          periodLabel(p.period.key),
          dateCell(p.dueBy),
          statusLabels[p.status],
          p.verdict.citations.map((c) => formatCitation(c, "zh-CN")).join("；"),
        ])
      }
      const talkSheet = sheet(wb, "谈心谈话", [
        ["序号", 6],
        ["日期", 12, "date"],
        ["谈话类型", 12],
        ["谈话人", 12],
        ["谈话对象", 12],
        ["主题", 32],
      ])
      for (const [i, t] of talks.entries()) {
        talkSheet.addRow([
          i + 1,
          dateCell(t.onDate),
          pairLabels[t.pair as TalkPair] ?? "",
          names.get(t.firstMemberId) ?? "",
          names.get(t.secondMemberId) ?? "",
          t.topic,
        ])
      }
      return { wb, orgName: facts.name }
    })
    return respond(wb, `${orgName}${year}年三会一课台账.xlsx`, `ledger-${year}.xlsx`)
  },
})

export const inspectionSummaryExport = route({
  method: "get",
  path: "/api/discipline/inspections.xlsx",
  summary:
    "A committee's quarterly inspection summary as .xlsx: each branch under it with its obligations met, overdue and missed in the quarter, findings and orders (ledger-formats §4, §7), and the findings themselves",
  tag: "discipline",
  auth: "user",
  roles: disciplinePermissions.inspect,
  query: InspectionSummaryQuery,
  response: XlsxFile,
  handler: async ({ actor, query, deps }) => {
    const asOf = todayOf(deps)
    const [y, q] = query.quarter.split("-Q").map(Number)
    const quarter = periodContaining(
      "quarter",
      Temporal.PlainDate.from({ year: y ?? 2000, month: ((q ?? 1) - 1) * 3 + 1, day: 1 }),
    )
    const { wb, name } = await deps.db.transaction(async (tx) => {
      // Each branch's quarter from the stored monthly compliance index (its three months summed).
      const orgs = await yearComplianceOf(tx, actor, query.orgId, quarter.start.year, asOf)
      const findings = (await findingsInScope(tx, actor, query.orgId)).filter(
        (f) =>
          Temporal.PlainDate.compare(f.foundOn, quarter.start) >= 0 &&
          Temporal.PlainDate.compare(f.foundOn, quarter.end) <= 0,
      )
      const orders = await ordersInScope(tx, actor, query.orgId)
      const nameOf = new Map(orgs.map((o) => [o.id, o.name]))
      const root = orgs[0]
      await audit(tx, deps, actor, {
        action: "discipline.inspections.export",
        objectType: "org",
        objectId: root?.id ?? actor.orgId,
        result: "ok",
        details: { quarter: query.quarter, findings: findings.length },
      })
      const wb = workbook(deps.now())
      const summary = sheet(wb, "季度检查汇总", [
        ["序号", 6],
        ["被检查党支部", 28],
        ["所属党组织", 24],
        ["检查期间", 16],
        ["应落实事项", 12],
        ["已落实", 9],
        ["逾期未落实", 12],
        ["未落实", 9],
        ["落实率", 9, "percent"],
        ["发现问题", 10],
        ["整改通知", 10],
        ["已销号", 9],
      ])
      const branches = orgs.filter((o) => o.kind === "branch")
      for (const [i, b] of branches.entries()) {
        const first = quarter.start.month - 1
        const c = addCounts(...b.months.slice(first, first + 3))
        const decided = c.met + c.overdue + c.missed
        const issued = orders.filter((o) => o.orgId === b.id && findings.some((f) => f.id === o.findingId))
        summary.addRow([
          i + 1,
          b.name,
          b.parentId ? (nameOf.get(b.parentId) ?? "") : "",
          periodLabel(quarter.key),
          decided,
          c.met,
          c.overdue,
          c.missed,
          decided === 0 ? "" : c.met / decided,
          findings.filter((f) => f.orgId === b.id).length,
          issued.length,
          issued.filter((o) => o.state === "closed").length,
        ])
      }
      const found = sheet(wb, "检查发现问题", [
        ["序号", 6],
        ["检查单位", 24],
        ["被检查党支部", 28],
        ["检查方式", 10],
        ["检查内容", 20],
        ["期间", 16],
        ["发现问题", 36],
        ["严重程度", 9],
        ["检查日期", 12, "date"],
        ["整改时限", 12, "date"],
      ])
      for (const [i, f] of findings.entries()) {
        const order = orders.find((o) => o.findingId === f.id)
        found.addRow([
          i + 1,
          root?.name ?? "",
          f.orgName,
          f.drawId ? "随机抽查" : "督查",
          titleOf(f.obligation),
          periodLabel(f.period),
          f.evidence,
          severityLabels[f.severity] ?? "",
          dateCell(f.foundOn),
          dateCell(order?.deadline),
        ])
      }
      return { wb, name: root?.name ?? "" }
    })
    return respond(
      wb,
      `${name}${periodLabel(query.quarter)}组织生活检查汇总.xlsx`,
      `inspections-${query.quarter}.xlsx`,
    )
  },
})

const progressOf = (o: DisciplineOrder): string =>
  o.state === "closed" ? "已完成" : o.evidence.length === 0 ? "未启动" : "推进中"

export const rectificationExport = route({
  method: "get",
  path: "/api/discipline/rectification.xlsx",
  summary:
    "The rectification list (整改台账, ledger-formats §4) of the caller's subtree (or one organization in it) as .xlsx: each order with its source, owner, deadline, progress, evidence, verifier and closing date",
  tag: "discipline",
  auth: "user",
  query: OrderQuery,
  response: XlsxFile,
  handler: async ({ actor, query, deps }) => {
    const asOf = todayOf(deps)
    const wb = await deps.db.transaction(async (tx) => {
      const orders = await ordersInScope(tx, actor, query.orgId)
      const findings = new Map<string, FindingRow>(
        (await findingsInScope(tx, actor, query.orgId)).map((f) => [f.id, f]),
      )
      const names = await orgNamesInScope(tx, actor, [
        ...orders.map((o) => o.orgId),
        ...orders.flatMap((o) => o.escalations.map((e) => e.to)),
      ])
      await audit(tx, deps, actor, {
        action: "discipline.rectification.export",
        objectType: "org",
        objectId: query.orgId ?? actor.orgId,
        result: "ok",
        details: { orders: orders.length },
      })
      const wb = workbook(deps.now())
      const ws = sheet(wb, "整改台账", [
        ["序号", 6],
        ["问题来源", 10],
        ["责任党组织", 28],
        ["问题描述", 36],
        ["类别", 16],
        ["严重程度", 9],
        ["责任人", 10],
        ["下发日期", 12, "date"],
        ["整改时限", 12, "date"],
        ["进展", 9],
        ["是否逾期", 9],
        ["完成情况与佐证材料", 36],
        ["销号申请时间", 12, "date"],
        ["复核/验收人", 12],
        ["销号日期", 12, "date"],
        ["督办单位", 24],
      ])
      for (const [i, o] of orders.entries()) {
        const f = findings.get(o.findingId)
        const last = o.evidence.at(-1)
        const up = o.escalations.at(-1)
        ws.addRow([
          i + 1,
          f?.drawId ? "随机抽查" : "督查",
          names.get(o.orgId) ?? "",
          f?.evidence ?? "",
          f ? titleOf(f.obligation) : "",
          f ? (severityLabels[f.severity] ?? "") : "",
          o.owner,
          dateCell(o.issuedOn),
          dateCell(o.deadline),
          progressOf(o),
          o.state !== "closed" && Temporal.PlainDate.compare(asOf, o.deadline) > 0 ? "是" : "否",
          o.evidence.map((e) => `${e.on} ${e.by}：${e.text}`).join("；"),
          dateCell(last?.on),
          o.closedBy ?? "",
          dateCell(o.closedOn),
          up ? (names.get(up.to) ?? "上级党组织") : "",
        ])
      }
      return wb
    })
    return respond(wb, "整改台账.xlsx", "rectification.xlsx")
  },
})
