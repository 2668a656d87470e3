import type { OrgKind } from "@xianfeng/core"
import { App, Checkbox, Form, Input, Select } from "antd"
import { endpoints } from "../../api/endpoints"
import type { Org, OrgUpdate } from "../../api/types"
import { FormModal } from "../../components/FormModal"
import { OrgPicker } from "../../components/OrgPicker"
import { useProblemForm } from "../../components/useProblemForm"
import { useI18n } from "../../i18n/I18nProvider"

const createFields = ["id", "parentId", "kind", "name", "shortName", "temporary"] as const
const editFields = ["name", "shortName", "parentId"] as const

/** 组织名称, required, in both dialogs. */
const NameItem = () => {
  const { t } = useI18n()
  return (
    <Form.Item
      name="name"
      label={t("orgs.name")}
      rules={[{ required: true, whitespace: true, message: t("orgs.nameRequired") }]}
    >
      <Input maxLength={100} />
    </Form.Item>
  )
}

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
  const save = useProblemForm({
    form,
    onClose: onClose,
    fields: createFields,
    send: (values: CreateValues) => {
      const shortName = values.shortName?.trim()
      return endpoints.createOrg({
        id: values.id.trim(),
        parentId: parent.id,
        kind: values.kind,
        name: values.name.trim(),
        ...(shortName ? { shortName } : {}),
        ...(values.temporary ? { temporary: true } : {}),
      })
    },
    onSaved: async (org) => {
      await onCreated(org)
      message.success(t("orgs.created"))
    },
    // The id exists already: say so under the id.
    onConflict: (problem) => form.setFields([{ name: "id", errors: [problem.detail ?? t("orgs.idTaken")] }]),
    // A placement error names the parent, which this form fixes: show it under the kind.
    fieldFor: (field) => (field === "parentId" ? "kind" : field),
  })

  return (
    <FormModal state={save} open={open} title={t("orgs.createTitle", { parent: parent.name })}>
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
        <NameItem />
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
    </FormModal>
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
  const updateOf = (values: EditValues): OrgUpdate => {
    const name = values.name.trim()
    const shortName = values.shortName?.trim()
    return {
      version: org.version,
      ...(name !== org.name ? { name } : {}),
      ...(shortName ? { shortName } : {}),
      ...(values.parentId && values.parentId !== org.parentId ? { parentId: values.parentId } : {}),
    }
  }
  const save = useProblemForm({
    form,
    onClose: onClose,
    fields: editFields,
    // Only the version: nothing to change.
    unchanged: (values: EditValues) => Object.keys(updateOf(values)).length === 1,
    onUnchanged: () => {
      message.info(t("orgs.noChanges"))
    },
    send: (values: EditValues) => endpoints.updateOrg(org.id, updateOf(values)),
    onSaved: async (updated) => {
      await onSaved(org, updated)
      message.success(t("orgs.saved"))
    },
    onConflict: "stale",
  })

  return (
    <FormModal
      state={save}
      open={open}
      title={t("orgs.editTitle", { org: org.name })}
      stale={{ message: t("orgs.stale"), action: t("orgs.refresh"), onRefresh, testId: "org-refresh" }}
    >
      <Form<EditValues>
        form={form}
        name="orgEdit"
        layout="vertical"
        preserve={false}
        initialValues={{ name: org.name, ...(org.parentId ? { parentId: org.parentId } : {}) }}
      >
        <NameItem />
        <Form.Item name="shortName" label={t("orgs.shortName")}>
          <Input maxLength={50} placeholder={t("orgs.shortNameKeep")} />
        </Form.Item>
        <Form.Item name="parentId" label={t("orgs.parent")} extra={t("orgs.parentHint")}>
          <OrgPicker />
        </Form.Item>
      </Form>
    </FormModal>
  )
}
