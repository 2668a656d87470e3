import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons"
import { useQueryClient } from "@tanstack/react-query"
import type { ClassView } from "@xianfeng/api/contract/education"
import { App, Button, Checkbox, Flex, Form, Input, InputNumber, Select, Tag } from "antd"
import type { ColumnsType } from "antd/es/table"
import { useState } from "react"
import { useNavigate } from "react-router-dom"
import { FormModal } from "../../components/FormModal"
import { OrgPicker } from "../../components/OrgPicker"
import { QueryTable } from "../../components/QueryTable"
import { useProblemForm } from "../../components/useProblemForm"
import { useI18n } from "../../i18n/I18nProvider"
import { useSession } from "../../shell/auth"
import { Page } from "../../shell/Page"
import { type AudienceInput, educationApi, type SessionInput } from "./api"
import { formatHours } from "./hours"

interface NewClass {
  orgId: string
  title: string
  audienceKind: AudienceInput["kind"]
  audienceOrg?: string
  post?: "secretary" | "deputy-secretary" | "committee-member"
  category?: "new-two-committees" | "new-member" | "development-object"
  centralized: boolean
  sessions: SessionInput[]
}

const audienceOf = (v: NewClass): AudienceInput =>
  v.audienceKind === "subtree"
    ? { kind: "subtree", orgId: v.audienceOrg ?? v.orgId }
    : v.audienceKind === "post"
      ? { kind: "post", post: v.post ?? "secretary" }
      : v.audienceKind === "category"
        ? { kind: "category", category: v.category ?? "new-two-committees" }
        : { kind: "list" }

const CreateClass = ({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const [form] = Form.useForm<NewClass>()
  const kind = Form.useWatch("audienceKind", form)
  const { session } = useSession()
  const required = [{ required: true, message: t("education.required") }]
  const save = useProblemForm({
    form,
    fields: ["orgId", "title", "audience", "sessions"],
    onClose: () => {
      form.resetFields()
      onClose()
    },
    send: (v: NewClass) =>
      educationApi.createClass({
        orgId: v.orgId,
        title: v.title.trim(),
        audience: audienceOf(v),
        centralized: v.centralized,
        sessions: v.sessions.map((s) => ({ ...s, hours: Number(s.hours) })),
      }),
    onSaved: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ["education", "classes"] })
      message.success(t("education.created"))
      navigate(`/education/classes/${created.id}`)
    },
  })
  return (
    <FormModal state={save} open={open} title={t("education.create")} okTestId="class-save">
      <Form<NewClass>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{
          orgId: session?.user.orgId,
          audienceOrg: session?.user.orgId,
          audienceKind: "subtree",
          centralized: true,
          sessions: [{ topic: "", date: "", startTime: "09:00", endTime: "12:00", hours: 4 }],
        }}
      >
        <Form.Item name="orgId" label={t("education.org")} rules={required}>
          <OrgPicker testId="class-org" />
        </Form.Item>
        <Form.Item
          name="title"
          label={t("education.classTitle")}
          rules={[{ ...required[0], whitespace: true }]}
        >
          <Input maxLength={200} data-testid="class-title" />
        </Form.Item>
        <Form.Item name="audienceKind" label={t("education.audience")}>
          <Select
            options={(["subtree", "post", "category", "list"] as const).map((k) => ({
              value: k,
              label: t(`education.audience.${k}`),
            }))}
          />
        </Form.Item>
        {kind === "subtree" && (
          <Form.Item name="audienceOrg" label={t("education.audienceOrg")}>
            <OrgPicker testId="class-audience-org" />
          </Form.Item>
        )}
        {kind === "post" && (
          <Form.Item name="post" label={t("education.audience.post")} rules={required}>
            <Select
              options={(["secretary", "deputy-secretary", "committee-member"] as const).map((p) => ({
                value: p,
                label: t(`education.post.${p}`),
              }))}
            />
          </Form.Item>
        )}
        {kind === "category" && (
          <Form.Item name="category" label={t("education.audience.category")} rules={required}>
            <Select
              options={(["new-two-committees", "new-member", "development-object"] as const).map((c) => ({
                value: c,
                label: t(`education.category.${c}`),
              }))}
            />
          </Form.Item>
        )}
        <Form.Item name="centralized" valuePropName="checked">
          <Checkbox>{t("education.centralized")}</Checkbox>
        </Form.Item>
        <Form.List name="sessions">
          {(items, { add, remove }) => (
            <>
              {items.map((item, i) => (
                <Flex key={item.key} gap={8} wrap align="start" data-testid={`session-${i}`}>
                  <Form.Item name={[item.name, "topic"]} rules={required} style={{ flex: "1 1 140px" }}>
                    <Input
                      placeholder={t("education.topic")}
                      maxLength={200}
                      data-testid={`session-topic-${i}`}
                    />
                  </Form.Item>
                  <Form.Item name={[item.name, "date"]} rules={required}>
                    <Input type="date" aria-label={t("education.date")} data-testid={`session-date-${i}`} />
                  </Form.Item>
                  <Form.Item name={[item.name, "startTime"]} rules={required}>
                    <Input type="time" aria-label={t("education.start")} />
                  </Form.Item>
                  <Form.Item name={[item.name, "endTime"]} rules={required}>
                    <Input type="time" aria-label={t("education.end")} />
                  </Form.Item>
                  <Form.Item name={[item.name, "hours"]} rules={required}>
                    <InputNumber step={0.5} addonAfter={t("education.hours")} style={{ width: 130 }} />
                  </Form.Item>
                  {items.length > 1 && (
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(item.name)} />
                  )}
                </Flex>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ topic: "", date: "", startTime: "14:00", endTime: "17:00", hours: 4 })}
              >
                {t("education.addSession")}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </FormModal>
  )
}

