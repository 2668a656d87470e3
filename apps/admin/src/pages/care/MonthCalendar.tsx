import { LeftOutlined, RightOutlined } from "@ant-design/icons"
import { useQuery } from "@tanstack/react-query"
import { Button, Card, Flex, Typography } from "antd"
import { useI18n } from "../../i18n/I18nProvider"
import { ErrorState, Loading } from "../../shell/states"
import { careApi } from "./api"

const shift = (month: string, by: number): string => {
  const [y, m] = month.split("-").map(Number) as [number, number]
  const d = new Date(Date.UTC(y, m - 1 + by, 1))
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`
}

/**
 * A month as a 7-column grid: each day with its lunar date (初一 … 三十, the month's name on its first day), the
 * festival or official holiday, and the visit plans' festival and deadline. Fits a 360 px phone: the cells shrink
 * and the texts wrap; nothing scrolls sideways.
 */
export const MonthCalendar = ({
  month,
  onMonth,
}: {
  readonly month: string
  readonly onMonth: (m: string) => void
}) => {
  const { t } = useI18n()
  const cal = useQuery({ queryKey: ["care", "calendar", month], queryFn: () => careApi.calendar(month) })
  const weekdays = t("care.weekdays").split(",")
  const firstDay = cal.data === undefined ? 0 : new Date(`${cal.data.days[0]?.date}T00:00:00Z`).getUTCDay()
  return (
    <Card
      size="small"
      title={t("care.calendar")}
      data-testid="care-calendar"
      extra={
        <Flex gap={4} align="center">
          <Button
            size="small"
            icon={<LeftOutlined />}
            aria-label={t("care.prevMonth")}
            onClick={() => onMonth(shift(month, -1))}
          />
          <Typography.Text strong>{month}</Typography.Text>
          <Button
            size="small"
            icon={<RightOutlined />}
            aria-label={t("care.nextMonth")}
            onClick={() => onMonth(shift(month, 1))}
          />
        </Flex>
      }
    >
      {cal.isLoading ? (
        <Loading />
      ) : cal.error ? (
        <ErrorState error={cal.error} />
      ) : (
        <div className="xf-care-cal">
          {weekdays.map((w) => (
            <div key={w} className="xf-care-cal-head">
              {w}
            </div>
          ))}
          {Array.from({ length: firstDay }, (_, i) => (
            <div key={`blank-${i}`} />
          ))}
          {cal.data?.days.map((d) => {
            const marked = d.festival !== null || d.plans.length > 0
            return (
              <div
                key={d.date}
                className={`xf-care-cal-day${marked ? " is-marked" : ""}${d.holiday !== null ? " is-holiday" : ""}`}
                data-date={d.date}
                title={[
                  d.festival,
                  d.holiday,
                  ...d.plans.map(
                    (p) =>
                      `${p.title}（${t(p.what === "festival" ? "care.planFestival" : "care.planDeadline")}）`,
                  ),
                ]
                  .filter(Boolean)
                  .join(" · ")}
              >
                <span className="xf-care-cal-num">{Number(d.date.slice(8))}</span>
                <span className="xf-care-cal-lunar">{d.festival ?? d.lunar}</span>
                {d.plans.map((p) => (
                  <span key={`${p.id}-${p.what}`} className={`xf-care-cal-plan is-${p.what}`}>
                    {t(p.what === "festival" ? "care.planFestival" : "care.planDeadline")}
                  </span>
                ))}
              </div>
            )
          })}
        </div>
      )}
    </Card>
  )
}
