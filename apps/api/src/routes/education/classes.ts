import { date, type FieldError, fieldError, type PlainDate } from "@xianfeng/core"
import {
  attendanceOfClass,
  audienceFactsOf,
  type ClassRow,
  classesInScope,
  classInScope,
  closeClass,
  createClass,
  enrolledMembers,
  loadAreaPolicy,
  memberIdsOfSubtree,
  orgInScope,
  setSessionAttendance,
  writeEnrolments,
} from "@xianfeng/db"
import {
  type AudienceMember,
  audienceAdmits,
  type CadrePost,
  classStatus,
  educationPolicy,
  type MemberCategory,
  type Audience as RulesAudience,
  validateSession,
} from "@xianfeng/education-training"
import ExcelJS from "exceljs"
import { audit } from "../../audit.js"
import type { Actor } from "../../auth/actor.js"
import { type Deps, todayOf } from "../../deps.js"
import { fileResponse, XLSX_MEDIA_TYPE } from "../../http/file-response.js"
import { problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import {
  AttendanceBody,
  AttendanceResult,
  type Audience,
  ClassBody,
  ClassPage,
  ClassParams,
  ClassQuery,
  ClassView,
  CloseBody,
  EnrolBody,
  EnrolResult,
  Roster,
  SessionParams,
  SignInSheetBody,
} from "./contract.js"
import { educationPermissions } from "./permissions.js"
import { contentDisposition, minutesFrom, tenthsOf, timeOf, unprocessable } from "./shared.js"

const audienceOf = (c: ClassRow): Audience => {
  switch (c.audienceKind) {
    case "subtree":
      return { kind: "subtree", orgId: c.audienceValue }
    case "post":
      return { kind: "post", post: c.audienceValue as CadrePost }
    case "category":
      return { kind: "category", category: c.audienceValue as MemberCategory }
    default:
      return { kind: "list" }
  }
}

export const classView = (
  c: ClassRow,
  asOf: PlainDate,
  present: ReadonlyMap<string, readonly string[]> = new Map(),
) => ({
  id: c.id,
  orgId: c.orgId,
  orgName: c.orgName,
  organizedInScope: c.organizedInScope,
  title: c.title,
  audience: audienceOf(c),
  centralized: c.centralized,
  closed: c.closedAt !== null,
  status: classStatus(
    c.sessions.map((s) => ({ on: s.onDate })),
    c.closedAt !== null,
    asOf,
  ),
  version: c.version,
  sessions: c.sessions.map((s) => ({
    id: s.id,
    topic: s.topic,
    date: s.onDate.toString(),
    startTime: timeOf(s.startMinute),
    endTime: timeOf(s.endMinute),
    hours: s.tenths / 10,
    present: present.get(s.id)?.length ?? 0,
  })),
  enrolled: c.enrolled,
  personTimes: c.personTimes,
  hours: c.sessions.reduce((n, s) => n + s.tenths, 0) / 10,
})

/** The class, for the organizer's side only (enrolling, closing): 403 for a caller who sees it through its members. */
const organizedClass = async (deps: Deps, actor: Actor, id: string): Promise<ClassRow> => {
  const c = await classInScope(deps.db, actor, id)
  if (!c.organizedInScope)
    throw problems.forbidden(
      "只有主办单位及其上级可以为本班报名或结业",
      "Only the organizer's side may enrol in or close this class",
    )
  return c
}

export const listClasses = route({
  method: "get",
  path: "/api/education/classes",
  summary:
    "Training classes the caller sees — organized in its subtree or enrolling its members (within one " +
    "organization's subtree when given) — newest first",
  tag: "education",
  auth: "user",
  query: ClassQuery,
  response: ClassPage,
  handler: async ({ actor, query, deps }) => {
    const page = query.page ?? 1
    const pageSize = query.pageSize ?? 20
    const { items, total } = await classesInScope(deps.db, actor, { orgId: query.orgId, page, pageSize })
    return { items: items.map((c) => classView(c, todayOf(deps))), total, page, pageSize }
  },
})

export const createTrainingClass = route({
  method: "post",
  path: "/api/education/classes",
  summary: "Create a training class (培训班) with its sessions for an organization of the caller's subtree",
  description:
    "Refused with 422 naming the field for zero, negative or absurd class hours (`sessions[i].hours`), a " +
    "session ending before it starts (`sessions[i].endTime`) or overlapping another (`sessions[i].startTime`); " +
    "nothing is written then.",
  tag: "education",
  auth: "user",
  roles: educationPermissions.organize,
  body: ClassBody,
  response: ClassView,
  status: 201,
  handler: async ({ actor, body, deps }) => {
    const policy = (await loadAreaPolicy(deps.db, actor.orgPath, educationPolicy)).policy
    await orgInScope(deps.db, actor, body.orgId)
    if (body.audience.kind === "subtree") await orgInScope(deps.db, actor, body.audience.orgId)
    const sessions = body.sessions.map((s, i) => ({
      id: String(i),
      on: date(s.date),
      start: minutesFrom(s.startTime),
      end: minutesFrom(s.endTime),
      tenths: tenthsOf(s.hours),
    }))
    const rename = (e: FieldError): FieldError =>
      fieldError(
        e.field.replace(/\.start$/, ".startTime").replace(/\.end$/, ".endTime"),
        e.reason,
        e.message,
        e.messageZh,
      )
    const errors = sessions.flatMap((s, i) =>
      validateSession(s, sessions.slice(0, i), policy, `sessions[${i}]`).map(rename),
    )
    if (errors.length > 0) throw unprocessable(errors)
    const audienceValue =
      body.audience.kind === "subtree"
        ? body.audience.orgId
        : body.audience.kind === "post"
          ? body.audience.post
          : body.audience.kind === "category"
            ? body.audience.category
            : ""
    const created = await createClass(deps.db, actor, {
      orgId: body.orgId,
      title: body.title,
      audienceKind: body.audience.kind,
      audienceValue,
      centralized: body.centralized ?? true,
      sessions: body.sessions.map((s, i) => ({
        topic: s.topic,
        onDate: sessions[i]?.on ?? date(s.date),
        startMinute: sessions[i]?.start ?? 0,
        endMinute: sessions[i]?.end ?? 0,
        tenths: sessions[i]?.tenths ?? 0,
      })),
      recordedBy: actor.userId,
      recordedAt: deps.now(),
    })
    await audit(deps.db, deps, actor, {
      action: "education.class.create",
      objectType: "education-class",
      objectId: created.id,
      result: "ok",
      details: { orgId: body.orgId, sessions: body.sessions.length },
    })
    return classView(created, todayOf(deps))
  },
})

/** The members the class's audience admits among `ids` (all in scope), and those it does not. */
const admitted = async (
  db: Parameters<typeof audienceFactsOf>[0],
  actor: Parameters<typeof audienceFactsOf>[1],
  c: ClassRow,
  ids: readonly string[],
) => {
  const facts = await audienceFactsOf(db, actor, ids)
  const organizer = await orgInScope(db, actor, c.orgId)
  let audience: RulesAudience
  if (c.audienceKind === "subtree") {
    const org = await orgInScope(db, actor, c.audienceValue)
    audience = { kind: "subtree", orgPath: org.path }
  } else if (c.audienceKind === "post") audience = { kind: "post", post: c.audienceValue as CadrePost }
  else if (c.audienceKind === "category")
    audience = { kind: "category", category: c.audienceValue as MemberCategory }
  else audience = { kind: "list" }
  const ok = (id: string) => {
    const f = facts.get(id)
    if (f === undefined) return false
    const m: AudienceMember = {
      orgPath: f.orgPath,
      posts: f.roles.filter((r): r is CadrePost =>
        ["secretary", "deputy-secretary", "committee-member"].includes(r),
      ),
      categories: f.roles.filter(
        (r): r is MemberCategory => !["secretary", "deputy-secretary", "committee-member"].includes(r),
      ),
    }
    return audienceAdmits(organizer.path, audience, m)
  }
  return { yes: ids.filter(ok), no: ids.filter((id) => !ok(id)), known: (id: string) => facts.has(id) }
}

export const enrolInClass = route({
  method: "post",
  path: "/api/education/classes/:id/enrolments",
  summary: "Enrol members in a class: those of an organization's subtree the audience admits, or a list",
  description:
    "With `memberIds`, a member outside the class's audience (or outside the caller's subtree) is refused " +
    "with 422 naming `memberIds[i]`, and no one is enrolled.",
  tag: "education",
  auth: "user",
  roles: educationPermissions.organize,
  params: ClassParams,
  body: EnrolBody,
  response: EnrolResult,
  handler: async ({ actor, params, body, deps }) => {
    const c = await organizedClass(deps, actor, params.id)
    if (c.closedAt !== null) throw problems.conflict("培训班已结业，不能再报名", "The class is closed")
    let yes: readonly string[] = []
    let skipped = 0
    if (body.memberIds !== undefined) {
      const r = await admitted(deps.db, actor, c, body.memberIds)
      if (r.no.length > 0) {
        const refused = new Set(r.no)
        throw unprocessable(
          body.memberIds.flatMap((id, i) =>
            !refused.has(id)
              ? []
              : r.known(id)
                ? [
                    fieldError(
                      `memberIds[${i}]`,
                      "outside-audience",
                      "the member is not in the class's audience",
                      "该党员不在本班培训对象范围内",
                    ),
                  ]
                : [
                    fieldError(
                      `memberIds[${i}]`,
                      "not-found",
                      "no member with this id in your organizations",
                      "您管辖的组织中没有该党员",
                    ),
                  ],
          ),
        )
      }
      yes = r.yes
    }
    if (body.orgId !== undefined) {
      const r = await admitted(deps.db, actor, c, await memberIdsOfSubtree(deps.db, actor, body.orgId))
      yes = [...yes, ...r.yes]
      skipped = r.no.length
    }
    const added = await writeEnrolments(
      deps.db,
      yes.map((memberId) => ({ classId: c.id, memberId })),
    )
    await audit(deps.db, deps, actor, {
      action: "education.class.enrol",
      objectType: "education-class",
      objectId: c.id,
      result: "ok",
      details: { added, orgId: body.orgId ?? null },
    })
    return { added, enrolled: c.enrolled + added, skipped }
  },
})

export const classRoster = route({
  method: "get",
  path: "/api/education/classes/:id",
  summary:
    "A class with its sessions and roster: who is enrolled, at which sessions present, and their hours",
  tag: "education",
  auth: "user",
  params: ClassParams,
  response: Roster,
  handler: async ({ actor, params, deps }) => {
    const c = await classInScope(deps.db, actor, params.id)
    const [people, present] = await Promise.all([
      enrolledMembers(deps.db, actor, c.id),
      attendanceOfClass(deps.db, actor, c),
    ])
    await audit(deps.db, deps, actor, {
      action: "education.class.roster.read",
      objectType: "education-class",
      objectId: c.id,
      result: "ok",
    })
    return {
      class: classView(c, todayOf(deps), present),
      members: people.map((m) => {
        const at = c.sessions.filter((s) => present.get(s.id)?.includes(m.id))
        return {
          id: m.id,
          name: m.name,
          orgName: m.orgName,
          present: at.map((s) => s.id),
          hours: at.reduce((n, s) => n + s.tenths, 0) / 10,
        }
      }),
    }
  },
})

/** Checks and writes a session's attendance (the tick list and the sign-in sheet both come here). */
export const markAttendance = async (
  deps: Deps,
  actor: Actor,
  classId: string,
  sessionId: string,
  memberIds: readonly string[],
  field: (i: number) => string,
) => {
  const c = await classInScope(deps.db, actor, classId)
  if (!c.sessions.some((s) => s.id === sessionId)) throw problems.notFound()
  if (c.closedAt !== null) throw problems.conflict("培训班已结业，不能再登记出勤", "The class is closed")
  // The caller's own enrolled members: a branch seeing a class organized above it marks its members alone.
  const enrolled = new Set((await enrolledMembers(deps.db, actor, c.id)).map((m) => m.id))
  const errors = memberIds.flatMap((id, i) =>
    enrolled.has(id)
      ? []
      : [
          fieldError(
            field(i),
            "not-enrolled",
            "the member is not enrolled in the class (outside its audience)",
            "该党员未报名本班（不在培训对象范围内）",
          ),
        ],
  )
  if (errors.length > 0) throw unprocessable(errors)
  const unique = [...new Set(memberIds)]
  await setSessionAttendance(deps.db, actor, sessionId, unique)
  await audit(deps.db, deps, actor, {
    action: "education.class.attendance",
    objectType: "education-session",
    objectId: sessionId,
    result: "ok",
    details: { classId, present: unique.length },
  })
  const after = await classInScope(deps.db, actor, classId)
  return { present: unique.length, personTimes: after.personTimes }
}

export const setAttendance = route({
  method: "put",
  path: "/api/education/classes/:id/sessions/:sessionId/attendance",
  summary: "Mark a session's attendance from a tick list: exactly the listed members are present",
  description:
    "The list covers the caller's own enrolled members: for a class organized above the caller's subtree, the " +
    "ticks of other branches' members stay as they are. A member not enrolled in the class, or not the " +
    "caller's, is refused with 422 naming `memberIds[i]`; nothing changes then.",
  tag: "education",
  auth: "user",
  roles: educationPermissions.organize,
  params: SessionParams,
  body: AttendanceBody,
  response: AttendanceResult,
  handler: async ({ actor, params, body, deps }) =>
    markAttendance(deps, actor, params.id, params.sessionId, body.memberIds, (i) => `memberIds[${i}]`),
})

export const closeTrainingClass = route({
  method: "post",
  path: "/api/education/classes/:id/close",
  summary: "Close a class (结业): no more enrolment or attendance",
  tag: "education",
  auth: "user",
  roles: educationPermissions.organize,
  params: ClassParams,
  body: CloseBody,
  response: ClassView,
  handler: async ({ actor, params, body, deps }) => {
    await organizedClass(deps, actor, params.id)
    const closed = await closeClass(deps.db, actor, params.id, body.version, deps.now())
    if (closed === undefined)
      throw problems.conflict("培训班已变更或已结业，请刷新", "The class changed or is closed; reload", [
        { field: "version", reason: "stale", message: { "zh-CN": "版本已过期", en: "stale version" } },
      ])
    await audit(deps.db, deps, actor, {
      action: "education.class.close",
      objectType: "education-class",
      objectId: params.id,
      result: "ok",
    })
    return classView(await classInScope(deps.db, actor, params.id), todayOf(deps))
  },
})

const RosterXlsx = fileResponse(XLSX_MEDIA_TYPE, "An .xlsx workbook (Content-Disposition: attachment)")

/** A civil date as an Excel date cell (midnight UTC, which exceljs writes as the day's serial). */
const excelDate = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number)
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1))
}

