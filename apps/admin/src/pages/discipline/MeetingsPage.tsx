import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons"
import { useQuery, useQueryClient } from "@tanstack/react-query"
import type {
  MeetingBody,
  MeetingView,
  ObligationPeriodView,
  TalkBody,
  TalkView,
} from "@xianfeng/api/contract/discipline"
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Tag,
} from "antd"
import type { ColumnsType } from "antd/es/table"
import dayjs from "dayjs"
import { useEffect, useState } from "react"
import { Link, useSearchParams } from "react-router-dom"
import { endpoints } from "../../api/endpoints"
import { DateInput } from "../../components/DateInput"
import { FormModal } from "../../components/FormModal"
import { OrgPicker } from "../../components/OrgPicker"
import { TimeInput } from "../../components/TimeInput"
import { useProblemForm } from "../../components/useProblemForm"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import type { MessageKey } from "../../i18n/messages"
import { Page } from "../../shell/Page"
import { disciplineApi, ledgerUrls } from "./api"
import { ExportButton } from "./ExportButton"
import { useYearParam, YearPicker } from "./YearPicker"

/** 缺席原因's kinds (the contract's `reasonKind`): 事假, 病假, 公假, 其他. */
const absenceKinds = ["personal", "sick", "official", "other"] as const
type AbsenceKind = (typeof absenceKinds)[number]

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

/** The matters a vote may be on (the contract's `VoteBody.matter`). */
const voteMatters = ["admission", "conversion", "ordinary"] as const
type VoteMatter = (typeof voteMatters)[number]
/** Whose ballot each person matter is: 接收预备党员 a 发展对象 (DR 19), 转正 a 预备党员 (DR 32). */
const stageOfMatter = { admission: "development-object", conversion: "probationary" } as const

/** A vote as the form holds it: the counts the branch cannot derive from the attendance. */
interface VoteRow {
  matter: VoteMatter
  /** A member id for `admission`/`conversion` (the development rules match either the id or the name). */
  subject: string
  writtenOpinions: number
  yesVotes: number
  noVotes: number
  abstentions: number
}

