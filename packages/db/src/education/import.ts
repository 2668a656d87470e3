/**
 * The import of training classes' sign-in sheets (签到表, ledger-formats.md §3): one row per member present
 * at a session — the class, the member, the session (its day, and its topic when the class has several
 * sessions that day) and, when the sheet has them, the class hours, which must be the session's. As the tick
 * list of the admin: the class lies in the scope and is not closed, the member is enrolled in it (by ID
 * number, or by name among the enrolled). Rows are written through the attendance's bulk insert path
 * (`writeAttendance`).
 */
import { isAfter, parseIdNumber } from "@xianfeng/core"
import { and, eq, inArray } from "drizzle-orm"
import { Result } from "effect"
import { nameSearchKey } from "../pinyin.js"
import { memberRowsInScope, orgRowInScope } from "../platform/scope.js"
import {
  type EducationSession,
  educationAttendance,
  educationClasses,
  educationEnrolments,
  educationSessions,
  members,
  orgs,
} from "../schema/index.js"
import { readDate, textOf } from "../transfer/import/cells.js"
import type { Importer } from "../transfer/import/engine.js"
import type { FieldSpec } from "../transfer/import/mapping.js"
import { errorOf } from "../transfer/import/people.js"
import { writeAttendance } from "./classes.js"

export const classAttendanceFields: readonly FieldSpec[] = [
  {
    key: "className",
    zh: "培训班名称",
    en: "class",
    required: true,
    aliases: ["培训班", "班次名称", "培训名称", "培训/学习名称", "培训学习名称", "班级名称", "班次"],
  },
  { key: "name", zh: "姓名", en: "name", aliases: ["学员姓名", "党员姓名"] },
  {
    key: "idNumber",
    zh: "公民身份号码",
    en: "ID number",
    aliases: ["身份证号码", "身份证号", "身份号码", "证件号码"],
  },
  {
    key: "sessionDate",
    zh: "上课日期",
    en: "session date",
    required: true,
    aliases: ["日期", "签到日期", "培训日期", "课次日期", "时间"],
  },
  {
    key: "sessionTopic",
    zh: "课程",
    en: "session topic",
    aliases: ["课程名称", "课程主题", "课次", "主题", "内容"],
  },
  { key: "hours", zh: "学时", en: "class hours", aliases: ["学时数", "课时", "培训学时"] },
]

interface ClassRef {
  readonly id: string
  readonly title: string
  readonly closed: boolean
  readonly sessions: readonly EducationSession[]
}

interface Enrolled {
  readonly id: string
  readonly name: string
  readonly hash: string | null
}

interface ClassAttendanceContext {
  readonly byTitle: ReadonlyMap<string, readonly ClassRef[]>
  /** class id → its enrolled members. */
  readonly enrolled: ReadonlyMap<string, readonly Enrolled[]>
}

/** A checked sign-in: one member present at one session. */
export interface ClassAttendanceRow {
  readonly sheetRow: number
  readonly sessionId: string
  readonly memberId: string
}

const loadClasses = async (
  db: Parameters<Importer["context"]>[0],
  scope: Parameters<Importer["context"]>[1],
): Promise<ClassAttendanceContext> => {
  const classes = await db
    .select({ id: educationClasses.id, title: educationClasses.title, closedAt: educationClasses.closedAt })
    .from(educationClasses)
    .innerJoin(orgs, eq(orgs.id, educationClasses.orgId))
    .where(orgRowInScope(scope))
  const ids = classes.map((c) => c.id)
  const sessions: EducationSession[] = []
  const enrolled = new Map<string, Enrolled[]>()
  for (let i = 0; i < ids.length; i += 1000) {
    const part = ids.slice(i, i + 1000)
    sessions.push(
      ...(await db.select().from(educationSessions).where(inArray(educationSessions.classId, part))),
    )
    for (const e of await db
      .select({
        classId: educationEnrolments.classId,
        id: members.id,
        name: members.name,
        hash: members.idNumberHash,
      })
      .from(educationEnrolments)
      .innerJoin(members, eq(members.id, educationEnrolments.memberId))
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(and(inArray(educationEnrolments.classId, part), memberRowsInScope(scope)))) {
      const { classId, ...m } = e
      enrolled.set(classId, [...(enrolled.get(classId) ?? []), m])
    }
  }
  const byTitle = new Map<string, ClassRef[]>()
  for (const c of classes) {
    const ref = {
      id: c.id,
      title: c.title,
      closed: c.closedAt !== null,
      sessions: sessions.filter((s) => s.classId === c.id),
    }
    const k = nameSearchKey(c.title)
    byTitle.set(k, [...(byTitle.get(k) ?? []), ref])
  }
  return { byTitle, enrolled }
}

const hoursText = (tenths: number) => (tenths / 10).toString()

