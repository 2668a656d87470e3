import { useQuery, useQueryClient } from "@tanstack/react-query"
import type { ArrearsView, DuesRowView } from "@xianfeng/api/contract/care"
import { Alert, App, Button, Form, InputNumber, Select, Space, Tabs, Tag, Typography } from "antd"
import type { ColumnsType } from "antd/es/table"
import { useState } from "react"
import { useSearchParams } from "react-router-dom"
import { FormModal } from "../../components/FormModal"
import { OrgPicker } from "../../components/OrgPicker"
import { useProblemForm } from "../../components/useProblemForm"
import { useServerPages } from "../../components/useServerPages"
import { XfTable } from "../../components/XfTable"
import { fenOfChecked, yuanMessages, yuanRule, yuanText } from "../../components/yuan"
import { useI18n } from "../../i18n/I18nProvider"
import { useSession } from "../../shell/auth"
import { Page } from "../../shell/Page"
import { ErrorState } from "../../shell/states"
import { careApi, careExports, yuan } from "./api"
import { RecordReduction, SetAssessment } from "./OrganizeForms"
import { ReasonExport } from "./ReasonExport"

type ArrearsRow = ArrearsView["items"][number]

interface PaymentForm {
  month: string
  amountYuan: string
}

/** 缴纳: one month's dues of a member, the amount what is due (whole fen; the API refuses anything else). */
const RecordPayment = ({
  row,
  onClose,
}: {
  readonly row: DuesRowView | undefined
  readonly onClose: () => void
}) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<PaymentForm>()
  const unpaid = (row?.months ?? []).filter((m) => m.dueFen > 0 && m.paidFen < m.dueFen)
  const save = useProblemForm({
    form,
    fields: ["month", "amountYuan"],
    fieldFor: (f) => (f === "amountFen" ? "amountYuan" : f),
    onClose: () => {
      form.resetFields()
      onClose()
    },
    send: (v: PaymentForm) =>
      careApi.pay({
        memberId: row?.memberId ?? "",
        month: v.month,
        amountFen: fenOfChecked(v.amountYuan),
      }),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["care"] })
      message.success(t("care.paid"))
    },
  })
  return (
    <FormModal state={save} open={row !== undefined} title={`${t("care.pay")}：${row?.name ?? ""}`}>
      <Form<PaymentForm>
        form={form}
        layout="vertical"
        onValuesChange={(changed: Partial<PaymentForm>) => {
          const m = unpaid.find((x) => x.month === changed.month)
          if (m !== undefined) form.setFieldValue("amountYuan", yuanText(m.dueFen - m.paidFen))
        }}
      >
        <Form.Item
          name="month"
          label={t("care.month")}
          rules={[{ required: true, message: t("care.required") }]}
        >
          <Select
            options={unpaid.map((m) => ({
              value: m.month,
              label: `${m.month}（${yuan(m.dueFen - m.paidFen)}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="amountYuan"
          label={t("care.amountYuan")}
          rules={[
            { required: true, message: t("care.required") },
            yuanRule(yuanMessages(t, t("care.amountYuan"))),
          ]}
        >
          <InputNumber stringMode min="0" step={1} style={{ width: "100%" }} data-testid="care-pay-amount" />
        </Form.Item>
      </Form>
    </FormModal>
  )
}

/** 党费收缴: the year's collection sheet per branch (a column per month) and the arrears list. */
const DuesPage = () => {
  const { t } = useI18n()
  const [params, setParams] = useSearchParams()
  const orgId = params.get("orgId") ?? undefined
  const year = Number(params.get("year")) || new Date().getFullYear()
  // The sheet and the arrears list a page at a time: a committee's roll is tens of thousands of members.
  const pages = useServerPages()
  const arrearsPages = useServerPages()
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params)
    if (v === undefined || v === "") next.delete(k)
    else next.set(k, v)
    setParams(next, { replace: true })
    pages.reset()
    arrearsPages.reset()
  }
  const [paying, setPaying] = useState<DuesRowView | undefined>()
  const [dialog, setDialog] = useState<"assess" | "reduce" | undefined>()
  const { session } = useSession()
  const recorder = ["district-admin", "committee-officer", "branch-secretary"].includes(
    session?.user.role ?? "",
  )
  const sheet = useQuery({
    queryKey: ["care", "dues", orgId, year, pages.page, pages.pageSize],
    queryFn: () => careApi.duesSheet({ orgId, year, page: pages.page, pageSize: pages.pageSize }),
    placeholderData: (previous) => previous,
  })
  if (!sheet.isPlaceholderData) pages.keepWithin(sheet.data?.total)
  const arrears = useQuery({
    queryKey: ["care", "arrears", orgId, year, arrearsPages.page, arrearsPages.pageSize],
    queryFn: () => careApi.arrears({ orgId, year, page: arrearsPages.page, pageSize: arrearsPages.pageSize }),
    placeholderData: (previous) => previous,
  })
  if (!arrears.isPlaceholderData) arrearsPages.keepWithin(arrears.data?.total)
  const months: ColumnsType<DuesRowView> = Array.from({ length: 12 }, (_, i) => ({
    title: `${i + 1}`,
    key: `m${i}`,
    width: 44,
    align: "center" as const,
    render: (_: unknown, r: DuesRowView) => {
      const m = r.months[i]
      if (m === undefined || m.dueFen === 0) return m?.reductionRef ? "免" : ""
      return m.paidFen >= m.dueFen ? "✓" : <Typography.Text type="danger">✗</Typography.Text>
    },
  }))
  const sheetColumns: ColumnsType<DuesRowView> = [
    { title: t("care.name"), dataIndex: "name", width: 100, fixed: "left" },
    { title: t("care.org"), dataIndex: "orgName", ellipsis: true, width: 160 },
    ...(sheet.data?.incomeShown
      ? [
          {
            title: t("care.base"),
            dataIndex: "baseFen",
            width: 110,
            render: (f: number | null) => (f === null ? "" : yuan(f)),
          },
        ]
      : []),
    {
      title: t("care.monthly"),
      dataIndex: "monthlyFen",
      width: 100,
      render: (f: number | null) => (f === null ? "" : yuan(f)),
    },
    ...months,
  ]
  const arrearsColumns: ColumnsType<ArrearsRow> = [
    { title: t("care.name"), dataIndex: "name", width: 100 },
    { title: t("care.org"), dataIndex: "orgName", ellipsis: true },
    {
      title: t("care.unpaidRun"),
      dataIndex: "consecutiveUnpaid",
      width: 130,
      render: (n: number, r) => (r.selfLapse ? <Tag color="red">{`${n} · ${t("care.selfLapse")}`}</Tag> : n),
    },
    { title: t("care.owed"), dataIndex: "owedFen", width: 110, render: (f: number) => yuan(f) },
    { title: t("care.lastPaid"), dataIndex: "lastPaid", width: 100 },
  ]
  return (
    <Page
      title={t("care.dues")}
      extra={
        <Space wrap>
          {recorder ? (
            <>
              <Button onClick={() => setDialog("assess")} data-testid="care-assess">
                {t("care.assess")}
              </Button>
              <Button onClick={() => setDialog("reduce")} data-testid="care-reduce">
                {t("care.reduce")}
              </Button>
            </>
          ) : null}
          <ReasonExport
            path={(reason) => careExports.dues(year, reason, orgId)}
            fallback={`dues-${year}.xlsx`}
          />
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <OrgPicker
          allowClear
          value={orgId}
          onChange={(v) => set("orgId", v)}
          testId="care-org"
          preselectBranch
        />
        <InputNumber
          aria-label={t("care.year")}
          min={1950}
          max={2099}
          value={year}
          onChange={(v) => set("year", v === null ? undefined : String(v))}
          addonBefore={t("care.year")}
        />
      </Space>
      {sheet.data !== undefined && !sheet.data.incomeShown ? (
        <Alert type="info" showIcon message={t("care.incomeHidden")} style={{ marginBottom: 16 }} />
      ) : null}
      <Tabs
        items={[
          {
            key: "arrears",
            label: `${t("care.arrears")}（${arrears.data?.total ?? 0}）`,
            children: arrears.error ? (
              <ErrorState error={arrears.error} />
            ) : (
              <>
                {arrears.data !== undefined && arrears.data.total > 0 ? (
                  <Typography.Paragraph type="secondary" data-testid="care-arrears-summary">
                    {t("care.arrearsSummary", {
                      selfLapse: arrears.data.selfLapse,
                      owed: yuan(arrears.data.owedFen),
                    })}
                  </Typography.Paragraph>
                ) : null}
                <XfTable<ArrearsRow>
                  rowKey="memberId"
                  columns={arrearsColumns}
                  dataSource={arrears.data?.items ?? []}
                  loading={arrears.isLoading}
                  pagination={arrearsPages.pagination(arrears.data?.total)}
                  locale={{ emptyText: t("care.empty") }}
                  data-testid="care-arrears"
                />
              </>
            ),
          },
          {
            key: "sheet",
            label: t("care.sheet"),
            children: sheet.error ? (
              <ErrorState error={sheet.error} />
            ) : (
              <XfTable<DuesRowView>
                rowKey="memberId"
                columns={sheetColumns}
                dataSource={sheet.data?.rows ?? []}
                loading={sheet.isLoading}
                scroll={{ x: 900 }}
                onRow={(r) => ({ onClick: () => setPaying(r) })}
                pagination={pages.pagination(sheet.data?.total)}
                locale={{ emptyText: t("care.empty") }}
              />
            ),
          },
        ]}
      />
      <RecordPayment row={paying} onClose={() => setPaying(undefined)} />
      <SetAssessment
        orgId={orgId}
        year={year}
        open={dialog === "assess"}
        onClose={() => setDialog(undefined)}
      />
      <RecordReduction orgId={orgId} open={dialog === "reduce"} onClose={() => setDialog(undefined)} />
    </Page>
  )
}

export default DuesPage
