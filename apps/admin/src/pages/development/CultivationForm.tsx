import { useMutation, useQueryClient } from "@tanstack/react-query"
import { Alert, App, Form, Input, Modal, Typography } from "antd"
import { useMemo, useState } from "react"
import { ProblemError } from "../../api/problem"
import { useI18n } from "../../i18n/I18nProvider"
import { devApi } from "./api"
import { devKeys } from "./queries"
import { SchemaFields } from "./SchemaFields"
import { fieldsOf, formPathOf, initialValues, toEvidence } from "./schemaForm"
import type { CultivationKind } from "./types"

interface Values {
  onDate: string
  evidence: Record<string, unknown>
}

/**
 * The record form of a talk, thought report or activity of the cultivation plan, generated from the
 * kind's evidence JSON Schema as the step forms are. A field error (400) lands on the item it names;
 * success refreshes the plan and the timeline.
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
  const { t, locale } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [banner, setBanner] = useState<string[]>([])
  const fields = useMemo(() => fieldsOf(kind.evidenceSchema), [kind])
  const save = useMutation({
    mutationFn: (v: Values) => devApi.recordCultivation(memberId, { kind: kind.kind, ...v }),
  })

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined)
    if (!values) return
    setBanner([])
    try {
      const plan = await save.mutateAsync({
        onDate: values.onDate,
        evidence: toEvidence(fields, values.evidence),
      })
      queryClient.setQueryData(devKeys.plan(memberId), plan)
      void queryClient.invalidateQueries({ queryKey: devKeys.timeline(memberId) })
      message.success(t("dev.form.saved", { step: kind.name }))
      onClose()
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e
      const p = e.problem
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
      width={640}
      title={t("dev.form.title", { step: kind.name })}
      onCancel={onClose}
      onOk={submit}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "cultivation-submit" } as Record<string, string>}
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      <div data-testid="cultivation-form" data-kind={kind.kind}>
        {kind.citations.length > 0 ? (
          <Typography.Paragraph type="secondary">
            {locale === "en" ? "Basis: " : "依据："}
            {kind.citations.join(locale === "en" ? "; " : "；")}
          </Typography.Paragraph>
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
        <Form<Values>
          form={form}
          name="cultivation"
          layout="vertical"
          initialValues={{ evidence: initialValues(fields) }}
          scrollToFirstError
        >
          <Form.Item
            name="onDate"
            label={t("dev.form.onDate")}
            rules={[
              { required: true, message: t("dev.form.onDateRequired") },
              {
                validator: async (_, v: string | undefined) => {
                  if (v && v > today) throw new Error(t("dev.form.future"))
                },
              },
            ]}
          >
            <Input type="date" max={today} style={{ maxWidth: 220 }} data-testid="field-onDate" />
          </Form.Item>
          <SchemaFields fields={fields} prefix={["evidence"]} maxDate={today} />
        </Form>
      </div>
    </Modal>
  )
}
