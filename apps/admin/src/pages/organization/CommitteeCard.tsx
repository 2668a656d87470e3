import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons"
import { useQuery, useQueryClient } from "@tanstack/react-query"
import { App, Button, Card, Empty, Form, List, Select, Space, Tag, Typography } from "antd"
import { useState } from "react"
import { endpoints } from "../../api/endpoints"
import type { CommitteeBody, CommitteeView, Org } from "../../api/types"
import { FormModal } from "../../components/FormModal"
import { useProblemForm } from "../../components/useProblemForm"
import { useI18n } from "../../i18n/I18nProvider"
import { ErrorState, Loading } from "../../shell/states"

const posts = ["secretary", "deputy-secretary", "committee-member"] as const
const duties = ["organization", "propaganda", "discipline", "youth", "union", "secrecy", "women"] as const
type Seat = CommitteeView["items"][number]

interface Values {
  readonly posts: { memberId?: string; post?: string; duty?: string | null }[]
}

/** 书记, 副书记, or a 委员's 分工 (组织委员…), as one label. */
const usePostLabel = () => {
  const { t } = useI18n()
  return (s: Pick<Seat, "post" | "duty">) =>
    s.duty ? t(`committee.duty.${s.duty}` as "committee.duty.organization") : t(`committee.post.${s.post}`)
}

/** 支部委员会: an organization's committee posts, and a form to set them for those who may. */
export const CommitteeCard = ({ org, canEdit }: { readonly org: Org; readonly canEdit: boolean }) => {
  const { t } = useI18n()
  const label = usePostLabel()
  const [open, setOpen] = useBoolean()
  const committee = useQuery({
    queryKey: ["orgs", org.id, "committee"],
    queryFn: () => endpoints.committee(org.id),
  })
  return (
    <Card
      data-testid="org-committee"
      title={t("committee.title")}
      style={{ marginBottom: 16 }}
      extra={
        canEdit ? (
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => setOpen(true)}
            data-testid="committee-edit"
          >
            {t("committee.edit")}
          </Button>
        ) : null
      }
    >
      {committee.error ? (
        <ErrorState error={committee.error} onRetry={() => committee.refetch()} />
      ) : !committee.data ? (
        <Loading />
      ) : committee.data.items.length === 0 ? (
        <Empty description={t("committee.none")} />
      ) : (
        <List
          size="small"
          grid={{ gutter: 8, xs: 1, sm: 2, md: 3, xl: 4 }}
          dataSource={[...committee.data.items]}
          renderItem={(s) => (
            <List.Item data-testid={`committee-seat-${s.memberId}`}>
              <Space size={4} wrap>
                <Tag
                  color={
                    s.post === "secretary" ? "red" : s.post === "deputy-secretary" ? "volcano" : "default"
                  }
                >
                  {label(s)}
                </Tag>
                <Typography.Text strong>{s.name}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("committee.since", { date: s.since })}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
      {canEdit && committee.data ? (
        <CommitteeForm
          key={`${org.id}-${open}`}
          org={org}
          seats={committee.data.items}
          open={open}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </Card>
  )
}

const useBoolean = () => useState(false)

const CommitteeForm = ({
  org,
  seats,
  open,
  onClose,
}: {
  readonly org: Org
  readonly seats: readonly Seat[]
  readonly open: boolean
  readonly onClose: () => void
}) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  // The organization's own full and probationary members: only they may hold its posts.
  const roll = useQuery({
    queryKey: ["orgs", org.id, "committee", "roll"],
    queryFn: async () => {
      const [full, probationary] = await Promise.all(
        (["full", "probationary"] as const).map((stage) =>
          endpoints.members({ orgId: org.id, stage, page: 1, pageSize: 100 }),
        ),
      )
      return [...(full?.items ?? []), ...(probationary?.items ?? [])].filter((m) => m.orgId === org.id)
    },
    enabled: open,
  })
  const save = useProblemForm({
    form,
    onClose,
    fields: ["posts"] as const,
    send: (values: Values) => {
      const body: CommitteeBody = {
        posts: values.posts.map((p) => ({
          memberId: p.memberId ?? "",
          post: p.post ?? "",
          ...(p.post === "committee-member" && p.duty ? { duty: p.duty } : {}),
        })),
      }
      return endpoints.setCommittee(org.id, body)
    },
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["orgs", org.id, "committee"] })
      await queryClient.invalidateQueries({ queryKey: ["discipline"] })
      message.success(t("committee.saved"))
    },
  })
  const options = (roll.data ?? []).map((m) => ({ value: m.id, label: m.name }))
  // Members on record who are no longer on the list keep their name in the select.
  for (const s of seats)
    if (!options.some((o) => o.value === s.memberId)) options.push({ value: s.memberId, label: s.name })
  return (
    <FormModal
      state={save}
      open={open}
      okTestId="committee-save"
      title={t("committee.editTitle", { org: org.name })}
    >
      <Form<Values>
        form={form}
        name="committee"
        layout="vertical"
        initialValues={{ posts: seats.map((s) => ({ memberId: s.memberId, post: s.post, duty: s.duty })) }}
      >
        <Typography.Paragraph type="secondary">{t("committee.hint")}</Typography.Paragraph>
        <Form.List name="posts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space
                  key={f.key}
                  align="start"
                  wrap
                  style={{ display: "flex", marginBottom: 4 }}
                  data-testid={`committee-row-${i}`}
                >
                  <Form.Item
                    name={[f.name, "memberId"]}
                    rules={[{ required: true, message: t("committee.memberRequired") }]}
                    style={{ marginBottom: 8, minWidth: 140 }}
                  >
                    <Select
                      showSearch
                      optionFilterProp="label"
                      placeholder={t("committee.member")}
                      options={options}
                      loading={roll.isLoading}
                      style={{ width: 140 }}
                      data-testid={`committee-member-${i}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, "post"]}
                    rules={[{ required: true, message: t("committee.postRequired") }]}
                    style={{ marginBottom: 8 }}
                  >
                    <Select
                      placeholder={t("committee.post")}
                      style={{ width: 110 }}
                      options={posts.map((p) => ({ value: p, label: t(`committee.post.${p}`) }))}
                      data-testid={`committee-post-${i}`}
                    />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      form.getFieldValue(["posts", f.name, "post"]) === "committee-member" ? (
                        <Form.Item name={[f.name, "duty"]} style={{ marginBottom: 8 }}>
                          <Select
                            allowClear
                            placeholder={t("committee.duty")}
                            style={{ width: 120 }}
                            options={duties.map((d) => ({ value: d, label: t(`committee.duty.${d}`) }))}
                            data-testid={`committee-duty-${i}`}
                          />
                        </Form.Item>
                      ) : null
                    }
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={t("committee.remove")}
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ post: "committee-member" })}
                block
                data-testid="committee-add"
              >
                {t("committee.add")}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </FormModal>
  )
}
