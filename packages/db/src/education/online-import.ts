/**
 * The import of online learning (网络学习, ledger-formats.md §3: the per-person card's rows — 日期, 内容, 形式,
 * 学时 — as a learning platform exports them): one row per member per piece of study — the member (公民身份号码,
 * else 姓名, with 所在党组织 when two members of the scope share the name), what was studied (学习内容), on which
 * platform (学习平台, kept in the record's title), the day (开始日期), optionally the times (开始时间/结束时间)
 * and the class hours (学时, 0.1–16 as the entry form takes them). Every row is checked before anything is
 * written, and the file is written whole or not at all (the import engine). Rows go through online learning's
 * one write path (`writeOnline`, as the entry form's), so the study-hours reads credit them like entered ones:
 * overlapping time counted once by `creditStudy`. A row already stored (the same member, day and title — an
 * export imported twice) or repeated in the file is refused: two untimed records of the same study would
 * otherwise each be credited.
 */
import { isAfter } from "@xianfeng/core"
import { and, inArray } from "drizzle-orm"
import { nameSearchKey } from "../pinyin.js"
import { educationOnline } from "../schema/index.js"
import { readDate, readTime, textOf } from "../transfer/import/cells.js"
import type { Importer } from "../transfer/import/engine.js"
import type { FieldSpec } from "../transfer/import/mapping.js"
import {
  errorOf,
  loadPeople,
  type PeopleIndex,
  type PersonRef,
  resolveMember,
  resolveOrg,
} from "../transfer/import/people.js"
import { type NewOnline, writeOnline } from "./study.js"

export const onlineLearningFields: readonly FieldSpec[] = [
  { key: "name", zh: "姓名", en: "name", aliases: ["党员姓名", "学员姓名", "学员"] },
  {
    key: "idNumber",
    zh: "公民身份号码",
    en: "ID number",
    aliases: ["身份证号码", "身份证号", "身份号码", "证件号码"],
  },
  {
    key: "orgName",
    zh: "所在党组织",
    en: "organization",
    aliases: ["所在党支部", "党支部", "支部", "党组织名称", "所在支部"],
  },
  {
    key: "orgCode",
    zh: "党组织编码",
    en: "organization code",
    aliases: ["党支部编码", "组织编码", "党组织代码"],
  },
  {
    key: "title",
    zh: "学习内容",
    en: "content",
    required: true,
    aliases: ["课程名称", "学习课程", "课程", "内容", "培训/学习名称", "培训学习名称", "学习名称"],
  },
  { key: "platform", zh: "学习平台", en: "platform", aliases: ["平台", "学习渠道", "形式", "学习形式"] },
  {
    key: "date",
    zh: "开始日期",
    en: "date",
    required: true,
    aliases: ["日期", "学习日期", "完成日期", "学习时间"],
  },
  { key: "startTime", zh: "开始时间", en: "start time", aliases: ["起始时间"] },
  { key: "endTime", zh: "结束时间", en: "end time", aliases: ["截止时间"] },
  {
    key: "hours",
    zh: "学时",
    en: "class hours",
    required: true,
    aliases: ["学时数", "课时", "获得学时", "学习学时"],
  },
]

interface OnlineContext {
  readonly people: PeopleIndex
  /** A name as compared → the members of the scope with it. */
  readonly byName: ReadonlyMap<string, readonly PersonRef[]>
}

/** A checked row: one online-learning record. */
export type OnlineLearningRow = Omit<NewOnline, "recordedBy" | "recordedAt"> & { readonly sheetRow: number }

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** The stored title: the content, and the platform in brackets when the sheet names one. */
export const onlineTitle = (content: string, platform: string): string =>
  platform === "" ? content : `${content}（${platform}）`

const keyOf = (v: { memberId: string; onDate: { toString(): string }; title: string }) =>
  `${v.memberId}\u0000${v.onDate.toString()}\u0000${v.title}`

