import { useMutation, useQuery } from "@tanstack/react-query"
import type { OrgKind } from "@xianfeng/core"
import { Alert, App, Button, Checkbox, Form, Input, Modal, Select } from "antd"
import { useState } from "react"
import { endpoints } from "../../api/endpoints"
import { ProblemError, problemToFormErrors } from "../../api/problem"
import type { Org, OrgUpdate } from "../../api/types"
import { useI18n } from "../../i18n/I18nProvider"
import { OrgPicker } from "../users/OrgPicker"

const createFields = ["id", "parentId", "kind", "name", "shortName", "temporary"] as const
const editFields = ["name", "shortName", "parentId"] as const

interface CreateValues {
  readonly id: string
  readonly kind: OrgKind
  readonly name: string
  readonly shortName?: string
  readonly temporary?: boolean
}

/** 新建下级组织: a modal form under `parent`, offering only the kinds that may sit there. */
export const CreateOrg = ({
  parent,
  kinds,
  initialKind,
  open,
  onClose,
  onCreated,
}: {
  readonly parent: Org
  /** The kinds that may sit under `parent` (core's `allowedParents`), and the one to start with. */
  readonly kinds: readonly OrgKind[]
  readonly initialKind: OrgKind | undefined
  readonly open: boolean
  readonly onClose: () => void
  readonly onCreated: (org: Org) => Promise<void>
}) => {
  const { t, td } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<CreateValues>()
  const [formError, setFormError] = useState<string>()
  const create = useMutation({ mutationFn: endpoints.createOrg })

  const close = () => {
    setFormError(undefined)
    onClose()
  }

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined)
    if (!values) return
    setFormError(undefined)
    const shortName = values.shortName?.trim()
    try {
      const org = await create.mutateAsync({
        id: values.id.trim(),
        parentId: parent.id,
        kind: values.kind,
        name: values.name.trim(),
        ...(shortName ? { shortName } : {}),
        ...(values.temporary ? { temporary: true } : {}),
      })
      await onCreated(org)
      message.success(t("orgs.created"))
      close()
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e
      if (e.status === 409) {
        // The id exists already: say so under the id.
        form.setFields([{ name: "id", errors: [e.problem.detail ?? t("orgs.idTaken")] }])
        return
      }
      const { fields, other } = problemToFormErrors(e.problem, createFields)
      // A placement error names the parent, which this form fixes: show it under the kind.
      form.setFields(fields.map((f) => ({ name: f.name === "parentId" ? "kind" : f.name, errors: f.errors })))
      setFormError(other.join("；") || undefined)
    }
  }

  return (
    <Modal
      open={open}
      title={t("orgs.createTitle", { parent: parent.name })}
      onCancel={close}
      onOk={submit}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={create.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      {formError ? <Alert type="error" showIcon message={formError} style={{ marginBottom: 16 }} /> : null}
      <Form<CreateValues>
        form={form}
        name="orgCreate"
        layout="vertical"
        preserve={false}
        requiredMark
        initialValues={{ ...(initialKind ? { kind: initialKind } : {}), temporary: false }}
      >
        <Form.Item
          name="id"
          label={t("orgs.id")}
          extra={t("orgs.idHint")}
          rules={[{ required: true, whitespace: true, message: t("orgs.idRequired") }]}
        >
          <Input className="mono" autoComplete="off" maxLength={63} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t("orgs.name")}
          rules={[{ required: true, whitespace: true, message: t("orgs.nameRequired") }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="shortName" label={t("orgs.shortName")}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t("orgs.kind")}
          rules={[{ required: true, message: t("orgs.kindRequired") }]}
        >
          <Select<OrgKind> options={kinds.map((k) => ({ value: k, label: td(`orgKind.${k}`, k) }))} />
        </Form.Item>
        <Form.Item name="temporary" valuePropName="checked">
          <Checkbox>{t("orgs.temporary")}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  )
}

interface EditValues {
  readonly name: string
  readonly shortName?: string
  readonly parentId?: string
}

/** 编辑: rename and/or move under another parent (with the whole subtree), version-checked. */
export const EditOrg = ({
  org,
  open,
  onClose,
  onSaved,
  onRefresh,
}: {
  readonly org: Org
  readonly open: boolean
  readonly onClose: () => void
  readonly onSaved: (before: Org, after: Org) => Promise<void>
  readonly onRefresh: () => void
}) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<EditValues>()
  const [formError, setFormError] = useState<string>()
  const [stale, setStale] = useState(false)
  const save = useMutation({ mutationFn: (u: OrgUpdate) => endpoints.updateOrg(org.id, u) })
  const parentId = org.parentId ?? undefined
  const parent = useQuery({
    queryKey: ["orgs", parentId],
    queryFn: () => endpoints.org(parentId ?? ""),
    enabled: open && parentId !== undefined,
  })

  const close = () => {
    setFormError(undefined)
    setStale(false)
    onClose()
  }

  const submit = async () => {
    const values = await form.validateFields().catch(() => undefined)
    if (!values) return
    const name = values.name.trim()
    const shortName = values.shortName?.trim()
    const update: OrgUpdate = {
      version: org.version,
      ...(name !== org.name ? { name } : {}),
      ...(shortName ? { shortName } : {}),
      ...(values.parentId && values.parentId !== org.parentId ? { parentId: values.parentId } : {}),
    }
    if (Object.keys(update).length === 1) {
      message.info(t("orgs.noChanges"))
      close()
      return
    }
    setFormError(undefined)
    try {
      const updated = await save.mutateAsync(update)
      await onSaved(org, updated)
      message.success(t("orgs.saved"))
      close()
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e
      if (e.status === 409) {
        setStale(true)
        return
      }
      const { fields, other } = problemToFormErrors(e.problem, editFields)
      form.setFields(fields)
      setFormError(other.join("；") || undefined)
    }
  }

  return (
    <Modal
      open={open}
      title={t("orgs.editTitle", { org: org.name })}
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
          message={t("orgs.stale")}
          style={{ marginBottom: 16 }}
          action={
            <Button
              size="small"
              data-testid="org-refresh"
              onClick={() => {
                onRefresh()
                close()
              }}
            >
              {t("orgs.refresh")}
            </Button>
          }
        />
      ) : null}
      {formError ? <Alert type="error" showIcon message={formError} style={{ marginBottom: 16 }} /> : null}
      <Form<EditValues>
        form={form}
        name="orgEdit"
        layout="vertical"
        preserve={false}
        initialValues={{ name: org.name, ...(org.parentId ? { parentId: org.parentId } : {}) }}
      >
        <Form.Item
          name="name"
          label={t("orgs.name")}
          rules={[{ required: true, whitespace: true, message: t("orgs.nameRequired") }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="shortName" label={t("orgs.shortName")}>
          <Input maxLength={50} placeholder={t("orgs.shortNameKeep")} />
        </Form.Item>
        <Form.Item name="parentId" label={t("orgs.parent")} extra={t("orgs.parentHint")}>
          {parent.isPending && parentId !== undefined ? (
            <Input disabled />
          ) : (
            <OrgPicker {...(parent.data ? { known: [parent.data] } : {})} />
          )}
        </Form.Item>
      </Form>
    </Modal>
  )
}
