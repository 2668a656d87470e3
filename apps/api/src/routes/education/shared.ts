import { type FieldError, formatCitation, renderVerdict, type Verdict } from "@xianfeng/core"
import { educationMessages } from "@xianfeng/education-training"
import { ApiProblem, type Lang } from "../../http/problem.js"

/** A verdict in the reader's language, its articles apart. */
export const verdictView = (v: Verdict, lang: Lang) => ({
  status: v.status,
  code: v.code,
  message: renderVerdict({ ...v, citations: [] }, educationMessages, lang),
  citations: v.citations.map((c) => formatCitation(c, lang)),
  ...(v.dueBy === undefined ? {} : { dueBy: v.dueBy.toString() }),
})

/**
 * Input the rules refuse (hours, overlaps, members outside the audience): 422 naming each field as the client sent
 * it (`errors`), each also as a blocked verdict (`verdicts`, code `EDUCATION-INPUT.<reason>`) as every 422 of the
 * API carries; nothing is written.
 */
class InputRefused extends ApiProblem {
  constructor(readonly refused: readonly FieldError[]) {
    super(
      422,
      "invalid-input",
      { "zh-CN": "输入不符合要求", en: "Input refused" },
      {
        "zh-CN": refused.map((e) => `${e.field}：${e.messageZh}`).join("；"),
        en: refused.map((e) => `${e.field}: ${e.message}`).join("; "),
      },
      refused.map((e) => ({
        field: e.field,
        reason: e.reason,
        message: { "zh-CN": e.messageZh, en: e.message },
      })),
    )
  }

  override body(lang: Lang) {
    return {
      ...super.body(lang),
      verdicts: this.refused.map((e) => ({
        status: "blocked",
        code: `EDUCATION-INPUT.${e.reason}`,
        field: e.field,
        message: lang === "zh-CN" ? e.messageZh : e.message,
        citations: [],
      })),
    }
  }
}

export const unprocessable = (errors: readonly FieldError[]): ApiProblem => new InputRefused(errors)

/** "HH:MM" of minutes after midnight. */
export const timeOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`

/** "HH:MM" (or 24:00) → minutes after midnight. */
export const minutesFrom = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

/** Hours as people write them → tenths of a class hour (rounded to the nearest tenth). */
export const tenthsOf = (hours: number) => Math.round(hours * 10)

/** attachment; an ASCII fallback name, and the real (Chinese) one per RFC 5987/6266. */
export const contentDisposition = (name: string, ascii: string) =>
  `attachment; filename="${ascii.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`
