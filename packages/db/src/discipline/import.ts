/**
 * The import of a branch's 三会一课 ledger (会议记录, ledger-formats.md §0–§1): one sitting per row, with its
 * roll call. One sitting may be several kinds at once (会议类型 "支部党员大会、主题党日、党课"); it is one record.
 * Each row is checked by the rules package (`validateMeeting` of @xianfeng/inspection-scheduling) as a form is,
 * its attendees and absentees must be members of the organization, and the rows are written through the
 * meetings' one insert path (`writeMeetings`).
 */
import { type FieldError, isAfter, type PlainDate } from "@xianfeng/core"
import {
  type AbsenceKind,
  absenceKindNames,
  absenceKinds,
  type DisciplinePolicy,
  disciplinePolicy,
  type MeetingRecord,
  obligationTitles,
  type SittingType,
  sittingTypes,
  validateMeeting,
} from "@xianfeng/inspection-scheduling"
import { inArray } from "drizzle-orm"
import { loadAreaPolicy } from "../platform/policies.js"
import { disciplineMeetings } from "../schema/index.js"
import { listOf, readCount, readDate, readTime, textOf } from "../transfer/import/cells.js"
import type { Importer } from "../transfer/import/engine.js"
import type { FieldSpec } from "../transfer/import/mapping.js"
import {
  errorOf,
  loadPeople,
  membersNamed,
  type PeopleIndex,
  type PersonRef,
  resolveOrg,
} from "../transfer/import/people.js"
import { type MeetingFields, writeMeetings } from "./meetings.js"

export const meetingImportFields: readonly FieldSpec[] = [
  {
    key: "orgCode",
    zh: "党组织编码",
    en: "organization code",
    aliases: ["党支部编码", "组织编码", "支部编码"],
  },
  {
    key: "orgName",
    zh: "党组织名称",
    en: "organization",
    aliases: ["党支部名称", "党支部", "所在党支部", "党组织", "组织名称", "支部名称"],
  },
  {
    key: "types",
    zh: "会议类型",
    en: "kinds",
    required: true,
    aliases: ["会议类别", "类型", "会议名称", "会议形式"],
  },
  {
    key: "date",
    zh: "会议日期",
    en: "date",
    required: true,
    aliases: ["日期", "会议时间", "时间", "召开日期"],
  },
  { key: "startTime", zh: "开始时间", en: "start time", aliases: ["起始时间", "开始"] },
  { key: "endTime", zh: "结束时间", en: "end time", aliases: ["结束"] },
  { key: "place", zh: "地点", en: "place", aliases: ["会议地点", "召开地点"] },
  { key: "chair", zh: "主持人", en: "chair", aliases: ["主持", "会议主持人"] },
  { key: "recorder", zh: "记录人", en: "recorder", aliases: ["记录", "会议记录人"] },
  {
    key: "expectedFull",
    zh: "应到正式党员",
    en: "expected (full)",
    aliases: ["应到正式党员人数", "应到人数"],
  },
  {
    key: "expectedProbationary",
    zh: "应到预备党员",
    en: "expected (probationary)",
    aliases: ["应到预备党员人数"],
  },
  { key: "presentFull", zh: "实到正式党员", en: "present (full)", aliases: ["实到正式党员人数", "实到人数"] },
  {
    key: "presentProbationary",
    zh: "实到预备党员",
    en: "present (probationary)",
    aliases: ["实到预备党员人数"],
  },
  {
    key: "attendees",
    zh: "出席人员",
    en: "attendees",
    aliases: ["参会人员", "实到人员", "到会人员", "出席党员", "参加人员"],
  },
  {
    key: "absentees",
    zh: "缺席人员及原因",
    en: "absentees and reasons",
    aliases: ["缺席人员", "缺席情况", "请假人员"],
  },
  { key: "observers", zh: "列席人员", en: "observers", aliases: ["列席"] },
  {
    key: "firstTopic",
    zh: "第一议题",
    en: "first agenda item",
    aliases: ["第一议题学习内容", "学习内容", "学习篇目"],
  },
  { key: "firstForm", zh: "学习形式", en: "form of study", aliases: ["第一议题学习形式"] },
  { key: "agenda", zh: "议题", en: "agenda", aliases: ["会议议题", "议程", "会议内容", "主要内容"] },
]

