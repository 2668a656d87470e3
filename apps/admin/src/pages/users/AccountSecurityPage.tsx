import { SafetyOutlined } from "@ant-design/icons"
import { useQuery, useQueryClient } from "@tanstack/react-query"
import { Alert, App, Button, Card, Form, Input, QRCode, Space, Tag, Typography } from "antd"
import { useState } from "react"
import { endpoints } from "../../api/endpoints"
import type { MfaEnrolment } from "../../api/types"
import { useProblemForm } from "../../components/useProblemForm"
import { useI18n } from "../../i18n/I18nProvider"
import { Page } from "../../shell/Page"
import { ErrorState } from "../../shell/states"

/**
 * 账号安全: the caller's second factor (TOTP, RFC 6238; GB/T 22239-2019 8.1.4.1 d 两种或两种以上组合的鉴别技术).
 * Enrol (the QR code is drawn here by antd's QRCode from the otpauth:// URI: nothing leaves the browser,
 * nothing loads from another host; the secret is shown as text too), confirm with a code, see how many
 * recovery codes are left and regenerate them, or turn the factor off — each change asks for a valid code.
 */

interface CodeValues {
  readonly code: string
}

/** One code field and its button; the API's field error (`code`) lands under the field. */
const CodeForm = ({
  send,
  onDone,
  submitLabel,
  testId,
  danger,
}: {
  readonly send: (code: string) => Promise<unknown>
  readonly onDone: (answer: unknown) => Promise<void> | void
  readonly submitLabel: string
  readonly testId: string
  readonly danger?: boolean
}) => {
  const { t } = useI18n()
  const [form] = Form.useForm<CodeValues>()
  const state = useProblemForm({
    form,
    onClose: () => form.resetFields(),
    fields: ["code"] as const,
    send: (v: CodeValues) => send(v.code.trim()),
    onSaved: onDone,
  })
  return (
    <Form<CodeValues>
      form={form}
      layout="inline"
      onFinish={() => void state.submit()}
      className="xf-mfa-code-form"
    >
      <Form.Item
        name="code"
        rules={[
          { required: true, whitespace: true, message: t("mfa.codeRequired") },
          { min: 6, message: t("mfa.codeRequired") },
        ]}
      >
        <Input
          placeholder={t("mfa.codePlaceholder")}
          autoComplete="one-time-code"
          maxLength={40}
          data-testid={`${testId}-code`}
        />
      </Form.Item>
      <Form.Item>
        <Button
          type="primary"
          danger={danger ?? false}
          htmlType="submit"
          loading={state.pending}
          data-testid={`${testId}-submit`}
        >
          {submitLabel}
        </Button>
      </Form.Item>
      {state.error ? <Alert type="error" showIcon message={state.error} style={{ width: "100%" }} /> : null}
    </Form>
  )
}

/** Recovery codes, shown once: the API keeps only their hashes. */
const RecoveryCodes = ({ codes }: { readonly codes: readonly string[] }) => {
  const { t } = useI18n()
  return (
    <Alert
      type="warning"
      showIcon
      message={t("mfa.recoveryShownOnce")}
      description={
        <div data-testid="recovery-codes">
          <ol className="xf-recovery-codes">
            {codes.map((c) => (
              <li key={c} className="mono">
                {c}
              </li>
            ))}
          </ol>
          <Typography.Text copyable={{ text: codes.join("\n") }}>{t("mfa.copyAll")}</Typography.Text>
        </div>
      }
    />
  )
}

const AccountSecurityPage = () => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const status = useQuery({ queryKey: ["mfa-status"], queryFn: endpoints.mfaStatus })
  const [enrolment, setEnrolment] = useState<MfaEnrolment>()
  const [codes, setCodes] = useState<readonly string[]>()
  const [starting, setStarting] = useState(false)
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["mfa-status"] })

  if (status.error) return <ErrorState error={status.error} onRetry={() => status.refetch()} />
  const s = status.data

  const start = async () => {
    setStarting(true)
    setCodes(undefined)
    try {
      setEnrolment(await endpoints.enrollMfa())
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e))
    } finally {
      setStarting(false)
    }
  }

  return (
    <Page title={t("mfa.title")}>
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        {codes ? <RecoveryCodes codes={codes} /> : null}
        <Card
          loading={s === undefined}
          title={
            <Space wrap>
              <SafetyOutlined />
              {t("mfa.factor")}
              {s?.enabled ? (
                <Tag color="green" data-testid="mfa-on">
                  {t("mfa.on")}
                </Tag>
              ) : (
                <Tag data-testid="mfa-off">{t("mfa.off")}</Tag>
              )}
            </Space>
          }
        >
          {s?.enabled ? (
            <Space direction="vertical" size="large" style={{ width: "100%" }}>
              <Typography.Paragraph>
                {t("mfa.onExplain")}{" "}
                <span data-testid="recovery-left">
                  {t("mfa.recoveryLeft", { count: s.recoveryCodesLeft })}
                </span>
              </Typography.Paragraph>
              <div>
                <Typography.Title level={5}>{t("mfa.regenerate")}</Typography.Title>
                <Typography.Paragraph type="secondary">{t("mfa.regenerateExplain")}</Typography.Paragraph>
                <CodeForm
                  testId="regenerate"
                  submitLabel={t("mfa.regenerate")}
                  send={endpoints.regenerateRecoveryCodes}
                  onDone={async (answer) => {
                    setCodes((answer as { recoveryCodes: string[] }).recoveryCodes)
                    await refresh()
                  }}
                />
              </div>
              <div>
                <Typography.Title level={5}>{t("mfa.disable")}</Typography.Title>
                <Typography.Paragraph type="secondary">{t("mfa.disableExplain")}</Typography.Paragraph>
                <CodeForm
                  testId="disable"
                  danger
                  submitLabel={t("mfa.disable")}
                  send={endpoints.disableMfa}
                  onDone={async () => {
                    setCodes(undefined)
                    message.success(t("mfa.disabled"))
                    await refresh()
                  }}
                />
              </div>
            </Space>
          ) : enrolment ? (
            <Space direction="vertical" size="middle" style={{ width: "100%" }}>
              <Typography.Paragraph>{t("mfa.scan")}</Typography.Paragraph>
              <div className="xf-mfa-qr" data-testid="mfa-qr">
                <QRCode value={enrolment.uri} type="svg" size={200} bordered={false} />
              </div>
              <Typography.Paragraph>
                {t("mfa.orType")}{" "}
                <Typography.Text code copyable className="xf-mfa-secret" data-testid="mfa-secret">
                  {enrolment.secret}
                </Typography.Text>
              </Typography.Paragraph>
              <Typography.Paragraph>{t("mfa.confirmExplain")}</Typography.Paragraph>
              <CodeForm
                testId="confirm"
                submitLabel={t("mfa.confirm")}
                send={endpoints.confirmMfa}
                onDone={async (answer) => {
                  setEnrolment(undefined)
                  setCodes((answer as { recoveryCodes: string[] }).recoveryCodes)
                  message.success(t("mfa.enabled"))
                  await refresh()
                }}
              />
            </Space>
          ) : (
            <Space direction="vertical" size="middle">
              <Typography.Paragraph>{t("mfa.offExplain")}</Typography.Paragraph>
              <Button type="primary" loading={starting} onClick={start} data-testid="mfa-start">
                {t("mfa.start")}
              </Button>
            </Space>
          )}
        </Card>
      </Space>
    </Page>
  )
}

export default AccountSecurityPage
