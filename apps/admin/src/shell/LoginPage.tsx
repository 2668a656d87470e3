import { LockOutlined, UserOutlined } from "@ant-design/icons"
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

const safeFrom = (state: unknown): string => {
  const from = (state as { from?: unknown } | null)?.from
  // Only same-app paths: never follow something like //evil.example after login.
  return typeof from === "string" && from.startsWith("/") && !from.startsWith("//") && from !== "/login"
    ? from
    : "/"
}

const LoginPage = () => {
  const { t } = useI18n()
  const { session, login } = useSession()
  const navigate = useNavigate()
  const location = useLocation()
  const [expired] = useState(consumeSessionExpired)
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  if (session) return <Navigate to={safeFrom(location.state)} replace />

  const submit = async (v: Values) => {
    setBusy(true)
    setError(undefined)
    try {
      await login(v.username.trim(), v.password)
      navigate(safeFrom(location.state), { replace: true })
    } catch (e) {
      setError(
        e instanceof ProblemError
          ? e.status === 0
            ? t("common.networkError")
            : (e.problem.detail ?? e.problem.title)
          : t("auth.loginFailed"),
      )
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
        <Form<Values> layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item
            name="username"
            label={t("auth.username")}
            rules={[{ required: true, whitespace: true, message: t("auth.usernameRequired") }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
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
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t("auth.intranetNotice")}
        </Typography.Paragraph>
      </Card>
    </div>
  )
}

export default LoginPage