/** The kinds a sheet names (the ledgers' wording, and the regulations' titles). */
const typeNames: Readonly<Record<string, SittingType>> = {
  ...Object.fromEntries(sittingTypes.map((t) => [obligationTitles[t]["zh-CN"], t])),
  党员大会: "general-meeting",
  支部大会: "general-meeting",
  支部党员大会: "general-meeting",
  支委会: "committee-meeting",
  支部委员会: "committee-meeting",
  支委会议: "committee-meeting",
  党小组会: "group-meeting",
  党小组会议: "group-meeting",
  党课: "party-lecture",
  专题党课: "party-lecture",
  主题党日: "theme-day",
  主题党日活动: "theme-day",
  组织生活会: "org-life-meeting",
  专题组织生活会: "org-life-meeting",
  民主评议: "democratic-appraisal",
  民主评议党员: "democratic-appraisal",
}

/** A checked sitting. */
export interface MeetingImportRow {
  readonly sheetRow: number
  readonly fields: MeetingFields
}

interface MeetingImportContext {
  readonly people: PeopleIndex
  readonly policy: DisciplinePolicy
}

/** Which column an error of `validateMeeting` is about. */
const columnOfField = (field: string): string | undefined => {
  if (field === "date" || field === "endTime" || field === "attendees" || field === "absentees") return field
  if (field === "present.full") return "presentFull"
  if (field === "present.probationary") return "presentProbationary"
  if (field === "firstItem") return "firstTopic"
  return undefined
}

/**
 * A ledger's reason split into its kind (缺席原因: 事假, 病假, 公假 or 公出, 其他 — `absenceKinds`) and the words
 * after it: 病假 → sick and ""; 病假：住院 (as the 三会一课 ledger exports it) → sick and 住院; 出差 → no kind, 出差.
 */
export const absenceOfReason = (reason: string): { reasonKind: AbsenceKind | null; reason: string } => {
  const named: readonly (readonly [string, AbsenceKind])[] = [
    ...absenceKinds.map((k) => [absenceKindNames[k].zh, k] as const),
    ["公出", "official"],
  ]
  for (const [zh, kind] of named) {
    if (!reason.startsWith(zh)) continue
    const rest = reason.slice(zh.length)
    if (rest === "") return { reasonKind: kind, reason: "" }
    const words = /^\s*[：:，,、\-—]\s*(.*)$/s.exec(rest)
    if (words !== null) return { reasonKind: kind, reason: (words[1] ?? "").trim() }
  }
  return { reasonKind: null, reason }
}

/** 张三（病假） · 张三(病假) · 张三:病假 · 张三 病假 → name and reason. */
const absenteeOf = (entry: string): { name: string; reason: string } => {
  const m = /^(.+?)\s*(?:[（(]\s*(.*?)\s*[)）]|[:：]\s*(.*)|\s+(\S.*))$/u.exec(entry)
  if (m === null) return { name: entry, reason: "" }
  return { name: (m[1] ?? "").trim(), reason: (m[2] ?? m[3] ?? m[4] ?? "").trim() }
}

