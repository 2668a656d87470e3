import {
  ArrowLeftOutlined,
  CalendarOutlined,
  DeleteOutlined,
  EditOutlined,
  FileExcelOutlined,
  IdcardOutlined,
} from "@ant-design/icons"
import { useQuery } from "@tanstack/react-query"
import {
  Timeline as AntTimeline,
  App,
  Button,
  Card,
  Col,
  Collapse,
  Descriptions,
  Empty,
  Flex,
  List,
  Row,
  Space,
  Tag,
  Typography,
} from "antd"
import { useMemo, useState } from "react"
import { Link, useNavigate, useParams } from "react-router-dom"
import { mayWriteMembers } from "../../api/types"
import { StageTag } from "../../components/StageTag"
import { useI18n } from "../../i18n/I18nProvider"
import type { MessageKey } from "../../i18n/messages"
import { useSession } from "../../shell/auth"
import { Page } from "../../shell/Page"
import { ErrorState, Loading, problemMessage } from "../../shell/states"
import { devApi, download, exportUrls } from "./api"
import { StateTag, VerdictList } from "./components"
import { evidenceRows } from "./evidence"
import { devKeys, useStepDefinitions } from "./queries"
import { RecordForm } from "./RecordForm"
import { type RemovalTarget, RemoveRecord } from "./RemoveRecord"
import { fieldsOf } from "./schemaForm"
import type { StepView, Timeline } from "./types"
import { isOrderOnly } from "./verdicts"

const derivedOrder = [
  "appliedOn",
  "activistSince",
  "developmentObjectSince",
  "preReviewPassedOn",
  "admittedOn",
  "approvedOn",
  "probationEnd",
  "fullMemberSince",
  "cancelledOn",
] as const

const dotColor: Readonly<Record<string, string>> = {
  done: "green",
  allowed: "blue",
  due: "orange",
  overdue: "red",
  blocked: "gray",
  "not-applicable": "gray",
}

/** Verdicts worth showing under a step: everything but the plain "may be recorded". */
const shownVerdicts = (s: StepView) =>
  s.verdicts.filter((v) => v.status !== "allowed" && !(s.state === "not-applicable" && v.status === "ok"))

const StepItem = ({
  step,
  fieldOrder,
  canRecord,
  onRecord,
  onRemove,
}: {
  readonly step: StepView
  readonly fieldOrder: readonly string[]
  readonly canRecord: boolean
  readonly onRecord: () => void
  /** Offered to those who record: remove a record entered in error. */
  readonly onRemove?: ((target: RemovalTarget) => void) | undefined
}) => {
  const { t, td, locale } = useI18n()
  const yes = t("dev.form.yes")
  const no = t("dev.form.no")
  return (
    <div data-testid={`step-${step.step}`} data-state={step.state}>
      <Flex wrap gap={8} align="center">
        <Typography.Text strong={step.state !== "blocked" && step.state !== "not-applicable"}>
          {step.number === null ? "" : `${step.number}. `}
          {step.name}
        </Typography.Text>
        <StateTag state={step.state} />
        {step.optional ? <Tag>{t("dev.timeline.optional")}</Tag> : null}
        {step.dueBy && step.state !== "done" ? (
          <Typography.Text type={step.state === "overdue" ? "danger" : "warning"}>
            <CalendarOutlined /> {t("dev.timeline.dueBy", { date: step.dueBy })}
          </Typography.Text>
        ) : null}
        {step.recordableFrom ? (
          <Typography.Text type="secondary" data-testid={`from-${step.step}`}>
            {t("dev.timeline.recordableFrom", { date: step.recordableFrom })}
          </Typography.Text>
        ) : null}
        {step.recordableUntil ? (
          <Typography.Text type="danger" data-testid={`until-${step.step}`}>
            {t("dev.timeline.recordableUntil", { date: step.recordableUntil })}
          </Typography.Text>
        ) : null}
        {canRecord ? (
          <Button size="small" icon={<EditOutlined />} onClick={onRecord} data-testid={`record-${step.step}`}>
            {step.records.length > 0 ? t("dev.timeline.recordAgain") : t("dev.timeline.record")}
          </Button>
        ) : null}
      </Flex>
      {step.records.map((r) => (
        <div key={r.id} style={{ margin: "6px 0 0 0" }} data-testid="step-record">
          <Flex gap={8} align="center" wrap>
            <Typography.Text type="secondary">
              {t("dev.timeline.recordedOn", { date: r.onDate })}
            </Typography.Text>
            {r.meeting ? (
              <Tag color="blue" data-testid="record-meeting">
                {t("dev.timeline.decidedAt", {
                  date: r.meeting.date,
                  types: r.meeting.types.map((k) => td(`discipline.obligation.${k}`, k)).join("、"),
                })}
              </Tag>
            ) : null}
            {onRemove ? (
              <Button
                type="link"
                size="small"
                danger
                icon={<DeleteOutlined />}
                onClick={() => onRemove({ id: r.id, stepName: step.name, onDate: r.onDate })}
                data-testid="remove-record"
              >
                {t("dev.remove.action")}
              </Button>
            ) : null}
          </Flex>
          <div style={{ display: "flex", flexWrap: "wrap", gap: "2px 16px", fontSize: 13 }}>
            {evidenceRows(r.evidence, td, yes, no, fieldOrder).map((row) => (
              <span key={row.label}>
                <Typography.Text type="secondary">
                  {row.label}
                  {/* Chinese takes the full-width colon, English a colon and a space. */}
                  {locale === "en" ? ": " : "："}
                </Typography.Text>
                {row.text}
              </span>
            ))}
          </div>
        </div>
      ))}
      <div style={{ marginTop: 4 }}>
        <VerdictList verdicts={shownVerdicts(step)} compact />
      </div>
    </div>
  )
}

