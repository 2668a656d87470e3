import { date, fieldError, type PlainDate, Temporal } from "@xianfeng/core"
import {
  creditedStudyOf,
  memberInScope,
  type StudyMemberRow,
  studyYearOf,
  writeExemptions,
  writeOnline,
} from "@xianfeng/db"
import {
  type CreditedEntry,
  cadrePosts,
  type EducationPolicy,
  needsAttention,
} from "@xianfeng/education-training"
import ExcelJS from "exceljs"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { fileResponse, XLSX_MEDIA_TYPE } from "../../http/file-response.js"
import { langOf } from "../../http/problem.js"
import { route } from "../../http/route.js"
import {
  ExemptionBody,
  MemberParams,
  OnlineBody,
  OrgYearQuery,
  StudyCard,
  StudyStatistics,
  YearQuery,
} from "./contract.js"
import { educationPermissions } from "./permissions.js"
import { contentDisposition, minutesFrom, tenthsOf, timeOf, unprocessable, verdictView } from "./shared.js"

const yearOf = (q: { year?: number }, today: PlainDate) => q.year ?? today.year

const minimumOf = (p: StudyMemberRow, policy: EducationPolicy) =>
  p.roles.some((r) => (cadrePosts as readonly string[]).includes(r.role))
    ? policy.cadreMinHours
    : policy.memberMinHours

export const memberStudyCard = route({
  method: "get",
  path: "/api/education/members/:id/study",
  summary:
    "A member's study-hours card (学时卡) for a year: hours by source, each line credited, the minimums judged",
  tag: "education",
  auth: "user",
  params: MemberParams,
  query: YearQuery,
  response: StudyCard,
  handler: async ({ actor, params, query, deps, c }) => {
    const lang = langOf(c)
    const today = todayOf(deps)
    const year = yearOf(query, today)
    const member = await memberInScope(deps.db, actor, params.id)
    const { policy, judged } = await studyYearOf(deps.db, actor, { memberId: params.id }, year, today)
    // The lines, each credited: one member's year is small enough to credit every entry (the full evaluation).
    const { credited, titles } = await creditedStudyOf(deps.db, actor, { memberId: params.id }, year, policy)
    const mine = judged[0]
    await audit(deps.db, deps, actor, {
      action: "education.study.read",
      objectType: "member",
      objectId: params.id,
      result: "ok",
      details: { year },
    })
    const lines = credited
      .filter((e: CreditedEntry) => e.memberId === params.id && e.on.year === year)
      .sort((a, b) => Temporal.PlainDate.compare(a.on, b.on) || (a.start ?? 0) - (b.start ?? 0))
    return {
      memberId: member.id,
      name: member.name,
      orgName: member.orgName,
      year,
      hours: (mine?.total?.tenths ?? 0) / 10,
      bySource: {
        class: (mine?.total?.bySource.class ?? 0) / 10,
        meeting: (mine?.total?.bySource.meeting ?? 0) / 10,
        online: (mine?.total?.bySource.online ?? 0) / 10,
      },
      minimum: mine === undefined ? policy.memberMinHours : minimumOf(mine.person, policy),
      exempt: mine?.person.exemption !== null && mine?.person.exemption !== undefined,
      verdicts: (mine?.verdicts ?? []).map((v) => verdictView(v, lang)),
      lines: lines.map((e) => ({
        date: e.on.toString(),
        source: e.source,
        title: titles.get(`${e.source}/${e.ref}`) ?? "",
        time: e.start === undefined || e.end === undefined ? "" : `${timeOf(e.start)}–${timeOf(e.end)}`,
        hours: e.tenths / 10,
        credited: e.credited / 10,
      })),
    }
  },
})

