import { useMutation, useQueryClient } from "@tanstack/react-query"
import { Alert, App, Flex, Form, Input, Modal, Typography } from "antd"
import { useMemo, useState } from "react"
import { ProblemError } from "../../api/problem"
import { useI18n } from "../../i18n/I18nProvider"
import { devApi } from "./api"
import { VerdictLine } from "./components"
import { devKeys } from "./queries"
import { SchemaFields } from "./SchemaFields"
import { carryOver, fieldsOf, formPathOf, shapeOf, toEvidence, unansweredValues } from "./schemaForm"
import type { StepDefinition, Timeline, VerdictView } from "./types"
import { sortVerdicts, verdictsOf } from "./verdicts"

interface Values {
  onDate: string
  evidence: Record<string, unknown>
}

/**
 * The record form of one step, generated from the step's evidence JSON Schema. The rules answer on
 * submit: a refusal (422) shows its verdicts with their articles and keeps what was typed; a field
 * error (400) lands on the form item it names; success refreshes the timeline.
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
  const { t, locale } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [verdicts, setVerdicts] = useState<VerdictView[]>([])
  const [banner, setBanner] = useState<string[]>([])
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
    return other
      ? t("dev.form.editionOfDate", { date: form.getFieldValue("onDate") ?? "", edition: other })
      : ""
  }, [verdicts, timeline.edition, t, form])

  const save = useMutation({
    mutationFn: (v: Values) =>
      devApi.record(memberId, { step: definition.id, onDate: v.onDate, evidence: v.evidence }),
  })

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined)
    if (!values) return
    setVerdicts([])
    setBanner([])
    try {
      const updated = await save.mutateAsync({
        onDate: values.onDate,
        evidence: toEvidence(fields, values.evidence),
      })
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
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e
      const p = e.problem
      if (e.status === 422) {
        const vs = verdictsOf(p)
        setVerdicts(vs)
        if (vs.length === 0) setBanner([p.detail ?? p.title])
        return
      }
      const other: string[] = []
      const onForm: { name: (string | number)[]; errors: string[] }[] = []
      for (const fe of p.errors ?? []) {
        const path = formPathOf(fe.field, fields)
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
      width={760}
      title={t("dev.form.title", { step: definition.name })}
      onCancel={onClose}
      onOk={submit}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "record-submit" } as Record<string, string>}
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      <div data-testid="record-form" data-step={definition.id}>
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
          {definition.citations.length > 0 ? (
            <Typography.Text type="secondary">
              {locale === "en" ? "Basis: " : "依据："}
              {definition.citations.join(locale === "en" ? "; " : "；")}
            </Typography.Text>
          ) : null}
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
        {banner.length > 0 ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="record-error"
            message={banner.join("；")}
          />
        ) : null}
        {carried ? (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t("dev.form.carried")} />
        ) : null}
        <Form<Values>
          form={form}
          name="record"
          layout="vertical"
          initialValues={{ evidence: initial }}
          scrollToFirstError
        >
          <Form.Item
            name="onDate"
            label={t("dev.form.onDate")}
            rules={[
              { required: true, message: t("dev.form.onDateRequired") },
              {
                validator: async (_, v: string | undefined) => {
                  if (v && v > timeline.asOf) throw new Error(t("dev.form.future"))
                },
              },
            ]}
          >
            <Input type="date" max={timeline.asOf} style={{ maxWidth: 220 }} data-testid="field-onDate" />
          </Form.Item>
          <SchemaFields fields={fields} prefix={["evidence"]} maxDate={timeline.asOf} />
        </Form>
      </div>
    </Modal>
  )
}
