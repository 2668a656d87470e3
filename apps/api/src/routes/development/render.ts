/**
 * Verdicts, names and labels in the reader's language. The sentence and its citations are kept apart so the
 * admin can lay them out as it likes; `renderVerdict` (core) joins them for one-line uses (exports).
 */
import {
  type Citation,
  fillTemplate,
  formatCitation,
  type LocalizedText,
  type MessageCatalog,
  orgMessages,
  type Verdict,
} from "@xianfeng/core"
import { developmentMessages } from "@xianfeng/development-rules"
import type { Lang } from "../../http/problem.js"
import type { VerdictView } from "./contract.js"

/** Every code a development verdict may carry (the library's, and core's approval-authority codes). */
export const catalog: MessageCatalog = { ...orgMessages, ...developmentMessages }

export const text = (t: LocalizedText, lang: Lang): string => t[lang]

export const citationsOf = (cs: readonly Citation[], lang: Lang): string[] =>
  cs.map((c) => formatCitation(c, lang))

export const renderVerdictView = (v: Verdict, lang: Lang): VerdictView => {
  const template = (Object.hasOwn(catalog, v.code) ? catalog[v.code]?.[lang] : undefined) ?? v.code
  const view = {
    status: v.status,
    code: v.code,
    message: fillTemplate(template, v.params, lang),
    citations: citationsOf(v.citations, lang),
  }
  return v.dueBy === undefined ? view : { ...view, dueBy: v.dueBy.toString() }
}

/** The sentence with its citations, for a cell of a spreadsheet. */
export const verdictLine = (v: VerdictView, lang: Lang): string =>
  v.citations.length === 0
    ? v.message
    : lang === "zh-CN"
      ? `${v.message}（依据：${v.citations.join("；")}）`
      : `${v.message} (${v.citations.join("; ")})`
