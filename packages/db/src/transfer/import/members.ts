import {
  ageOn,
  date,
  isAfter,
  isBefore,
  type MemberStage,
  type PlainDate,
  parseIdNumber,
  type Sex,
} from "@xianfeng/core"
import { and, eq, inArray, sql } from "drizzle-orm"
import { Result } from "effect"
import { ethnicityCodes } from "../../code-tables.js"
import type { XfDb } from "../../database.js"
import { writeDevelopmentTrainings } from "../../development/trainings.js"
import { nameSearchKey, normalizeName } from "../../pinyin.js"
import { insertPreparedMembers, prepareMembers, writeMembers } from "../../platform/bulk.js"
import { type MemberInput, updateMember } from "../../platform/members.js"
import { orgRowInScope, type Scope } from "../../platform/scope.js"
import { members, orgs } from "../../schema/index.js"
import { readDate, textOf } from "./cells.js"
import type { Importer, MappedRow, RowOutcome } from "./engine.js"
import type { FieldSpec } from "./mapping.js"

/**
 * The member import (人员信息) and the development-history import (发展党员信息): one person per row, with
 * the stage dates of the development process (申请 → 积极分子 → 发展对象 → 预备党员 → 正式党员).
 */

/** The 2014 Detailed Rules (《中国共产党发展党员工作细则》, in force 2014-05-28): dates before it are history. */
export const DETAILED_RULES_2014 = date("2014-05-28")

const dateFields = [
  [
    "appliedOn",
    "提交书面申请书时间",
    "application date",
    ["申请入党日期", "递交入党申请书时间", "递交入党申请书日期", "入党申请日期", "申请入党时间"],
  ],
  [
    "activistOn",
    "确定为入党积极分子时间",
    "activist since",
    ["确定入党积极分子日期", "确定为入党积极分子日期", "列为入党积极分子时间", "确定积极分子时间"],
  ],
  ["activistTrainingFrom", "入党积极分子培训起始时间", "activist training from", ["积极分子培训开始时间"]],
  ["activistTrainingTo", "入党积极分子培训结束时间", "activist training to", ["积极分子培训结束时间"]],
  [
    "developmentObjectOn",
    "确定为发展对象时间",
    "development object since",
    ["确定发展对象日期", "确定为发展对象日期", "列为发展对象时间"],
  ],
  ["objectTrainingFrom", "发展对象培训起始时间", "development object training from", []],
  ["objectTrainingTo", "发展对象培训结束时间", "development object training to", []],
  ["plannedOn", "列入发展计划时间", "put in the development plan", []],
  [
    "admittedOn",
    "入党时间",
    "admitted on",
    ["加入党组织日期", "入党日期", "接收为预备党员日期", "接收为预备党员时间"],
  ],
  ["fullMemberOn", "转正时间", "full member since", ["转为正式党员日期", "转正日期", "转正时间"]],
] as const

type DateKey = (typeof dateFields)[number][0]

export const memberFields: readonly FieldSpec[] = [
  { key: "name", zh: "姓名", en: "name", required: true, aliases: ["党员姓名", "人员姓名"] },
  {
    key: "idNumber",
    zh: "公民身份号码",
    en: "ID number",
    aliases: ["身份证号码", "身份证号", "身份号码", "证件号码"],
  },
  { key: "sex", zh: "性别", en: "sex", aliases: [] },
  { key: "birthDate", zh: "出生日期", en: "birth date", aliases: ["出生年月日"] },
  { key: "ethnicity", zh: "民族", en: "ethnicity", aliases: [] },
  { key: "phone", zh: "联系电话", en: "phone", aliases: ["手机号码", "手机", "联系方式"] },
  {
    key: "orgCode",
    zh: "党支部编码",
    en: "branch code",
    aliases: ["联系党支部编码", "所在党支部编码", "党组织编码", "所在党组织编码", "支部编码"],
  },
  {
    key: "orgName",
    zh: "所在党支部",
    en: "branch",
    aliases: ["联系党支部", "党支部名称", "所在党组织", "党支部", "所在支部"],
  },
  {
    key: "stage",
    zh: "人员类别",
    en: "stage",
    aliases: ["当前发展阶段", "党籍状态", "发展阶段", "人员状态"],
  },
  ...dateFields.map(([key, zh, en, aliases]) => ({ key, zh, en, aliases })),
  {
    key: "activistTrainingHours",
    zh: "入党积极分子培训学时",
    en: "activist training hours",
    aliases: ["积极分子培训学时"],
  },
  {
    key: "objectTrainingHours",
    zh: "发展对象培训学时",
    en: "development object training hours",
    aliases: [],
  },
  { key: "trainingMode", zh: "培训方式", en: "training form", aliases: ["培训形式"] },
  {
    key: "trainingOrganizer",
    zh: "培训主办单位",
    en: "training organizer",
    aliases: ["培训单位", "培训组织单位"],
  },
]