export const studyStatistics = route({
  method: "get",
  path: "/api/education/statistics",
  summary:
    "Study statistics of the caller's subtree (or one organization's) for a year: person-times and hours by month " +
    "and organization, how many meet the minimum, and who is below it (by organization and name, never ranked)",
  tag: "education",
  auth: "user",
  query: OrgYearQuery,
  response: StudyStatistics,
  handler: async ({ actor, query, deps, c }) => {
    const lang = langOf(c)
    const today = todayOf(deps)
    const year = yearOf(query, today)
    const { policy, judged, byMonth } = await studyYearOf(deps.db, actor, { orgId: query.orgId }, year, today)
    await audit(deps.db, deps, actor, {
      action: "education.statistics.read",
      objectType: "org",
      objectId: query.orgId ?? actor.orgId,
      result: "ok",
      details: { year },
    })
    const byOrg = new Map<
      string,
      {
        orgId: string
        orgName: string
        members: number
        meeting: number
        exempt: number
        personTimes: number
        tenths: number
      }
    >()
    for (const j of judged) {
      const o = byOrg.get(j.person.orgId) ?? {
        orgId: j.person.orgId,
        orgName: j.person.orgName,
        members: 0,
        meeting: 0,
        exempt: 0,
        personTimes: 0,
        tenths: 0,
      }
      o.members += 1
      if (j.person.exemption !== null) o.exempt += 1
      else if (!needsAttention(j.verdicts)) o.meeting += 1
      o.tenths += j.total?.tenths ?? 0
      o.personTimes += j.total?.classPersonTimes ?? 0
      byOrg.set(j.person.orgId, o)
    }
    const below = judged.filter((j) => needsAttention(j.verdicts))
    return {
      year,
      members: judged.length,
      meeting: judged.filter((j) => j.person.exemption === null && !needsAttention(j.verdicts)).length,
      exempt: judged.filter((j) => j.person.exemption !== null).length,
      personTimes: byMonth.reduce((n, m) => n + m.personTimes, 0),
      minimum: policy.memberMinHours,
      byMonth: byMonth.map((m) => ({ month: m.month, personTimes: m.personTimes, hours: m.tenths / 10 })),
      byOrg: [...byOrg.values()].map(({ tenths, ...o }) => ({ ...o, hours: tenths / 10 })),
      below: below.map((j) => {
        const pending = j.verdicts.filter((v) => v.status === "due" || v.status === "overdue")
        return {
          memberId: j.person.id,
          name: j.person.name,
          orgName: j.person.orgName,
          hours: (j.total?.tenths ?? 0) / 10,
          codes: pending.map((v) => v.code),
          messages: pending.map((v) => verdictView(v, lang).message),
        }
      }),
    }
  },
})

const XlsxFile = fileResponse(XLSX_MEDIA_TYPE, "An .xlsx workbook (Content-Disposition: attachment)")

export const studyLedgerXlsx = route({
  method: "get",
  path: "/api/education/study-ledger.xlsx",
  summary: "The annual study-hours ledger (党员年度学习学时登记台账), one sheet per branch, as .xlsx",
  tag: "education",
  auth: "user",
  query: OrgYearQuery,
  response: XlsxFile,
  handler: async ({ actor, query, deps }) => {
    const today = todayOf(deps)
    const year = yearOf(query, today)
    const { policy, judged } = await studyYearOf(deps.db, actor, { orgId: query.orgId }, year, today)
    await audit(deps.db, deps, actor, {
      action: "education.study-ledger.export",
      objectType: "org",
      objectId: query.orgId ?? actor.orgId,
      result: "ok",
      details: { year, members: judged.length },
    })
    const wb = new ExcelJS.Workbook()
    const byOrg = new Map<string, typeof judged>()
    for (const j of judged) byOrg.set(j.person.orgName, [...(byOrg.get(j.person.orgName) ?? []), j])
    const used = new Set<string>()
    for (const [orgName, rows] of byOrg) {
      let name = orgName.replace(/[\\/?*[\]:]/g, " ").slice(0, 28) || "支部"
      while (used.has(name)) name = `${name.slice(0, 26)}_${used.size}`
      used.add(name)
      const ws = wb.addWorksheet(name)
      ws.addRow([`${orgName} ${year}年度党员学习学时登记台账`]).font = { bold: true, size: 14 }
      const head = ws.addRow([
        "序号",
        "姓名",
        "集中培训学时",
        "会议学习学时",
        "网络学习学时",
        "合计学时",
        "应达学时",
        "是否达到",
        "备注",
      ])
      head.font = { bold: true }
      rows.forEach((j, i) => {
        const t = j.total
        const exempt = j.person.exemption
        ws.addRow([
          i + 1,
          j.person.name,
          (t?.bySource.class ?? 0) / 10,
          (t?.bySource.meeting ?? 0) / 10,
          (t?.bySource.online ?? 0) / 10,
          (t?.tenths ?? 0) / 10,
          minimumOf(j.person, policy),
          exempt !== null ? "免于要求" : needsAttention(j.verdicts) ? "未达到" : "达到",
          exempt !== null ? `年老体弱或患病，送学方式：${exempt.studyBrought}` : "",
        ])
      })
      ws.columns.forEach((col, i) => {
        col.width = [6, 12, 14, 14, 14, 12, 10, 10, 36][i] ?? 12
      })
      ws.views = [{ state: "frozen", ySplit: 2 }]
    }
    if (byOrg.size === 0) wb.addWorksheet("学时台账").addRow(["本范围内没有党员"])
    return new Response(new Uint8Array(await wb.xlsx.writeBuffer()), {
      headers: {
        "content-type": XLSX_MEDIA_TYPE,
        "content-disposition": contentDisposition(
          `${year}年度党员学习学时台账.xlsx`,
          `study-hours-${year}.xlsx`,
        ),
        "cache-control": "no-store",
      },
    })
  },
})