interface MeetingForm {
  types: MeetingBody["types"][number][]
  date: string
  startTime: string
  endTime: string
  place: string
  chair: string
  recorder: string
  present: string[]
  absentKinds?: Record<string, AbsenceKind | undefined>
  absentReasons: Record<string, string>
  topic?: string
  form?: string
  votes?: VoteRow[]
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
  "votes",
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
  absentKinds: Object.fromEntries(
    m.attendance.filter((a) => !a.present && a.reasonKind).map((a) => [a.memberId, a.reasonKind]),
  ),
  absentReasons: Object.fromEntries(
    m.attendance.filter((a) => !a.present).map((a) => [a.memberId, a.reason ?? ""]),
  ),
  ...(m.firstItem ? { topic: m.firstItem.topic, form: m.firstItem.form } : {}),
  votes: m.votes.map((v) => ({
    matter: v.matter,
    subject: v.subject,
    writtenOpinions: v.writtenOpinions,
    yesVotes: v.yesVotes,
    noVotes: v.noVotes,
    abstentions: v.abstentions,
  })),
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
  const branch = (roster.data?.items ?? []).filter((m) => m.orgId === orgId)
  const types: string[] = Form.useWatch("types", form) ?? []
  // Whom the sitting expects is the server's to say (a committee meeting: the committee's members, BR 12).
  const kinds = [...types].sort()
  const roll = useQuery({
    queryKey: ["discipline", "roll", orgId, kinds.join(",")],
    queryFn: () => disciplineApi.roll(orgId, kinds),
    enabled: open,
    placeholderData: (previous) => previous,
  })
  const members = (roll.data?.items ?? []).map((m) => ({ id: m.memberId, ...m }))
  const ticked: string[] = Form.useWatch("present", form) ?? []
  const tickedHere = members.filter((m) => ticked.includes(m.id)).length
  // Full members vote; probationary members attend without a vote (PC 7).
  const expectedVoters = members.filter((m) => m.stage === "full").length
  const presentVoters = members.filter((m) => m.stage === "full" && ticked.includes(m.id)).length
  // The people a vote may be on, asked by stage so a large branch's roll does not crowd them out.
  const objects = useQuery({
    queryKey: ["discipline", "roster", orgId, stageOfMatter.admission],
    queryFn: () => endpoints.members({ orgId, stage: stageOfMatter.admission, page: 1, pageSize: 100 }),
    enabled: open,
  })
  const candidates = { admission: objects.data?.items ?? [], conversion: branch }
  /** The people a person matter may be on: the branch's 发展对象 or 预备党员, and a subject already recorded. */
  const subjectOptions = (matter: VoteMatter, current: string | undefined) => {
    const options = (matter === "ordinary" ? [] : candidates[matter])
      .filter(
        (m) => m.orgId === orgId && m.stage === (matter === "ordinary" ? undefined : stageOfMatter[matter]),
      )
      .map((m) => ({ value: m.id, label: m.name }))
    return current && !options.some((o) => o.value === current)
      ? [...options, { value: current, label: branch.find((m) => m.id === current)?.name ?? current }]
      : options
  }
  useEffect(() => {
    if (open)
      form.setFieldsValue(
        editing ? formOf(editing) : { startTime: "14:30", endTime: "16:00", present: [], votes: [] },
      )
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
        attendance: members.map((m) => {
          if (present.has(m.id)) return { memberId: m.id, present: true }
          const kind = v.absentKinds?.[m.id]
          const words = v.absentReasons?.[m.id]?.trim() ?? ""
          return {
            memberId: m.id,
            present: false,
            ...(kind ? { reasonKind: kind } : {}),
            reason: words || (kind ? "" : t("discipline.noReason")),
          }
        }),
        observers: [],
        ...(v.topic && v.form ? { firstItem: { topic: v.topic, form: v.form } } : {}),
        agenda: v.topic ? [v.topic] : [],
        resolutions: editing ? editing.resolutions : [],
        votes: (v.votes ?? []).map((r) => ({
          matter: r.matter,
          subject: r.subject.trim(),
          expectedVoters: count("full"),
          presentVoters: count("full", present),
          writtenOpinions: r.writtenOpinions ?? 0,
          yesVotes: r.yesVotes,
          noVotes: r.noVotes,
          abstentions: r.abstentions,
        })),
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
          <DateInput data-testid="meeting-date" max={dayjs().format("YYYY-MM-DD")} />
        </Form.Item>
        <Row gutter={8}>
          <Col span={12}>
            <Form.Item name="startTime" label={t("discipline.startTime")} rules={[{ required: true }]}>
              <TimeInput data-testid="meeting-start" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="endTime" label={t("discipline.endTime")} rules={[{ required: true }]}>
              <TimeInput data-testid="meeting-end" />
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
        {roll.data?.basis === "committee" && members.length === 0 ? (
          <Alert
            type="warning"
            showIcon
            data-testid="meeting-roll-basis"
            style={{ marginBottom: 12 }}
            message={t("discipline.rollNoCommittee")}
            action={
              <Link to={`/orgs?org=${encodeURIComponent(orgId)}`} data-testid="meeting-roll-record-posts">
                {t("discipline.rollRecordPosts")}
              </Link>
            }
          />
        ) : roll.data ? (
          <Alert
            type="info"
            data-testid="meeting-roll-basis"
            data-basis={roll.data.basis}
            style={{ marginBottom: 12 }}
            message={t(
              roll.data.basis === "committee" ? "discipline.rollCommittee" : "discipline.rollBranch",
              { n: members.length, present: tickedHere, cite: roll.data.citations.join("；") },
            )}
          />
        ) : null}
        <Form.Item label={t("discipline.attendance")} style={{ marginBottom: 0 }}>
          <Checkbox
            data-testid="meeting-attendance-all"
            disabled={members.length === 0}
            indeterminate={tickedHere > 0 && tickedHere < members.length}
            checked={members.length > 0 && tickedHere === members.length}
            onChange={(e) => form.setFieldValue("present", e.target.checked ? members.map((m) => m.id) : [])}
          >
            {t("discipline.attendanceAll")}
          </Checkbox>
        </Form.Item>
        <Form.Item name="present">
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
        {members.some((m) => !ticked.includes(m.id)) ? (
          <div data-testid="meeting-absentees">
            <h4>{t("discipline.absentees")}</h4>
            {members
              .filter((m) => !ticked.includes(m.id))
              .map((m) => (
                <Form.Item
                  key={m.id}
                  label={`${m.name} · ${t("discipline.absentReason")}`}
                  style={{ marginBottom: 8 }}
                >
                  <Space.Compact style={{ width: "100%" }}>
                    <Form.Item name={["absentKinds", m.id]} noStyle>
                      <Select<AbsenceKind>
                        data-testid={`absent-kind-${m.id}`}
                        aria-label={`${m.name} ${t("discipline.absentKind")}`}
                        placeholder={t("discipline.absentKind")}
                        allowClear
                        style={{ width: 110, flex: "none" }}
                        options={absenceKinds.map((k) => ({
                          value: k,
                          label: t(`discipline.absence.${k}` as MessageKey),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item name={["absentReasons", m.id]} noStyle>
                      <Input
                        data-testid={`absent-reason-${m.id}`}
                        aria-label={`${m.name} ${t("discipline.absentReason")}`}
                        placeholder={t("discipline.absentNote")}
                        maxLength={200}
                      />
                    </Form.Item>
                  </Space.Compact>
                </Form.Item>
              ))}
          </div>
        ) : null}
        <Form.Item name="topic" label={t("discipline.firstItemTopic")}>
          <Input data-testid="meeting-topic" maxLength={500} />
        </Form.Item>
        <Form.Item name="form" label={t("discipline.firstItemForm")}>
          <Input data-testid="meeting-form" maxLength={500} />
        </Form.Item>
        <Form.List name="votes">
          {(rows, { add, remove }, { errors }) => (
            <div data-testid="meeting-votes">
              <h4>{t("discipline.votes")}</h4>
              <p style={{ color: "rgba(0,0,0,0.45)" }}>
                {t("discipline.votesHint", { present: presentVoters, expected: expectedVoters })}
              </p>
              {rows.map((row) => (
                <div
                  key={row.key}
                  data-testid={`meeting-vote-${row.name}`}
                  style={{
                    border: "1px solid #f0f0f0",
                    borderRadius: 6,
                    padding: "8px 12px",
                    marginBottom: 8,
                  }}
                >
                  <Row gutter={8} wrap>
                    <Col xs={24} md={8}>
                      <Form.Item
                        name={[row.name, "matter"]}
                        label={t("discipline.voteMatter")}
                        rules={[{ required: true, message: t("discipline.required") }]}
                      >
                        <Select
                          data-testid={`vote-matter-${row.name}`}
                          options={voteMatters.map((m) => ({
                            value: m,
                            label: t(`discipline.voteMatter.${m}` as MessageKey),
                          }))}
                          onChange={() => form.setFieldValue(["votes", row.name, "subject"], undefined)}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={16}>
                      <Form.Item noStyle dependencies={[["votes", row.name, "matter"]]}>
                        {() => {
                          const matter: VoteMatter | undefined = form.getFieldValue([
                            "votes",
                            row.name,
                            "matter",
                          ])
                          const current: string | undefined = form.getFieldValue([
                            "votes",
                            row.name,
                            "subject",
                          ])
                          return (
                            <Form.Item
                              name={[row.name, "subject"]}
                              label={t(
                                matter === "ordinary"
                                  ? "discipline.voteSubjectText"
                                  : "discipline.voteSubject",
                              )}
                              rules={[
                                { required: true, whitespace: true, message: t("discipline.required") },
                              ]}
                            >
                              {matter === "ordinary" ? (
                                <Input maxLength={500} data-testid={`vote-subject-${row.name}`} />
                              ) : (
                                <Select
                                  showSearch
                                  optionFilterProp="label"
                                  disabled={matter === undefined}
                                  placeholder={t("discipline.voteSubjectPick")}
                                  notFoundContent={
                                    matter === undefined
                                      ? undefined
                                      : t(`discipline.voteNoSubjects.${matter}` as MessageKey)
                                  }
                                  options={matter === undefined ? [] : subjectOptions(matter, current)}
                                  data-testid={`vote-subject-${row.name}`}
                                />
                              )}
                            </Form.Item>
                          )
                        }}
                      </Form.Item>
                    </Col>
                  </Row>
                  <Row gutter={8} wrap align="bottom">
                    {(["yesVotes", "noVotes", "abstentions", "writtenOpinions"] as const).map((f) => (
                      <Col key={f} xs={12} md={5}>
                        <Form.Item
                          name={[row.name, f]}
                          label={t(`discipline.vote.${f}` as MessageKey)}
                          dependencies={
                            f === "abstentions"
                              ? [
                                  "present",
                                  ["votes", row.name, "yesVotes"],
                                  ["votes", row.name, "noVotes"],
                                  ["votes", row.name, "writtenOpinions"],
                                ]
                              : f === "writtenOpinions"
                                ? ["present"]
                                : []
                          }
                          rules={[
                            { required: true, message: t("discipline.voteCountRequired") },
                            {
                              type: "integer",
                              min: 0,
                              max: 10_000,
                              message: t("discipline.voteCountInvalid"),
                            },
                            ...(f === "abstentions"
                              ? [
                                  {
                                    validator: async (_: unknown, abstentions: unknown) => {
                                      const r: Partial<VoteRow> =
                                        form.getFieldValue(["votes", row.name]) ?? {}
                                      const cast =
                                        (r.yesVotes ?? 0) + (r.noVotes ?? 0) + (Number(abstentions) || 0)
                                      const room = presentVoters + (r.writtenOpinions ?? 0)
                                      if (cast > room)
                                        throw new Error(t("discipline.voteTooMany", { cast, room }))
                                    },
                                  },
                                ]
                              : f === "writtenOpinions"
                                ? [
                                    {
                                      validator: async (_: unknown, written: unknown) => {
                                        const absent = expectedVoters - presentVoters
                                        if ((Number(written) || 0) > absent)
                                          throw new Error(t("discipline.voteWrittenTooMany", { absent }))
                                      },
                                    },
                                  ]
                                : []),
                          ]}
                        >
                          <InputNumber
                            min={0}
                            precision={0}
                            style={{ width: "100%" }}
                            data-testid={`vote-${f}-${row.name}`}
                          />
                        </Form.Item>
                      </Col>
                    ))}
                    <Col xs={24} md={4}>
                      <Form.Item>
                        <Button
                          danger
                          icon={<MinusCircleOutlined />}
                          onClick={() => remove(row.name)}
                          data-testid={`vote-remove-${row.name}`}
                        >
                          {t("discipline.voteRemove")}
                        </Button>
                      </Form.Item>
                    </Col>
                  </Row>
                </div>
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() =>
                  add({ matter: "admission", writtenOpinions: 0, yesVotes: 0, noVotes: 0, abstentions: 0 })
                }
                data-testid="vote-add"
                style={{ marginBottom: 16 }}
              >
                {t("discipline.voteAdd")}
              </Button>
            </div>
          )}
        </Form.List>
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
