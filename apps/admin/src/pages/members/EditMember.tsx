import { EditOutlined } from "@ant-design/icons"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { Alert, App, Button, Form, Input, Modal, Select } from "antd"
import { useState } from "react"
import { endpoints } from "../../api/endpoints"
import { ProblemError, problemToFormErrors } from "../../api/problem"
import type { MemberDetail, MemberUpdate } from "../../api/types"
import { useI18n } from "../../i18n/I18nProvider"
import { zhCN } from "../../locales/zh-CN"
import { type Editable, editableFields as fields, memberChanges } from "./changes"

// The code tables the admin can label, taken from the locale file so a new code needs one line there.
const codes = (prefix: string) =>
  Object.keys(zhCN)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length))

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
  const [formError, setFormError] = useState<string>()
  const [stale, setStale] = useState(false)
  const save = useMutation({
    mutationFn: (changes: Omit<MemberUpdate, "version">) =>
      endpoints.updateMember(member.id, { version: member.version, ...changes }),
  })

  const close = () => {
    setOpen(false)
    setFormError(undefined)
    setStale(false)
  }

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined)
    if (!values) return
    const changes = memberChanges(member, values)
    if (Object.keys(changes).length === 0) {
      message.info(t("member.noChanges"))
      close()
      return
    }
    setFormError(undefined)
    try {
      const updated = await save.mutateAsync(changes)
      queryClient.setQueryData(["member", member.id], updated)
      await queryClient.invalidateQueries({ queryKey: ["members"] })
      message.success(t("member.saved"))
      close()
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e
      if (e.status === 409) {
        setStale(true)
        return
      }
      const mapped = problemToFormErrors(e.problem, fields)
      form.setFields(mapped.fields)
      setFormError(mapped.other.join("；") || undefined)
    }
  }

  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setOpen(true)} data-testid="edit-member">
        {t("member.edit")}
      </Button>
      <Modal
        open={open}
        title={`${t("member.editTitle")} · ${member.name}`}
        onCancel={close}
        onOk={submit}
        okText={t("common.save")}
        cancelText={t("common.cancel")}
        okButtonProps={{ disabled: stale }}
        confirmLoading={save.isPending}
        destroyOnHidden
        maskClosable={false}
      >
        {stale ? (
          <Alert
            type="warning"
            showIcon
            message={t("member.stale")}
            style={{ marginBottom: 16 }}
            action={
              <Button
                size="small"
                onClick={() => {
                  onReload()
                  close()
                }}
              >
                {t("member.reload")}
              </Button>
            }
          />
        ) : null}
        {formError ? <Alert type="error" showIcon message={formError} style={{ marginBottom: 16 }} /> : null}
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
            rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t("member.phoneFormat") }]}
          >
            <Input className="mono" maxLength={20} allowClear />
          </Form.Item>
          <Form.Item name="education" label={t("member.education")}>
            <Select
              options={codes("education.").map((c) => ({ value: c, label: td(`education.${c}`, c) }))}
            />
          </Form.Item>
          <Form.Item name="occupationGroup" label={t("member.occupationGroup")}>
            <Select
              options={codes("occupation.").map((c) => ({ value: c, label: td(`occupation.${c}`, c) }))}
            />
          </Form.Item>
          <Form.Item name="status" label={t("member.status")}>
            <Select options={codes("status.").map((c) => ({ value: c, label: td(`status.${c}`, c) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
