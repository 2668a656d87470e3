import type { VerdictView } from "@xianfeng/api/contract/development"
import type { Problem } from "../../api/problem"

/** How a verdict is shown: antd Alert types and the tag colour. */
export type Tone = "error" | "warning" | "info" | "success"

export const toneOf = (status: VerdictView["status"]): Tone => {
  switch (status) {
    case "blocked":
    case "overdue":
      return "error"
    case "due":
    case "warning":
      return "warning"
    case "ok":
      return "success"
    default:
      return "info"
  }
}

/** Codes that only say "an earlier step comes first": the normal state of a later step, not an alarm. */
export const isOrderOnly = (v: Pick<VerdictView, "code">): boolean => v.code === "DEV-ORDER.missing"

/** The tone of one verdict: a step waiting for an earlier one is shown neutral, not red. */
export const toneOfVerdict = (v: Pick<VerdictView, "status" | "code">): Tone =>
  v.status === "blocked" && isOrderOnly(v) ? "info" : toneOf(v.status)

/** `依据：《…》第十三条；《…》第五条` or `Basis: …; …`; empty when the verdict cites nothing. */
export const citationLine = (citations: readonly string[], locale: string): string =>
  citations.length === 0
    ? ""
    : locale === "en"
      ? `Basis: ${citations.join("; ")}`
      : `依据：${citations.join("；")}`

/** The sentence and its articles on one line, as a secretary would read it aloud. */
export const verdictText = (v: Pick<VerdictView, "message" | "citations">, locale: string): string => {
  const c = citationLine(v.citations, locale)
  if (c === "") return v.message
  return locale === "en" ? `${v.message} (${c})` : `${v.message}（${c}）`
}

const rank: Readonly<Record<VerdictView["status"], number>> = {
  blocked: 0,
  overdue: 1,
  warning: 2,
  due: 3,
  allowed: 4,
  ok: 5,
}

/** Worst first; `ok` verdicts (plain information such as the probation dates) last. */
export const sortVerdicts = (vs: readonly VerdictView[]): VerdictView[] =>
  [...vs].sort((a, b) => rank[a.status] - rank[b.status])

const statuses = new Set(Object.keys(rank))
const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null

/** The rule verdicts of a 422 problem (`verdicts` member), read defensively. */
export const verdictsOf = (problem: Problem): VerdictView[] => {
  const raw = problem.extensions?.verdicts
  if (!Array.isArray(raw)) return []
  return raw.flatMap((v): VerdictView[] =>
    isRecord(v) && typeof v.message === "string" && typeof v.status === "string" && statuses.has(v.status)
      ? [
          {
            status: v.status as VerdictView["status"],
            code: typeof v.code === "string" ? v.code : "",
            message: v.message,
            citations: Array.isArray(v.citations)
              ? v.citations.filter((c): c is string => typeof c === "string")
              : [],
            ...(typeof v.dueBy === "string" ? { dueBy: v.dueBy } : {}),
          },
        ]
      : [],
  )
}