/** The stage a sheet names (national system and ledger wording). */
const stageNames: Readonly<Record<string, MemberStage>> = {
  正式党员: "full",
  党员: "full",
  预备党员: "probationary",
  发展对象: "development-object",
  入党积极分子: "activist",
  积极分子: "activist",
  入党申请人: "applicant",
  申请人: "applicant",
  申请入党: "applicant",
}
const stageOrder: readonly MemberStage[] = [
  "applicant",
  "activist",
  "development-object",
  "probationary",
  "full",
]
/** The date that opens each stage. */
const stageDate: Readonly<Record<MemberStage, DateKey>> = {
  applicant: "appliedOn",
  activist: "activistOn",
  "development-object": "developmentObjectOn",
  probationary: "admittedOn",
  full: "fullMemberOn",
}
const stageZh: Readonly<Record<MemberStage, string>> = {
  applicant: "入党申请人",
  activist: "入党积极分子",
  "development-object": "发展对象",
  probationary: "预备党员",
  full: "正式党员",
}

/** A checked row. */
export interface MemberImportRow {
  readonly sheetRow: number
  readonly name: string
  readonly idNumber: string | null
  readonly sex: Sex | null
  readonly birthDate: PlainDate | null
  readonly ethnicity: string
  readonly phone: string | null
  readonly orgId: string
  readonly stage: MemberStage
  readonly dates: Readonly<Partial<Record<DateKey, PlainDate>>>
  /** The existing member a development history is attached to (development import). */
  existing?: { readonly id: string; readonly version: number }
  /** True when every date lies before the 2014 Detailed Rules: imported as history, not judged by them. */
  readonly history: boolean
  /** The trainings the row records (入党积极分子培训, 发展对象培训), stored as the person's 培训经历. */
  readonly trainings: readonly TrainingOfRow[]
}

/** A training of a row: its span and what the sheet says of it. */
export interface TrainingOfRow {
  readonly kind: "activist" | "development-object"
  readonly from: PlainDate
  readonly to: PlainDate
  readonly tenths: number | null
  readonly mode: string | null
  readonly organizer: string | null
}

interface OrgRef {
  readonly id: string
  readonly name: string
  readonly shortName: string | null
}

export interface MemberImportContext {
  readonly byId: ReadonlyMap<string, OrgRef>
  readonly byName: ReadonlyMap<string, OrgRef[]>
}

/** An organization name as compared: without the 中共 prefix, separators and spaces. */
const orgNameKey = (name: string) => nameSearchKey(name).replace(/^中国共产党|^中共/, "")

const loadOrgs = async (db: XfDb, scope: Scope): Promise<MemberImportContext> => {
  const rows = await db
    .select({ id: orgs.id, name: orgs.name, shortName: orgs.shortName })
    .from(orgs)
    .where(orgRowInScope(scope))
  const byId = new Map(rows.map((r) => [r.id, r]))
  const byName = new Map<string, OrgRef[]>()
  for (const r of rows)
    for (const n of new Set([
      orgNameKey(r.name),
      ...(r.shortName === null ? [] : [orgNameKey(r.shortName)]),
    ])) {
      const list = byName.get(n) ?? []
      list.push(r)
      byName.set(n, list)
    }
  return { byId, byName }
}

const sexOf = (text: string): Sex | undefined =>
  text === "男" || text === "1" || text === "男性"
    ? "male"
    : text === "女" || text === "2" || text === "女性"
      ? "female"
      : undefined

const ethnicityOf = (text: string): string | undefined => {
  if (text === "") return ""
  if (/^\d{1,2}$/.test(text)) {
    const code = text.padStart(2, "0")
    return ethnicityCodes[code] === undefined ? undefined : code
  }
  const withZu = text.endsWith("族") ? text : `${text}族`
  return Object.entries(ethnicityCodes).find(([, name]) => name === text || name === withZu)?.[0]
}