const ClassesPage = () => {
  const { t } = useI18n()
  const navigate = useNavigate()
  const [page, setPage] = useState({ page: 1, pageSize: 20 })
  const [orgId, setOrgId] = useState<string | undefined>()
  const [creating, setCreating] = useState(false)
  const columns: ColumnsType<ClassView> = [
    { title: t("education.classTitle"), dataIndex: "title" },
    { title: t("education.org"), dataIndex: "orgName", ellipsis: true },
    {
      title: t("education.date"),
      key: "dates",
      render: (_: unknown, c: ClassView) =>
        c.sessions.length === 0 ? "" : `${c.sessions[0]?.date} ~ ${c.sessions[c.sessions.length - 1]?.date}`,
    },
    { title: t("education.hours"), dataIndex: "hours", width: 80, render: (h: number) => formatHours(h) },
    { title: t("education.enrolled"), dataIndex: "enrolled", width: 90 },
    { title: t("education.personTimes"), dataIndex: "personTimes", width: 90 },
    {
      title: "",
      key: "state",
      width: 90,
      render: (_: unknown, c: ClassView) => (
        <Tag color={statusColor[c.status]}>{t(`education.classStatus.${c.status}`)}</Tag>
      ),
    },
  ]
  return (
    <Page
      title={t("education.title")}
      extra={
        <Flex gap={8} wrap>
          <OrgPicker value={orgId} allowClear onChange={setOrgId} testId="classes-org" preselectBranch />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="class-create"
          >
            {t("education.create")}
          </Button>
        </Flex>
      }
    >
      <QueryTable<ClassView>
        rowKey="id"
        columns={columns}
        queryKey={["education", "classes", page, orgId]}
        queryFn={() => educationApi.classes({ ...page, orgId })}
        page={page.page}
        pageSize={page.pageSize}
        pageSizes={[20, 50, 100]}
        onPage={(p, s) => setPage({ page: p, pageSize: s })}
        emptyText={t("education.empty")}
        onRow={(c) => ({ onClick: () => navigate(`/education/classes/${c.id}`) })}
      />
      <CreateClass open={creating} onClose={() => setCreating(false)} />
    </Page>
  )
}

/** The colour of a class's derived status (`ClassView.status`). */
export const statusColor: Record<ClassView["status"], string> = {
  upcoming: "blue",
  "in-progress": "green",
  "sessions-over": "gold",
  closed: "default",
}

export default ClassesPage
