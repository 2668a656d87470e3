import type { OrgKind } from "@xianfeng/core"
import { App, Button, Checkbox, Form, Input, Select } from "antd"
import { endpoints } from "../../api/endpoints"
import { ProblemError } from "../../api/problem"
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

/** Whether an organization id is taken (the district admin sees the whole tree; 404 means free). */
const idInUse = async (id: string): Promise<boolean> => {
  try {
    await endpoints.org(id)
    return true
  } catch (e) {
    if (e instanceof ProblemError && e.status === 404) return false
    throw e
  }
}

/** The parent's id with the next free two-digit number: `c01` → `c01_03`. */
const nextFreeId = async (parentId: string): Promise<string> => {
  const taken = new Set((await endpoints.orgChildren(parentId)).items.map((o) => o.id))
  for (let n = taken.size + 1; ; n++) {
    const id = `${parentId}_${String(n).padStart(2, "0")}`.slice(0, 63)
    if (!taken.has(id) && !(await idInUse(id))) return id
  }
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
          hasFeedback
          validateDebounce={300}
          rules={[
            { required: true, whitespace: true, message: t("orgs.idRequired") },
            { pattern: /^[A-Za-z0-9_]{1,63}$/, message: t("orgs.idHint") },
            {
              // Checked as it is typed, not only when saving: an id in use is answered 200 by the API.
              validator: async (_, v: string | undefined) => {
                const id = v?.trim()
                if (!id || !/^[A-Za-z0-9_]{1,63}$/.test(id)) return
                if (await idInUse(id)) throw new Error(t("orgs.idTaken"))
              },
            },
          ]}
        >
          <Input
            className="mono"
            autoComplete="off"
            maxLength={63}
            data-testid="org-id"
            addonAfter={
              <Button
                type="link"
                size="small"
                style={{ height: 22, padding: 0 }}
                data-testid="org-id-generate"
                onClick={async () => {
                  form.setFieldValue("id", await nextFreeId(parent.id))
                  void form.validateFields(["id"])
                }}
              >
                {t("orgs.idGenerate")}
              </Button>
            }
          />
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
