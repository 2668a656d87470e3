import { Alert, Flex, Tag, Typography } from "antd"
import { useI18n } from "../../i18n/I18nProvider"
import type { VerdictView } from "./types"
import { citationLine, sortVerdicts, toneOfVerdict } from "./verdicts"

const stateColor: Readonly<Record<string, string>> = {
  done: "green",
  allowed: "blue",
  blocked: "default",
  due: "orange",
  overdue: "red",
  "not-applicable": "default",
  upcoming: "default",
}

/** A step's (or plan item's) state as a coloured tag: red overdue, orange due, green done. */
export const StateTag = ({ state }: { readonly state: string }) => {
  const { td } = useI18n()
  return (
    <Tag color={stateColor[state] ?? "default"} data-state={state}>
      {td(`dev.state.${state}`, state)}
    </Tag>
  )
}

/** One verdict: the plain sentence, then the articles it rests on, in the reader's language. */
export const VerdictLine = ({ verdict }: { readonly verdict: VerdictView }) => {
  const { locale } = useI18n()
  const cite = citationLine(verdict.citations, locale)
  return (
    <span data-testid="verdict" data-code={verdict.code}>
      <span>{verdict.message}</span>
      {cite ? (
        <Typography.Text type="secondary" className="xf-citation" data-testid="verdict-citation">
          {" "}
          {locale === "en" ? `(${cite})` : `（${cite}）`}
        </Typography.Text>
      ) : null}
    </span>
  )
}

/** Verdicts as compact alerts, worst first; `ok` ones are plain information. */
export const VerdictList = ({
  verdicts,
  compact = false,
}: {
  readonly verdicts: readonly VerdictView[]
  readonly compact?: boolean
}) => {
  if (verdicts.length === 0) return null
  return (
    <Flex vertical gap={4} data-testid="verdicts">
      {sortVerdicts(verdicts).map((v, i) => (
        <Alert
          key={`${v.code}-${i}`}
          type={toneOfVerdict(v)}
          showIcon
          banner={compact}
          style={compact ? { padding: "2px 8px", background: "transparent" } : {}}
          message={<VerdictLine verdict={v} />}
        />
      ))}
    </Flex>
  )
}