const StageSteps = ({
  timeline,
  order,
  fieldOrders,
  canRecord,
  onRecord,
  onRemove,
}: {
  readonly onRemove?: ((target: RemovalTarget) => void) | undefined
  readonly timeline: Timeline
  /** Step ids in the order of the step definitions (district steps where they belong). */
  readonly order: readonly string[]
  /** Evidence property names per step, in schema order. */
  readonly fieldOrders: ReadonlyMap<string, readonly string[]>
  readonly canRecord: boolean
  readonly onRecord: (step: string) => void
}) => {
  const { t } = useI18n()
  const next = new Set(timeline.nextSteps.map((n) => n.step))
  const stages = [1, 2, 3, 4, 5].map((n) => ({
    n,
    steps: timeline.steps
      .filter((s) => s.stage === n)
      .map((s, i) => ({ s, at: order.indexOf(s.step) < 0 ? 1000 + i : order.indexOf(s.step) }))
      .sort((a, b) => a.at - b.at)
      .map(({ s }) => s),
  }))
  const attention = (steps: readonly StepView[]) =>
    steps.some(
      (s) =>
        s.state === "overdue" ||
        s.state === "due" ||
        (!s.optional && s.state !== "done" && s.state !== "not-applicable"),
    )
  // Next steps, and any step not yet on file: a record is judged on its own date, so a step
  // done months ago can be entered now even when today's clock would block it (补录). A step that only
  // waits for a day to come (recordableFrom) is not offered before it.
  // An optional record (an outcome such as direct admission, a transfer, an extension) is recorded when it
  // happens, so it is offered whenever the rules allow it now.
  const recordable = (s: StepView) =>
    canRecord &&
    s.recordableFrom === undefined &&
    (next.has(s.step) ||
      (s.optional && (s.state === "allowed" || s.state === "due" || s.state === "overdue")) ||
      (!s.optional &&
        s.state !== "done" &&
        s.state !== "not-applicable" &&
        !s.verdicts.some((v) => isOrderOnly(v))))
  const urgent = (steps: readonly StepView[]) =>
    steps.some((s) => next.has(s.step) || s.state === "overdue" || s.state === "due")
  const firstOpen = stages.find(({ steps }) => attention(steps))?.n
  const defaultOpen = stages
    .filter(({ n, steps }) => steps.length > 0 && (urgent(steps) || n === firstOpen))
    .map(({ n }) => String(n))
  return (
    <Collapse
      // Re-opened when the stages needing work change (a record moved the person on).
      key={defaultOpen.join()}
      defaultActiveKey={defaultOpen.length ? defaultOpen : ["5"]}
      data-testid="stage-collapse"
      items={stages
        .filter(({ steps }) => steps.length > 0)
        .map(({ n, steps }) => {
          const done = steps.filter((s) => s.state === "done").length
          const required = steps.filter((s) => !s.optional).length
          const overdue = steps.filter((s) => s.state === "overdue").length
          const due = steps.filter((s) => s.state === "due").length
          const late = steps.filter((s) => s.verdicts.some((v) => v.code.endsWith(".late"))).length
          return {
            key: String(n),
            label: (
              <Flex wrap gap={8} align="center" data-testid={`stage-${n}`}>
                <Typography.Text strong>{t(`dev.stage.${n}` as MessageKey)}</Typography.Text>
                <Tag color={done >= required ? (late ? "orange" : "green") : "default"}>
                  {t("dev.stage.progress", { done: Math.min(done, required), total: required })}
                </Tag>
                {late ? (
                  <Tag color="orange" data-testid={`stage-${n}-late`}>
                    {t("dev.stage.late", { count: late })}
                  </Tag>
                ) : null}
                {overdue ? <Tag color="red">{`${t("dev.state.overdue")} ${overdue}`}</Tag> : null}
                {due ? <Tag color="orange">{`${t("dev.state.due")} ${due}`}</Tag> : null}
              </Flex>
            ),
            children: (
              <AntTimeline
                items={steps.map((s) => ({
                  key: s.step,
                  color: dotColor[s.state] ?? "gray",
                  children: (
                    <StepItem
                      step={s}
                      fieldOrder={fieldOrders.get(s.step) ?? []}
                      canRecord={recordable(s)}
                      onRecord={() => onRecord(s.step)}
                      onRemove={onRemove}
                    />
                  ),
                }))}
              />
            ),
          }
        })}
    />
  )
}