/** Checks one person row: identity, organization, dates and the stage against them (import mode). */
const checkPerson = (
  row: MappedRow,
  ctx: MemberImportContext,
  out: RowOutcome<MemberImportRow>,
  asOf: PlainDate,
): MemberImportRow | undefined => {
  const err = (field: string, zh: string, en: string) =>
    out.errors.push({ column: row.header(field), zh, en })
  const warn = (field: string | undefined, zh: string, en: string) =>
    out.warnings.push({ ...(field === undefined ? {} : { column: row.header(field) }), zh, en })

  const rawName = textOf(row.cell("name"))
  if (rawName === "") err("name", "姓名不能为空", "the name is empty")
  if (rawName.length > 50) err("name", "姓名超过50个字", "the name is longer than 50 characters")
  const name = normalizeName(rawName)

  let idNumber: string | null = null
  let sex: Sex | null = null
  let birthDate: PlainDate | null = null
  const idText = textOf(row.cell("idNumber"))
  if (idText !== "") {
    const id = parseIdNumber(idText, { field: row.header("idNumber"), asOf })
    if (Result.isFailure(id)) err("idNumber", id.failure.messageZh, id.failure.message)
    else {
      idNumber = id.success.value
      sex = id.success.sex
      birthDate = id.success.birthDate
      if (id.success.kind === "residence-permit")
        out.notes.push({
          column: row.header("idNumber"),
          zh: `${id.success.regionName}居民居住证号码`,
          en: `a residence permit number (${id.success.regionName})`,
        })
    }
  }
  const sexText = textOf(row.cell("sex"))
  if (sexText !== "") {
    const s = sexOf(sexText)
    if (s === undefined) err("sex", `性别「${sexText}」应为男或女`, `sex "${sexText}" must be 男 or 女`)
    else if (sex !== null && s !== sex)
      err("sex", `性别「${sexText}」与身份证号码不符`, `sex "${sexText}" does not match the ID number`)
    else sex = s
  }
  const birth = readDate(row.cell("birthDate"))
  if (!birth.ok) err("birthDate", birth.zh, birth.en)
  else if (birth.value !== null) {
    if (birthDate !== null && !birth.value.equals(birthDate))
      err("birthDate", "出生日期与身份证号码不符", "the birth date does not match the ID number")
    birthDate = birth.value
  }
  const ethText = textOf(row.cell("ethnicity"))
  const ethnicity = ethnicityOf(ethText)
  if (ethnicity === undefined)
    err(
      "ethnicity",
      `民族「${ethText}」不在GB/T 3304代码表中`,
      `ethnicity "${ethText}" is not a GB/T 3304 name or code`,
    )
  const phone = textOf(row.cell("phone"))
  if (phone.length > 30) err("phone", "联系电话超过30个字符", "the phone is longer than 30 characters")

  // The organization: its code, else its name; both must lie in the caller's scope.
  let orgId: string | undefined
  const code = textOf(row.cell("orgCode"))
  const orgName = textOf(row.cell("orgName"))
  if (code !== "") {
    const org = ctx.byId.get(code)
    if (org === undefined)
      err(
        "orgCode",
        `党组织编码「${code}」不存在（或不在您管理的范围内）`,
        `no organization with code "${code}" in your scope`,
      )
    else {
      orgId = org.id
      if (
        orgName !== "" &&
        orgNameKey(orgName) !== orgNameKey(org.name) &&
        orgNameKey(orgName) !== orgNameKey(org.shortName ?? "")
      )
        warn(
          "orgName",
          `名称「${orgName}」与编码对应的「${org.name}」不一致，按编码导入`,
          `the name differs from the code's organization "${org.name}"; the code is used`,
        )
    }
  } else if (orgName !== "") {
    const found = ctx.byName.get(orgNameKey(orgName)) ?? []
    if (found.length === 1) orgId = found[0]?.id
    else if (found.length === 0)
      err(
        "orgName",
        `党组织「${orgName}」不存在（或不在您管理的范围内）`,
        `no organization "${orgName}" in your scope`,
      )
    else
      err(
        "orgName",
        `有多个党组织名为「${orgName}」，请填写党支部编码`,
        `several organizations are named "${orgName}"; give the code`,
      )
  } else err("orgName", "请填写所在党支部（编码或名称）", "the branch (code or name) is missing")

  // Dates as typed.
  const dates: Partial<Record<DateKey, PlainDate>> = {}
  const unreadable = new Set<DateKey>()
  for (const [key, zh] of dateFields) {
    const r = readDate(row.cell(key))
    if (!r.ok) {
      err(key, r.zh, r.en)
      unreadable.add(key)
    } else if (r.value !== null) {
      if (isAfter(r.value, asOf))
        err(key, `${zh}${r.value.toString()}晚于今天`, `${r.value.toString()} lies after today`)
      dates[key] = r.value
      if (r.note !== undefined) out.notes.push({ column: row.header(key), ...r.note })
    }
  }

  // The order of the stages: each date on or after the one before it.
  const chain: DateKey[] = ["appliedOn", "activistOn", "developmentObjectOn", "admittedOn", "fullMemberOn"]
  const label = (k: DateKey) => row.header(k)
  for (let i = 1; i < chain.length; i++) {
    const later = chain[i] as DateKey
    const d = dates[later]
    if (d === undefined) continue
    for (let j = i - 1; j >= 0; j--) {
      const earlier = chain[j] as DateKey
      const e = dates[earlier]
      if (e === undefined) continue
      if (isBefore(d, e))
        err(
          later,
          `${d.toString()}早于「${label(earlier)}」${e.toString()}`,
          `${d.toString()} lies before "${label(earlier)}" ${e.toString()}`,
        )
      break
    }
  }
  const trainings: TrainingOfRow[] = []
  const mode = textOf(row.cell("trainingMode"))
  const organizer = textOf(row.cell("trainingOrganizer"))
  if (mode.length > 50)
    err("trainingMode", "培训方式超过50个字", "the training form is longer than 50 characters")
  if (organizer.length > 100)
    err("trainingOrganizer", "培训主办单位超过100个字", "the organizer is longer than 100 characters")
  for (const [kind, from, to, hoursField] of [
    ["activist", "activistTrainingFrom", "activistTrainingTo", "activistTrainingHours"],
    ["development-object", "objectTrainingFrom", "objectTrainingTo", "objectTrainingHours"],
  ] as const) {
    const a = dates[from]
    const b = dates[to]
    if (a !== undefined && b !== undefined && isBefore(b, a))
      err(to, `培训结束时间${b.toString()}早于起始时间${a.toString()}`, `the training ends before it starts`)
    const hoursText = textOf(row.cell(hoursField)).replace(/学时$/u, "")
    let tenths: number | null = null
    if (hoursText !== "") {
      if (!/^\d{1,4}(\.\d)?$/.test(hoursText) || Number(hoursText) === 0)
        err(
          hoursField,
          `学时「${hoursText}」应为大于0的数字（最多一位小数）`,
          `hours "${hoursText}" must be a number above 0`,
        )
      else tenths = Math.round(Number(hoursText) * 10)
      if (a === undefined && b === undefined)
        err(hoursField, "填写了培训学时，却没有培训起止时间", "training hours without the training's dates")
    }
    // A training with one of its days: the other is the same day (a one-day training), said in a note.
    if (a !== undefined || b !== undefined) {
      const first = a ?? (b as PlainDate)
      const last = b ?? first
      if (a === undefined || b === undefined)
        out.notes.push({
          column: row.header(a === undefined ? from : to),
          zh: `培训只填写了一个日期，按一天的培训（${first.toString()}）记录`,
          en: `the training has one date only: recorded as one day (${first.toString()})`,
        })
      if (!isBefore(last, first))
        trainings.push({
          kind,
          from: first,
          to: last,
          tenths,
          mode: mode === "" ? null : mode,
          organizer: organizer === "" ? null : organizer,
        })
    }
  }

  // The stage: as the sheet says, checked against the dates; or, when it says nothing, as the dates say.
  const stageText = textOf(row.cell("stage"))
  const reached = [...stageOrder].reverse().find((s) => dates[stageDate[s]] !== undefined)
  let stage: MemberStage | undefined
  if (stageText !== "") {
    stage = stageNames[stageText.replace(/\s/g, "")]
    if (stage === undefined)
      err(
        "stage",
        `「${stageText}」不是可识别的阶段（入党申请人、入党积极分子、发展对象、预备党员、正式党员）`,
        `"${stageText}" is not a stage`,
      )
  } else if (reached === undefined)
    err("stage", "没有阶段，也没有任何阶段日期", "neither a stage nor any stage date")
  else stage = reached
  if (stage !== undefined) {
    const at = stageOrder.indexOf(stage)
    for (const later of stageOrder.slice(at + 1)) {
      const d = dates[stageDate[later]]
      if (d !== undefined)
        err(
          stageDate[later],
          `阶段为「${stageZh[stage]}」，却填写了${stageZh[later]}阶段的日期${d.toString()}`,
          `the stage is ${stage} but a date of a later stage is filled in`,
        )
    }
    if (
      (stage === "probationary" || stage === "full") &&
      dates.admittedOn === undefined &&
      !unreadable.has("admittedOn")
    )
      err("admittedOn", `${stageZh[stage]}应填写入党时间`, `a ${stage} member needs the admission date`)
    if (stage === "full" && dates.fullMemberOn === undefined && !unreadable.has("fullMemberOn"))
      warn("fullMemberOn", "正式党员未填写转正时间", "a full member without the date of becoming full")
    if (
      stage !== "probationary" &&
      stage !== "full" &&
      dates[stageDate[stage]] === undefined &&
      !unreadable.has(stageDate[stage])
    )
      warn(
        stageDate[stage],
        `阶段为「${stageZh[stage]}」，但未填写该阶段的日期`,
        `the date of the stage is missing`,
      )
  }

  // Import mode of the development rules: what the 2014 Detailed Rules require is a warning, never a refusal,
  // and a record dated before them (2014-05-28) is history, not judged by them.
  const all = Object.values(dates)
  const history = all.length > 0 && all.every((d) => isBefore(d, DETAILED_RULES_2014))
  if (history)
    out.notes.push({
      zh: "各日期均早于2014年《中国共产党发展党员工作细则》施行，作为历史记录导入，不按该细则审查",
      en: "every date predates the 2014 Detailed Rules: imported as history, not judged by them",
    })
  else {
    const { activistOn, developmentObjectOn, admittedOn, fullMemberOn, appliedOn } = dates
    if (
      activistOn &&
      developmentObjectOn &&
      !isBefore(developmentObjectOn, DETAILED_RULES_2014) &&
      isBefore(developmentObjectOn, activistOn.add({ years: 1 }))
    )
      warn(
        "developmentObjectOn",
        "距确定为入党积极分子不满一年（《发展党员工作细则》第十三条：一年以上培养教育和考察）",
        "less than a year after becoming an activist (Detailed Rules art. 13)",
      )
    if (
      admittedOn &&
      fullMemberOn &&
      !isBefore(admittedOn, DETAILED_RULES_2014) &&
      isBefore(fullMemberOn, admittedOn.add({ years: 1 }))
    )
      warn(
        "fullMemberOn",
        "预备期不满一年（党章第七条）",
        "the probation is shorter than a year (Party Constitution art. 7)",
      )
    if (
      birthDate !== null &&
      appliedOn &&
      !isBefore(appliedOn, DETAILED_RULES_2014) &&
      ageOn(birthDate, appliedOn) < 18
    )
      warn(
        "appliedOn",
        "申请入党时未满十八周岁（党章第一条）",
        "under 18 when applying (Party Constitution art. 1)",
      )
  }

  if (out.errors.length > 0 || orgId === undefined || stage === undefined || ethnicity === undefined)
    return undefined
  return {
    sheetRow: row.sheetRow,
    name,
    idNumber,
    sex,
    birthDate,
    ethnicity,
    phone: phone === "" ? null : phone,
    orgId,
    stage,
    dates,
    history,
    trainings,
  }
}

