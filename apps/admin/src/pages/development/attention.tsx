import { Typography } from "antd"
import { useI18n } from "../../i18n/I18nProvider"
import { daysBetween } from "./evidence"
import type { PipelineItem } from "./types"

/** Overdue first (longest overdue first), then due soonest first. */
export const byUrgency = (items: readonly PipelineItem[]): PipelineItem[] =>
  [...items].sort(
    (a, b) => Number(b.state === "overdue") - Number(a.state === "overdue") || a.dueBy.localeCompare(b.dueBy),
  )

export const DueText = ({ item, asOf }: { readonly item: PipelineItem; readonly asOf: string }) => {
  const { t } = useI18n()
  const days = daysBetween(asOf, item.dueBy)
  const text =
    days < 0
      ? t("dev.attention.overdueDays", { days: -days })
      : days === 0
        ? t("dev.attention.dueToday")
        : t("dev.attention.dueInDays", { days })
  return <Typography.Text type={item.state === "overdue" ? "danger" : "warning"}>{text}</Typography.Text>
}
