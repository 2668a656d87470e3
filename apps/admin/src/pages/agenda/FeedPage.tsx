import { CalendarOutlined, CopyOutlined, DeleteOutlined, ReloadOutlined } from "@ant-design/icons"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import type { NewFeed } from "@xianfeng/api/contract/agenda"
import { Alert, App, Button, Card, Flex, Input, Popconfirm, Space, Typography } from "antd"
import { useState } from "react"
import { useI18n } from "../../i18n/I18nProvider"
import { Page } from "../../shell/Page"
import { ErrorState, Loading, problemMessage } from "../../shell/states"
import { agendaApi, agendaKeys } from "./api"

/** The guide's page on subscribing (docs/calendar.md, served by the API at /guide). */
const HOWTO = "/guide/guide/calendar.html"

/**
 * 日历订阅: the user's iCalendar feed. The address is shown once, when it is made (only its hash is kept);
 * replacing it ends the old address at once, stopping ends it altogether.
 */
const FeedPage = () => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const status = useQuery({ queryKey: agendaKeys.feed, queryFn: agendaApi.feed })
  const [made, setMade] = useState<NewFeed | undefined>(undefined)
  const refresh = () => queryClient.invalidateQueries({ queryKey: agendaKeys.feed })
  const make = useMutation({
    mutationFn: agendaApi.makeFeed,
    onSuccess: (feed) => {
      setMade(feed)
      return refresh()
    },
    onError: (e) => message.error(problemMessage(e, t("common.loadFailed"))),
  })
  const revoke = useMutation({
    mutationFn: agendaApi.revokeFeed,
    onSuccess: () => {
      setMade(undefined)
      message.success(t("agenda.feed.revoked"))
      return refresh()
    },
    onError: (e) => message.error(problemMessage(e, t("common.loadFailed"))),
  })
  if (status.error) return <ErrorState error={status.error} onRetry={() => status.refetch()} />
  if (!status.data) return <Loading />
  const url = made === undefined ? undefined : `${window.location.origin}${made.path}`
  const copy = async () => {
    if (url === undefined) return
    try {
      await navigator.clipboard.writeText(url)
      message.success(t("agenda.feed.copied"))
    } catch {
      // Without clipboard access (plain http on an intranet) the field stays selected for Ctrl+C.
      document.querySelector<HTMLTextAreaElement>("[data-testid=feed-url]")?.select()
    }
  }
  return (
    <Page title={t("agenda.feed.title")}>
      <Card>
        <Space direction="vertical" size="middle" style={{ width: "100%" }}>
          <Typography.Paragraph style={{ margin: 0 }}>{t("agenda.feed.intro")}</Typography.Paragraph>
          <Alert type="warning" showIcon message={t("agenda.feed.privacy")} />
          {url !== undefined ? (
            <Space direction="vertical" style={{ width: "100%" }}>
              <Typography.Text strong>{t("agenda.feed.url")}</Typography.Text>
              <Flex gap={8} wrap>
                <Input.TextArea
                  readOnly
                  value={url}
                  autoSize
                  data-testid="feed-url"
                  className="mono"
                  style={{ flex: "1 1 240px", minWidth: 0, wordBreak: "break-all" }}
                  onFocus={(e) => e.target.select()}
                />
                <Space wrap>
                  <Button icon={<CopyOutlined />} onClick={copy} data-testid="feed-copy">
                    {t("agenda.feed.copy")}
                  </Button>
                  {/* webcal:// opens the device's calendar app at its subscribe dialog (phones, macOS, Outlook). */}
                  <Button href={url.replace(/^https?:/, "webcal:")} icon={<CalendarOutlined />}>
                    {t("agenda.feed.open")}
                  </Button>
                </Space>
              </Flex>
              <Typography.Text type="warning">{t("agenda.feed.shownOnce")}</Typography.Text>
            </Space>
          ) : (
            <Typography.Text data-testid="feed-status">
              {status.data.active
                ? t("agenda.feed.active", { at: new Date(status.data.createdAt ?? "").toLocaleString() })
                : t("agenda.feed.none")}
            </Typography.Text>
          )}
          <Flex gap={8} wrap>
            {status.data.active ? (
              <>
                <Popconfirm title={t("agenda.feed.confirmRotate")} onConfirm={() => make.mutate()}>
                  <Button icon={<ReloadOutlined />} loading={make.isPending} data-testid="feed-rotate">
                    {t("agenda.feed.rotate")}
                  </Button>
                </Popconfirm>
                <Popconfirm title={t("agenda.feed.confirmRevoke")} onConfirm={() => revoke.mutate()}>
                  <Button
                    danger
                    icon={<DeleteOutlined />}
                    loading={revoke.isPending}
                    data-testid="feed-revoke"
                  >
                    {t("agenda.feed.revoke")}
                  </Button>
                </Popconfirm>
              </>
            ) : (
              <Button
                type="primary"
                icon={<CalendarOutlined />}
                loading={make.isPending}
                onClick={() => make.mutate()}
                data-testid="feed-create"
              >
                {t("agenda.feed.create")}
              </Button>
            )}
          </Flex>
          <Typography.Link href={HOWTO} target="_blank">
            {t("agenda.feed.howto")}
          </Typography.Link>
        </Space>
      </Card>
    </Page>
  )
}

export default FeedPage
