import { UserAddOutlined } from "@ant-design/icons"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { Alert, App, Button, Form, Input, Modal, Select, Typography } from "antd"
import { useState } from "react"
import { useNavigate } from "react-router-dom"
import { ProblemError, problemToFormErrors } from "../../api/problem"
import { useI18n } from "../../i18n/I18nProvider"
import { zhCN } from "../../locales/zh-CN"
import { devApi } from "./api"
import { isValidIdNumber } from "./idNumber"
import { OrgSelect } from "./OrgSelect"

interface Values {
  name: string
  idNumber: string
  ethnicity: string
  education: string
  occupationGroup: string
  orgId: string
  phone?: string
}
const fields = ["name", "idNumber", "ethnicity", "education", "occupationGroup", "orgId", "phone"] as const

// The code tables the admin labels, from the locale file (as the member editor does).
const codes = (prefix: string) =>
  Object.keys(zhCN)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length))

/** 新建申请人: a person at stage applicant (POST /api/members), then straight to their timeline. */
export const NewApplicant = ({ orgId }: { readonly orgId: string | undefined }) => {
  const { t, td } = useI18n()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [open, setOpen] = useState(false)
  const [banner, setBanner] = useState<string>()
  const create = useMutation({
    mutationFn: (v: Values) =>
      devApi.createMember({
        orgId: v.orgId,
        name: v.name.trim(),
        idNumber: v.idNumber.trim().toUpperCase(),
        ethnicity: v.ethnicity,
        education: v.education,
        occupationGroup: v.occupationGroup,
        stage: "applicant",
        ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
      }),
  })
  const close = () => {
    setOpen(false)
    setBanner(undefined)
  }
  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined)
    if (!values) return
    setBanner(undefined)
    try {
      const m = await create.mutateAsync(values)
      void queryClient.invalidateQueries({ queryKey: ["development"] })
      void queryClient.invalidateQueries({ queryKey: ["members"] })
      message.success(t("dev.new.created", { name: m.name }))
      close()
      navigate(`/development/people/${m.id}`)
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e
      const mapped = problemToFormErrors(e.problem, fields)
      form.setFields(mapped.fields)
      setBanner(mapped.other.join("；") || undefined)
    }
  }
  const required = [{ required: true, whitespace: true, message: t("dev.new.required") }]
  const select = (prefix: string) => codes(prefix).map((c) => ({ value: c, label: td(`${prefix}${c}`, c) }))
  return (
    <>
      <Button
        type="primary"
        icon={<UserAddOutlined />}
        onClick={() => setOpen(true)}
        data-testid="new-applicant"
      >
        {t("dev.board.newApplicant")}
      </Button>
      <Modal
        open={open}
        title={t("dev.new.title")}
        onCancel={close}
        onOk={submit}
        okText={t("common.save")}
        cancelText={t("common.cancel")}
        okButtonProps={{ "data-testid": "new-applicant-submit" } as Record<string, string>}
        confirmLoading={create.isPending}
        destroyOnHidden
        maskClosable={false}
      >
        <Typography.Paragraph type="secondary">{t("dev.new.hint")}</Typography.Paragraph>
        {banner ? <Alert type="error" showIcon message={banner} style={{ marginBottom: 16 }} /> : null}
        <Form<Values>
          form={form}
          name="applicant"
          layout="vertical"
          preserve={false}
          initialValues={{ ethnicity: "01", orgId }}
        >
          <Form.Item name="name" label={t("dev.new.name")} rules={required}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label={t("dev.new.idNumber")}
            rules={[
              ...required,
              {
                validator: async (_, v: string | undefined) => {
                  if (v && !isValidIdNumber(v)) throw new Error(t("dev.new.idNumberInvalid"))
                },
              },
            ]}
          >
            <Input className="mono" maxLength={18} autoComplete="off" />
          </Form.Item>
          <Form.Item name="ethnicity" label={t("dev.new.ethnicity")} rules={required}>
            <Select showSearch optionFilterProp="label" options={select("ethnicity.")} />
          </Form.Item>
          <Form.Item name="education" label={t("dev.new.education")} rules={required}>
            <Select options={select("education.")} />
          </Form.Item>
          <Form.Item name="occupationGroup" label={t("dev.new.occupation")} rules={required}>
            <Select options={select("occupation.")} />
          </Form.Item>
          <Form.Item name="orgId" label={t("dev.new.org")} rules={required}>
            <OrgSelect testId="applicant-org" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t("dev.new.phone")}
            rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t("member.phoneFormat") }]}
          >
            <Input className="mono" maxLength={20} allowClear />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
