import { Schema, SchemaGetter } from "effect"
import { Temporal } from "temporal-polyfill"
import type { PlainDate } from "./date.js"

/**
 * The words every area shares, each an effect Schema defined once: the rules validate with it, the database
 * takes its CHECK lists and column types from it, and the API's contract shows it in OpenAPI. Value and type
 * carry the same name (`MemberStage` the schema, `MemberStage` its type).
 */

/**
 * Between the Chinese and the English half of a validation message. A message made by `bilingual` carries
 * both languages in one string; the API's request validator splits it at this separator and answers each
 * reader in their own language (`zh-CN` first). Core owns the convention because its schemas carry such
 * messages and core may not import the API.
 */
export const BILINGUAL_SEPARATOR = " ¦ "

/** A schema check's message in both languages, as an annotation: `Schema.isPattern(re, bilingual(zh, en))`. */
export const bilingual = (zh: string, en: string): { readonly message: string } => ({
  message: `${zh}${BILINGUAL_SEPARATOR}${en}`,
})

/**
 * One of a fixed list of codes, with a bilingual message that lists them (`应为以下之一：…`), so a wrong code
 * is explained in the reader's language instead of effect's `Expected "a" | "b"`.
 */
export const choiceOf = <const L extends readonly [string, ...string[]]>(values: L) =>
  Schema.Literals(values).annotate(
    bilingual(`应为以下之一：${values.join("、")}`, `must be one of: ${values.join(", ")}`),
  )

/**
 * Where a person stands on the road to membership, in the order of the process (发展党员工作细则 第二至五章):
 * `applicant` 入党申请人 → `activist` 入党积极分子 → `development-object` 发展对象 → `probationary` 预备党员
 * → `full` 正式党员.
 */
export const memberStages = ["applicant", "activist", "development-object", "probationary", "full"] as const
export const MemberStage = choiceOf(memberStages)
export type MemberStage = typeof MemberStage.Type

/**
 * 党籍状态 and how a record left the roll: `normal` 正常, `suspended` 停止党籍, `lost-contact` 失联,
 * `transferred-out` 转出, `deceased` 去世, `removed` 出党.
 */
export const memberStatuses = [
  "normal",
  "suspended",
  "lost-contact",
  "transferred-out",
  "deceased",
  "removed",
] as const
export const MemberStatus = choiceOf(memberStatuses)
export type MemberStatus = typeof MemberStatus.Type

/** 性别, as the resident ID number's 17th digit gives it (GB 11643). */
export const Sex = choiceOf(["male", "female"])
export type Sex = typeof Sex.Type

/**
 * The roles of the system's users: `district-admin` 区委组织部管理员, `committee-officer` 党（工）委组织委员,
 * `branch-secretary` 支部书记, `auditor` 审计员 (reads the audit log only), and the three administrators that
 * graded protection level 3 keeps apart (GB/T 22239-2019 8.1.4.2 访问控制, 8.1.10 安全管理中心: 三员分立):
 * `system-admin` 系统管理员 (accounts), `security-admin` 安全管理员 (roles and security events) and
 * `audit-admin` 审计管理员 (the audit log, the other two's actions included), and `member` 党员 — a party member
 * signed in as themself, whose account reaches their own record and their own part of the democratic appraisal
 * and nothing else (a route lets a member in only when it names the role). In the order the admin lists them.
 */
export const userRoles = [
  "district-admin",
  "committee-officer",
  "branch-secretary",
  "auditor",
  "system-admin",
  "security-admin",
  "audit-admin",
  "member",
] as const
export const UserRole = choiceOf(userRoles)
export type UserRole = typeof UserRole.Type

/** Every role but `member`: the roles of the staff, whom a route admits when it names no roles. */
export const staffRoles = userRoles.filter((r): r is Exclude<UserRole, "member"> => r !== "member")

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/u

const isCalendarDate = (s: string): boolean => {
  try {
    Temporal.PlainDate.from(s, { overflow: "reject" })
    return true
  } catch {
    return false
  }
}

const isoDateMessage = bilingual("应为“年-月-日”格式的日期，如2026-05-11", "must be a date like 2026-05-11")

/**
 * A civil date as `YYYY-MM-DD` (ISO 8601 calendar date), stays a string. Refuses a malformed string and a date
 * that does not exist (`2027-02-30`, `2026-13-01`, `0000-00-00`), naming the field, with a `bilingual`
 * message. JSON Schema shows it as `format: date` with the pattern.
 */
export const IsoDate = Schema.String.annotate(isoDateMessage)
  .check(
    Schema.isPattern(ISO_DATE, isoDateMessage),
    // A malformed string was already refused by the pattern; this one answers only for well-formed non-dates.
    Schema.makeFilter(
      (s: string) =>
        !ISO_DATE.test(s) ||
        isCalendarDate(s) ||
        bilingual(`日历上没有${s}这一天`, `there is no such day as ${s}`).message,
    ),
  )
  .annotate({ description: "A civil date, YYYY-MM-DD", format: "date" })
export type IsoDate = typeof IsoDate.Type

const PlainDateType = Schema.instanceOf(Temporal.PlainDate)

/** `IsoDate` decoded to a `Temporal.PlainDate` (and encoded back to `YYYY-MM-DD`). */
export const IsoDateToPlainDate = IsoDate.pipe(
  Schema.decodeTo(PlainDateType, {
    decode: SchemaGetter.transform((s: string): PlainDate => Temporal.PlainDate.from(s)),
    encode: SchemaGetter.transform((d: PlainDate) => d.toString()),
  }),
)
