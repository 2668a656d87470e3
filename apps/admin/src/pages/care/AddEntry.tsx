import { useQuery, useQueryClient } from "@tanstack/react-query"
import { App, Form, Input, Select } from "antd"
import { endpoints } from "../../api/endpoints"
import { DateInput } from "../../components/DateInput"
import { FormModal } from "../../components/FormModal"
import { useProblemForm } from "../../components/useProblemForm"
import { useI18n } from "../../i18n/I18nProvider"
import type { MessageKey } from "../../i18n/messages"
import { careApi } from "./api"

const categories = [
  "difficulty",
  "hospitalized",
  "disaster",
  "bereaved",
  "died-on-duty-family",
  "old-member",
  "pre-1949",
] as const

interface EntryForm {
  memberId?: string
  personName?: string
  category: string
  onDate: string
  reason: string
  detail?: string
}

const today = () => new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" })

/** 新增关怀对象: a member of the branch (or a person by name, a family cared for) entered into the ledger. */
export const AddEntry = ({
  orgId,
  surveyId,
  open,
  onClose,
}: {
  readonly orgId: string
  readonly surveyId?: string
  readonly open: boolean
  readonly onClose: () => void
}) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<EntryForm>()
  const members = useQuery({
    queryKey: ["care", "branch-members", orgId],
    queryFn: () => endpoints.members({ orgId, page: 1, pageSize: 100 }),
    enabled: open,
  })
  const save = useProblemForm({
    form,
    fields: ["memberId", "personName", "category", "onDate", "reason", "detail"],
    onClose: () => {
      form.resetFields()
      onClose()
    },
    send: (v: EntryForm) =>
      careApi.ledgerEvent({
        orgId,
        kind: "opened",
        ...(v.memberId ? { memberId: v.memberId } : {}),
        ...(v.personName?.trim() ? { personName: v.personName.trim() } : {}),
        category: v.category,
        onDate: v.onDate,
        reason: v.reason.trim(),
        ...(v.detail?.trim() ? { detail: v.detail.trim() } : {}),
        ...(surveyId ? { surveyId } : {}),
      }),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["care"] })
      message.success(t("care.entryAdded"))
    },
  })
  return (
    <FormModal state={save} open={open} title={t("care.addEntry")}>
      <Form<EntryForm> form={form} layout="vertical" initialValues={{ onDate: today() }}>
        <Form.Item name="memberId" label={t("care.member")}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            loading={members.isLoading}
            options={(members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
          />
        </Form.Item>
        <Form.Item name="personName" label={t("care.personName")} extra={t("care.personNameHint")}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="category"
          label={t("care.category")}
          rules={[{ required: true, message: t("care.required") }]}
        >
          <Select options={categories.map((c) => ({ value: c, label: t(`care.cat.${c}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item
          name="onDate"
          label={t("care.openedOn")}
          rules={[{ required: true, message: t("care.required") }]}
        >
          <DateInput />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t("care.changeReason")}
          rules={[{ required: true, whitespace: true, message: t("care.required") }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="detail" label={t("care.detail")}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </FormModal>
  )
}
