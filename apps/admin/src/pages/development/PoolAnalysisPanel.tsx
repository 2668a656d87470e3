import { PlusOutlined } from "@ant-design/icons"
import { useQuery, useQueryClient } from "@tanstack/react-query"
import { App, Button, Card, Flex, Form, Input, InputNumber, Select, Table, Tag, Typography } from "antd"
import { useState } from "react"
import { FormModal } from "../../components/FormModal"
import { useProblemForm } from "../../components/useProblemForm"
import { useI18n } from "../../i18n/I18nProvider"
import { ErrorState, Loading } from "../../shell/states"
import { devApi, type PoolAnalysisBody } from "./api"
import { devKeys } from "./queries"
import { verdictText } from "./verdicts"

type Values = Omit<PoolAnalysisBody, "orgId">
const formFields = ["on", "analysedBy", "activists", "problems", "measures"] as const
const statusColour = { ok: "green", due: "orange", overdue: "red" } as const

/**
 * 入党积极分子队伍状况分析 (DR 11): whether the organization analysed its activist pool in the year (ok, due
 * by 31 December, overdue), the analyses on file, and a form to record one with its problems and measures.
 */
export const PoolAnalysisPanel = ({
  orgId,
  year,
  canRecord,
}: {
  /** The organization analysed; the caller's own when undefined. */
  readonly orgId: string | undefined
  readonly year: number
  readonly canRecord: boolean
}) => {
  const { t, locale } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm<Values>()
  const query = useQuery({
    queryKey: devKeys.poolAnalysis(orgId, year),
    queryFn: () => devApi.poolAnalysis(orgId, year),
  })
  const save = useProblemForm({
    form,
    fields: formFields,
    onClose: () => {
      form.resetFields()
      setOpen(false)
    },
    send: (v: Values) =>
      devApi.recordPoolAnalysis({
        ...v,
        orgId: query.data?.orgId ?? orgId ?? "",
        problems: v.problems.trim(),
        measures: v.measures.trim(),
      }),
    onSaved: async (status) => {
      queryClient.setQueryData(devKeys.poolAnalysis(orgId, status.year), status)
      await queryClient.invalidateQueries({ queryKey: ["development", "pool-analysis"] })
      message.success(t("dev.pool.saved"))
    },
  })

  if (query.error) return <ErrorState error={query.error} onRetry={() => query.refetch()} />
  if (!query.data) return <Loading />
  const s = query.data
  return (
    <Card
      size="small"
      title={t("dev.pool.title", { org: s.orgName, year: s.year })}
      data-testid="pool-analysis"
      extra={
        canRecord ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setOpen(true)}
            data-testid="pool-record"
          >
            {t("dev.pool.record")}
          </Button>
        ) : null
      }
    >
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Tag color={statusColour[s.status]} data-testid="pool-status" data-status={s.status}>
          {t(`dev.pool.status.${s.status}`)}
        </Tag>
        <Typography.Text type="secondary">{verdictText(s.verdict, locale)}</Typography.Text>
      </Flex>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={[...s.analyses]}
        locale={{ emptyText: t("dev.pool.none") }}
        columns={[
          { title: t("dev.pool.on"), dataIndex: "on", width: 120 },
          {
            title: t("dev.pool.analysedBy"),
            dataIndex: "analysedBy",
            width: 160,
            render: (v: Values["analysedBy"]) => t(`dev.pool.by.${v}`),
          },
          { title: t("dev.pool.activists"), dataIndex: "activists", width: 110 },
          { title: t("dev.pool.problems"), dataIndex: "problems" },
          { title: t("dev.pool.measures"), dataIndex: "measures" },
        ]}
      />
      <FormModal state={save} open={open} title={t("dev.pool.record")} okTestId="pool-submit">
        <Form<Values> form={form} layout="vertical" requiredMark>
          <Form.Item
            name="on"
            label={t("dev.pool.on")}
            rules={[{ required: true, message: t("dev.pool.required") }]}
          >
            <Input type="date" data-testid="pool-on" style={{ maxWidth: 220 }} />
          </Form.Item>
          <Form.Item
            name="analysedBy"
            label={t("dev.pool.analysedBy")}
            initialValue="grassroots-committee"
            rules={[{ required: true, message: t("dev.pool.required") }]}
          >
            <Select
              options={(["grassroots-committee", "county-org-department"] as const).map((v) => ({
                value: v,
                label: t(`dev.pool.by.${v}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="activists"
            label={t("dev.pool.activists")}
            rules={[{ required: true, message: t("dev.pool.required") }]}
          >
            <InputNumber min={0} precision={0} data-testid="pool-activists" />
          </Form.Item>
          <Form.Item
            name="problems"
            label={t("dev.pool.problems")}
            rules={[{ required: true, whitespace: true, message: t("dev.pool.required") }]}
          >
            <Input.TextArea rows={2} maxLength={2000} data-testid="pool-problems" />
          </Form.Item>
          <Form.Item
            name="measures"
            label={t("dev.pool.measures")}
            rules={[{ required: true, whitespace: true, message: t("dev.pool.required") }]}
          >
            <Input.TextArea rows={2} maxLength={2000} data-testid="pool-measures" />
          </Form.Item>
        </Form>
      </FormModal>
    </Card>
  )
}