const memberInputOf = (r: MemberImportRow): MemberInput => ({
  orgId: r.orgId,
  name: r.name,
  idNumber: r.idNumber,
  sex: r.sex ?? "male",
  birthDate: r.birthDate ?? date("1900-01-01"),
  ethnicity: r.ethnicity,
  education: "",
  occupationGroup: "other",
  stage: r.stage,
  phone: r.phone,
  appliedOn: r.dates.appliedOn ?? null,
  activistOn: r.dates.activistOn ?? null,
  developmentObjectOn: r.dates.developmentObjectOn ?? null,
  admittedOn: r.dates.admittedOn ?? null,
  fullMemberOn: r.dates.fullMemberOn ?? null,
})

/** Duplicates within the file (same ID number; same name in the same branch without one). */
const duplicatesInFile = (outcomes: readonly RowOutcome<MemberImportRow>[], header: string) => {
  const seenId = new Map<string, number>()
  for (const o of outcomes) {
    const id = o.value?.idNumber
    if (id === null || id === undefined) continue
    const first = seenId.get(id)
    if (first === undefined) seenId.set(id, o.sheetRow)
    else
      o.errors.push({
        column: header,
        zh: `与第${first}行的身份证号码相同（重复）`,
        en: `the same ID number as row ${first}`,
      })
  }
}

