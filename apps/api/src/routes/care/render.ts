import { careMessages } from "@xianfeng/care-ledger"
import {
  BILINGUAL_SEPARATOR,
  type FieldError,
  formatCitation,
  renderVerdict,
  type Verdict,
} from "@xianfeng/core"
import { ApiProblem, type Lang } from "../../http/problem.js"
import type { CareVerdictView } from "./contract.js"

/** A verdict in the reader's language, its articles apart. */
export const verdictView = (v: Verdict, lang: Lang): CareVerdictView => ({
  status: v.status,
  code: v.code,
  message: renderVerdict({ ...v, citations: [] }, careMessages, lang),
  citations: v.citations.map((c) => formatCitation(c, lang)),
  ...(v.dueBy === undefined ? {} : { dueBy: v.dueBy.toString() }),
})

const both = (v: Verdict) => ({
  "zh-CN": renderVerdict({ ...v, citations: [] }, careMessages, "zh-CN"),
  en: renderVerdict({ ...v, citations: [] }, careMessages, "en"),
})

/**
 * The rules refused: 422 naming the request field the refusal is about (as the client sent it), with the
 * verdicts rendered. Nothing has been written when it is thrown.
 */
export const refused = (field: string, verdicts: readonly Verdict[], lang: Lang): ApiProblem => {
  const blocked = verdicts.filter((v) => v.status === "blocked")
  const first = blocked[0] ?? verdicts[0]
  const said = first === undefined ? { "zh-CN": "规则不允许", en: "refused by the rules" } : both(first)
  return new ApiProblem(
    422,
    "rule-blocked",
    { "zh-CN": "规则不允许", en: "Refused by the rules" },
    said,
    [{ field, reason: first?.code ?? "blocked", message: said }],
    { verdicts: blocked.map((v) => verdictView(v, lang)) },
  )
}

/**
 * A plain 422 on one field, for checks the rules package answers with a `FieldError` or that are not a rule's
 * verdict; like every 422 it carries the refusal as a verdict (bilingual, as core's `bilingual` writes it).
 */
export const unprocessable = (field: string, zh: string, en: string, reason = "invalid"): ApiProblem =>
  new ApiProblem(
    422,
    "rule-blocked",
    { "zh-CN": "规则不允许", en: "Refused by the rules" },
    { "zh-CN": zh, en },
    [{ field, reason, message: { "zh-CN": zh, en } }],
    {
      verdicts: [
        {
          status: "blocked",
          code: `CARE-INPUT.${reason}`,
          message: `${zh}${BILINGUAL_SEPARATOR}${en}`,
          citations: [],
        },
      ],
    },
  )

/** A `FieldError` from the rules package as a 422 naming its field. */
export const fieldRefused = (e: FieldError): ApiProblem =>
  unprocessable(e.field, e.messageZh, e.message, e.reason)
