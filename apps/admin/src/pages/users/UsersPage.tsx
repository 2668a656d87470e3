import { PlusOutlined } from "@ant-design/icons"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { App, Badge, Button, Card, Form, Input, Popconfirm, Select, Space, Tag, Typography } from "antd"
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
import { actionsOn, guardedRoles, managesAccounts, rolesOfTheWork, separatedDuties } from "./duties"

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
          <Select<Role> options={rolesOfTheWork.map((r) => ({ value: r, label: td(`role.${r}`, r) }))} />
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

interface RoleChange {
  readonly role: Role
}

/** Gives an account another role: the roles `actor` may give it (三员: see duties.ts). */
const ChangeRole = ({
  user,
  offered,
  onClose,
}: {
  readonly user: UserRow | undefined
  readonly offered: readonly Role[]
  readonly onClose: () => void
}) => {
  const { t, td } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<RoleChange>()
  const save = useProblemForm({
    form,
    onClose,
    fields: ["role"] as const,
    send: (values: RoleChange) => endpoints.updateUser(user?.id ?? "", { role: values.role }),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["users"] })
      message.success(t("users.roleChanged"))
    },
  })
  return (
    <FormModal
      state={save}
      open={user !== undefined}
      title={t("users.changeRoleOf", { name: user?.displayName ?? "" })}
      intro={<Typography.Paragraph type="secondary">{t("users.changeRoleHint")}</Typography.Paragraph>}
      okTestId="save-role"
    >
      <Form<RoleChange> form={form} layout="vertical" requiredMark initialValues={{ role: user?.role }}>
        <Form.Item
          name="role"
          label={t("users.role")}
          rules={[{ required: true, message: t("users.roleRequired") }]}
        >
          <Select<Role> options={offered.map((r) => ({ value: r, label: td(`role.${r}`, r) }))} />
        </Form.Item>
      </Form>
    </FormModal>
  )
}

interface PasswordReset {
  readonly password: string
  readonly again: string
}

/** Sets a new password for an account of the work; the API ends every session and token of the user. */
const ResetPassword = ({
  user,
  onClose,
}: {
  readonly user: UserRow | undefined
  readonly onClose: () => void
}) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<PasswordReset>()
  const save = useProblemForm({
    form,
    onClose,
    fields: ["password"] as const,
    send: (values: PasswordReset) => endpoints.updateUser(user?.id ?? "", { password: values.password }),
    onSaved: async () => {
      message.success(t("users.passwordReset"))
    },
  })
  return (
    <FormModal
      state={save}
      open={user !== undefined}
      title={t("users.resetPasswordOf", { name: user?.displayName ?? "" })}
      intro={<Typography.Paragraph type="secondary">{t("users.resetPasswordHint")}</Typography.Paragraph>}
      okTestId="save-password"
    >
      <Form<PasswordReset> form={form} layout="vertical" requiredMark>
        <Form.Item
          name="password"
          label={t("users.newPassword")}
          rules={[
            { required: true, message: t("users.passwordRequired") },
            { min: 10, message: t("users.passwordLength") },
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={256} />
        </Form.Item>
        <Form.Item
          name="again"
          label={t("users.passwordAgain")}
          dependencies={["password"]}
          rules={[
            { required: true, message: t("users.passwordRequired") },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                v === getFieldValue("password")
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("users.passwordMismatch"))),
            }),
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
  const [changingRole, setChangingRole] = useState<UserRow>()
  const [resetting, setResetting] = useState<UserRow>()
  const { session } = useSession()
  const actorRole = session?.user.role
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
        <Tag
          color={
            separatedDuties.includes(r)
              ? "gold"
              : r === "district-admin"
                ? "red"
                : r === "auditor"
                  ? "purple"
                  : "blue"
          }
        >
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
      render: (_: unknown, u) => {
        // Nobody changes or disables their own account from here: it would lock the last admin out.
        if (actorRole === undefined) return null
        const can = actionsOn(actorRole, u.role, u.id === session?.user.id)
        const ownerOnly = separatedDuties.includes(u.role) && u.id !== session?.user.id
        const securityOnly =
          guardedRoles.includes(u.role) && managesAccounts(actorRole) && u.id !== session?.user.id
        return (
          <Space size={0} wrap>
            {can.roles.length > 0 ? (
              <Button type="link" size="small" onClick={() => setChangingRole(u)} data-testid="change-role">
                {t("users.changeRole")}
              </Button>
            ) : null}
            {can.resetPassword ? (
              <Button type="link" size="small" onClick={() => setResetting(u)} data-testid="reset-password">
                {t("users.resetPassword")}
              </Button>
            ) : null}
            {!can.disable ? null : u.disabled ? (
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
            )}
            {securityOnly ? (
              <Typography.Text type="secondary">{t("users.securityOnly")}</Typography.Text>
            ) : null}
            {ownerOnly && can.roles.length === 0 ? (
              <Typography.Text type="secondary" className="users-owner-only">
                {t("users.ownerOnly")}
              </Typography.Text>
            ) : null}
          </Space>
        )
      },
    },
  ]

  return (
    <Page
      title={t("users.title")}
      extra={
        actorRole !== undefined && managesAccounts(actorRole) ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="create-user"
          >
            {t("users.create")}
          </Button>
        ) : undefined
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
      <ChangeRole
        user={changingRole}
        offered={changingRole && actorRole ? actionsOn(actorRole, changingRole.role, false).roles : []}
        onClose={() => setChangingRole(undefined)}
      />
      <ResetPassword user={resetting} onClose={() => setResetting(undefined)} />
    </Page>
  )
}

export default UsersPage