const BATCH = 1000

/**
 * Stores the trainings of written rows as the people's 培训经历 (`writeDevelopmentTrainings`): a row's person is
 * the member it updated, or the one just created with its ID number.
 */
const writeTrainingsOf = async (
  tx: XfDb,
  rows: readonly MemberImportRow[],
  deps: {
    readonly vault: { blindIndex(id: string): string }
    readonly at: Date
    readonly actor?: { readonly id: string | null }
  },
): Promise<void> => {
  const withTrainings = rows.filter((r) => r.trainings.length > 0)
  if (withTrainings.length === 0) return
  const fresh = withTrainings.filter((r) => r.existing === undefined && r.idNumber !== null)
  const hashes = fresh.map((r) => deps.vault.blindIndex(r.idNumber ?? ""))
  const ids =
    hashes.length === 0
      ? new Map<string | null, string>()
      : new Map(
          (
            await tx
              .select({ id: members.id, hash: members.idNumberHash })
              .from(members)
              .where(inArray(members.idNumberHash, hashes))
          ).map((m) => [m.hash, m.id]),
        )
  const memberIdOf = (r: MemberImportRow) =>
    r.existing?.id ?? (r.idNumber === null ? undefined : ids.get(deps.vault.blindIndex(r.idNumber)))
  await writeDevelopmentTrainings(
    tx,
    withTrainings.flatMap((r) => {
      const memberId = memberIdOf(r)
      if (memberId === undefined) throw new Error(`第${r.sheetRow}行：刚写入的人员未找到`)
      return r.trainings.map((t) => ({
        memberId,
        kind: t.kind,
        fromDate: t.from,
        toDate: t.to,
        tenths: t.tenths,
        mode: t.mode,
        organizer: t.organizer,
        recordedBy: deps.actor?.id ?? null,
        recordedAt: deps.at,
      }))
    }),
  )
}

