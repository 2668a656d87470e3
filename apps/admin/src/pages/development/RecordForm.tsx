import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import type { DecidingMeetingsQuery } from "@xianfeng/api/contract/development"
import { Alert, App, Flex, Form, Input, Modal, Select, Typography } from "antd"
import { type ReactNode, useEffect, useMemo, useState } from "react"
import { type Problem, ProblemError } from "../../api/problem"
import { useI18n } from "../../i18n/I18nProvider"
import { devApi } from "./api"
import { VerdictLine } from "./components"
import { devKeys } from "./queries"
import { SchemaFields } from "./SchemaFields"
import {
  carryOver,
  type FieldSpec,
  fieldsOf,
  formPathOf,
  shapeOf,
  toEvidence,
  unansweredValues,
} from "./schemaForm"
import type { CultivationKind, StepDefinition, Timeline, VerdictView } from "./types"
import { sortVerdicts, verdictsOf } from "./verdicts"

interface Values {
  onDate: string
  evidence: Record<string, unknown>
  /** The meeting record that decided the step, when it was chosen ("从会议记录选择"). */
  meetingId?: string
}

/** A meeting record chosen for a step: its id, its date and the evidence fields it fills (read-only). */
interface MeetingLink {
  readonly meetingId: string
  readonly onDate: string
  readonly filled: Readonly<Record<string, unknown>>
}

/**
 * The one form of a dated record with evidence, generated from the evidence JSON Schema: a step of the
 * procedure (`RecordForm`) or a talk, thought report or activity of the cultivation plan
 * (`CultivationForm`). The date may not lie after `maxDate`; a field error (400) lands on the item it
 * names, other problems above the form; `onProblem` may take a problem first (a refusal's verdicts).
 */
const EvidenceForm = ({
  title,
  width,
  formName,
  testId,
  dataAttrs,
  submitTestId,
  header,
  fields,
  initial,
  maxDate,
  save,
  onStart,
  onProblem,
  onClose,
  link,
  picker,
}: {
  readonly title: ReactNode
  readonly width: number
  /** The antd form name: the prefix of every item's id (`record_onDate`). */
  readonly formName: string
  readonly testId: string
  readonly dataAttrs: Readonly<Record<string, string>>
  readonly submitTestId: string
  /** What the form says above its items (actor, basis, refusals, a carried-over note). */
  readonly header: ReactNode
  readonly fields: readonly FieldSpec[]
  readonly initial: Record<string, unknown>
  readonly maxDate: string
  /** Sends the record; resolves when saved (and the caller closed or refreshed what it needs). */
  readonly save: (values: Values) => Promise<void>
  readonly onStart?: () => void
  /** Takes a problem the caller shows itself; answers whether it did. */
  readonly onProblem?: (problem: Problem, date: string) => boolean
  readonly onClose: () => void
  /** The meeting record chosen: its date and figures are set and shown read-only. */
  readonly link?: MeetingLink | undefined
  /** Where a meeting record is chosen, given the date typed so far (to list the meetings near it first). */
  readonly picker?: ((onDate: string | undefined) => ReactNode) | undefined
}) => {
  const { t } = useI18n()
  const [form] = Form.useForm<Values>()
  const [banner, setBanner] = useState<string[]>([])
  const send = useMutation({ mutationFn: save })
  const typedDate = Form.useWatch("onDate", form)
  const readOnly = useMemo(() => new Set(Object.keys(link?.filled ?? {})), [link])
  useEffect(() => {
    if (link === undefined) return
    form.setFieldValue("onDate", link.onDate)
    for (const [k, v] of Object.entries(link.filled)) form.setFieldValue(["evidence", k], v)
    form.setFields([{ name: "onDate", errors: [] }])
  }, [link, form])

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined)
    if (!values) return
    onStart?.()
    setBanner([])
    try {
      await send.mutateAsync({
        onDate: values.onDate,
        evidence: toEvidence(fields, values.evidence),
        ...(link === undefined ? {} : { meetingId: link.meetingId }),
      })
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e
      const p = e.problem
      if (onProblem?.(p, values.onDate)) return
      const other: string[] = []
      const onForm: { name: (string | number)[]; errors: string[] }[] = []
      for (const fe of p.errors ?? []) {
        const path = fe.field === "onDate" ? ["onDate"] : formPathOf(fe.field, fields)
        if (path) onForm.push({ name: path, errors: [fe.message] })
        else other.push(fe.field ? `${fe.field}: ${fe.message}` : fe.message)
      }
      form.setFields(onForm)
      if (onForm.length === 0 && other.length === 0) other.push(p.detail ?? p.title)
      setBanner(other)
    }
  }

  return (
    <Modal
      open
      width={width}
      title={title}
      onCancel={onClose}
      onOk={submit}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": submitTestId } as Record<string, string>}
      confirmLoading={send.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      <div data-testid={testId} {...dataAttrs}>
        {header}
        {banner.length > 0 ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="record-error"
            message={banner.join("；")}
          />
        ) : null}
        <Form<Values>
          form={form}
          name={formName}
          layout="vertical"
          initialValues={{ evidence: initial }}
          scrollToFirstError
        >
          {picker?.(typedDate)}
          <Form.Item
            name="onDate"
            label={t("dev.form.onDate")}
            rules={[
              { required: true, message: t("dev.form.onDateRequired") },
              {
                validator: async (_, v: string | undefined) => {
                  if (v && v > maxDate) throw new Error(t("dev.form.future"))
                },
              },
            ]}
          >
            <Input
              type="date"
              max={maxDate}
              style={{ maxWidth: 220 }}
              disabled={link !== undefined}
              data-testid="field-onDate"
            />
          </Form.Item>
          <SchemaFields fields={fields} prefix={["evidence"]} maxDate={maxDate} readOnly={readOnly} />
        </Form>
      </div>
    </Modal>
  )
}

