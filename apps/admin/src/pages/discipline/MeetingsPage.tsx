import { PlusOutlined } from "@ant-design/icons"
import { useQuery, useQueryClient } from "@tanstack/react-query"
import type {
  MeetingBody,
  MeetingView,
  ObligationPeriodView,
  TalkBody,
  TalkView,
} from "@xianfeng/api/contract/discipline"
import { Alert, App, Button, Checkbox, Col, Form, Input, Radio, Row, Select, Space, Tag } from "antd"
import type { ColumnsType } from "antd/es/table"
import { useEffect, useState } from "react"
import { Link, useSearchParams } from "react-router-dom"
import { endpoints } from "../../api/endpoints"
import { FormModal } from "../../components/FormModal"
import { OrgPicker } from "../../components/OrgPicker"
import { useProblemForm } from "../../components/useProblemForm"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import type { MessageKey } from "../../i18n/messages"
import { Page } from "../../shell/Page"
import { disciplineApi, ledgerUrls } from "./api"
import { ExportButton } from "./ExportButton"
import { useYearParam, YearPicker } from "./YearPicker"

const sittingTypes = [
  "general-meeting",
  "committee-meeting",
  "group-meeting",
  "party-lecture",
  "theme-day",
  "org-life-meeting",
  "democratic-appraisal",
] as const

const statusColor = {
  met: "green",
  upcoming: "default",
  due: "blue",
  overdue: "orange",
  missed: "red",
} as const

interface MeetingForm {
  types: MeetingBody["types"][number][]
  date: string
  startTime: string
  endTime: string
  place: string
  chair: string
  recorder: string
  present: string[]
  absentReasons: Record<string, string>
  topic?: string
  form?: string
}

const fields = [
  "types",
  "date",
  "startTime",
  "endTime",
  "place",
  "chair",
  "recorder",
  "attendance",
  "present",
] as const

/** The form's values for a recorded sitting, to edit it. */
const formOf = (m: MeetingView): MeetingForm => ({
  types: [...m.types],
  date: m.date,
  startTime: m.startTime,
  endTime: m.endTime,
  place: m.place,
  chair: m.chair,
  recorder: m.recorder,
  present: m.attendance.filter((a) => a.present).map((a) => a.memberId),
  absentReasons: Object.fromEntries(
    m.attendance.filter((a) => !a.present).map((a) => [a.memberId, a.reason ?? ""]),
  ),
  ...(m.firstItem ? { topic: m.firstItem.topic, form: m.firstItem.form } : {}),
})

/**
 * One form for every kind of sitting, laid out in one column so it works on a phone. With `editing` it
 * edits that sitting at the version it was read (a 409 offers a reload instead of overwriting).
 */