/** 人员信息: creates members; a member whose ID number is already in the database is an error. */
export const memberImporter: Importer<MemberImportRow, MemberImportContext> = {
  kind: "members",
  zh: "党员信息",
  en: "Members",
  fields: memberFields,
  context: (db, scope) => loadOrgs(db, scope),
  checkRow: (row, ctx, out, deps) => {
    const r = checkPerson(row, ctx, out, deps.asOf)
    if (r === undefined) return undefined
    if (r.idNumber === null) {
      out.errors.push({
        column: row.header("idNumber"),
        zh: "缺少公民身份号码",
        en: "the ID number is missing",
      })
      return undefined
    }
    return r
  },
  checkAll: async (db, outcomes, _ctx, deps) => {
    duplicatesInFile(outcomes, memberFields[1]?.zh ?? "")
    const withId = outcomes.filter((o) => o.value?.idNumber)
    const hashesOf = (from: number) =>
      withId.slice(from, from + BATCH).map((o) => deps.vault.blindIndex(o.value?.idNumber ?? ""))
    let next = hashesOf(0)
    for (let i = 0; i < withId.length; i += BATCH) {
      const part = withId.slice(i, i + BATCH)
      const hashes = next
      // The database looks this batch up while the next batch's blind indexes are computed.
      const looking = db
        .select({ hash: members.idNumberHash, name: members.name })
        .from(members)
        .where(inArray(members.idNumberHash, hashes))
        .execute()
      await new Promise((resolve) => setImmediate(resolve))
      if (i + BATCH < withId.length) next = hashesOf(i + BATCH)
      const found = await looking
      const byHash = new Map(found.map((f) => [f.hash, f.name]))
      part.forEach((o, k) => {
        const existing = byHash.get(hashes[k] ?? "")
        if (existing !== undefined)
          o.errors.push({
            zh: `系统中已有该身份证号码的人员（${existing}）`,
            en: `a person with this ID number is already recorded (${existing})`,
          })
      })
    }
  },
  write: async (tx, _scope, values, _ctx, deps) => {
    let n = 0
    const prepare = (from: number) =>
      prepareMembers(deps.vault, values.slice(from, from + BATCH).map(memberInputOf))
    let prepared = prepare(0)
    for (let i = 0; i < values.length; i += BATCH) {
      // The database writes this batch while the next one is prepared (pinyin keys, encryption): the two
      // processes work at once instead of in turn.
      const inserting = insertPreparedMembers(tx, prepared)
      await new Promise((resolve) => setImmediate(resolve))
      const next = i + BATCH < values.length ? prepare(i + BATCH) : undefined
      n += await inserting
      await writeTrainingsOf(tx, values.slice(i, i + BATCH), deps)
      if (next !== undefined) prepared = next
      deps.onProgress?.("write", Math.min(i + BATCH, values.length), values.length)
    }
    return n
  },
}

