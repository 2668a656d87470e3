import { useQuery } from "@tanstack/react-query"
import { Button, Col, List, Row, Statistic, Tag, Typography } from "antd"
import { Link } from "react-router-dom"
import { useI18n } from "../../i18n/I18nProvider"
import { ErrorState, Loading } from "../../shell/states"
import { byUrgency, DueText } from "./attention"
import { PANEL_ATTENTION, scopePipelineQuery } from "./queries"

/** 发展党员提醒: overdue and soon-due steps of the caller's scope, the most urgent five listed. */
const DashboardPanel = () => {
  const { t } = useI18n()
  const query = useQuery(scopePipelineQuery())
  if (query.error) return <ErrorState error={query.error} onRetry={() => query.refetch()} />
  if (!query.data) return <Loading />
  const p = query.data
  // The true totals: the attention list itself holds only the most urgent items.
  const overdue = p.attentionCounts?.overdue ?? p.attention.filter((a) => a.state === "overdue").length
  const due = p.attentionCounts?.due ?? p.attention.length - overdue
  const inPipeline = p.counts.filter((c) => c.stage !== "full").reduce((a, c) => a + c.count, 0)
  return (
    <Row gutter={[24, 16]} data-testid="dev-panel">
      <Col xs={24} lg={8}>
        <Row gutter={16}>
          <Col span={8}>
            <Statistic
              title={t("dev.panel.overdue")}
              value={overdue}
              valueStyle={{ color: "#cf1322" }}
              data-testid="dev-panel-overdue"
            />
          </Col>
          <Col span={8}>
            <Statistic
              title={t("dev.panel.due")}
              value={due}
              valueStyle={{ color: "#d46b08" }}
              data-testid="dev-panel-due"
            />
          </Col>
          <Col span={8}>
            <Statistic title={t("dev.panel.pipeline")} value={inPipeline} data-testid="dev-panel-pipeline" />
          </Col>
        </Row>
        <Link to="/development">
          <Button type="link" style={{ paddingLeft: 0, marginTop: 12 }}>
            {t("dev.panel.open")}
          </Button>
        </Link>
      </Col>
      <Col xs={24} lg={16}>
        <List
          size="small"
          dataSource={byUrgency(p.attention).slice(0, PANEL_ATTENTION)}
          locale={{ emptyText: t("dev.attention.none") }}
          renderItem={(a) => (
            <List.Item>
              <Link to={`/development/people/${a.memberId}`}>
                <Tag color={a.state === "overdue" ? "red" : "orange"}>
                  {t(a.state === "overdue" ? "dev.state.overdue" : "dev.state.due")}
                </Tag>
                {a.name} · {a.stepName}
              </Link>
              <Typography.Text type="secondary">
                <span className="mono">{a.dueBy}</span> <DueText item={a} asOf={p.asOf} />
              </Typography.Text>
            </List.Item>
          )}
        />
      </Col>
    </Row>
  )
}

export default DashboardPanel