export const classRosterXlsx = route({
  method: "get",
  path: "/api/education/classes/:id/roster.xlsx",
  summary: "A class's roster with attendance per session and class hours (培训班学员名册), as .xlsx",
  tag: "education",
  auth: "user",
  params: ClassParams,
  response: RosterXlsx,
  handler: async ({ actor, params, deps }) => {
    const c = await classInScope(deps.db, actor, params.id)
    const [people, present] = await Promise.all([
      enrolledMembers(deps.db, actor, c.id),
      attendanceOfClass(deps.db, actor, c),
    ])
    await audit(deps.db, deps, actor, {
      action: "education.class.roster.export",
      objectType: "education-class",
      objectId: c.id,
      result: "ok",
      details: { members: people.length },
    })
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet("学员名册")
    ws.addRow([`${c.title} 学员名册`]).font = { bold: true, size: 14 }
    ws.addRow(["主办单位", c.orgName, "", "人次", c.personTimes])
    const dates = ws.addRow(["", "", "", ...c.sessions.map((s) => excelDate(s.onDate.toString()))])
    dates.eachCell((cell, col) => {
      if (col > 3) cell.numFmt = "yyyy-mm-dd"
    })
    ws.addRow([
      "序号",
      "姓名",
      "所在组织",
      ...c.sessions.map((s) => `${s.topic}（${s.tenths / 10}学时）`),
      "出勤次数",
      "学时合计",
    ]).font = {
      bold: true,
    }
    people.forEach((m, i) => {
      const at = c.sessions.filter((s) => present.get(s.id)?.includes(m.id))
      ws.addRow([
        i + 1,
        m.name,
        m.orgName,
        ...c.sessions.map((s) => (present.get(s.id)?.includes(m.id) ? "✓" : "")),
        at.length,
        at.reduce((n, s) => n + s.tenths, 0) / 10,
      ])
    })
    ws.columns.forEach((col, i) => {
      col.width = i === 0 ? 6 : i === 1 ? 12 : i === 2 ? 24 : 14
    })
    ws.views = [{ state: "frozen", ySplit: 4, xSplit: 2 }]
    return new Response(new Uint8Array(await wb.xlsx.writeBuffer()), {
      headers: {
        "content-type": XLSX_MEDIA_TYPE,
        "content-disposition": contentDisposition(`${c.title}学员名册.xlsx`, "class-roster.xlsx"),
        "cache-control": "no-store",
      },
    })
  },
})

