import { useQuery } from "@tanstack/react-query"
import type { FirstItemLedger } from "@xianfeng/api/contract/education"
import { Card, Flex, Input, Tag } from "antd"
import type { ColumnsType } from "antd/es/table"
import { useState } from "react"
import { OrgPicker } from "../../components/OrgPicker"
import { useServerPages } from "../../components/useServerPages"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import { Page } from "../../shell/Page"
import { ErrorState, Loading } from "../../shell/states"
import { educationApi } from "./api"

type Line = FirstItemLedger["lines"][number]
type Row = FirstItemLedger["compliance"][number]

/** 第一议题台账: what each meeting studied first, and per organization how many of the meetings that must, did. */
const FirstItemPage = () => {
  const { t } = useI18n()
  const [orgId, setOrgId] = useState<string | undefined>()
  const [from, setFrom] = useState<string>(`${new Date().getFullYear()}-01-01`)
  const [to, setTo] = useState<string | undefined>()
  // The lines come a page at a time (a province committee's year is some 100,000 meetings); another organization
  // or window starts again at the first page.
  const pages = useServerPages()
  const { page, pageSize } = pages
  const ledger = useQuery({
    queryKey: ["education", "first-item", orgId, from, to, page, pageSize],
    queryFn: () => educationApi.firstItem({ orgId, from, ...(to ? { to } : {}), page, pageSize }),
    // The page on screen stays while the next page loads; another organization's or window's does not.
    placeholderData: (previous, query) =>
      query?.queryKey.slice(2, 5).join() === [orgId, from, to].join() ? previous : undefined,
  })
  const lineColumns: ColumnsType<Line> = [
    { title: t("education.date"), dataIndex: "date", width: 110 },
    { title: t("education.memberOrg"), dataIndex: "orgName", ellipsis: true },
    { title: t("education.fiTopic"), dataIndex: "topic" },
    { title: t("education.fiForm"), dataIndex: "form", width: 120 },
  ]
  const rowColumns: ColumnsType<Row> = [
    { title: t("education.memberOrg"), dataIndex: "orgName", ellipsis: true },
    { title: t("education.fiRequired"), dataIndex: "required", width: 100 },
    { title: t("education.fiOpened"), dataIndex: "opened", width: 90 },
    {
      title: "",
      dataIndex: "message",
      render: (m: string, r: Row) => <Tag color={r.status === "ok" ? "green" : "orange"}>{m}</Tag>,
    },
  ]
  return (
    <Page
      title={t("education.firstItem")}
      extra={
        <Flex gap={8} wrap>
          <OrgPicker
            value={orgId}
            allowClear
            onChange={(v) => {
              setOrgId(v)
              pages.reset()
            }}
            testId="fi-org"
            preselectBranch
          />
          <Input
            type="date"
            value={from}
            onChange={(e) => {
              setFrom(e.target.value)
              pages.reset()
            }}
            aria-label={t("education.from")}
            style={{ width: 150 }}
          />
          <Input
            type="date"
            value={to ?? ""}
            onChange={(e) => {
              setTo(e.target.value || undefined)
              pages.reset()
            }}
            aria-label={t("education.to")}
            style={{ width: 150 }}
          />
        </Flex>
      }
    >
      {ledger.error ? (
        <ErrorState error={ledger.error} onRetry={() => ledger.refetch()} />
      ) : !ledger.data ? (
        <Loading />
      ) : (
        <>
          <Card size="small" title={t("education.firstItem")} style={{ marginBottom: 16 }}>
            <XfTable<Line>
              rowKey="meetingId"
              columns={lineColumns}
              dataSource={[...ledger.data.lines]}
              loading={ledger.isFetching}
              data-testid="fi-lines"
              pagination={pages.pagination(ledger.data.linesTotal)}
            />
          </Card>
          <Card size="small" title={t("education.fiCompliance")}>
            <XfTable<Row>
              rowKey="orgId"
              data-testid="fi-compliance"
              columns={rowColumns}
              dataSource={[...ledger.data.compliance]}
              pagination={{ pageSize: 20 }}
            />
          </Card>
        </>
      )}
    </Page>
  )
}

export default FirstItemPage
