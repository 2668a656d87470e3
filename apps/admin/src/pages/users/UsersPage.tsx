import { PlusOutlined } from "@ant-design/icons"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { App, Badge, Button, Card, Form, Input, Popconfirm, Select, Tag } from "antd"
import type { ColumnsType } from "antd/es/table"
import { useState } from "react"
import { endpoints } from "../../api/endpoints"
import { type NewUser, type Role, roles, type UserRow } from "../../api/types"
import { FormModal } from "../../components/FormModal"
import { OrgPicker } from "../../components/OrgPicker"
import { useProblemForm } from "../../components/useProblemForm"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import { useSession } from "../../shell/auth"
import { Page } from "../../shell/Page"
import { ErrorState, problemMessage } from "../../shell/states"

const formFields = ["username", "displayName", "role", "orgId", "password"] as const

const CreateUser = ({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) => {
  const { t, td } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<NewUser>()
  // Field errors from the API land on their form items; the rest (409 duplicate, 403) above the form.
  const save = useProblemForm({
    form,
    onClose: () => {
      form.resetFields()
      onClose()
    },
    fields: formFields,
    send: (values: NewUser) =>
      endpoints.createUser({
        ...values,
        username: values.username.trim(),
        displayName: values.displayName.trim(),
      }),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["users"] })
      message.success(t("users.created"))
    },
  })

  return (
    <FormModal state={save} open={open} title={t("users.create")}>
      <Form<NewUser> form={form} layout="vertical" requiredMark>
        <Form.Item
          name="username"
          label={t("users.username")}
          rules={[
            { required: true, whitespace: true, message: t("users.usernameRequired") },
            { pattern: /^[a-z][a-z0-9_.-]{2,31}$/, message: t("users.usernameFormat") },
          ]}
        >
          <Input autoComplete="off" maxLength={32} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t("users.displayName")}
          rules={[{ required: true, whitespace: true, message: t("users.displayNameRequired") }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="role"
          label={t("users.role")}
          rules={[{ required: true, message: t("users.roleRequired") }]}
        >
          <Select<Role>
            options={roles
              .filter((r) => r !== "member")
              .map((r) => ({ value: r, label: td(`role.${r}`, r) }))}
          />
        </Form.Item>
        <Form.Item
          name="orgId"
          label={t("users.org")}
          rules={[{ required: true, message: t("users.orgRequired") }]}
        >
          <OrgPicker />
        </Form.Item>
        <Form.Item
          name="password"
          label={t("users.password")}
          rules={[
            { required: true, message: t("users.passwordRequired") },
            { min: 10, message: t("users.passwordLength") },
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={256} />
        </Form.Item>
      </Form>
    </FormModal>
  )
}

const UsersPage = () => {
  const { t, td } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [creating, setCreating] = useState(false)
  const { session } = useSession()
  const users = useQuery({ queryKey: ["users"], queryFn: endpoints.users })
  const toggle = useMutation({
    mutationFn: (u: UserRow) => endpoints.updateUser(u.id, { disabled: !u.disabled }),
    onSuccess: () => {
      message.success(t("users.updated"))
      return queryClient.invalidateQueries({ queryKey: ["users"] })
    },
    onError: (e) => message.error(problemMessage(e, t("common.loadFailed"))),
  })

  if (users.error) return <ErrorState error={users.error} onRetry={() => users.refetch()} />

  const columns: ColumnsType<UserRow> = [
    {
      title: t("users.username"),
      dataIndex: "username",
      render: (v: string) => <span className="mono">{v}</span>,
    },
    { title: t("users.displayName"), dataIndex: "displayName" },
    {
      title: t("users.role"),
      dataIndex: "role",
      filters: roles.map((r) => ({ text: td(`role.${r}`, r), value: r })),
      onFilter: (v, u) => u.role === v,
      render: (r: Role) => (
        <Tag color={r === "district-admin" ? "red" : r === "auditor" ? "purple" : "blue"}>
          {td(`role.${r}`, r)}
        </Tag>
      ),
    },
    { title: t("users.org"), dataIndex: "orgName", ellipsis: true },
    {
      title: t("users.status"),
      dataIndex: "disabled",
      width: 100,
      render: (d: boolean) =>
        d ? (
          <Badge status="default" text={t("users.disabled")} />
        ) : (
          <Badge status="success" text={t("users.enabled")} />
        ),
    },
    {
      title: t("users.actions"),
      width: 100,
      render: (_: unknown, u) =>
        // Nobody disables their own account from here: it would lock the last admin out.
        u.id === session?.user.id ? null : u.disabled ? (
          <Button type="link" size="small" onClick={() => toggle.mutate(u)}>
            {t("users.enable")}
          </Button>
        ) : (
          <Popconfirm
            title={t("users.confirmDisable", { name: u.displayName })}
            okText={t("common.confirm")}
            cancelText={t("common.cancel")}
            onConfirm={() => toggle.mutate(u)}
          >
            <Button type="link" size="small" danger>
              {t("users.disable")}
            </Button>
          </Popconfirm>
        ),
    },
  ]

  return (
    <Page
      title={t("users.title")}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="create-user"
        >
          {t("users.create")}
        </Button>
      }
    >
      <Card>
        <XfTable<UserRow>
          data-testid="user-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={users.data?.items as UserRow[] | undefined}
          loading={users.isFetching}
          locale={{ emptyText: users.isPending ? " " : t("users.empty") }}
          pagination={{ pageSize: 20, showTotal: (total) => t("common.total", { total }) }}
        />
      </Card>
      <CreateUser open={creating} onClose={() => setCreating(false)} />
    </Page>
  )
}

export default UsersPage
