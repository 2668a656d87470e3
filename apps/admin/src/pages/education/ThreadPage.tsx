import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import type { PostView } from "@xianfeng/api/contract/education"
import { App, Button, Card, Flex, Input, List, Modal, Typography } from "antd"
import { useState } from "react"
import { useNavigate, useParams } from "react-router-dom"
import { useI18n } from "../../i18n/I18nProvider"
import { Page } from "../../shell/Page"
import { ErrorState, Loading, problemMessage } from "../../shell/states"
import { educationApi, educationExports } from "./api"
import { PostMeta } from "./ForumPage"

/** A thread with its replies; moderators (the organization department) hide posts with a reason and feature threads. */
const ThreadPage = () => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const { id = "" } = useParams()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const thread = useQuery({
    queryKey: ["education", "forum", "thread", id],
    queryFn: () => educationApi.thread(id),
  })
  const [reply, setReply] = useState("")
  const [hiding, setHiding] = useState<PostView | undefined>()
  const [reason, setReason] = useState("")
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["education", "forum"] })
  const onError = (e: unknown) => message.error(problemMessage(e, "error"))
  const send = useMutation({
    mutationFn: () => educationApi.reply(id, { body: reply }),
    onSuccess: async () => {
      setReply("")
      await refresh()
    },
    onError,
  })
  const hide = useMutation({
    mutationFn: (p: PostView) => educationApi.hide(p.id, reason),
    onSuccess: async () => {
      setHiding(undefined)
      setReason("")
      await refresh()
    },
    onError,
  })
  const moderate = useMutation({
    mutationFn: (a: { p: PostView; action: "unhide" | "feature" | "unfeature" }) =>
      a.action === "unhide"
        ? educationApi.unhide(a.p.id)
        : educationApi.feature(a.p.id, a.action === "feature"),
    onSuccess: refresh,
    onError,
  })
  if (thread.error) return <ErrorState error={thread.error} onRetry={() => thread.refetch()} />
  if (!thread.data) return <Loading />
  const { moderator } = thread.data
  const actions = (p: PostView) =>
    !moderator
      ? []
      : [
          p.hidden ? (
            <Button key="unhide" size="small" onClick={() => moderate.mutate({ p, action: "unhide" })}>
              {t("education.unhide")}
            </Button>
          ) : (
            <Button key="hide" size="small" danger onClick={() => setHiding(p)} data-testid="forum-hide">
              {t("education.hide")}
            </Button>
          ),
          ...(p.threadId === null
            ? [
                <Button
                  key="feature"
                  size="small"
                  onClick={() => moderate.mutate({ p, action: p.featured ? "unfeature" : "feature" })}
                >
                  {p.featured ? t("education.unfeature") : t("education.feature")}
                </Button>,
              ]
            : []),
        ]
  const body = (p: PostView) => (
    <>
      <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{p.body}</Typography.Paragraph>
      {p.attachments.map((a) => (
        <div key={a.id}>
          <a href={educationExports.attachment(a.id)}>
            📎 {a.filename}（{Math.ceil(a.size / 1024)} KB）
          </a>
        </div>
      ))}
      <PostMeta p={p} />
    </>
  )
  const th = thread.data.thread
  return (
    <Page
      title={th.title}
      extra={<Button onClick={() => navigate("/education/forum")}>{t("education.back")}</Button>}
    >
      <Card size="small" actions={actions(th)} style={{ marginBottom: 16 }} data-testid="thread-card">
        {body(th)}
      </Card>
      <List
        dataSource={[...thread.data.replies]}
        renderItem={(p) => (
          <List.Item key={p.id} actions={actions(p)}>
            <div style={{ minWidth: 0 }}>{body(p)}</div>
          </List.Item>
        )}
      />
      <Flex vertical gap={8} style={{ marginTop: 16 }}>
        <Input.TextArea
          value={reply}
          onChange={(e) => setReply(e.target.value)}
          maxLength={20000}
          autoSize={{ minRows: 3 }}
        />
        <Button
          type="primary"
          disabled={!reply.trim()}
          loading={send.isPending}
          onClick={() => send.mutate()}
          style={{ alignSelf: "flex-start" }}
        >
          {t("education.reply")}
        </Button>
      </Flex>
      <Modal
        open={hiding !== undefined}
        title={t("education.hide")}
        onCancel={() => setHiding(undefined)}
        okButtonProps={{ disabled: !reason.trim(), danger: true, "data-testid": "forum-hide-ok" } as never}
        onOk={() => hiding && hide.mutate(hiding)}
        confirmLoading={hide.isPending}
      >
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t("education.hideReason")}
          maxLength={500}
          data-testid="forum-hide-reason"
        />
      </Modal>
    </Page>
  )
}

export default ThreadPage
