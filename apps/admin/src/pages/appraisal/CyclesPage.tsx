import { DownloadOutlined, KeyOutlined, PlusOutlined } from "@ant-design/icons"
import { useQuery, useQueryClient } from "@tanstack/react-query"
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  InputNumber,
  Modal,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from "antd"
import type { ColumnsType } from "antd/es/table"
import ReactEChartsCore from "echarts-for-react/esm/core"
import { useState } from "react"
import { Link, useSearchParams } from "react-router-dom"
import { FormModal } from "../../components/FormModal"
import { OrgPicker } from "../../components/OrgPicker"
import { useProblemForm } from "../../components/useProblemForm"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import { useSession } from "../../shell/auth"
import { Page } from "../../shell/Page"
import { ErrorState, Loading } from "../../shell/states"
import { appraisalApi, type CycleSummary, type IssuedCodes } from "./api"
import { echarts } from "./charts"
import { Hinted, useCycleFigures } from "./figures"
import { gradeList } from "./grades"

const OpenCycle = ({ open, onClose, year }: { open: boolean; onClose: () => void; year: number }) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ orgId: string; year: number }>()
  const save = useProblemForm({
    form,
    fields: ["orgId", "year"] as const,
    onClose: () => {
      form.resetFields()
      onClose()
    },
    send: (v: { orgId: string; year: number }) => appraisalApi.open(v),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["appraisal"] })
      message.success(t("appraisal.opened"))
    },
  })
  return (
    <FormModal state={save} open={open} title={t("appraisal.open")}>
      <Form form={form} layout="vertical" initialValues={{ year }}>
        <Form.Item
          name="orgId"
          label={t("appraisal.org")}
          rules={[{ required: true, message: t("appraisal.orgRequired") }]}
        >
          <OrgPicker testId="open-cycle-org" preselectBranch />
        </Form.Item>
        <Form.Item name="year" label={t("appraisal.year")} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
      </Form>
    </FormModal>
  )
}

/** The one-time codes, shown once as a printable list. */
const Codes = ({ codes, onClose }: { codes: IssuedCodes | undefined; onClose: () => void }) => {
  const { t } = useI18n()
  return (
    <Modal
      open={codes !== undefined}
      onCancel={onClose}
      title={codes?.orgName}
      footer={<Button onClick={() => window.print()}>{t("appraisal.print")}</Button>}
      width={640}
    >
      <p>{t("appraisal.issued", { expires: codes?.expiresOn ?? "" })}</p>
      <Table
        size="small"
        pagination={false}
        rowKey="memberId"
        dataSource={codes?.items ?? []}
        data-testid="activation-codes"
        columns={[
          { title: t("appraisal.name"), dataIndex: "name" },
          { title: t("appraisal.username"), dataIndex: "username" },
          { title: t("appraisal.code"), dataIndex: "code", render: (c: string) => <code>{c}</code> },
        ]}
      />
    </Modal>
  )
}

const ResultsChart = ({ year, orgId }: { year: number; orgId: string | undefined }) => {
  const { t } = useI18n()
  const results = useQuery({
    queryKey: ["appraisal", "results", year, orgId],
    queryFn: () => appraisalApi.results({ year, orgId }),
  })
  if (results.isLoading) return <Loading />
  if (results.isError) return <ErrorState error={results.error} />
  const data = results.data
  if (!data || data.branches.length === 0) return null
  // With no grade given yet a donut of four zeros would split into four equal parts: say so instead.
  const anyGrade = gradeList.some((g) => data.totals[g] > 0)
  const names = gradeList.map((g) => t(`appraisal.grade.${g}`))
  const colors = ["#c8161d", "#389e0d", "#faad14", "#8c8c8c"]
  if (!anyGrade)
    return (
      <Card size="small" title={`${t("appraisal.results")} · ${year}`} style={{ marginBottom: 16 }}>
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t("appraisal.noResults")}
          data-testid="appraisal-results"
        />
      </Card>
    )
  const bars = {
    color: colors,
    tooltip: { trigger: "axis" },
    legend: { data: names, bottom: 0 },
    grid: { left: 8, right: 8, top: 10, bottom: 40, containLabel: true },
    xAxis: { type: "value" },
    yAxis: {
      type: "category",
      data: data.branches.map((b) => b.orgName),
      axisLabel: { width: 110, overflow: "truncate" },
    },
    series: gradeList.map((g, i) => ({
      name: names[i],
      type: "bar",
      stack: "grades",
      data: data.branches.map((b) => b.grades[g]),
    })),
  }
  const pie = {
    color: colors,
    tooltip: { trigger: "item" },
    legend: { bottom: 0 },
    series: [
      {
        type: "pie",
        radius: ["35%", "65%"],
        data: gradeList.map((g, i) => ({ name: names[i], value: data.totals[g] })),
      },
    ],
  }
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="appraisal-results">
      <Col xs={24} lg={16}>
        <Card size="small" title={t("appraisal.results")}>
          <ReactEChartsCore
            echarts={echarts}
            option={bars}
            style={{ height: Math.max(220, data.branches.length * 26 + 70) }}
            notMerge
          />
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title={`${year}`}>
          <ReactEChartsCore echarts={echarts} option={pie} style={{ height: 260 }} notMerge />
        </Card>
      </Col>
    </Row>
  )
}