/** 培训班签到: who was present at which session of which class. */
export const classAttendanceImporter: Importer<ClassAttendanceRow, ClassAttendanceContext> = {
  kind: "class-attendance",
  zh: "培训班签到",
  en: "Class attendance",
  fields: classAttendanceFields,
  context: (db, scope) => loadClasses(db, scope),
  checkRow: (row, ctx, out, deps) => {
    const err = errorOf(row, out)
    const title = textOf(row.cell("className"))
    const found = ctx.byTitle.get(nameSearchKey(title)) ?? []
    let cls: ClassRef | undefined
    if (title === "") err("className", "请填写培训班名称", "the class is missing")
    else if (found.length === 0)
      err(
        "className",
        `没有名为「${title}」的培训班（或不在您管理的范围内），请先建立培训班及课次`,
        `no class "${title}" in your scope`,
      )
    else if (found.length > 1)
      err(
        "className",
        `有${found.length}个培训班名为「${title}」，无法区分`,
        `several classes are named "${title}"`,
      )
    else {
      cls = found[0]
      if (cls?.closed === true) {
        err("className", `培训班「${title}」已结业，不能再登记出勤`, "the class is closed")
        cls = undefined
      }
    }

    // The session: its day, and its topic when several sessions fall on it.
    const day = readDate(row.cell("sessionDate"))
    const topic = textOf(row.cell("sessionTopic"))
    let session: EducationSession | undefined
    if (!day.ok) err("sessionDate", day.zh, day.en)
    else if (day.value === null) err("sessionDate", "请填写上课日期", "the session date is missing")
    else if (isAfter(day.value, deps.asOf))
      err("sessionDate", `${day.value.toString()}晚于今天`, `${day.value.toString()} lies after today`)
    else if (cls !== undefined) {
      const onDay = cls.sessions.filter((s) => s.onDate.equals(day.value as NonNullable<typeof day.value>))
      const matching =
        topic === "" ? onDay : onDay.filter((s) => nameSearchKey(s.topic) === nameSearchKey(topic))
      if (matching.length === 1) session = matching[0]
      else if (onDay.length === 0)
        err(
          "sessionDate",
          `培训班「${cls.title}」在${day.value.toString()}没有课次`,
          "the class has no session that day",
        )
      else if (matching.length === 0)
        err(
          "sessionTopic",
          `${day.value.toString()}没有名为「${topic}」的课次`,
          `no session "${topic}" that day`,
        )
      else
        err(
          "sessionTopic",
          `${day.value.toString()}有${matching.length}次课，请填写课程名称以区分`,
          "several sessions that day: give the topic",
        )
    }
    const hours = textOf(row.cell("hours")).replace(/学时$/u, "")
    if (session !== undefined && hours !== "") {
      const n = Number(hours)
      if (!Number.isFinite(n) || !/^\d+(\.\d)?$/.test(hours))
        err("hours", `学时「${hours}」应为数字（最多一位小数）`, `hours "${hours}" must be a number`)
      else if (Math.round(n * 10) !== session.tenths)
        err(
          "hours",
          `学时${hours}与该课次登记的${hoursText(session.tenths)}学时不符`,
          `${hours} hours differ from the session's ${hoursText(session.tenths)}`,
        )
    }

    // The member, among those enrolled in the class.
    let memberId: string | undefined
    const name = textOf(row.cell("name"))
    const idText = textOf(row.cell("idNumber"))
    if (cls !== undefined) {
      const roll = ctx.enrolled.get(cls.id) ?? []
      if (idText !== "") {
        const id = parseIdNumber(idText, { field: row.header("idNumber"), asOf: deps.asOf })
        if (Result.isFailure(id)) err("idNumber", id.failure.messageZh, id.failure.message)
        else {
          const hash = deps.vault.blindIndex(id.success.value)
          const m = roll.find((e) => e.hash === hash)
          if (m === undefined)
            err(
              "idNumber",
              "该身份证号码的党员未报名本班（不在培训对象范围内）",
              "the member is not enrolled in the class",
            )
          else if (name !== "" && nameSearchKey(name) !== nameSearchKey(m.name))
            err(
              "name",
              `姓名「${name}」与身份证号码对应的「${m.name}」不符`,
              "the name differs from the ID number's",
            )
          else memberId = m.id
        }
      } else if (name === "") err("name", "请填写姓名或身份证号码", "the name (or ID number) is missing")
      else {
        const named = roll.filter((e) => nameSearchKey(e.name) === nameSearchKey(name))
        if (named.length === 0)
          err("name", `「${name}」未报名本班（不在培训对象范围内）`, `"${name}" is not enrolled in the class`)
        else if (named.length > 1)
          err(
            "name",
            `本班有${named.length}位学员名为「${name}」，请填写身份证号码`,
            "several enrolled share the name",
          )
        else memberId = named[0]?.id
      }
    }
    if (out.errors.length > 0 || session === undefined || memberId === undefined) return undefined
    return { sheetRow: row.sheetRow, sessionId: session.id, memberId }
  },
  checkAll: async (db, outcomes) => {
    const seen = new Map<string, number>()
    for (const o of outcomes) {
      if (o.value === undefined) continue
      const k = `${o.value.sessionId}\u0000${o.value.memberId}`
      const first = seen.get(k)
      if (first !== undefined)
        o.errors.push({
          zh: `与第${first}行是同一人同一课次的签到（重复）`,
          en: `the same sign-in as row ${first}`,
        })
      else seen.set(k, o.sheetRow)
    }
    const sessionIds = [
      ...new Set(outcomes.flatMap((o) => (o.value === undefined ? [] : [o.value.sessionId]))),
    ]
    const stored = new Set<string>()
    for (let i = 0; i < sessionIds.length; i += 1000)
      for (const r of await db
        .select({ sessionId: educationAttendance.sessionId, memberId: educationAttendance.memberId })
        .from(educationAttendance)
        .where(inArray(educationAttendance.sessionId, sessionIds.slice(i, i + 1000))))
        stored.add(`${r.sessionId}\u0000${r.memberId}`)
    for (const o of outcomes)
      if (o.value !== undefined && stored.has(`${o.value.sessionId}\u0000${o.value.memberId}`))
        o.errors.push({
          zh: "系统中已登记此人在该课次出勤（重复）",
          en: "this attendance is already recorded",
        })
  },
  write: async (tx, _scope, values, _ctx, deps) => {
    await writeAttendance(
      tx,
      values.map((v) => ({ sessionId: v.sessionId, memberId: v.memberId })),
    )
    deps.onProgress?.("write", values.length, values.length)
    return values.length
  },
}
