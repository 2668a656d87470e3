import { BarChartOutlined, FileExcelOutlined, WarningOutlined } from "@ant-design/icons"
import { useQuery } from "@tanstack/react-query"
import {
  App,
  Badge,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  List,
  Row,
  Space,
  Statistic,
  Tag,
  Typography,
} from "antd"
import { useState } from "react"
import { Link, useNavigate, useSearchParams } from "react-router-dom"
import { stages } from "../../api/types"
import { OrgPicker } from "../../components/OrgPicker"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import { Page } from "../../shell/Page"
import { ErrorState, Loading, problemMessage } from "../../shell/states"
import { devApi, download, exportUrls } from "./api"
import { byUrgency, DueText } from "./attention"
import { NewApplicant } from "./NewApplicant"
import { devKeys } from "./queries"
import type { Pipeline, PipelineItem } from "./types"

const stageColor: Readonly<Record<string, string>> = {
  applicant: "#8c8c8c",
  activist: "#1677ff",
  "development-object": "#fa8c16",
  probationary: "#c8161d",
  full: "#a8071a",
}

const AttentionTable = ({ pipeline }: { readonly pipeline: Pipeline }) => {
  const { t } = useI18n()
  const navigate = useNavigate()
  const items = byUrgency(pipeline.attention)
  return (
    <XfTable<PipelineItem>
      data-testid="attention"
      size="small"
      rowKey={(r) => `${r.memberId}-${r.step}`}
      dataSource={items}
      pagination={items.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dev.attention.none")} />,
      }}
      onRow={(r) => ({
        onClick: () => navigate(`/development/people/${r.memberId}`),
        style: { cursor: "pointer" },
        "data-state": r.state,
      })}
      rowClassName={(r) => (r.state === "overdue" ? "xf-row-overdue" : "xf-row-due")}
      columns={[
        {
          title: t("dev.attention.state"),
          dataIndex: "state",
          width: 96,
          render: (s: string) => (
            <Tag color={s === "overdue" ? "red" : "orange"} data-state={s}>
              {t(s === "overdue" ? "dev.state.overdue" : "dev.state.due")}
            </Tag>
          ),
        },
        { title: t("dev.attention.person"), dataIndex: "name", width: 110 },
        { title: t("dev.attention.step"), dataIndex: "stepName" },
        { title: t("dev.attention.org"), dataIndex: "orgName", ellipsis: true },
        {
          title: t("dev.attention.dueBy"),
          dataIndex: "dueBy",
          width: 200,
          render: (d: string, r) => (
            <Space size={8}>
              <span className="mono">{d}</span>
              <DueText item={r} asOf={pipeline.asOf} />
            </Space>
          ),
        },
      ]}
    />
  )
}

/** Says how many items there are in all, and that the list holds only the most urgent of them. */
const AttentionTotal = ({ pipeline }: { readonly pipeline: Pipeline }) => {
  const { t } = useI18n()
  const total = pipeline.attentionTotal ?? pipeline.attention.length
  const counts = pipeline.attentionCounts
  return (
    <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }} data-testid="attention-total">
      {counts
        ? t("dev.attention.totals", {
            total: total.toLocaleString(),
            overdue: counts.overdue.toLocaleString(),
            due: counts.due.toLocaleString(),
          })
        : null}
      {total > pipeline.attention.length
        ? ` ${t("dev.attention.capped", { shown: pipeline.attention.length.toLocaleString() })}`
        : ""}
    </Typography.Paragraph>
  )
}

