import { KeyOutlined, LockOutlined, UserOutlined } from "@ant-design/icons"
import { Alert, Button, Card, Form, Input, Typography } from "antd"
import { useState } from "react"
import { Navigate, useLocation, useNavigate } from "react-router-dom"
import { ProblemError } from "../api/problem"
import { useI18n } from "../i18n/I18nProvider"
import { consumeSessionExpired, useSession } from "./auth"
import { LanguageSwitch } from "./LanguageSwitch"

interface Values {
  readonly username: string
  readonly password: string
}

/** The challenge of a 401 `mfa-required` answer: the password was right, a code is still needed. */
const mfaChallenge = (e: unknown): string | undefined => {
  if (!(e instanceof ProblemError) || e.status !== 401 || !/mfa-required/.test(e.problem.type))
    return undefined
  const c = e.problem.extensions?.challenge
  return typeof c === "string" ? c : undefined
}

const safeFrom = (state: unknown): string => {
  const from = (state as { from?: unknown } | null)?.from
  // Only same-app paths: never follow something like //evil.example after login.
  return typeof from === "string" && from.startsWith("/") && !from.startsWith("//") && from !== "/login"
    ? from
    : "/"
}

const LoginPage = () => {
  const { t } = useI18n()
  const { session, login, verifyMfa } = useSession()
  const [challenge, setChallenge] = useState<string>()
  const navigate = useNavigate()
  const location = useLocation()
  const [expired] = useState(consumeSessionExpired)
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  if (session) return <Navigate to={safeFrom(location.state)} replace />

  const failed = (e: unknown) =>
    setError(
      e instanceof ProblemError
        ? e.status === 0
          ? t("common.networkError")
          : (e.problem.detail ?? e.problem.title)
        : t("auth.loginFailed"),
    )

  const submit = async (v: Values) => {
    setBusy(true)
    setError(undefined)
    try {
      await login(v.username.trim(), v.password)
      navigate(safeFrom(location.state), { replace: true })
    } catch (e) {
      const next = mfaChallenge(e)
      if (next !== undefined) setChallenge(next)
      else failed(e)
    } finally {
      setBusy(false)
    }
  }

  const submitCode = async (v: { readonly code: string }) => {
    if (challenge === undefined) return
    setBusy(true)
    setError(undefined)
    try {
      await verifyMfa(challenge, v.code.trim())
      navigate(safeFrom(location.state), { replace: true })
    } catch (e) {
      // An expired or used-up challenge needs the password again.
      if (e instanceof ProblemError && e.problem.errors?.some((f) => f.field === "challenge")) {
        setChallenge(undefined)
      }
      failed(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="xf-login">
      <div className="xf-login-lang">
        <LanguageSwitch />
      </div>
      <div className="xf-login-banner">
        <span className="xf-brand-mark xf-login-mark">★</span>
        <Typography.Title level={2} style={{ color: "#fff", margin: "12px 0 4px" }}>
          {t("app.title")}
        </Typography.Title>
        <Typography.Text style={{ color: "rgba(255,255,255,0.85)" }}>{t("app.subtitle")}</Typography.Text>
      </div>
      <Card className="xf-login-card" title={t("auth.loginTitle")}>
        {expired && !error ? (
          <Alert type="warning" showIcon message={t("auth.sessionExpired")} style={{ marginBottom: 16 }} />
        ) : null}
        {error ? (
          <Alert
            type="error"
            showIcon
            message={error}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        ) : null}
        {challenge === undefined ? (
          <Form<Values> layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
            <Form.Item
              name="username"
              label={t("auth.username")}
              rules={[{ required: true, whitespace: true, message: t("auth.usernameRequired") }]}
            >
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                autoFocus
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t("auth.password")}
              rules={[{ required: true, message: t("auth.passwordRequired") }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                data-testid="login-password"
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={busy}
              data-testid="login-submit"
            >
              {t("auth.login")}
            </Button>
          </Form>
        ) : (
          <Form<{ code: string }>
            layout="vertical"
            onFinish={submitCode}
            requiredMark={false}
            disabled={busy}
          >
            <Typography.Paragraph>{t("auth.mfaPrompt")}</Typography.Paragraph>
            <Form.Item
              name="code"
              label={t("auth.mfaCode")}
              extra={t("auth.mfaRecoveryHint")}
              rules={[
                { required: true, whitespace: true, message: t("auth.mfaCodeRequired") },
                { min: 6, message: t("auth.mfaCodeRequired") },
              ]}
            >
              <Input
                prefix={<KeyOutlined />}
                autoComplete="one-time-code"
                autoFocus
                maxLength={40}
                data-testid="login-mfa-code"
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={busy}
              data-testid="login-mfa-submit"
            >
              {t("auth.mfaVerify")}
            </Button>
            <Button
              type="link"
              block
              onClick={() => {
                setChallenge(undefined)
                setError(undefined)
              }}
            >
              {t("auth.mfaBack")}
            </Button>
          </Form>
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t("auth.intranetNotice")}
        </Typography.Paragraph>
      </Card>
    </div>
  )
}

export default LoginPage