export const recordOnline = route({
  method: "post",
  path: "/api/education/online",
  summary: "Enter a member's online learning (网络学习): a day, optionally its times, and its class hours",
  description:
    "Refused with 422 naming the field for zero, negative or absurd hours (`hours`, more than 16) or an end " +
    "before the start (`endTime`); nothing is written then.",
  tag: "education",
  auth: "user",
  roles: educationPermissions.organize,
  body: OnlineBody,
  response: MemberParams,
  status: 201,
  handler: async ({ actor, body, deps }) => {
    await memberInScope(deps.db, actor, body.memberId)
    const tenths = tenthsOf(body.hours)
    const errors = []
    if (!(tenths > 0) || tenths > 160)
      errors.push(
        fieldError("hours", "range", "hours must be above 0 and at most 16", "学时须大于0且不超过16"),
      )
    const start = body.startTime === undefined ? null : minutesFrom(body.startTime)
    const end = body.endTime === undefined ? null : minutesFrom(body.endTime)
    if ((start === null) !== (end === null) || (start !== null && end !== null && end <= start))
      errors.push(
        fieldError(
          "endTime",
          "order",
          "give both times, the end after the start",
          "须同时填写起止时间，且结束晚于开始",
        ),
      )
    if (date(body.date).year > todayOf(deps).year + 1)
      errors.push(fieldError("date", "future", "the date is too far ahead", "日期过远"))
    if (errors.length > 0) throw unprocessable(errors)
    await writeOnline(deps.db, [
      {
        memberId: body.memberId,
        title: body.title,
        onDate: date(body.date),
        startMinute: start,
        endMinute: end,
        tenths,
        recordedBy: actor.userId,
        recordedAt: deps.now(),
      },
    ])
    await audit(deps.db, deps, actor, {
      action: "education.online.record",
      objectType: "member",
      objectId: body.memberId,
      result: "ok",
      details: { date: body.date, tenths },
    })
    return { id: body.memberId }
  },
})

export const recordExemption = route({
  method: "post",
  path: "/api/education/members/:id/exemptions",
  summary:
    "Exempt an old, frail or ill member from the year's hour minimums, with how study is brought to them (EM 23)",
  tag: "education",
  auth: "user",
  roles: educationPermissions.organize,
  params: MemberParams,
  body: ExemptionBody,
  response: MemberParams,
  status: 201,
  handler: async ({ actor, params, body, deps }) => {
    await memberInScope(deps.db, actor, params.id)
    await writeExemptions(deps.db, [
      {
        memberId: params.id,
        year: body.year,
        reason: body.reason,
        studyBrought: body.studyBrought,
        recordedBy: actor.userId,
        recordedAt: deps.now(),
      },
    ])
    await audit(deps.db, deps, actor, {
      action: "education.exemption.record",
      objectType: "member",
      objectId: params.id,
      result: "ok",
      details: { year: body.year, reason: body.reason },
    })
    return { id: params.id }
  },
})
