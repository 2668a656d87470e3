import { App, Button, Card, Form, Input, Result } from "antd"
import { useState } from "react"
import { Link } from "react-router-dom"
import { ProblemError } from "../../api/problem"
import { useI18n } from "../../i18n/I18nProvider"
import { appraisalApi } from "./api"

/** A member turns the code their secretary handed them into an account with a password of their own. */
const ActivatePage = () => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ code: string; password: string }>()
  const [username, setUsername] = useState<string | undefined>()
  return (
    <div className="xf-login">
      <Card title={t("appraisal.activate.title")} style={{ maxWidth: 400, margin: "48px auto" }}>
        {username ? (
          <Result
            status="success"
            title={t("appraisal.activate.done", { username })}
            extra={
              <Link to="/login">
                <Button type="primary">{t("appraisal.activate.login")}</Button>
              </Link>
            }
          />
        ) : (
          <Form
            form={form}
            layout="vertical"
            onFinish={async (v) => {
              try {
                setUsername((await appraisalApi.activate(v.code.trim(), v.password)).username)
              } catch (e) {
                const p = e instanceof ProblemError ? e.problem : undefined
                const field = p?.errors?.[0]?.field
                if (field === "code" || field === "password")
                  form.setFields([{ name: field, errors: [p?.errors?.[0]?.message ?? ""] }])
                else message.error(p?.detail ?? String(e))
              }
            }}
          >
            <Form.Item name="code" label={t("appraisal.activate.code")} rules={[{ required: true }]}>
              <Input autoComplete="one-time-code" autoCapitalize="characters" data-testid="activate-code" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t("appraisal.activate.password")}
              rules={[{ required: true, min: 8 }]}
            >
              <Input.Password autoComplete="new-password" data-testid="activate-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block data-testid="activate-submit">
              {t("appraisal.activate.submit")}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  )
}

export default ActivatePage