/** The steps decided at a meeting of the branch (DR 8, 13, 19, 32), as the API's picker takes them. */
const meetingSteps = [
  "activist-decision",
  "development-object-decision",
  "admission-meeting",
  "conversion-meeting",
] as const satisfies readonly DecidingMeetingsQuery["step"][]
type MeetingStep = (typeof meetingSteps)[number]
const isMeetingStep = (id: string): id is MeetingStep => (meetingSteps as readonly string[]).includes(id)

/** Days between two ISO dates, for listing the meetings nearest the typed date first. */
const daysApart = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000

/**
 * "从会议记录选择": the person's branch's meetings of the kind that decides the step (for the two decisions:
 * committee meetings and general meetings), nearest the typed date first. A meeting that cannot decide the step
 * for this person (no ballot on them) is listed, disabled, with the reason.
 */
const MeetingPicker = ({
  memberId,
  step,
  near,
  value,
  onChange,
}: {
  readonly memberId: string
  readonly step: MeetingStep
  readonly near: string | undefined
  readonly value: MeetingLink | undefined
  readonly onChange: (link: MeetingLink | undefined) => void
}) => {
  const { t, td } = useI18n()
  const decision = step === "activist-decision" || step === "development-object-decision"
  const found = useQuery({
    queryKey: ["development", "deciding-meetings", memberId, step],
    queryFn: () =>
      decision
        ? Promise.all([
            devApi.decidingMeetings(memberId, step, "branch-committee"),
            devApi.decidingMeetings(memberId, step, "general-meeting"),
          ])
        : devApi.decidingMeetings(memberId, step).then((one) => [one]),
  })
  const lists = found.data ?? []
  const items = lists
    .flatMap((l) => l.items)
    .filter((m, i, all) => all.findIndex((x) => x.id === m.id) === i)
    .sort((a, b) => (near ? daysApart(a.date, near) - daysApart(b.date, near) : b.date.localeCompare(a.date)))
  const kinds = lists.map((l) => td(`discipline.obligation.${l.kind}`, l.kind)).join(" / ")
  const basis = [...new Set(lists.flatMap((l) => l.citations))].join("；")
  const typesOf = (types: readonly string[]) =>
    types.map((k) => td(`discipline.obligation.${k}`, k)).join("、")
  return (
    <Form.Item
      label={t("dev.form.fromMeeting")}
      extra={
        items.length === 0 && !found.isLoading
          ? t("dev.form.meetingsNone", { kind: kinds })
          : t("dev.form.fromMeetingHint", { basis })
      }
    >
      <Select
        data-testid="field-meetingId"
        loading={found.isLoading}
        value={value?.meetingId ?? ""}
        onChange={(id: string) => {
          const m = items.find((x) => x.id === id)
          onChange(m === undefined ? undefined : { meetingId: m.id, onDate: m.date, filled: m.filled })
        }}
        options={[
          { value: "", label: t("dev.form.noMeeting") },
          ...items.map((m) => ({
            value: m.id,
            disabled: m.problems.length > 0,
            label: `${m.date} ${typesOf(m.types)} ${m.place}${
              m.problems.length > 0 ? ` — ${m.problems.map((p) => p.message).join("；")}` : ""
            }`,
          })),
        ]}
      />
    </Form.Item>
  )
}