const TimelinePage = () => {
  const { t, td, locale } = useI18n()
  const { memberId = "" } = useParams()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const { session } = useSession()
  const canRecord = session ? mayWriteMembers(session.user.role) : false
  const query = useQuery({ queryKey: devKeys.timeline(memberId), queryFn: () => devApi.timeline(memberId) })
  const defs = useStepDefinitions()
  const [recording, setRecording] = useState<string>()
  const [exporting, setExporting] = useState(false)
  const [removing, setRemoving] = useState<RemovalTarget>()
  const definition = useMemo(() => defs.data?.items.find((d) => d.id === recording), [defs.data, recording])

  if (query.error) return <ErrorState error={query.error} onRetry={() => query.refetch()} />
  if (defs.error) return <ErrorState error={defs.error} onRetry={() => defs.refetch()} />
  if (!query.data || !defs.data) return <Loading />
  const tl = query.data

  const exportRecord = async () => {
    setExporting(true)
    try {
      const name = await download(exportUrls.person(memberId), locale, `${tl.member.name}.xlsx`)
      message.success(t("dev.timeline.exported", { name }))
    } catch (e) {
      message.error(t("dev.timeline.exportFailed", { reason: problemMessage(e, String(e)) }))
    } finally {
      setExporting(false)
    }
  }

  const derived = derivedOrder.filter((k) => tl.derived[k])
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
          <span data-testid="timeline-name">{tl.member.name}</span>
          <span data-testid="timeline-stage">
            <StageTag stage={tl.member.stage} />
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: "normal" }}>
            {t("dev.timeline.title")}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space wrap>
          <Link to={`/development/people/${memberId}/plan`}>
            <Button icon={<CalendarOutlined />} data-testid="open-plan">
              {t("dev.timeline.plan")}
            </Button>
          </Link>
          <Button
            icon={<FileExcelOutlined />}
            loading={exporting}
            onClick={exportRecord}
            data-testid="export-record"
          >
            {t("dev.timeline.export")}
          </Button>
          <Link to={`/members/${memberId}`}>
            <Button icon={<IdcardOutlined />} data-testid="open-member">
              {t("dev.timeline.memberFile")}
            </Button>
          </Link>
        </Space>
      }
    >
      <Card style={{ marginBottom: 16 }} size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label={t("dev.timeline.org")}>{tl.member.orgName}</Descriptions.Item>
          <Descriptions.Item label={t("dev.timeline.asOfLabel")}>{tl.asOf}</Descriptions.Item>
          {tl.edition ? (
            <Descriptions.Item label={t("dev.timeline.rules")} span={2}>
              {t("dev.timeline.edition", { edition: tl.edition })}
            </Descriptions.Item>
          ) : null}
          {tl.closedBy ? (
            <Descriptions.Item label={t("dev.timeline.closedBy")} span={2}>
              <span data-testid="closed-by">
                {t("dev.timeline.closedByValue", { name: tl.closedBy.name, date: tl.closedBy.on })}
              </span>
            </Descriptions.Item>
          ) : null}
          {derived.map((k) => (
            <Descriptions.Item key={k} label={t(`dev.derived.${k}` as MessageKey)}>
              <span data-testid={`derived-${k}`}>{tl.derived[k]}</span>
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={{ span: 7, order: 2 }}>
          <Card
            title={t("dev.timeline.next")}
            size="small"
            data-testid="next-steps"
            style={{ position: "sticky", top: 16 }}
          >
            {tl.nextSteps.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dev.timeline.nextNone")} />
            ) : (
              <List
                size="small"
                dataSource={[...tl.nextSteps]}
                renderItem={(n) => {
                  const s = tl.steps.find((x) => x.step === n.step)
                  return (
                    <List.Item
                      actions={
                        canRecord
                          ? [
                              <Button
                                key="record"
                                type="primary"
                                size="small"
                                onClick={() => setRecording(n.step)}
                                data-testid={`next-${n.step}`}
                              >
                                {t("dev.timeline.record")}
                              </Button>,
                            ]
                          : []
                      }
                    >
                      <Flex vertical>
                        <span>{n.name}</span>
                        {n.until ? (
                          <Typography.Text type="danger" style={{ fontSize: 12 }}>
                            {t("dev.timeline.recordableUntil", { date: n.until })}
                          </Typography.Text>
                        ) : null}
                        {s?.dueBy && s.state !== "done" ? (
                          <Typography.Text
                            type={s.state === "overdue" ? "danger" : "secondary"}
                            style={{ fontSize: 12 }}
                          >
                            {t("dev.timeline.dueBy", { date: s.dueBy })}
                          </Typography.Text>
                        ) : null}
                      </Flex>
                    </List.Item>
                  )
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={{ span: 17, order: 1 }}>
          <Card title={t("dev.timeline.steps")} size="small">
            <StageSteps
              timeline={tl}
              order={defs.data.items.map((d) => d.id)}
              fieldOrders={
                new Map(defs.data.items.map((d) => [d.id, fieldsOf(d.evidenceSchema).map((f) => f.key)]))
              }
              canRecord={canRecord}
              onRecord={setRecording}
              onRemove={canRecord ? setRemoving : undefined}
            />
          </Card>
          {tl.cultivation.length > 0 ? (
            <Card
              title={t("dev.timeline.cultivation")}
              size="small"
              style={{ marginTop: 16 }}
              data-testid="cultivation"
            >
              <List
                size="small"
                dataSource={[...tl.cultivation].reverse()}
                renderItem={(r) => (
                  <List.Item data-testid="cultivation-record" data-kind={r.kind}>
                    <Flex vertical>
                      <span>
                        <span className="mono">{r.onDate}</span> {r.name}
                      </span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {Object.entries(r.evidence)
                          .map(([k, v]) => `${td(`dev.field.${k}`, k)}：${String(v)}`)
                          .join("；")}
                      </Typography.Text>
                    </Flex>
                  </List.Item>
                )}
              />
            </Card>
          ) : null}
        </Col>
      </Row>
      {tl.removed.length > 0 ? (
        <Card
          title={t("dev.remove.listTitle")}
          size="small"
          style={{ marginTop: 16 }}
          data-testid="removed-records"
        >
          <List
            size="small"
            dataSource={[...tl.removed].reverse()}
            renderItem={(r) => (
              <List.Item data-testid="removed-record">
                <Flex vertical>
                  <span>
                    <Typography.Text delete>
                      <span className="mono">{r.onDate}</span> {r.name}
                    </Typography.Text>
                  </span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t("dev.remove.removedOn", { date: r.removedAt.slice(0, 10), reason: r.reason })}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      <RemoveRecord timeline={tl} target={removing} onClose={() => setRemoving(undefined)} />
      {recording && definition ? (
        <RecordForm
          key={recording}
          memberId={memberId}
          definition={definition}
          definitions={defs.data.items}
          timeline={tl}
          onClose={() => setRecording(undefined)}
        />
      ) : null}
    </Page>
  )
}

export default TimelinePage