const Board = ({ pipeline }: { readonly pipeline: Pipeline }) => {
  const { t, td } = useI18n()
  const count = new Map(pipeline.counts.map((c) => [c.stage, c.count]))
  const people = new Map(pipeline.board.map((b) => [b.stage, b.people]))
  return (
    <Row gutter={[12, 12]} wrap data-testid="board">
      {stages.map((stage) => {
        const list = people.get(stage) ?? []
        const n = count.get(stage) ?? 0
        return (
          <Col key={stage} xs={24} md={12} xl={stage === "full" ? 4 : 5}>
            <Card
              size="small"
              data-testid={`board-${stage}`}
              styles={{ header: { borderTop: `3px solid ${stageColor[stage]}` }, body: { padding: 8 } }}
              title={
                <Flex justify="space-between" align="center">
                  <span>{td(`stage.${stage}`, stage)}</span>
                  <Badge count={n.toLocaleString()} showZero color={stageColor[stage] ?? "gray"} />
                </Flex>
              }
            >
              <Statistic
                value={n}
                suffix={t(n === 1 ? "dev.board.unit.one" : "dev.board.unit.other")}
                data-testid={`count-${stage}`}
              />
              {stage === "full" ? (
                <Typography.Text type="secondary">{t("dev.board.fullHint")}</Typography.Text>
              ) : list.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dev.board.nobody")} />
              ) : (
                <List
                  size="small"
                  style={{ maxHeight: 360, overflowY: "auto" }}
                  dataSource={[...list]}
                  renderItem={(p) => (
                    <List.Item style={{ padding: "4px 4px" }}>
                      <Flex vertical style={{ minWidth: 0 }}>
                        <Link to={`/development/people/${p.memberId}`} data-testid="board-person">
                          {p.name}
                        </Link>
                        {/* Whole organization names and dates, wrapped: a cut name is a different branch. */}
                        <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: "anywhere" }}>
                          {p.orgName}
                        </Typography.Text>
                        {p.since ? (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t("dev.board.since", { date: p.since })}
                          </Typography.Text>
                        ) : null}
                      </Flex>
                    </List.Item>
                  )}
                  footer={
                    n > list.length ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t("dev.board.more", { count: n - list.length })}
                      </Typography.Text>
                    ) : undefined
                  }
                />
              )}
            </Card>
          </Col>
        )
      })}
    </Row>
  )
}

/** 发展党员: how many people stand at each stage, who they are, and what needs doing soon. */
const PipelinePage = () => {
  const { t, locale } = useI18n()
  const [search, setSearch] = useSearchParams()
  const orgId = search.get("orgId") ?? undefined
  const query = useQuery({ queryKey: devKeys.pipeline(orgId), queryFn: () => devApi.pipeline(orgId) })
  const { message } = App.useApp()
  const [exporting, setExporting] = useState(false)
  // Everyone in the pipeline stages, not only the 50 per stage the board shows.
  const exportBoard = async () => {
    setExporting(true)
    try {
      const name = await download(exportUrls.pipeline(orgId), locale, "development-pipeline.xlsx")
      message.success(t("dev.timeline.exported", { name }))
    } catch (e) {
      message.error(t("dev.timeline.exportFailed", { reason: problemMessage(e, String(e)) }))
    } finally {
      setExporting(false)
    }
  }
  const setOrg = (id: string | undefined) => {
    const next = new URLSearchParams(search)
    if (id) next.set("orgId", id)
    else next.delete("orgId")
    setSearch(next, { replace: true })
  }
  return (
    <Page
      title={t("dev.board.title")}
      extra={
        <Space wrap>
          <div style={{ width: 280 }}>
            <OrgPicker
              value={orgId}
              onChange={setOrg}
              allowClear
              placeholder={t("dev.board.orgAll")}
              testId="board-org"
            />
          </div>
          <Link to={`/development/analysis${orgId ? `?orgId=${encodeURIComponent(orgId)}` : ""}`}>
            <Button icon={<BarChartOutlined />} data-testid="open-analysis">
              {t("dev.board.analysis")}
            </Button>
          </Link>
          <Button
            icon={<FileExcelOutlined />}
            loading={exporting}
            onClick={exportBoard}
            data-testid="export-board"
          >
            {t("dev.board.export")}
          </Button>
          <NewApplicant orgId={orgId} />
        </Space>
      }
    >
      {query.error ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : !query.data ? (
        <Loading />
      ) : (
        <Flex vertical gap={16}>
          <Board pipeline={query.data} />
          <Card
            size="small"
            title={
              <Space>
                <WarningOutlined style={{ color: "#c8161d" }} />
                {t("dev.attention.title")}
              </Space>
            }
          >
            {/* Below the title, not in it: a card title is one line and would cut it on a phone. */}
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="attention-hint">
              {t("dev.attention.hint")}
            </Typography.Paragraph>
            <AttentionTable pipeline={query.data} />
            <AttentionTotal pipeline={query.data} />
          </Card>
        </Flex>
      )}
    </Page>
  )
}

export default PipelinePage
