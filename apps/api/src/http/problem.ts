import type { FieldError } from "@xianfeng/core"
import type { Context } from "hono"
import type { ContentfulStatusCode } from "hono/utils/http-status"

export type Lang = "zh-CN" | "en"

/** The reader's language from Accept-Language: English when asked for first, Chinese otherwise. */
export const langOf = (c: Context): Lang =>
  /^\s*en\b/i.test(c.req.header("accept-language") ?? "") ? "en" : "zh-CN"

export interface FieldProblem {
  readonly field: string
  readonly reason: string
  readonly message: string
}

/**
 * An RFC 9457 problem. Thrown from handlers and turned into `application/problem+json` by the app's error
 * handler; every message exists in Chinese and English.
 */
export class ApiProblem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly title: { readonly "zh-CN": string; readonly en: string },
    readonly detail: { readonly "zh-CN": string; readonly en: string },
    readonly errors?: readonly { field: string; reason: string; message: { "zh-CN": string; en: string } }[],
    /** More members of the body; a function of the reader's language when they carry text. */
    readonly extra?: Readonly<Record<string, unknown>> | ((lang: Lang) => Readonly<Record<string, unknown>>),
  ) {
    super(detail.en)
  }

  body(lang: Lang) {
    return {
      type: `https://xianfeng.invalid/problems/${this.code}`,
      title: this.title[lang],
      status: this.status,
      detail: this.detail[lang],
      ...(this.errors
        ? { errors: this.errors.map((e) => ({ field: e.field, reason: e.reason, message: e.message[lang] })) }
        : {}),
      ...(typeof this.extra === "function" ? this.extra(lang) : this.extra),
    }
  }
}

const t = (zh: string, en: string) => ({ "zh-CN": zh, en })

/** What a taken value is called, per field. */
const takenMessages: Readonly<Record<string, { "zh-CN": string; en: string }>> = {
  username: t("用户名已被使用", "the username is taken"),
  idNumber: t("这个身份证号码已经登记过", "this ID number is already registered"),
  id: t("这个组织编号已被使用", "this organization id is taken"),
}

export const problems = {
  /** The same answer for "missing" and "outside your organizations", so scope leaks nothing. */
  notFound: () =>
    new ApiProblem(404, "not-found", t("未找到", "Not found"), t("没有找到这个对象。", "No such object.")),
  unauthorized: () =>
    new ApiProblem(
      401,
      "unauthorized",
      t("未登录", "Not signed in"),
      t("请先登录。", "Please sign in first."),
    ),
  forbidden: (zh: string, en: string) =>
    new ApiProblem(403, "forbidden", t("无权操作", "Forbidden"), t(zh, en)),
  csrf: () =>
    new ApiProblem(
      403,
      "csrf",
      t("请求来源无法确认", "Cross-site request refused"),
      t(
        "缺少或错误的 x-csrf-token 请求头，请刷新页面后重试。",
        "The x-csrf-token header is missing or wrong; reload and retry.",
      ),
    ),
  conflict: (zh: string, en: string, errors?: ApiProblem["errors"]) =>
    new ApiProblem(409, "conflict", t("数据已变更", "Conflict"), t(zh, en), errors),
  /** A value that must be unique is already used: 409 naming the field as the client sent it. */
  taken: (field: string) => {
    const said = takenMessages[field] ?? {
      "zh-CN": `字段${field}的值已被使用`,
      en: `${field}: the value is already used`,
    }
    return new ApiProblem(409, "conflict", t("数据已存在", "Conflict"), said, [
      { field, reason: "taken", message: said },
    ])
  },
  tooMany: (zh: string, en: string) =>
    new ApiProblem(429, "too-many-requests", t("请求过于频繁", "Too many requests"), t(zh, en)),
  locked: (until: string) =>
    new ApiProblem(
      423,
      "locked",
      t("账号已锁定", "Account locked"),
      t(
        `连续登录失败次数过多，账号锁定至 ${until}（UTC）。`,
        `Too many failed sign-ins; the account is locked until ${until} UTC.`,
      ),
    ),
  /** The password was right; the sign-in needs its second factor, sent with this challenge. */
  mfaRequired: (challenge: string) =>
    new ApiProblem(
      401,
      "mfa-required",
      t("需要动态验证码", "Second factor required"),
      t(
        "密码正确。请输入身份验证器上的6位动态码（或一个恢复码）完成登录。",
        "The password was right. Enter the 6-digit code of your authenticator (or a recovery code) to sign in.",
      ),
      undefined,
      { challenge },
    ),
  badRequest: (zh: string, en: string, errors?: ApiProblem["errors"]) =>
    new ApiProblem(400, "invalid-request", t("请求无效", "Invalid request"), t(zh, en), errors),
  /** A `FieldError` from a parser in a domain package. */
  field: (e: FieldError) =>
    new ApiProblem(400, "invalid-request", t("请求无效", "Invalid request"), t(e.messageZh, e.message), [
      { field: e.field, reason: e.reason, message: t(e.messageZh, e.message) },
    ]),
  /** The request is well-formed but a rule refuses one of its fields: 422 naming the field as sent. */
  unprocessable: (field: string, reason: string, zh: string, en: string) =>
    new ApiProblem(
      422,
      "rule-blocked",
      t("规则不允许", "Refused by the rules"),
      t(`${field}：${zh}`, `${field}: ${en}`),
      [{ field, reason, message: t(zh, en) }],
      // As every 422, the refusal as a verdict too (its code is the field's reason).
      (lang) => ({
        verdicts: [
          { status: "blocked", code: reason, field, message: lang === "en" ? en : zh, citations: [] },
        ],
      }),
    ),
  /** A rule refused the action: 422 with the verdicts, rendered, each with its articles. */
  ruleBlocked: (zh: string, en: string, verdicts: readonly unknown[]) =>
    new ApiProblem(422, "rule-blocked", t("规则不允许", "Refused by the rules"), t(zh, en), undefined, {
      verdicts,
    }),
} as const

/**
 * Which request field each unique constraint of the database guards, as the client names it. A unique
 * violation (SQLSTATE 23505) is answered here, in one place, however it arose — most often two
 * simultaneous creates that both found the value free.
 */
const uniqueFields: Readonly<Record<string, string>> = {
  users_username_key: "username",
  members_id_number_hash_key: "idNumber",
  orgs_pkey: "id",
  development_plans_pkey: "year",
  district_policies_pkey: "area",
  care_visits_target: "targetId",
  care_dues_assessments_member_year: "year",
  appraisal_cycles_org_year_key: "year",
  appraisal_peer_ratings_pkey: "rateeId",
  appraisal_secretary_reviews_org_year_key: "year",
}

/** The 409 for a unique violation on `constraint` (from `uniqueViolationOf`). */
export const uniqueViolationProblem = (constraint: string): ApiProblem =>
  problems.taken(uniqueFields[constraint] ?? "body")

export const problemResponse = (c: Context, p: ApiProblem) =>
  c.body(JSON.stringify(p.body(langOf(c))), p.status, {
    "content-type": "application/problem+json; charset=utf-8",
    "cache-control": "no-store",
  })