const CyclesPage = () => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const { session } = useSession()
  const [params, setParams] = useSearchParams()
  const orgId = params.get("orgId") ?? undefined
  const year = Number(params.get("year") ?? new Date().getFullYear())
  const [opening, setOpening] = useState(false)
  const [codes, setCodes] = useState<IssuedCodes | undefined>()
  const cycles = useQuery({
    queryKey: ["appraisal", "cycles", orgId, year],
    queryFn: () => appraisalApi.cycles({ orgId, year }),
  })
  const canRun = session?.user.role !== "auditor"
  const figures = useCycleFigures()
  const columns: ColumnsType<CycleSummary> = [
    {
      title: t("appraisal.org"),
      dataIndex: "orgName",
      render: (n: string, c) => <Link to={`/appraisal/cycles/${c.id}`}>{n}</Link>,
    },
    { title: t("appraisal.year"), dataIndex: "year", width: 70 },
    {
      title: t("appraisal.status"),
      dataIndex: "state",
      render: (s: string) => (
        <Tag color={s === "confirmed" ? "green" : s === "proposed" ? "blue" : "orange"}>
          {t(`appraisal.state.${s}` as "appraisal.state.open")}
        </Tag>
      ),
    },
    {
      title: <Hinted label="appraisal.participants" hint="appraisal.progressHint" />,
      render: (_: unknown, c) => figures.progress(c),
    },
    {
      title: <Hinted label="appraisal.cap" hint="appraisal.capHint" />,
      render: (_: unknown, c) => (
        <Space direction="vertical" size={0}>
          <span data-testid="cycle-cap-draft">{figures.draft(c)}</span>
          <span data-testid="cycle-cap-use">{figures.cap(c)}</span>
          {c.ungraded > 0 && c.state === "open" ? (
            <Typography.Text type="secondary">
              {t("appraisal.ungradedCount", { n: c.ungraded })}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t("appraisal.results"),
      render: (_: unknown, c) =>
        gradeList.map((g) => `${t(`appraisal.grade.${g}`)}${c.grades[g]}`).join(" · "),
    },
    ...(canRun
      ? [
          {
            title: "",
            render: (_: unknown, c: CycleSummary) =>
              c.state === "open" ? (
                <Button
                  size="small"
                  icon={<KeyOutlined />}
                  data-testid={`issue-${c.orgId}`}
                  onClick={async () => {
                    try {
                      setCodes(await appraisalApi.issue(c.orgId))
                    } catch (e) {
                      message.error(String(e))
                    }
                  }}
                >
                  {t("appraisal.issue")}
                </Button>
              ) : null,
          },
        ]
      : []),
  ]
  return (
    <Page
      title={t("appraisal.title")}
      extra={
        <Space wrap>
          <OrgPicker
            value={orgId}
            allowClear
            onChange={(v) => setParams({ ...(v ? { orgId: v } : {}), year: String(year) })}
          />
          <InputNumber
            min={2000}
            max={2100}
            value={year}
            aria-label={t("appraisal.year")}
            onChange={(v) => v && setParams({ ...(orgId ? { orgId } : {}), year: String(v) })}
          />
          <Button icon={<DownloadOutlined />} href={appraisalApi.resultsXlsx(year)}>
            {t("appraisal.export")}
          </Button>
          {canRun && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setOpening(true)}
              data-testid="open-cycle"
            >
              {t("appraisal.open")}
            </Button>
          )}
        </Space>
      }
    >
      <ResultsChart year={year} orgId={orgId} />
      {cycles.isLoading ? (
        <Loading />
      ) : cycles.isError ? (
        <ErrorState error={cycles.error} />
      ) : (
        <XfTable<CycleSummary>
          rowKey="id"
          columns={columns}
          dataSource={cycles.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t("appraisal.empty") }}
        />
      )}
      <OpenCycle open={opening} onClose={() => setOpening(false)} year={year} />
      <Codes codes={codes} onClose={() => setCodes(undefined)} />
    </Page>
  )
}

export default CyclesPage
