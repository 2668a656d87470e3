import { DownloadOutlined } from "@ant-design/icons"
import { useQuery } from "@tanstack/react-query"
import type { StudyStatistics } from "@xianfeng/api/contract/education"
import { App, Button, Card, Col, Empty, Flex, InputNumber, Row, Statistic, Typography } from "antd"
import type { ColumnsType } from "antd/es/table"
import ReactEChartsCore from "echarts-for-react/esm/core"
import { useState } from "react"
import { Link } from "react-router-dom"
import { OrgPicker } from "../../components/OrgPicker"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import { Page } from "../../shell/Page"
import { ErrorState, Loading, problemMessage } from "../../shell/states"
import { download, educationApi, educationExports } from "./api"
import { echarts } from "./charts"
import { formatHours } from "./hours"

type Below = StudyStatistics["below"][number]
type OrgRow = StudyStatistics["byOrg"][number]

/**
 * Study statistics of the caller's scope for a year: person-times and hours by month, each organization's share at
 * the minimum (in the order of the tree, never sorted by it), and who is below — for those who organize their
 * study, by organization and name, never as a ranking.
 */
const StatisticsPage = () => {
  const { t, locale } = useI18n()
  const { message } = App.useApp()
  const [year, setYear] = useState(new Date().getFullYear())
  const [orgId, setOrgId] = useState<string | undefined>()
  const stats = useQuery({
    queryKey: ["education", "statistics", year, orgId],
    queryFn: () => educationApi.statistics({ year, orgId }),
  })
  const s = stats.data
  const share = (o: { members: number; meeting: number; exempt: number }) =>
    o.members - o.exempt === 0 ? 1 : o.meeting / (o.members - o.exempt)
  const monthOption = s && {
    tooltip: { trigger: "axis" },
    legend: { data: [t("education.personTimes"), t("education.hours")], top: 0 },
    grid: { left: 40, right: 40, top: 36, bottom: 24 },
    xAxis: { type: "category", data: s.byMonth.map((m) => `${m.month}`) },
    yAxis: [{ type: "value" }, { type: "value" }],
    series: [
      { name: t("education.personTimes"), type: "bar", data: s.byMonth.map((m) => m.personTimes) },
      {
        name: t("education.hours"),
        type: "line",
        yAxisIndex: 1,
        data: s.byMonth.map((m) => m.hours),
        tooltip: { valueFormatter: (v: number) => formatHours(v) },
      },
    ],
  }
  const orgs = s?.byOrg ?? []
  const orgOption = {
    tooltip: { trigger: "axis", valueFormatter: (v: number) => `${v}%` },
    grid: { left: 10, right: 20, top: 10, bottom: 10, containLabel: true },
    xAxis: { type: "value", max: 100 },
    yAxis: {
      type: "category",
      inverse: true,
      data: orgs.map((o) => o.orgName),
      axisLabel: { width: 120, overflow: "truncate" },
    },
    series: [
      {
        type: "bar",
        data: orgs.map((o) => Math.round(share(o) * 1000) / 10),
        itemStyle: { color: "#389e0d" },
      },
    ],
  }
  const belowColumns: ColumnsType<Below> = [
    { title: t("education.memberOrg"), dataIndex: "orgName", ellipsis: true },
    {
      title: t("education.name"),
      dataIndex: "name",
      render: (n: string, b: Below) => <Link to={`/education/members/${b.memberId}`}>{n}</Link>,
    },
    {
      title: t("education.totalHours"),
      dataIndex: "hours",
      width: 100,
      render: (h: number) => formatHours(h),
    },
    { title: "", dataIndex: "messages", render: (m: string[]) => m.join("；") },
  ]
  const orgColumns: ColumnsType<OrgRow> = [
    { title: t("education.memberOrg"), dataIndex: "orgName", ellipsis: true },
    { title: t("education.members"), dataIndex: "members", width: 90 },
    { title: t("education.meetingMin"), dataIndex: "meeting", width: 90 },
    { title: t("education.exemptCount"), dataIndex: "exempt", width: 90 },
    { title: t("education.personTimes"), dataIndex: "personTimes", width: 90 },
  ]
  return (
    <Page
      title={t("education.statistics")}
      extra={
        <Flex gap={8} wrap>
          <InputNumber
            value={year}
            min={2000}
            max={2100}
            onChange={(v) => v && setYear(v)}
            addonBefore={t("education.year")}
          />
          <OrgPicker value={orgId} allowClear onChange={setOrgId} testId="stats-org" preselectBranch />
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              download(educationExports.ledger(year, orgId), locale, `study-hours-${year}.xlsx`).catch((e) =>
                message.error(problemMessage(e, "error")),
              )
            }
          >
            {t("education.exportLedger")}
          </Button>
        </Flex>
      }
    >
      {stats.error ? (
        <ErrorState error={stats.error} onRetry={() => stats.refetch()} />
      ) : !s ? (
        <Loading />
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}>
                <Statistic title={t("education.members")} value={s.members} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t("education.share")}
                  value={Math.round(share(s) * 1000) / 10}
                  suffix="%"
                  data-testid="stats-share"
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t("education.personTimes")} value={s.personTimes} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t("education.exemptCount")} value={s.exempt} />
              </Col>
            </Row>
          </Card>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t("education.byMonth")}>
                {monthOption && (
                  <ReactEChartsCore echarts={echarts} option={monthOption} style={{ height: 260 }} notMerge />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={`${t("education.byOrg")}（${t("education.share")}）`}>
                {orgs.length === 0 ? (
                  <Empty />
                ) : (
                  <ReactEChartsCore
                    echarts={echarts}
                    option={orgOption}
                    style={{ height: Math.min(600, Math.max(200, orgs.length * 22 + 40)) }}
                    notMerge
                  />
                )}
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t("education.below")} style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary">{t("education.belowHint")}</Typography.Paragraph>
            <XfTable<Below>
              rowKey="memberId"
              columns={belowColumns}
              dataSource={[...s.below]}
              pagination={{ pageSize: 20 }}
              locale={{ emptyText: t("education.noneBelow") }}
            />
          </Card>
          <Card size="small" title={t("education.byOrg")}>
            <XfTable<OrgRow>
              rowKey="orgId"
              columns={orgColumns}
              dataSource={[...orgs]}
              pagination={{ pageSize: 20 }}
            />
          </Card>
        </>
      )}
    </Page>
  )
}

export default StatisticsPage
