import { PlusOutlined } from "@ant-design/icons"
import { useQuery, useQueryClient } from "@tanstack/react-query"
import type { PostView } from "@xianfeng/api/contract/education"
import { App, Button, Flex, Form, Input, List, Tag, Typography } from "antd"
import { useState } from "react"
import { Link } from "react-router-dom"
import { FormModal } from "../../components/FormModal"
import { useProblemForm } from "../../components/useProblemForm"
import { useI18n } from "../../i18n/I18nProvider"
import { Page } from "../../shell/Page"
import { ErrorState } from "../../shell/states"
import { educationApi } from "./api"

/** Documents and images a post may carry, at most 2 MB each (the API checks the same). */
export const ACCEPT = ".pdf,.doc,.docx,.xlsx,.pptx,.txt,.png,.jpg,.jpeg,.gif,.webp"
const MAX_BYTES = 2 * 1024 * 1024

const base64Of = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ""))
    r.onerror = () => reject(r.error)
    r.readAsDataURL(file)
  })

interface NewThread {
  title: string
  body: string
}

const NewThreadDialog = ({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<NewThread>()
  const [files, setFiles] = useState<File[]>([])
  const save = useProblemForm({
    form,
    fields: ["title", "body", "attachments"],
    onClose: () => {
      form.resetFields()
      setFiles([])
      onClose()
    },
    send: async (v: NewThread) =>
      educationApi.post({
        title: v.title.trim(),
        body: v.body,
        attachments: await Promise.all(
          files.map(async (f) => ({ filename: f.name, mime: f.type, content: await base64Of(f) })),
        ),
      }),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["education", "forum"] })
      message.success(t("education.posted"))
    },
  })
  return (
    <FormModal state={save} open={open} title={t("education.newThread")} okTestId="thread-save">
      <Form<NewThread> form={form} layout="vertical" requiredMark>
        <Form.Item
          name="title"
          label={t("education.threadTitle")}
          rules={[{ required: true, whitespace: true, message: t("education.required") }]}
        >
          <Input maxLength={200} data-testid="thread-title" />
        </Form.Item>
        <Form.Item
          name="body"
          label={t("education.body")}
          rules={[{ required: true, whitespace: true, message: t("education.required") }]}
        >
          <Input.TextArea maxLength={20000} autoSize={{ minRows: 4 }} data-testid="thread-body" />
        </Form.Item>
        <Form.Item label={t("education.attachments")}>
          <input
            type="file"
            multiple
            accept={ACCEPT}
            onChange={(e) => {
              const picked = [...(e.target.files ?? [])]
              const tooBig = picked.filter((f) => f.size > MAX_BYTES)
              if (tooBig.length > 0) message.error(tooBig.map((f) => f.name).join("、"))
              setFiles(picked.filter((f) => f.size <= MAX_BYTES).slice(0, 5))
            }}
          />
        </Form.Item>
      </Form>
    </FormModal>
  )
}

export const PostMeta = ({ p }: { readonly p: PostView }) => {
  const { t } = useI18n()
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {p.authorName} · {p.orgName} · {new Date(p.createdAt).toLocaleDateString()}
      {p.threadId === null && ` · ${t("education.replies")} ${p.replies}`}
      {p.featured && (
        <Tag color="gold" style={{ marginLeft: 8 }}>
          {t("education.featured")}
        </Tag>
      )}
      {p.hidden && (
        <Tag color="red" style={{ marginLeft: 8 }}>
          {t("education.hidden", { reason: p.hiddenReason ?? "" })}
        </Tag>
      )}
    </Typography.Text>
  )
}

/** 书记话党建: threads district-wide, newest first, with Chinese word search. */
const ForumPage = () => {
  const { t } = useI18n()
  const [q, setQ] = useState<string | undefined>()
  const [page, setPage] = useState(1)
  const [posting, setPosting] = useState(false)
  const threads = useQuery({
    queryKey: ["education", "forum", q, page],
    queryFn: () => educationApi.threads({ q, page, pageSize: 20 }),
  })
  return (
    <Page
      title={t("education.forum")}
      extra={
        <Flex gap={8} wrap>
          <Input.Search
            allowClear
            placeholder={t("education.search")}
            onSearch={(v) => {
              setQ(v.trim() || undefined)
              setPage(1)
            }}
            style={{ width: 260, maxWidth: "100%" }}
            data-testid="forum-search"
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setPosting(true)}
            data-testid="forum-new"
          >
            {t("education.newThread")}
          </Button>
        </Flex>
      }
    >
      {threads.error ? (
        <ErrorState error={threads.error} onRetry={() => threads.refetch()} />
      ) : (
        <List
          loading={threads.isFetching}
          dataSource={[...(threads.data?.items ?? [])]}
          locale={{ emptyText: t("education.noThreads") }}
          data-testid="forum-threads"
          pagination={{
            current: page,
            pageSize: 20,
            total: threads.data?.total ?? 0,
            onChange: setPage,
            hideOnSinglePage: true,
          }}
          renderItem={(p) => (
            <List.Item key={p.id}>
              <List.Item.Meta
                title={<Link to={`/education/forum/${p.id}`}>{p.title}</Link>}
                description={
                  <>
                    <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 4 }}>
                      {p.body}
                    </Typography.Paragraph>
                    <PostMeta p={p} />
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      <NewThreadDialog open={posting} onClose={() => setPosting(false)} />
    </Page>
  )
}

export default ForumPage