const RecordMeeting = ({
  orgId,
  open,
  editing,
  onClose,
}: {
  readonly orgId: string
  readonly open: boolean
  readonly editing?: MeetingView | undefined
  readonly onClose: () => void
}) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<MeetingForm>()
  const roster = useQuery({
    queryKey: ["discipline", "roster", orgId],
    queryFn: () => endpoints.members({ orgId, page: 1, pageSize: 100 }),
    enabled: open,
  })
  const members = (roster.data?.items ?? []).filter(
    (m) => m.orgId === orgId && (m.stage === "full" || m.stage === "probationary"),
  )
  const ticked: string[] = Form.useWatch("present", form) ?? []
  useEffect(() => {
    if (open)
      form.setFieldsValue(editing ? formOf(editing) : { startTime: "14:30", endTime: "16:00", present: [] })
  }, [open, editing, form])
  const save = useProblemForm({
    form,
    fields,
    onConflict: "stale",
    fieldFor: (f) => (f.startsWith("present") || f.startsWith("attendance") ? "present" : f),
    onClose: () => {
      form.resetFields()
      onClose()
    },
    send: (v: MeetingForm) => {
      const present = new Set(v.present ?? [])
      const count = (stage: string, only?: Set<string>) =>
        members.filter((m) => m.stage === stage && (only === undefined || only.has(m.id))).length
      const body: MeetingBody = {
        orgId,
        types: v.types,
        date: v.date,
        startTime: v.startTime,
        endTime: v.endTime,
        place: v.place,
        chair: v.chair,
        recorder: v.recorder,
        expected: { full: count("full"), probationary: count("probationary") },
        present: { full: count("full", present), probationary: count("probationary", present) },
        attendance: members.map((m) =>
          present.has(m.id)
            ? { memberId: m.id, present: true }
            : { memberId: m.id, present: false, reason: v.absentReasons?.[m.id] || t("discipline.noReason") },
        ),
        observers: [],
        ...(v.topic && v.form ? { firstItem: { topic: v.topic, form: v.form } } : {}),
        agenda: v.topic ? [v.topic] : [],
        resolutions: editing ? editing.resolutions : [],
        votes: editing ? editing.votes : [],
        ...(editing
          ? {
              observers: editing.observers,
              agenda: v.topic ? [v.topic, ...editing.agenda.slice(1)] : editing.agenda,
            }
          : {}),
      }
      return editing
        ? disciplineApi.updateMeeting(editing.id, { ...body, version: editing.version })
        : disciplineApi.recordMeeting(body)
    },
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["discipline"] })
      message.success(t(editing ? "discipline.meetingSaved" : "discipline.meetingRecorded"))
    },
  })
  return (
    <FormModal
      state={save}
      open={open}
      title={t(editing ? "discipline.editMeeting" : "discipline.recordMeeting")}
      okTestId="meeting-save"
      stale={{
        message: t("discipline.meetingStale"),
        action: t("discipline.reload"),
        testId: "meeting-stale",
        onRefresh: () => {
          void queryClient.invalidateQueries({ queryKey: ["discipline"] })
          form.resetFields()
          onClose()
        },
      }}
    >
      <Form<MeetingForm> form={form} layout="vertical" requiredMark>
        <Form.Item
          name="types"
          label={t("discipline.types")}
          rules={[{ required: true, message: t("discipline.typesRequired") }]}
        >
          <Checkbox.Group data-testid="meeting-types">
            <Space direction="vertical">
              {sittingTypes.map((s) => (
                <Checkbox key={s} value={s} data-testid={`meeting-type-${s}`}>
                  {t(`discipline.obligation.${s}` as MessageKey)}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item
          name="date"
          label={t("discipline.date")}
          rules={[{ required: true, message: t("discipline.dateRequired") }]}
        >
          <Input type="date" data-testid="meeting-date" />
        </Form.Item>
        <Row gutter={8}>
          <Col span={12}>
            <Form.Item name="startTime" label={t("discipline.startTime")} rules={[{ required: true }]}>
              <Input type="time" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="endTime" label={t("discipline.endTime")} rules={[{ required: true }]}>
              <Input type="time" />
            </Form.Item>
          </Col>
        </Row>
        {(["place", "chair", "recorder"] as const).map((f) => (
          <Form.Item
            key={f}
            name={f}
            label={t(`discipline.${f}` as MessageKey)}
            rules={[{ required: true, whitespace: true, message: t("discipline.required") }]}
          >
            <Input data-testid={`meeting-${f}`} maxLength={200} />
          </Form.Item>
        ))}
        <Form.Item name="present" label={t("discipline.attendance")}>
          <Checkbox.Group data-testid="meeting-attendance">
            <Space direction="vertical">
              {members.map((m) => (
                <Checkbox key={m.id} value={m.id}>
                  {m.name}
                  {m.stage === "probationary" ? `（${t("discipline.probationary")}）` : ""}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
        {members
          .filter((m) => !ticked.includes(m.id))
          .map((m) => (
            <Form.Item
              key={m.id}
              name={["absentReasons", m.id]}
              label={`${m.name} ${t("discipline.absentReason")}`}
            >
              <Input maxLength={200} />
            </Form.Item>
          ))}
        <Form.Item name="topic" label={t("discipline.firstItemTopic")}>
          <Input data-testid="meeting-topic" maxLength={500} />
        </Form.Item>
        <Form.Item name="form" label={t("discipline.firstItemForm")}>
          <Input data-testid="meeting-form" maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  )
}

/** 谈心谈话 (BR 19): the kind of pair, the two members of the branch, the date and a short topic. */
const RecordTalk = ({
  orgId,
  open,
  onClose,
}: {
  readonly orgId: string
  readonly open: boolean
  readonly onClose: () => void
}) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<TalkBody>()
  const roster = useQuery({
    queryKey: ["discipline", "roster", orgId],
    queryFn: () => endpoints.members({ orgId, page: 1, pageSize: 100 }),
    enabled: open,
  })
  const options = (roster.data?.items ?? [])
    .filter((m) => m.orgId === orgId && (m.stage === "full" || m.stage === "probationary"))
    .map((m) => ({ value: m.id, label: m.name }))
  const save = useProblemForm({
    form,
    fields: ["pair", "date", "firstMemberId", "secondMemberId", "topic"],
    onClose: () => {
      form.resetFields()
      onClose()
    },
    send: (v: TalkBody) => disciplineApi.recordTalk({ ...v, orgId }),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["discipline"] })
      message.success(t("discipline.talkRecorded"))
    },
  })
  const required = [{ required: true, message: t("discipline.required") }]
  return (
    <FormModal state={save} open={open} title={t("discipline.recordTalk")} okTestId="talk-save">
      <Form<TalkBody> form={form} layout="vertical" requiredMark initialValues={{ pair: "member-member" }}>
        <Form.Item name="pair" label={t("discipline.talkPair")} rules={required}>
          <Radio.Group>
            {(["committee-committee", "committee-member", "member-member"] as const).map((p) => (
              <Radio key={p} value={p}>
                {t(`discipline.pair.${p}` as MessageKey)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="date" label={t("discipline.talkDate")} rules={required}>
          <Input type="date" data-testid="talk-date" />
        </Form.Item>
        <Form.Item name="firstMemberId" label={t("discipline.talkFirst")} rules={required}>
          <Select showSearch optionFilterProp="label" options={options} data-testid="talk-first" />
        </Form.Item>
        <Form.Item name="secondMemberId" label={t("discipline.talkSecond")} rules={required}>
          <Select showSearch optionFilterProp="label" options={options} data-testid="talk-second" />
        </Form.Item>
        <Form.Item name="topic" label={t("discipline.talkTopic")}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </FormModal>
  )
}

const MeetingsPage = () => {
  const { t } = useI18n()
  const [params, setParams] = useSearchParams()
  const orgId = params.get("orgId") ?? undefined
  const [year, setYear] = useYearParam()
  const [recording, setRecording] = useState(false)
  const [editing, setEditing] = useState<MeetingView | undefined>()
  const [talking, setTalking] = useState(false)
  const talks = useQuery({
    queryKey: ["discipline", "talks", orgId, year],
    queryFn: () => disciplineApi.talks(orgId ?? "", year),
    enabled: orgId !== undefined,
  })
  const compliance = useQuery({
    queryKey: ["discipline", "compliance", orgId, year],
    queryFn: () => disciplineApi.compliance(orgId ?? "", year),
    enabled: orgId !== undefined,
  })
  const meetings = useQuery({
    queryKey: ["discipline", "meetings", orgId, year],
    queryFn: () => disciplineApi.meetings(orgId ?? "", year),
    enabled: orgId !== undefined,
  })
  const meetingColumns: ColumnsType<MeetingView> = [
    { title: t("discipline.date"), dataIndex: "date", width: 120 },
    {
      title: t("discipline.typesShort"),
      dataIndex: "types",
      render: (types: MeetingView["types"]) =>
        types.map((s) => <Tag key={s}>{t(`discipline.obligation.${s}` as MessageKey)}</Tag>),
    },
    {
      title: t("discipline.presentCol"),
      render: (_, m) =>
        `${m.present.full + m.present.probationary}/${m.expected.full + m.expected.probationary}`,
      width: 90,
    },
    { title: t("discipline.place"), dataIndex: "place" },
    {
      // The development steps decided at this sitting (DR 8, 13, 19, 32), each to the person's timeline.
      title: t("discipline.developmentDecisions"),
      render: (_, m) => (
        <Space size={4} wrap data-testid={`meeting-decisions-${m.id}`}>
          {(m.developmentDecisions ?? []).map((d) => (
            <Link key={d.recordId} to={`/development/people/${d.memberId}`}>
              <Tag color="blue">
                {d.name} · {d.stepName}
              </Tag>
            </Link>
          ))}
        </Space>
      ),
    },
    {
      title: "",
      width: 90,
      render: (_, m) => (
        <Button size="small" data-testid={`meeting-edit-${m.id}`} onClick={() => setEditing(m)}>
          {t("discipline.edit")}
        </Button>
      ),
    },
  ]
  const columns: ColumnsType<ObligationPeriodView> = [
    { title: t("discipline.obligationCol"), dataIndex: "title" },
    { title: t("discipline.period"), dataIndex: "period", width: 110 },
    { title: t("discipline.dueBy"), dataIndex: "dueBy", width: 120 },
    {
      title: t("discipline.status"),
      dataIndex: "status",
      width: 100,
      render: (s: ObligationPeriodView["status"]) => (
        <Tag color={statusColor[s]}>{t(`discipline.status.${s}` as MessageKey)}</Tag>
      ),
    },
    {
      title: t("discipline.basis"),
      dataIndex: "citations",
      render: (c: readonly string[]) => c.join("；"),
      ellipsis: true,
    },
  ]
  return (
    <Page
      title={t("discipline.meetings")}
      extra={
        <Space wrap>
          <OrgPicker
            value={orgId}
            onChange={(v) => {
              const next = new URLSearchParams(params)
              if (v) next.set("orgId", v)
              else next.delete("orgId")
              setParams(next)
            }}
            testId="meetings-org"
            placeholder={t("discipline.pickBranch")}
            preselectBranch
          />
          <YearPicker value={year} latest={compliance.data?.year} onChange={setYear} testId="meetings-year" />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={orgId === undefined}
            title={orgId === undefined ? t("discipline.needBranch") : undefined}
            onClick={() => setRecording(true)}
            data-testid="record-meeting"
          >
            {t("discipline.recordMeeting")}
          </Button>
          <Button
            disabled={orgId === undefined}
            title={orgId === undefined ? t("discipline.needBranch") : undefined}
            onClick={() => setTalking(true)}
            data-testid="record-talk"
          >
            {t("discipline.recordTalk")}
          </Button>
          <ExportButton
            path={ledgerUrls.ledger(orgId ?? "", year)}
            fallbackName="ledger.xlsx"
            label={t("discipline.exportLedger")}
            testId="export-ledger"
            disabled={orgId === undefined}
          />
        </Space>
      }
    >
      {orgId === undefined ? (
        <Alert
          type="info"
          showIcon
          message={t("discipline.meetingsPickOrg")}
          description={<Link to="/discipline/heatmap">{t("discipline.meetingsPickOrgHint")}</Link>}
          data-testid="meetings-pick-org"
        />
      ) : (
        <>
          <h3>{t("discipline.calendar")}</h3>
          <XfTable<ObligationPeriodView>
            rowKey={(r) => `${r.obligation}/${r.period}`}
            size="small"
            pagination={false}
            loading={compliance.isLoading}
            columns={columns}
            dataSource={compliance.data?.calendar ?? []}
            data-testid="compliance-calendar"
          />
          <h3 style={{ marginTop: 24 }}>{t("discipline.yearStatus")}</h3>
          <XfTable<ObligationPeriodView>
            rowKey={(r) => `${r.obligation}/${r.period}`}
            size="small"
            pagination={{ pageSize: 20 }}
            columns={columns}
            dataSource={compliance.data?.periods ?? []}
          />
          <h3 style={{ marginTop: 24 }}>{t("discipline.meetingList")}</h3>
          <XfTable<MeetingView>
            rowKey="id"
            size="small"
            pagination={{ pageSize: 20 }}
            loading={meetings.isLoading}
            columns={meetingColumns}
            dataSource={meetings.data ? [...meetings.data.items].reverse() : []}
            data-testid="meeting-list"
          />
          <h3 style={{ marginTop: 24 }}>{t("discipline.talks")}</h3>
          <XfTable<TalkView>
            rowKey="id"
            size="small"
            pagination={{ pageSize: 20 }}
            loading={talks.isLoading}
            columns={[
              { title: t("discipline.talkDate"), dataIndex: "date", width: 120 },
              {
                title: t("discipline.talkPair"),
                dataIndex: "pair",
                render: (p: TalkView["pair"]) => t(`discipline.pair.${p}` as MessageKey),
              },
              { title: t("discipline.talkTopic"), dataIndex: "topic" },
            ]}
            dataSource={talks.data ? [...talks.data.items].reverse() : []}
            data-testid="talk-list"
          />
        </>
      )}
      {orgId !== undefined && <RecordTalk orgId={orgId} open={talking} onClose={() => setTalking(false)} />}
      {orgId !== undefined && (
        <RecordMeeting
          orgId={orgId}
          open={recording || editing !== undefined}
          editing={editing}
          onClose={() => {
            setRecording(false)
            setEditing(undefined)
          }}
        />
      )}
    </Page>
  )
}

export default MeetingsPage