/** The basis of a form: the articles it rests on, as one secondary line. */
const Basis = ({ citations }: { readonly citations: readonly string[] }) => {
  const { locale } = useI18n()
  return citations.length > 0 ? (
    <Typography.Text type="secondary">
      {locale === "en" ? "Basis: " : "依据："}
      {citations.join(locale === "en" ? "; " : "；")}
    </Typography.Text>
  ) : null
}

/**
 * The record form of one step of the procedure. The rules answer on submit: a refusal (422) shows its
 * verdicts with their articles and keeps what was typed; success refreshes the timeline.
 */
export const RecordForm = ({
  memberId,
  definition,
  definitions,
  timeline,
  onClose,
}: {
  readonly memberId: string
  readonly definition: StepDefinition
  readonly definitions: readonly StepDefinition[]
  readonly timeline: Timeline
  readonly onClose: () => void
}) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [verdicts, setVerdicts] = useState<VerdictView[]>([])
  const [refusedDate, setRefusedDate] = useState("")
  const [link, setLink] = useState<MeetingLink | undefined>()
  const step = definition.id
  const fields = useMemo(() => fieldsOf(definition.evidenceSchema), [definition])

  // Pre-fill from the last record of this step, or of a step with the same evidence (the conversion
  // meeting after the admission meeting, the next assessment after the last): nobody types it twice.
  const { initial, carried } = useMemo(() => {
    const shape = shapeOf(fields)
    const sameShape = new Set(
      definitions.filter((d) => shapeOf(fieldsOf(d.evidenceSchema)) === shape).map((d) => d.id),
    )
    const previous = timeline.steps
      .filter((s) => s.step === definition.id || (shape !== "" && sameShape.has(s.step)))
      .flatMap((s) => s.records.map((r) => ({ r, own: s.step === definition.id })))
      .sort((a, b) => Number(b.own) - Number(a.own) || b.r.onDate.localeCompare(a.r.onDate))[0]
    return previous
      ? { initial: carryOver(fields, previous.r.evidence), carried: true }
      : {
          // The application is received by the person's own branch: prefilled, still editable.
          initial: fields.some((f) => f.key === "receivedBy")
            ? { ...unansweredValues(fields), receivedBy: timeline.member.orgName }
            : unansweredValues(fields),
          carried: false,
        }
  }, [fields, definitions, timeline, definition.id])

  // The record's date decides the edition (DR 40 transition): when a refusal cites an edition other than the
  // one the page header names for today, say so where it happens.
  const editionNote = useMemo(() => {
    const cited = new Set(
      verdicts.flatMap((v) => v.citations.flatMap((c) => [...c.matchAll(/（(\d{4})年）/g)].map((m) => m[1]))),
    )
    const other = [...cited].find((y) => y !== undefined && y !== timeline.edition)
    return other ? t("dev.form.editionOfDate", { date: refusedDate, edition: other }) : ""
  }, [verdicts, timeline.edition, t, refusedDate])

  const save = async (values: Values) => {
    const updated = await devApi.record(memberId, { step: definition.id, ...values })
    queryClient.setQueryData(devKeys.timeline(memberId), updated)
    void queryClient.invalidateQueries({ queryKey: ["development", "plan", memberId] })
    void queryClient.invalidateQueries({ queryKey: ["development", "pipeline"] })
    void queryClient.invalidateQueries({ queryKey: ["member", memberId] })
    void queryClient.invalidateQueries({ queryKey: ["members"] })
    // A step taken after its deadline is kept, but the secretary hears so now, not in a folded stage.
    const late = updated.steps
      .find((s) => s.step === definition.id)
      ?.verdicts.find((v) => v.code.endsWith(".late"))
    if (late)
      message.warning({
        content: t("dev.form.savedLate", { step: definition.name, why: late.message }),
        duration: 8,
      })
    else message.success(t("dev.form.saved", { step: definition.name }))
    onClose()
  }

  const header = (
    <>
      <Flex vertical gap={2} style={{ marginBottom: 12 }}>
        {definition.actor ? (
          <Typography.Text type="secondary">
            {t("dev.form.actor", { actor: definition.actor })}
          </Typography.Text>
        ) : null}
        {definition.record ? (
          <Typography.Text type="secondary">
            {t("dev.form.produces", { record: definition.record })}
          </Typography.Text>
        ) : null}
        <Basis citations={definition.citations} />
      </Flex>
      {verdicts.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="record-blocked"
          message={t("dev.form.blocked")}
          description={
            <>
              {editionNote ? (
                <Typography.Paragraph style={{ marginBottom: 4 }} data-testid="record-edition">
                  {editionNote}
                </Typography.Paragraph>
              ) : null}
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {sortVerdicts(verdicts).map((v, i) => (
                  <li key={`${v.code}-${i}`}>
                    <VerdictLine verdict={v} />
                  </li>
                ))}
              </ul>
            </>
          }
        />
      ) : null}
      {carried ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t("dev.form.carried")} />
      ) : null}
    </>
  )

  return (
    <EvidenceForm
      title={t("dev.form.title", { step: definition.name })}
      width={760}
      formName="record"
      testId="record-form"
      dataAttrs={{ "data-step": definition.id }}
      submitTestId="record-submit"
      header={header}
      fields={fields}
      initial={initial}
      maxDate={timeline.asOf}
      save={save}
      onStart={() => setVerdicts([])}
      onProblem={(p, date) => {
        // A refusal (422) shows its verdicts with their articles and keeps what was typed.
        if (p.status !== 422) return false
        const vs = verdictsOf(p)
        if (vs.length === 0) return false
        setRefusedDate(date)
        setVerdicts(vs)
        return true
      }}
      onClose={onClose}
      link={link}
      picker={
        isMeetingStep(step)
          ? (near) => (
              <MeetingPicker memberId={memberId} step={step} near={near} value={link} onChange={setLink} />
            )
          : undefined
      }
    />
  )
}