const checkMeetingRow = (
  row: Parameters<Importer<MeetingImportRow, MeetingImportContext>["checkRow"]>[0],
  ctx: MeetingImportContext,
  out: Parameters<Importer<MeetingImportRow, MeetingImportContext>["checkRow"]>[2],
  deps: { readonly asOf: PlainDate; readonly at: Date; readonly actor?: { readonly id: string | null } },
): MeetingImportRow | undefined => {
  const err = errorOf(row, out)
  const org = resolveOrg(row, out, ctx.people, "orgCode", "orgName")

  const typeTexts = listOf(row.cell("types"), /[、，,；;/＋+\s]+/u)
  const types: SittingType[] = []
  for (const t of typeTexts) {
    const type = typeNames[t]
    if (type === undefined)
      err(
        "types",
        `「${t}」不是可识别的会议类型（支部党员大会、支委会、党小组会、党课、主题党日、组织生活会、民主评议党员）`,
        `"${t}" is not a kind of sitting`,
      )
    else if (!types.includes(type)) types.push(type)
  }
  if (typeTexts.length === 0) err("types", "请填写会议类型", "the kind of sitting is missing")

  const day = readDate(row.cell("date"))
  if (!day.ok) err("date", day.zh, day.en)
  else if (day.value === null) err("date", "请填写会议日期", "the date is missing")
  else if (day.note !== undefined) out.notes.push({ column: row.header("date"), ...day.note })
  const times: Record<"startTime" | "endTime", string | null> = { startTime: null, endTime: null }
  for (const k of ["startTime", "endTime"] as const) {
    const t = readTime(row.cell(k))
    if (!t.ok) err(k, t.zh, t.en)
    else if (t.value === null)
      err(k, "请填写开始和结束时间（如09:00、11:00）", "the start and end times are needed")
    else times[k] = t.value
  }
  const text = (k: string, what: string) => {
    const v = textOf(row.cell(k))
    if (v.length > 200) err(k, `${what}超过200个字`, `longer than 200 characters`)
    return v
  }
  const place = text("place", "地点")
  const chair = text("chair", "主持人")
  const recorder = text("recorder", "记录人")

  // The roll call: every name must be a party member (full or probationary) of the organization itself.
  const attendees: PersonRef[] = []
  const absentees: { person: PersonRef; reason: string }[] = []
  const person = (field: string, name: string): PersonRef | undefined => {
    if (org === undefined) return undefined
    const found = membersNamed(ctx.people, org.id, name)
    if (found.length === 0) {
      err(field, `「${name}」不是「${org.name}」的党员`, `"${name}" is not a member of ${org.name}`)
      return undefined
    }
    if (found.length > 1) {
      err(
        field,
        `「${org.name}」有${found.length}位党员名为「${name}」，无法区分`,
        `several members named "${name}"`,
      )
      return undefined
    }
    const p = found[0] as PersonRef
    if (p.stage !== "full" && p.stage !== "probationary") {
      err(
        field,
        `「${name}」尚不是党员（可列入列席人员）`,
        `"${name}" is not (yet) a party member; list as an observer`,
      )
      return undefined
    }
    return p
  }
  for (const name of listOf(row.cell("attendees"), /[、，,；;\n\r/\s]+/u)) {
    const p = person("attendees", name)
    if (p !== undefined) attendees.push(p)
  }
  for (const entry of listOf(row.cell("absentees"), /[、，,；;\n\r/]+/u)) {
    const { name, reason } = absenteeOf(entry)
    const p = person("absentees", name)
    if (p !== undefined) absentees.push({ person: p, reason })
  }
  const byStage = (list: readonly PersonRef[], stage: string) => list.filter((p) => p.stage === stage).length
  const count = (k: string, fallback: number): number => {
    const c = readCount(row.cell(k))
    if (!c.ok) {
      err(k, c.zh, c.en)
      return fallback
    }
    return c.value ?? fallback
  }
  const presentFull = count("presentFull", byStage(attendees, "full"))
  const presentProbationary = count("presentProbationary", byStage(attendees, "probationary"))
  const absentPeople = absentees.map((a) => a.person)
  const expectedFull = count("expectedFull", presentFull + byStage(absentPeople, "full"))
  const expectedProbationary = count(
    "expectedProbationary",
    presentProbationary + byStage(absentPeople, "probationary"),
  )
  const topic = text("firstTopic", "第一议题")
  const form = text("firstForm", "学习形式")
  const agenda = listOf(row.cell("agenda"), /[；;\n\r]+/u)
  const observers = listOf(row.cell("observers"))

  if (out.errors.length > 0 || org === undefined || !day.ok || day.value === null) return undefined
  const onDate = day.value
  if (times.startTime === null || times.endTime === null) return undefined
  const record: MeetingRecord = {
    orgId: org.id,
    types,
    date: onDate,
    startTime: times.startTime,
    endTime: times.endTime,
    place,
    chair,
    recorder,
    expected: { full: expectedFull, probationary: expectedProbationary },
    present: { full: presentFull, probationary: presentProbationary },
    ...(row.cell("attendees") === null ? {} : { attendees: attendees.map((p) => p.id) }),
    absentees: absentees.map((a) => ({ memberId: a.person.id, reason: a.reason })),
    observers,
    ...(topic === "" ? {} : { firstItem: { topic, form } }),
    agenda,
    resolutions: [],
    votes: [],
  }
  // The rules package's checks, as a form has them. A ledger kept before the district asked for the first
  // agenda item is history: its absence is said, not refused.
  for (const e of validateMeeting(record, deps.asOf, ctx.policy) as readonly FieldError[]) {
    const column = columnOfField(e.field)
    const problem = {
      ...(column === undefined ? {} : { column: row.header(column) }),
      zh: e.messageZh,
      en: e.message,
    }
    if (e.field === "firstItem") out.warnings.push(problem)
    else out.errors.push(problem)
  }
  if (isAfter(onDate, deps.asOf) || out.errors.length > 0) return undefined
  return {
    sheetRow: row.sheetRow,
    fields: {
      orgId: org.id,
      types,
      onDate,
      startTime: times.startTime,
      endTime: times.endTime,
      place,
      chair,
      recorder,
      expectedFull,
      expectedProbationary,
      presentFull,
      presentProbationary,
      observers,
      firstItem: topic === "" ? null : { topic, form },
      agenda,
      resolutions: [],
      votes: [],
      attendance: [
        ...attendees.map((p) => ({ memberId: p.id, present: true, reason: "" })),
        ...absentees.map((a) => ({ memberId: a.person.id, present: false, ...absenceOfReason(a.reason) })),
      ],
      recordedBy: deps.actor?.id ?? null,
      recordedAt: deps.at,
    },
  }
}

