import { useQuery } from "@tanstack/react-query"
import type { StudyCard } from "@xianfeng/api/contract/education"
import { Alert, Card, Col, InputNumber, List, Row, Statistic, Tag } from "antd"
import type { ColumnsType } from "antd/es/table"
import { useState } from "react"
import { useParams } from "react-router-dom"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import { Page } from "../../shell/Page"
import { ErrorState, Loading } from "../../shell/states"
import { educationApi } from "./api"

type Line = StudyCard["lines"][number]

const statusColor: Record<string, string> = {
  ok: "green",
  allowed: "blue",
  due: "orange",
  overdue: "red",
  warning: "gold",
}

/** A member's study-hours card (学时卡): the year's hours by source, each credited line, the minimums judged. */
const MemberStudyPage = () => {
  const { t } = useI18n()
  const { id = "" } = useParams()
  const [year, setYear] = useState(new Date().getFullYear())
  const card = useQuery({
    queryKey: ["education", "card", id, year],
    queryFn: () => educationApi.card(id, year),
  })
  if (card.error) return <ErrorState error={card.error} onRetry={() => card.refetch()} />
  if (!card.data) return <Loading />
  const c = card.data
  const columns: ColumnsType<Line> = [
    { title: t("education.date"), dataIndex: "date", width: 110 },
    {
      title: t("education.source"),
      dataIndex: "source",
      width: 100,
      render: (s: Line["source"]) => t(`education.source.${s}`),
    },
    { title: t("education.topic"), dataIndex: "title", ellipsis: true },
    { title: t("education.time"), dataIndex: "time", width: 120 },
    { title: t("education.hours"), dataIndex: "hours", width: 70 },
    { title: t("education.credited"), dataIndex: "credited", width: 90 },
  ]
  return (
    <Page
      title={`${c.name} · ${t("education.card")}`}
      extra={
        <InputNumber
          value={year}
          min={2000}
          max={2100}
          onChange={(v) => v && setYear(v)}
          addonBefore={t("education.year")}
        />
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Statistic title={t("education.totalHours")} value={c.hours} data-testid="card-hours" />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t("education.minimum")} value={c.exempt ? "—" : c.minimum} />
          </Col>
          {(["class", "meeting", "online"] as const).map((s) => (
            <Col xs={8} md={4} key={s}>
              <Statistic title={t(`education.source.${s}`)} value={c.bySource[s]} />
            </Col>
          ))}
        </Row>
      </Card>
      {c.exempt && (
        <Alert type="info" showIcon message={t("education.exempt")} style={{ marginBottom: 16 }} />
      )}
      <List
        size="small"
        style={{ marginBottom: 16 }}
        dataSource={[...c.verdicts]}
        renderItem={(v) => (
          <List.Item>
            <span>
              <Tag color={statusColor[v.status] ?? "default"}>{t(`education.status.${v.status}`)}</Tag>
              {v.message}
              <span style={{ color: "#888" }}>（{v.citations.join("；")}）</span>
            </span>
          </List.Item>
        )}
      />
      <XfTable<Line>
        rowKey={(l) => `${l.date}${l.source}${l.time}${l.title}`}
        columns={columns}
        dataSource={[...c.lines]}
        pagination={{ pageSize: 50 }}
      />
    </Page>
  )
}

export default MemberStudyPage
