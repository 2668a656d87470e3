import { App, Button, Form, Input, Modal, Typography } from "antd"
import { useState } from "react"
import { ProblemError } from "../../api/problem"
import { useI18n } from "../../i18n/I18nProvider"
import { download } from "./api"

/** The export button of sensitive ledgers: asks for the reason (audited by the API) before downloading. */
export const ReasonExport = ({
  path,
  fallback,
}: {
  readonly path: (reason: string) => string
  readonly fallback: string
}) => {
  const { t, locale } = useI18n()
  const { message } = App.useApp()
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [form] = Form.useForm<{ reason: string }>()
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t("care.export")}</Button>
      <Modal
        open={open}
        title={t("care.export")}
        confirmLoading={busy}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          const { reason } = await form.validateFields()
          setBusy(true)
          try {
            const name = await download(path(reason.trim()), locale, fallback)
            message.success(`${t("care.exported")}：${name}`)
            setOpen(false)
            form.resetFields()
          } catch (e) {
            message.error(e instanceof ProblemError ? (e.problem.detail ?? e.problem.title) : String(e))
          } finally {
            setBusy(false)
          }
        }}
      >
        <Typography.Paragraph type="secondary">{t("care.reasonHint")}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={t("care.reason")}
            rules={[{ required: true, whitespace: true, min: 2, message: t("care.reasonRequired") }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
