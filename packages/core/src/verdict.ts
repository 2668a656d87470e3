import { Temporal } from "temporal-polyfill"
import { type Citation, formatCitation, type LocalizedText } from "./citation.js"
import { formatDate, type Locale, type PlainDate } from "./date.js"

/**
 * What a rule says about a situation:
 * - `ok`: satisfied (done, in order);
 * - `allowed`: may be done now;
 * - `blocked`: may not be done, and why;
 * - `due`: must be done by `dueBy`;
 * - `overdue`: should have been done by `dueBy`;
 * - `warning`: allowed, but a person should look (local practice, soft limits).
 */
export type VerdictStatus = "ok" | "allowed" | "blocked" | "due" | "overdue" | "warning"

export type VerdictParam = string | number | boolean | PlainDate

export interface Verdict {
  readonly status: VerdictStatus
  /** A stable machine code, e.g. `DEV-AGE-MIN.too-young`; the message catalog renders it. */
  readonly code: string
  readonly params: Readonly<Record<string, VerdictParam>>
  readonly citations: readonly Citation[]
  readonly dueBy?: PlainDate
}

export const verdict = (
  status: VerdictStatus,
  code: string,
  citations: readonly Citation[],
  params: Readonly<Record<string, VerdictParam>> = {},
  dueBy?: PlainDate,
): Verdict =>
  dueBy === undefined ? { status, code, params, citations } : { status, code, params, citations, dueBy }

/** Message templates per verdict code; `{name}` is replaced by the parameter of that name. */
export type MessageCatalog = Readonly<Record<string, LocalizedText>>

const renderParam = (value: VerdictParam, locale: Locale): string => {
  if (value instanceof Temporal.PlainDate) return formatDate(value, locale)
  if (typeof value === "boolean") return locale === "zh-CN" ? (value ? "是" : "否") : value ? "yes" : "no"
  return String(value)
}

/** Fills a template; a placeholder without a parameter is left visible so a missing value is noticed. */
export const fillTemplate = (
  template: string,
  params: Readonly<Record<string, VerdictParam>>,
  locale: Locale,
): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = Object.hasOwn(params, name) ? params[name] : undefined
    return value === undefined ? whole : renderParam(value, locale)
  })

/**
 * One sentence for a reader, with the articles it rests on:
 * `申请人须年满18周岁，现为17周岁。（依据：《中国共产党发展党员工作细则》（2026年）第五条）`.
 * A code the catalog lacks is rendered as the code itself, never silently dropped.
 */
export const renderVerdict = (v: Verdict, catalog: MessageCatalog, locale: Locale): string => {
  const template = (Object.hasOwn(catalog, v.code) ? catalog[v.code]?.[locale] : undefined) ?? v.code
  const sentence = fillTemplate(template, v.params, locale)
  if (v.citations.length === 0) return sentence
  const cited = v.citations.map((c) => formatCitation(c, locale))
  return locale === "zh-CN" ? `${sentence}（依据：${cited.join("；")}）` : `${sentence} (${cited.join("; ")})`
}

/** Severity order, worst first: used to pick the headline among several verdicts. */
export const verdictSeverity: Readonly<Record<VerdictStatus, number>> = {
  blocked: 0,
  overdue: 1,
  due: 2,
  warning: 3,
  allowed: 4,
  ok: 5,
}

export const worstVerdict = (vs: readonly Verdict[]): Verdict | undefined =>
  vs.reduce<Verdict | undefined>(
    (worst, v) =>
      worst === undefined || verdictSeverity[v.status] < verdictSeverity[worst.status] ? v : worst,
    undefined,
  )

export const verdictStatusLabels: Readonly<Record<VerdictStatus, LocalizedText>> = {
  ok: { "zh-CN": "已完成", en: "done" },
  allowed: { "zh-CN": "可办理", en: "allowed" },
  blocked: { "zh-CN": "不可办理", en: "blocked" },
  due: { "zh-CN": "待办", en: "due" },
  overdue: { "zh-CN": "已逾期", en: "overdue" },
  warning: { "zh-CN": "提示", en: "warning" },
}