/**
 * 发展党员信息: development histories. A row is attached to the person already recorded (by ID number, or
 * by name in the same branch) and sets the stage and its dates; a person not yet recorded is created when
 * the row identifies them (ID number); otherwise the row is an error saying what is missing.
 */
export const developmentImporter: Importer<MemberImportRow, MemberImportContext> = {
  kind: "development",
  zh: "发展党员信息",
  en: "Development histories",
  fields: memberFields,
  context: (db, scope) => loadOrgs(db, scope),
  checkRow: (row, ctx, out, deps) => checkPerson(row, ctx, out, deps.asOf),
  checkAll: async (db, outcomes, _ctx, deps) => {
    duplicatesInFile(outcomes, memberFields[1]?.zh ?? "")
    for (const o of outcomes) {
      const v = o.value
      if (v === undefined) continue
      const byId =
        v.idNumber === null
          ? []
          : await db
              .select({ id: members.id, version: members.version, orgId: members.orgId })
              .from(members)
              .where(eq(members.idNumberHash, deps.vault.blindIndex(v.idNumber)))
      const found =
        byId.length > 0
          ? byId
          : await db
              .select({ id: members.id, version: members.version, orgId: members.orgId })
              .from(members)
              .where(
                and(
                  eq(members.orgId, v.orgId),
                  sql`translate(${members.name}, '·', '') = ${nameSearchKey(v.name)}`,
                ),
              )
      if (found.length > 1)
        o.errors.push({
          zh: `支部中有${found.length}位同名人员，请填写公民身份号码`,
          en: "several people of this name in the branch; give the ID number",
        })
      else if (found.length === 1 && found[0] !== undefined) {
        if (found[0].orgId !== v.orgId)
          o.errors.push({
            zh: "该人员在系统中属于另一个党组织",
            en: "the person belongs to another organization",
          })
        v.existing = { id: found[0].id, version: found[0].version }
      } else if (v.idNumber === null || v.sex === null || v.birthDate === null)
        o.errors.push({
          zh: "系统中没有此人，且缺少公民身份号码，无法建立人员档案：请补充身份证号码列，或先导入党员信息",
          en: "the person is not recorded and the row lacks the ID number to create them",
        })
    }
  },
  write: async (tx, scope, values, _ctx, deps) => {
    const fresh = values.filter((v) => v.existing === undefined)
    let n = 0
    for (let i = 0; i < fresh.length; i += BATCH) {
      const part = fresh.slice(i, i + BATCH)
      n += await writeMembers(tx, deps.vault, part.map(memberInputOf))
      await writeTrainingsOf(tx, part, deps)
    }
    await writeTrainingsOf(
      tx,
      values.filter((v) => v.existing !== undefined),
      deps,
    )
    let done = 0
    for (const v of values) {
      if (v.existing === undefined) continue
      // Only what the sheet holds: the stage and the stage dates it fills in.
      const columns = {
        stage: v.stage,
        ...(v.dates.appliedOn ? { appliedOn: v.dates.appliedOn } : {}),
        ...(v.dates.activistOn ? { activistOn: v.dates.activistOn } : {}),
        ...(v.dates.developmentObjectOn ? { developmentObjectOn: v.dates.developmentObjectOn } : {}),
        ...(v.dates.admittedOn ? { admittedOn: v.dates.admittedOn } : {}),
        ...(v.dates.fullMemberOn ? { fullMemberOn: v.dates.fullMemberOn } : {}),
      }
      const updated = await updateMember(tx, deps.vault, v.existing.id, v.existing.version, columns, {
        scope,
        at: deps.at,
      })
      if (updated === undefined) throw new Error(`member ${v.existing.id} changed during the import`)
      n++
      if (++done % 200 === 0) deps.onProgress?.("write", done, values.length)
    }
    return n
  },
}
