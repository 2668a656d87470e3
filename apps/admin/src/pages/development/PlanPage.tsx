import { ArrowLeftOutlined } from "@ant-design/icons"
import { useQuery } from "@tanstack/react-query"
import { Button, Card, Col, Empty, Progress, Row, Space, Statistic } from "antd"
import { useState } from "react"
import { useNavigate, useParams } from "react-router-dom"
import { mayWriteMembers } from "../../api/types"
import { StageTag } from "../../components/StageTag"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import { useSession } from "../../shell/auth"
import { Page } from "../../shell/Page"
import { ErrorState, Loading } from "../../shell/states"
import { devApi } from "./api"
import { StateTag } from "./components"
import { devKeys, useStepDefinitions } from "./queries"
import { CultivationForm } from "./RecordForm"
import type { CultivationPlanView } from "./types"

type Item = CultivationPlanView["items"][number]

/**
 * 一人一策: the person's cultivation items (reports, talks, assessments, training…) with due dates. A talk,
 * report or activity still open is recorded right here (assessments and the training are steps of the
 * timeline).
 */
const PlanPage = () => {
  const { t, td } = useI18n()
  const { memberId = "" } = useParams()
  const navigate = useNavigate()
  const plan = useQuery({ queryKey: devKeys.plan(memberId), queryFn: () => devApi.plan(memberId) })
  const timeline = useQuery({
    queryKey: devKeys.timeline(memberId),
    queryFn: () => devApi.timeline(memberId),
  })
  const defs = useStepDefinitions()
  const { session } = useSession()
  const canRecord = session ? mayWriteMembers(session.user.role) : false
  const [recording, setRecording] = useState<string>()
  const kindOf = (k: string) => defs.data?.cultivationKinds.find((c) => c.kind === k)
  if (plan.error) return <ErrorState error={plan.error} onRetry={() => plan.refetch()} />
  if (!plan.data) return <Loading />
  const { progress, items } = plan.data
  const total = progress.done + progress.due + progress.overdue + progress.upcoming
  const percent = total === 0 ? 0 : Math.round((progress.done / total) * 100)
  const member = timeline.data?.member
  return (
    <Page
      title={
        <Space wrap>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate(-1)}
            aria-label={t("common.back")}
          />
          <span>{t("dev.plan.title")}</span>
          {member ? (
            <>
              <span data-testid="plan-name">{member.name}</span>
              <StageTag stage={member.stage} />
            </>
          ) : null}
        </Space>
      }
      extra={
        <Button onClick={() => navigate(`/development/people/${memberId}`)} data-testid="plan-timeline">
          {t("dev.plan.timeline")}
        </Button>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }} data-testid="plan-progress">
        <Row gutter={[24, 16]} align="middle">
          <Col xs={24} md={6}>
            <Progress type="circle" percent={percent} size={96} strokeColor="#c8161d" />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t("dev.plan.done")} value={progress.done} valueStyle={{ color: "#389e0d" }} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic
              title={t("dev.plan.overdue")}
              value={progress.overdue}
              valueStyle={{ color: "#cf1322" }}
            />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t("dev.plan.due")} value={progress.due} valueStyle={{ color: "#d46b08" }} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t("dev.plan.upcoming")} value={progress.upcoming} />
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t("dev.plan.progress")}>
        <XfTable<Item>
          data-testid="plan-items"
          size="small"
          rowKey={(r, i) => `${r.kind}-${r.dueBy}-${i}`}
          dataSource={[...items]}
          pagination={items.length > 20 ? { pageSize: 20 } : false}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dev.plan.empty")} />,
          }}
          columns={[
            {
              title: t("dev.plan.kind"),
              dataIndex: "kind",
              width: 160,
              render: (k: string) => td(`dev.plan.kind.${k}`, k),
            },
            { title: t("dev.plan.item"), dataIndex: "name" },
            {
              title: t("dev.plan.dueBy"),
              dataIndex: "dueBy",
              width: 130,
              render: (d: string) => <span className="mono">{d}</span>,
            },
            {
              title: t("dev.plan.state"),
              dataIndex: "state",
              width: 110,
              render: (s: string) => <StateTag state={s} />,
            },
            {
              title: t("dev.plan.doneOn"),
              dataIndex: "doneOn",
              width: 130,
              render: (d: string | null) => <span className="mono">{d ?? t("common.none")}</span>,
            },
            {
              title: "",
              key: "record",
              width: 100,
              render: (_: unknown, r: Item) =>
                canRecord && r.state !== "done" && kindOf(r.kind) && timeline.data ? (
                  <Button
                    size="small"
                    onClick={() => setRecording(r.kind)}
                    data-testid={`plan-record-${r.kind}`}
                  >
                    {t("dev.timeline.record")}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      {recording && kindOf(recording) && timeline.data ? (
        <CultivationForm
          memberId={memberId}
          kind={kindOf(recording) as NonNullable<ReturnType<typeof kindOf>>}
          today={timeline.data.asOf}
          onClose={() => setRecording(undefined)}
        />
      ) : null}
    </Page>
  )
}

export default PlanPage