/**
 * The record form of a talk, thought report or activity of the cultivation plan (培养教育考察), the same
 * form as a step's. Success refreshes the plan and the timeline.
 */
export const CultivationForm = ({
  memberId,
  kind,
  today,
  onClose,
}: {
  readonly memberId: string
  readonly kind: CultivationKind
  /** The last day a record may bear. */
  readonly today: string
  readonly onClose: () => void
}) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const fields = useMemo(() => fieldsOf(kind.evidenceSchema), [kind])
  const initial = useMemo(() => unansweredValues(fields), [fields])
  const save = async (values: Values) => {
    const plan = await devApi.recordCultivation(memberId, { kind: kind.kind, ...values })
    queryClient.setQueryData(devKeys.plan(memberId), plan)
    void queryClient.invalidateQueries({ queryKey: devKeys.timeline(memberId) })
    message.success(t("dev.form.saved", { step: kind.name }))
    onClose()
  }
  return (
    <EvidenceForm
      title={t("dev.form.title", { step: kind.name })}
      width={640}
      formName="cultivation"
      testId="cultivation-form"
      dataAttrs={{ "data-kind": kind.kind }}
      submitTestId="cultivation-submit"
      header={
        kind.citations.length > 0 ? (
          <Typography.Paragraph>
            <Basis citations={kind.citations} />
          </Typography.Paragraph>
        ) : null
      }
      fields={fields}
      initial={initial}
      maxDate={today}
      save={save}
      onClose={onClose}
    />
  )
}
