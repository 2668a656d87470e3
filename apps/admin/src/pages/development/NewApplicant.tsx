import { UserAddOutlined } from "@ant-design/icons"
import { useQueryClient } from "@tanstack/react-query"
import { Alert, App, Button, Form, Input, Select, Typography } from "antd"
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

/** The birth date a valid ID number carries (GB 11643, digits 7–14), as YYYY-MM-DD. */
const birthOf = (id: string | undefined): string | undefined => {
  const v = id?.trim().toUpperCase()
  if (!v || !isValidIdNumber(v)) return undefined
  return `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`
}

const todayIso = () => {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`
}

/** Full years between a birth date and `on` (both YYYY-MM-DD). */
const ageOn = (birth: string, on: string) =>
  Number(on.slice(0, 4)) - Number(birth.slice(0, 4)) - (on.slice(5) < birth.slice(5) ? 1 : 0)

/** Postgraduate (研究生) codes of GB/T 4658 and the youngest plausible age for them. */
const postgraduate = new Set(["11", "12", "13", "1A", "1B"])
/** University and college (大学, 大专) codes. */
const tertiary = new Set(["21", "22", "23", "24", "2A", "2B", "2C", "2D"])

/** A mainland mobile (11 digits, 1[3-9]…) or a landline with its area code, optionally +86 and an extension. */
const phonePattern = /^(?:\+?86[- ]?)?(?:1[3-9]\d{9}|0\d{2,3}[- ]?\d{7,8}(?:[- ]?\d{1,6})?)$/

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
  const birth = birthOf(Form.useWatch("idNumber", form))
  const today = todayIso()
  const age = birth ? ageOn(birth, today) : undefined
  // 党章第一条: an applicant must be 18. Said at entry, not discovered later as every step refused.
  const under18 =
    birth && age !== undefined && age < 18 ? `${Number(birth.slice(0, 4)) + 18}${birth.slice(4)}` : undefined
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
          {under18 ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="applicant-under-18"
              message={t("dev.new.under18", { age: age ?? 0, date: under18 })}
            />
          ) : null}
          <Form.Item name="ethnicity" label={t("dev.new.ethnicity")} rules={required}>
            <Select showSearch optionFilterProp="label" options={select("ethnicity.")} />
          </Form.Item>
          <Form.Item
            name="education"
            label={t("dev.new.education")}
            dependencies={["idNumber"]}
            rules={[
              ...required,
              {
                validator: async (_, v: string | undefined) => {
                  if (!v || age === undefined) return
                  if ((postgraduate.has(v) && age < 20) || (tertiary.has(v) && age < 17))
                    throw new Error(t("dev.new.educationForAge", { age }))
                },
              },
            ]}
          >
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
            rules={[{ pattern: phonePattern, message: t("dev.new.phoneFormat") }]}
          >
            <Input className="mono" maxLength={20} allowClear />
          </Form.Item>
        </Form>
      </FormModal>
    </>
  )
}
