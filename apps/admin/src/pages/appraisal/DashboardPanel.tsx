import { useQuery } from "@tanstack/react-query"
import { Col, Empty, Progress, Row, Statistic, Typography } from "antd"
import { Link } from "react-router-dom"
import { useI18n } from "../../i18n/I18nProvider"
import { ErrorState, Loading } from "../../shell/states"
import { cyclesThisYearQuery } from "./api"

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 100))

/**
 * The dashboard's 评议考核 panel: this year's cycles of the caller's subtree by state, and how far the
 * self-assessments and the peer ratings have come (the same figures, worded the same, as the cycle list).
 */
const DashboardPanel = () => {
  const { t } = useI18n()
  const q = useQuery(cyclesThisYearQuery())
  if (q.isLoading) return <Loading />
  if (q.error || q.data === undefined) return <ErrorState error={q.error} onRetry={() => q.refetch()} />
  const cycles = q.data.items
  if (cycles.length === 0)
    return (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("appraisal.panel.none")}>
        <Link to="/appraisal">{t("appraisal.title")}</Link>
      </Empty>
    )
  const count = (s: string) => cycles.filter((c) => c.state === s).length
  const sum = (f: (c: (typeof cycles)[number]) => number) => cycles.reduce((a, c) => a + f(c), 0)
  const participants = sum((c) => c.participants)
  const selfDone = sum((c) => c.selfDone)
  const given = sum((c) => c.ratingsGiven)
  const expected = sum((c) => c.ratingsExpected)
  return (
    <div data-testid="appraisal-panel">
      <Row gutter={[16, 16]}>
        {(["open", "proposed", "confirmed"] as const).map((s) => (
          <Col xs={8} key={s}>
            <Link to="/appraisal">
              <Statistic title={t(`appraisal.panel.${s}`)} value={count(s)} />
            </Link>
          </Col>
        ))}
      </Row>
      <Typography.Text type="secondary">
        {t("appraisal.panel.selfRate")} {selfDone}/{participants}
      </Typography.Text>
      <Progress percent={percent(selfDone, participants)} size="small" />
      <Typography.Text type="secondary">
        {t("appraisal.panel.ratingRate")} {given}/{expected}
      </Typography.Text>
      <Progress percent={percent(given, expected)} size="small" />
    </div>
  )
}

export default DashboardPanel
