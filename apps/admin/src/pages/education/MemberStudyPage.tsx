import { useQuery, useQueryClient } from "@tanstack/react-query"
import type { StudyCard } from "@xianfeng/api/contract/education"
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Row,
  Statistic,
  Tag,
} from "antd"
import type { ColumnsType } from "antd/es/table"
import { useState } from "react"
import { useParams } from "react-router-dom"
import { FormModal } from "../../components/FormModal"
import { useProblemForm } from "../../components/useProblemForm"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import { Page } from "../../shell/Page"
import { ErrorState, Loading } from "../../shell/states"
import { educationApi } from "./api"
import { formatHours } from "./hours"

type Line = StudyCard["lines"][number]

const statusColor: Record<string, string> = {
  ok: "green",
  allowed: "blue",
  due: "orange",
  overdue: "red",
  warning: "gold",
}

/** Online learning as the form holds it (times optional: an imported record may give only its length). */
interface NewOnline {
  title: string
  date: string
  startTime?: string
  endTime?: string
  hours: number
}

/**
 * 录入网络学习: one piece of a member's online learning (POST /api/education/online). The API refuses zero,
 * negative or absurd hours (`hours`) and an end before the start (`endTime`), shown on the field.
 */
const RecordOnline = ({
  memberId,
  open,
  onClose,
}: {
  readonly memberId: string
  readonly open: boolean
  readonly onClose: () => void
}) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<NewOnline>()
  const required = [{ required: true, message: t("education.required") }]
  const save = useProblemForm({
    form,
    fields: ["title", "date", "startTime", "endTime", "hours"],
    onClose: () => {
      form.resetFields()
      onClose()
    },
    send: (v: NewOnline) =>
      educationApi.recordOnline({
        memberId,
        title: v.title.trim(),
        date: v.date,
        ...(v.startTime ? { startTime: v.startTime } : {}),
        ...(v.endTime ? { endTime: v.endTime } : {}),
        hours: Number(v.hours),
      }),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["education", "card", memberId] })
      message.success(t("education.onlineSaved"))
    },
  })
  return (
    <FormModal state={save} open={open} title={t("education.recordOnline")} okTestId="online-save">
      <Form<NewOnline>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{ title: t("education.onlineDefaultTitle"), hours: 1 }}
      >
        <Form.Item name="title" label={t("education.topic")} rules={[{ ...required[0], whitespace: true }]}>
          <Input maxLength={200} data-testid="online-title" />
        </Form.Item>
        <Form.Item name="date" label={t("education.date")} rules={required}>
          <Input type="date" data-testid="online-date" />
        </Form.Item>
        <Flex gap={8} wrap>
          <Form.Item name="startTime" label={t("education.start")} extra={t("education.onlineTimesHint")}>
            <Input type="time" data-testid="online-start" />
          </Form.Item>
          <Form.Item name="endTime" label={t("education.end")}>
            <Input type="time" data-testid="online-end" />
          </Form.Item>
          <Form.Item name="hours" label={t("education.hours")} rules={required}>
            <InputNumber step={0.5} style={{ width: 120 }} data-testid="online-hours" />
          </Form.Item>
        </Flex>
      </Form>
    </FormModal>
  )
}

/** A member's study-hours card (学时卡): the year's hours by source, each credited line, the minimums judged. */
const MemberStudyPage = () => {
  const { t } = useI18n()
  const { id = "" } = useParams()
  const [year, setYear] = useState(new Date().getFullYear())
  const [recording, setRecording] = useState(false)
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
    { title: t("education.hours"), dataIndex: "hours", width: 70, render: (h: number) => formatHours(h) },
    { title: t("education.credited"), dataIndex: "credited", width: 90 },
  ]
  return (
    <Page
      title={`${c.name} · ${t("education.card")}`}
      extra={
        <Flex gap={8} wrap>
          <InputNumber
            value={year}
            min={2000}
            max={2100}
            onChange={(v) => v && setYear(v)}
            addonBefore={t("education.year")}
          />
          <Button onClick={() => setRecording(true)} data-testid="online-open">
            {t("education.recordOnline")}
          </Button>
        </Flex>
      }
    >
      <RecordOnline memberId={id} open={recording} onClose={() => setRecording(false)} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Statistic
              title={t("education.totalHours")}
              value={formatHours(c.hours)}
              data-testid="card-hours"
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t("education.minimum")} value={c.exempt ? "—" : formatHours(c.minimum)} />
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
