import { UserAddOutlined } from "@ant-design/icons"
import { useQueryClient } from "@tanstack/react-query"
import { App, Button, Form, Input, Select, Typography } from "antd"
import { useState } from "react"
import { useNavigate } from "react-router-dom"
import { FormModal } from "../../components/FormModal"
import { OrgPicker } from "../../components/OrgPicker"
import { useProblemForm } from "../../components/useProblemForm"
import { useI18n } from "../../i18n/I18nProvider"
import { codesOf } from "../../i18n/messages"
import { useSession } from "../../shell/auth"
import { devApi } from "./api"
import { isValidIdNumber } from "./idNumber"

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

/** 新建申请人: a person at stage applicant (POST /api/members), then straight to their timeline. */
export const NewApplicant = ({ orgId }: { readonly orgId: string | undefined }) => {
  const { t, td } = useI18n()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [open, setOpen] = useState(false)
  const { session } = useSession()
  const save = useProblemForm({
    form,
    onClose: () => setOpen(false),
    fields,
    send: (v: Values) =>
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
    onSaved: (m) => {
      void queryClient.invalidateQueries({ queryKey: ["development"] })
      void queryClient.invalidateQueries({ queryKey: ["members"] })
      message.success(t("dev.new.created", { name: m.name }))
      navigate(`/development/people/${m.id}`)
    },
  })
  const required = [{ required: true, whitespace: true, message: t("dev.new.required") }]
  const select = (prefix: string) => codesOf(prefix).map((c) => ({ value: c, label: td(`${prefix}${c}`, c) }))
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
      <FormModal
        state={save}
        open={open}
        title={t("dev.new.title")}
        okTestId="new-applicant-submit"
        intro={<Typography.Paragraph type="secondary">{t("dev.new.hint")}</Typography.Paragraph>}
      >
        <Form<Values>
          form={form}
          name="applicant"
          layout="vertical"
          preserve={false}
          // A secretary's new applicant joins their own branch unless the board is filtered to another.
          initialValues={{ ethnicity: "01", orgId: orgId ?? session?.user.orgId }}
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
            <OrgPicker testId="applicant-org" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t("dev.new.phone")}
            rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t("common.phoneFormat") }]}
          >
            <Input className="mono" maxLength={20} allowClear />
          </Form.Item>
        </Form>
      </FormModal>
    </>
  )
}