/** A sitting is one organization's, on a day, starting at a time: the same three are the same sitting. */
const sittingKey = (f: MeetingFields) => `${f.orgId}\u0000${f.onDate.toString()}\u0000${f.startTime}`

const BATCH = 500

/** 三会一课 ledger (会议记录): one sitting per row with its roll call. */
export const meetingImporter: Importer<MeetingImportRow, MeetingImportContext> = {
  kind: "meetings",
  zh: "三会一课会议记录",
  en: "Meetings and attendance",
  fields: meetingImportFields,
  context: async (db, scope) => ({
    people: await loadPeople(db, scope),
    policy: (await loadAreaPolicy(db, scope.orgPath, disciplinePolicy)).policy,
  }),
  checkRow: (row, ctx, out, deps) => checkMeetingRow(row, ctx, out, deps),
  checkAll: async (db, outcomes) => {
    const seen = new Map<string, number>()
    for (const o of outcomes) {
      if (o.value === undefined) continue
      const k = sittingKey(o.value.fields)
      const first = seen.get(k)
      if (first !== undefined)
        o.errors.push({
          zh: `与第${first}行是同一次会议（同一组织、同一日期、同一开始时间，重复）`,
          en: `the same sitting as row ${first}`,
        })
      else seen.set(k, o.sheetRow)
    }
    const orgIds = [
      ...new Set(outcomes.flatMap((o) => (o.value === undefined ? [] : [o.value.fields.orgId]))),
    ]
    for (let i = 0; i < orgIds.length; i += BATCH) {
      const stored = await db
        .select({
          orgId: disciplineMeetings.orgId,
          onDate: disciplineMeetings.onDate,
          startTime: disciplineMeetings.startTime,
        })
        .from(disciplineMeetings)
        .where(inArray(disciplineMeetings.orgId, orgIds.slice(i, i + BATCH)))
      const keys = new Set(stored.map((s) => `${s.orgId}\u0000${s.onDate.toString()}\u0000${s.startTime}`))
      for (const o of outcomes)
        if (o.value !== undefined && keys.has(sittingKey(o.value.fields)))
          o.errors.push({
            zh: "系统中已有这次会议的记录（同一组织、同一日期、同一开始时间）",
            en: "this sitting is already recorded",
          })
    }
  },
  write: async (tx, _scope, values, _ctx, deps) => {
    let n = 0
    for (let i = 0; i < values.length; i += BATCH) {
      n += (
        await writeMeetings(
          tx,
          values.slice(i, i + BATCH).map((v) => v.fields),
        )
      ).length
      deps.onProgress?.("write", Math.min(i + BATCH, values.length), values.length)
    }
    return n
  },
}
