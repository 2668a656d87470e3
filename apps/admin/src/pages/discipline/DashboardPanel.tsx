import { useQuery } from "@tanstack/react-query"
import { Button, Col, Row, Space, Statistic, Typography } from "antd"
import { Link } from "react-router-dom"
import { useI18n } from "../../i18n/I18nProvider"
import { ErrorState, Loading } from "../../shell/states"
import { overviewQuery } from "./api"

/**
 * 纪律约束 on the dashboard: this quarter's organizational life across the caller's scope (from the stored
 * compliance index) and the rectification orders not yet closed — overdue, awaiting verification, escalated.
 */
const DashboardPanel = () => {
  const { t } = useI18n()
  const query = useQuery(overviewQuery())
  if (query.error) return <ErrorState error={query.error} onRetry={() => query.refetch()} />
  if (!query.data) return <Loading />
  const o = query.data
  const q = o.quarterCounts
  const [year, quarter] = o.quarter.split("-Q")
  return (
    <div data-testid="discipline-panel">
      <Typography.Text type="secondary">
        {t("discipline.panel.scope", {
          org: o.orgName,
          quarter: t("discipline.quarterLabel", { year: year ?? "", q: quarter ?? "" }),
        })}
      </Typography.Text>
      <Row gutter={[24, 16]} style={{ marginTop: 12 }}>
        <Col xs={12} md={6}>
          <Statistic
            title={<span title={t("discipline.panel.rateHelp")}>{t("discipline.panel.rate")}</span>}
            value={Math.round(q.rate * 1000) / 10}
            suffix="%"
            valueStyle={{ color: q.rate >= 0.9 ? "#389e0d" : q.rate >= 0.7 ? "#d46b08" : "#cf1322" }}
            data-testid="discipline-panel-rate"
          />
          <Typography.Text type="secondary" data-testid="discipline-panel-rate-count">
            {t("discipline.panel.rateCount", {
              met: String(q.met),
              decided: String(q.met + q.overdue + q.missed),
            })}
          </Typography.Text>
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t("discipline.panel.behind")}
            value={o.branchesBehind}
            suffix={
              <span style={{ fontSize: 14 }}>{t("discipline.panel.ofBranches", { n: o.branches })}</span>
            }
            data-testid="discipline-panel-behind"
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t("discipline.panel.overdueItems")}
            value={q.overdue + q.missed}
            valueStyle={q.overdue + q.missed > 0 ? { color: "#cf1322" } : {}}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t("discipline.panel.orders")}
            value={o.orders.notClosed}
            data-testid="discipline-panel-orders"
          />
          <Space size="middle" wrap style={{ marginTop: 4 }}>
            <Typography.Text
              type={o.orders.overdue > 0 ? "danger" : "secondary"}
              data-testid="discipline-panel-orders-overdue"
            >
              {t("discipline.panel.ordersOverdue")} {o.orders.overdue}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t("discipline.panel.ordersAwaiting")} {o.orders.awaitingVerification}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t("discipline.panel.ordersEscalated")} {o.orders.escalated}
            </Typography.Text>
          </Space>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        {t("discipline.panel.countsNote")}
      </Typography.Paragraph>
      <Space wrap style={{ marginTop: 12 }}>
        <Link to="/discipline/heatmap">
          <Button type="link" style={{ paddingLeft: 0 }}>
            {t("discipline.panel.openHeatmap")}
          </Button>
        </Link>
        <Link to="/discipline/inspections">
          <Button type="link">{t("discipline.panel.openInspections")}</Button>
        </Link>
      </Space>
    </div>
  )
}

export default DashboardPanel