/** The names in the column headed 姓名 (or "name") of a sign-in sheet, with their row numbers (1-based). */
const namesOfSheet = async (
  filename: string,
  bytes: Uint8Array,
): Promise<{ row: number; name: string }[]> => {
  let rows: string[][]
  if (/\.csv$/i.test(filename)) {
    const text = new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "")
    rows = text.split(/\r?\n/).map((line) => line.split(",").map((c) => c.trim().replace(/^"|"$/g, "")))
  } else {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    )
    const ws = wb.worksheets[0]
    rows = []
    ws?.eachRow({ includeEmpty: true }, (r, n) => {
      const cells: string[] = []
      r.eachCell({ includeEmpty: true }, (cell, c) => {
        cells[c - 1] = cell.text.trim()
      })
      rows[n - 1] = cells
    })
  }
  const headerAt = rows.findIndex((r) => r?.some((c) => c === "姓名" || c.toLowerCase() === "name"))
  if (headerAt < 0) return []
  const col = (rows[headerAt] ?? []).findIndex((c) => c === "姓名" || c.toLowerCase() === "name")
  return rows
    .slice(headerAt + 1)
    .map((r, i) => ({ row: headerAt + 2 + i, name: (r?.[col] ?? "").trim() }))
    .filter((x) => x.name !== "")
}

