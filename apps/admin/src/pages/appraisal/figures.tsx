import { QuestionCircleOutlined } from "@ant-design/icons"
import { Tooltip } from "antd"
import type { ReactNode } from "react"
import { useI18n } from "../../i18n/I18nProvider"
import type { MessageKey } from "../../i18n/messages"
import type { CycleSummary } from "./api"

/**
 * The cycle's figures, worded the same on the list and the detail so a secretary reads one meaning for each:
 * who has self-assessed, how many peer ratings are in of those due and how many have rated everyone they are
 * to rate; and the excellent grades given so far against the cap (a share of the members graded).
 */
export const useCycleFigures = () => {
  const { t } = useI18n()
  return {
    progress: (c: CycleSummary) =>
      t("appraisal.progress", {
        self: c.selfDone,
        n: c.participants,
        given: c.ratingsGiven,
        expected: c.ratingsExpected,
        raters: c.ratersDone,
      }),
    cap: (c: CycleSummary) =>
      t("appraisal.capUse", { excellent: c.grades.excellent, cap: c.excellentCap, graded: c.graded }),
    /** The draft's excellent (decided, else suggested): the figure the detail's header shows beside `cap`. */
    draft: (c: CycleSummary) => t("appraisal.capDraft", { n: c.draftExcellent, cap: c.excellentCap }),
  }
}

/** A column or field title with the meaning of its figure one hover (or tap) away. */
export const Hinted = ({ label, hint }: { label: MessageKey; hint: MessageKey }): ReactNode => {
  const { t } = useI18n()
  return (
    <span>
      {t(label)}{" "}
      <Tooltip title={t(hint)}>
        <QuestionCircleOutlined style={{ color: "#8c8c8c" }} aria-label={t(hint)} />
      </Tooltip>
    </span>
  )
}
