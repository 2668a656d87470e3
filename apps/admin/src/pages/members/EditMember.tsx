import { EditOutlined } from "@ant-design/icons"
import { useQueryClient } from "@tanstack/react-query"
import { App, Button, Form, Input, Select } from "antd"
import { useState } from "react"
import { endpoints } from "../../api/endpoints"
import type { MemberDetail } from "../../api/types"
import { FormModal } from "../../components/FormModal"
import { useProblemForm } from "../../components/useProblemForm"
import { useI18n } from "../../i18n/I18nProvider"
import { codesOf } from "../../i18n/messages"
import { type Editable, editableFields as fields, memberChanges } from "./changes"

export const EditMember = ({
  member,
  onReload,
}: {
  readonly member: MemberDetail
  readonly onReload: () => void
}) => {
  const { t, td } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Editable>()
  const [open, setOpen] = useState(false)
  const save = useProblemForm({
    form,
    onClose: () => setOpen(false),
    fields,
    unchanged: (values: Editable) => Object.keys(memberChanges(member, values)).length === 0,
    onUnchanged: () => {
      message.info(t("member.noChanges"))
    },
    // Only what changed, with the version that was read: a concurrent edit gets 409, not overwritten.
    send: (values: Editable) =>
      endpoints.updateMember(member.id, { version: member.version, ...memberChanges(member, values) }),
    onSaved: async (updated) => {
      queryClient.setQueryData(["member", member.id], updated)
      await queryClient.invalidateQueries({ queryKey: ["members"] })
      message.success(t("member.saved"))
    },
    onConflict: "stale",
  })

  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setOpen(true)} data-testid="edit-member">
        {t("member.edit")}
      </Button>
      <FormModal
        state={save}
        open={open}
        title={`${t("member.editTitle")} · ${member.name}`}
        stale={{ message: t("member.stale"), action: t("member.reload"), onRefresh: onReload }}
      >
        <Form<Editable>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            name: member.name,
            phone: member.phone,
            education: member.education,
            occupationGroup: member.occupationGroup,
            status: member.status,
          }}
        >
          <Form.Item
            name="name"
            label={t("members.name")}
            rules={[{ required: true, whitespace: true, message: t("member.nameRequired") }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t("members.phone")}
            rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t("common.phoneFormat") }]}
          >
            <Input className="mono" maxLength={20} allowClear />
          </Form.Item>
          <Form.Item name="education" label={t("member.education")}>
            <Select
              options={codesOf("education.").map((c) => ({ value: c, label: td(`education.${c}`, c) }))}
            />
          </Form.Item>
          <Form.Item name="occupationGroup" label={t("member.occupationGroup")}>
            <Select
              options={codesOf("occupation.").map((c) => ({ value: c, label: td(`occupation.${c}`, c) }))}
            />
          </Form.Item>
          <Form.Item name="status" label={t("member.status")}>
            <Select options={codesOf("status.").map((c) => ({ value: c, label: td(`status.${c}`, c) }))} />
          </Form.Item>
        </Form>
      </FormModal>
    </>
  )
}