/** 网络学习: members' online learning, as a platform's export or a branch's ledger lists it. */
export const onlineLearningImporter: Importer<OnlineLearningRow, OnlineContext> = {
  kind: "online-learning",
  zh: "网络学习学时",
  en: "Online learning",
  fields: onlineLearningFields,
  context: async (db, scope) => {
    const people = await loadPeople(db, scope)
    const byName = new Map<string, PersonRef[]>()
    for (const list of people.byOrgName.values())
      for (const p of list) {
        const k = nameSearchKey(p.name)
        byName.set(k, [...(byName.get(k) ?? []), p])
      }
    return { people, byName }
  },
  checkRow: (row, ctx, out, deps) => {
    const err = errorOf(row, out)
    // The member: by ID number; else by name in the organization given; else by a name unique in the scope.
    let member: PersonRef | undefined
    const idText = textOf(row.cell("idNumber"))
    const orgGiven = textOf(row.cell("orgCode")) !== "" || textOf(row.cell("orgName")) !== ""
    if (idText !== "" || orgGiven) {
      const org = orgGiven ? resolveOrg(row, out, ctx.people, "orgCode", "orgName") : undefined
      if (!orgGiven || org !== undefined)
        member = resolveMember(row, out, ctx.people, deps, { name: "name", idNumber: "idNumber" }, org)
    } else {
      const name = textOf(row.cell("name"))
      const found = name === "" ? [] : (ctx.byName.get(nameSearchKey(name)) ?? [])
      if (name === "") err("name", "请填写姓名或身份证号码", "the name (or ID number) is missing")
      else if (found.length === 0)
        err("name", `没有名为「${name}」的党员（或不在您管理的范围内）`, `no member "${name}" in your scope`)
      else if (found.length > 1)
        err(
          "name",
          `有${found.length}位党员名为「${name}」，请填写身份证号码或所在党组织`,
          `several members are named "${name}"; give the ID number or the organization`,
        )
      else member = found[0]
    }

    const content = textOf(row.cell("title"))
    const platform = textOf(row.cell("platform"))
    if (content === "") err("title", "请填写学习内容", "the content is missing")
    else if (onlineTitle(content, platform).length > 200)
      err("title", "学习内容（连同学习平台）不能超过200字", "content and platform exceed 200 characters")

    const day = readDate(row.cell("date"))
    if (!day.ok) err("date", day.zh, day.en)
    else if (day.value === null) err("date", "请填写开始日期", "the date is missing")
    else if (isAfter(day.value, deps.asOf))
      err("date", `${day.value.toString()}晚于今天`, `${day.value.toString()} lies after today`)

    const start = readTime(row.cell("startTime"))
    const end = readTime(row.cell("endTime"))
    if (!start.ok) err("startTime", start.zh, start.en)
    if (!end.ok) err("endTime", end.zh, end.en)
    const s = start.ok && start.value !== null ? minutesOf(start.value) : null
    const e = end.ok && end.value !== null ? minutesOf(end.value) : null
    if (start.ok && end.ok && (s === null) !== (e === null))
      err("endTime", "须同时填写开始和结束时间（或都不填）", "give both times or neither")
    else if (s !== null && e !== null && e <= s)
      err("endTime", "结束时间须晚于开始时间", "the end must come after the start")

    const hoursText = textOf(row.cell("hours")).replace(/学时$/u, "")
    const n = Number(hoursText)
    let tenths = 0
    if (hoursText === "") err("hours", "请填写学时", "the class hours are missing")
    else if (!/^\d+(\.\d)?$/.test(hoursText) || !Number.isFinite(n))
      err("hours", `学时「${hoursText}」应为数字（最多一位小数）`, `hours "${hoursText}" must be a number`)
    else {
      tenths = Math.round(n * 10)
      if (tenths <= 0 || tenths > 160)
        err("hours", `学时${hoursText}须大于0且不超过16`, "hours must be above 0 and at most 16")
    }

    if (out.errors.length > 0 || member === undefined || !day.ok || day.value === null) return undefined
    return {
      sheetRow: row.sheetRow,
      memberId: member.id,
      title: onlineTitle(content, platform),
      onDate: day.value,
      startMinute: s,
      endMinute: e,
      tenths,
    }
  },
  checkAll: async (db, outcomes) => {
    const seen = new Map<string, number>()
    for (const o of outcomes) {
      if (o.value === undefined) continue
      const k = keyOf(o.value)
      const first = seen.get(k)
      if (first !== undefined)
        o.errors.push({
          zh: `与第${first}行是同一人同一天的同一学习内容（重复）`,
          en: `the same study as row ${first}`,
        })
      else seen.set(k, o.sheetRow)
    }
    const memberIds = [...new Set(outcomes.flatMap((o) => (o.value === undefined ? [] : [o.value.memberId])))]
    const stored = new Set<string>()
    for (let i = 0; i < memberIds.length; i += 1000) {
      const part = memberIds.slice(i, i + 1000)
      const days = new Map<string, NonNullable<OnlineLearningRow["onDate"]>>()
      for (const o of outcomes)
        if (o.value !== undefined && part.includes(o.value.memberId))
          days.set(o.value.onDate.toString(), o.value.onDate)
      for (const r of await db
        .select({
          memberId: educationOnline.memberId,
          onDate: educationOnline.onDate,
          title: educationOnline.title,
        })
        .from(educationOnline)
        .where(
          and(inArray(educationOnline.memberId, part), inArray(educationOnline.onDate, [...days.values()])),
        ))
        stored.add(keyOf(r))
    }
    for (const o of outcomes)
      if (o.value !== undefined && stored.has(keyOf(o.value)))
        o.errors.push({
          zh: "系统中已登记此人这一天的这项学习（重复）",
          en: "this study is already recorded",
        })
  },
  write: async (tx, _scope, values, _ctx, deps) => {
    await writeOnline(
      tx,
      values.map(({ sheetRow: _, ...v }) => ({
        ...v,
        recordedBy: deps.actor?.id ?? null,
        recordedAt: deps.at,
      })),
    )
    deps.onProgress?.("write", values.length, values.length)
    return values.length
  },
}