export const importSignInSheet = route({
  method: "post",
  path: "/api/education/classes/:id/sessions/:sessionId/sign-in",
  summary: "Mark a session's attendance from a sign-in sheet (.xlsx or .csv with a column headed 姓名)",
  description:
    "Everyone named on the sheet is present, no one else. A name that is not enrolled, or that two enrolled " +
    "members share, is refused with 422 naming `content` and the rows; nothing changes then.",
  tag: "education",
  auth: "user",
  roles: educationPermissions.organize,
  params: SessionParams,
  body: SignInSheetBody,
  response: AttendanceResult,
  handler: async ({ actor, params, body, deps }) => {
    const refuse = (reason: string, en: string, zh: string) =>
      unprocessable([fieldError("content", reason, en, zh)])
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body.content))
      throw refuse("base64", "the sheet must be base64", "文件内容应为base64编码")
    const bytes = new Uint8Array(Buffer.from(body.content, "base64"))
    if (bytes.byteLength === 0 || bytes.byteLength > 2 * 1024 * 1024)
      throw refuse("size", "a sheet is 1 byte to 2 MiB", "签到表大小应在2MB以内且不为空")
    let names: { row: number; name: string }[]
    try {
      names = await namesOfSheet(body.filename, bytes)
    } catch {
      throw refuse(
        "unreadable",
        "the sheet is not a readable .xlsx or .csv",
        "无法读取签到表（应为.xlsx或.csv）",
      )
    }
    if (names.length === 0)
      throw refuse("no-names", "no column headed 姓名 with names", "签到表中没有“姓名”列或没有姓名")
    await classInScope(deps.db, actor, params.id)
    const enrolled = await enrolledMembers(deps.db, actor, params.id)
    const byName = new Map<string, string[]>()
    for (const m of enrolled) byName.set(m.name, [...(byName.get(m.name) ?? []), m.id])
    const unknown = names.filter((n) => (byName.get(n.name)?.length ?? 0) === 0)
    const ambiguous = names.filter((n) => (byName.get(n.name)?.length ?? 0) > 1)
    if (unknown.length > 0 || ambiguous.length > 0)
      throw unprocessable([
        ...(unknown.length > 0
          ? [
              fieldError(
                "content",
                "not-enrolled",
                `rows ${unknown.map((n) => n.row).join(", ")}: not enrolled in the class (outside its audience)`,
                `第${unknown.map((n) => n.row).join("、")}行：${unknown.map((n) => n.name).join("、")}未报名本班`,
              ),
            ]
          : []),
        ...(ambiguous.length > 0
          ? [
              fieldError(
                "content",
                "ambiguous",
                `rows ${ambiguous.map((n) => n.row).join(", ")}: two enrolled members share the name; tick them instead`,
                `第${ambiguous.map((n) => n.row).join("、")}行：本班有同名学员，请在名单中勾选`,
              ),
            ]
          : []),
      ])
    const ids = names.map((n) => byName.get(n.name)?.[0] ?? "")
    return markAttendance(deps, actor, params.id, params.sessionId, ids, () => "content")
  },
})
