import { useQuery } from "@tanstack/react-query"
import { Card, Col, Progress, Row, Statistic, Typography } from "antd"
import ReactEChartsCore from "echarts-for-react/esm/core"
import { Link } from "react-router-dom"
import { echarts } from "../../charts/echarts"
import { useI18n } from "../../i18n/I18nProvider"
import type { MessageKey } from "../../i18n/messages"
import { ErrorState, Loading } from "../../shell/states"
import { careDashboardQuery, yuan } from "./api"

/** The dashboard's care panel: the ledger by category, dues arrears, the next visit plan and the open survey. */
const DashboardPanel = () => {
  const { t } = useI18n()
  const q = useQuery(careDashboardQuery())
  if (q.isLoading) return <Loading />
  if (q.error || q.data === undefined) return <ErrorState error={q.error} onRetry={() => q.refetch()} />
  const d = q.data
  const option = {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
    // The counts axis of a narrow card: few ticks, large counts shortened (1.2k), and a label that would touch
    // its neighbour hidden; the category names are cut to the card's width (the tooltip gives the whole name).
    xAxis: {
      type: "value",
      minInterval: 1,
      splitNumber: 3,
      axisLabel: {
        hideOverlap: true,
        fontSize: 11,
        formatter: (v: number) =>
          v >= 10_000 ? `${Math.round(v / 1_000)}k` : v >= 1_000 ? `${(v / 1_000).toFixed(1)}k` : `${v}`,
      },
    },
    yAxis: {
      type: "category",
      data: d.ledger.map((x) => t(`care.cat.${x.category}` as MessageKey)),
      axisLabel: { width: 84, overflow: "truncate", fontSize: 11 },
    },
    series: [{ type: "bar", data: d.ledger.map((x) => x.count), itemStyle: { color: "#c8161d" } }],
  }
  return (
    <Row gutter={[16, 16]} data-testid="care-panel">
      <Col xs={24} md={8}>
        <Card size="small" title={<Link to="/care/ledger">{t("care.panel.ledger")}</Link>}>
          <ReactEChartsCore echarts={echarts} option={option} style={{ height: 200 }} />
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card size="small" title={<Link to="/care/dues">{t("care.panel.arrears")}</Link>}>
          <Statistic value={d.arrears.members} suffix={`· ¥${yuan(d.arrears.owedFen)}`} />
          <Typography.Text type={d.arrears.selfLapse > 0 ? "danger" : "secondary"}>
            {t("care.panel.selfLapse")}：{d.arrears.selfLapse}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card size="small" title={<Link to="/care">{t("care.panel.plan")}</Link>}>
          {d.plan === null ? (
            <Typography.Text type="secondary">{t("care.empty")}</Typography.Text>
          ) : (
            <>
              <Typography.Text>{d.plan.title}</Typography.Text>
              <Progress
                percent={d.plan.targets === 0 ? 100 : Math.round((d.plan.visited / d.plan.targets) * 100)}
              />
              <Typography.Text type="secondary">
                {d.plan.visited} / {d.plan.targets} · {t("care.deadline")} {d.plan.deadline}
              </Typography.Text>
            </>
          )}
          {d.survey === null ? null : (
            <div style={{ marginTop: 12 }}>
              <Link to="/care/survey">{t("care.panel.survey")}</Link>
              <Progress
                percent={
                  d.survey.branches === 0 ? 0 : Math.round((d.survey.confirmed / d.survey.branches) * 100)
                }
                size="small"
              />
            </div>
          )}
        </Card>
      </Col>
    </Row>
  )
}

export default DashboardPanel
