import { useQuery } from "@tanstack/react-query"
import type { ArrearsView, DuesRowView } from "@xianfeng/api/contract/care"
import { Alert, InputNumber, Space, Tabs, Tag, Typography } from "antd"
import type { ColumnsType } from "antd/es/table"
import { useSearchParams } from "react-router-dom"
import { OrgPicker } from "../../components/OrgPicker"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import { Page } from "../../shell/Page"
import { ErrorState } from "../../shell/states"
import { careApi, careExports, yuan } from "./api"
import { ReasonExport } from "./ReasonExport"

type ArrearsRow = ArrearsView["items"][number]

/** 党费收缴: the year's collection sheet per branch (a column per month) and the arrears list. */
const DuesPage = () => {
  const { t } = useI18n()
  const [params, setParams] = useSearchParams()
  const orgId = params.get("orgId") ?? undefined
  const year = Number(params.get("year")) || new Date().getFullYear()
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params)
    if (v === undefined || v === "") next.delete(k)
    else next.set(k, v)
    setParams(next, { replace: true })
  }
  const sheet = useQuery({
    queryKey: ["care", "dues", orgId, year],
    queryFn: () => careApi.duesSheet({ orgId, year }),
  })
  const arrears = useQuery({
    queryKey: ["care", "arrears", orgId, year],
    queryFn: () => careApi.arrears({ orgId, year }),
  })
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
        <ReasonExport
          path={(reason) => careExports.dues(year, reason, orgId)}
          fallback={`dues-${year}.xlsx`}
        />
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <OrgPicker allowClear value={orgId} onChange={(v) => set("orgId", v)} />
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
            label: `${t("care.arrears")}（${arrears.data?.items.length ?? 0}）`,
            children: arrears.error ? (
              <ErrorState error={arrears.error} />
            ) : (
              <XfTable<ArrearsRow>
                rowKey="memberId"
                columns={arrearsColumns}
                dataSource={arrears.data?.items ?? []}
                loading={arrears.isLoading}
                pagination={{ pageSize: 20, showSizeChanger: false }}
                locale={{ emptyText: t("care.empty") }}
                data-testid="care-arrears"
              />
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
                pagination={{ pageSize: 20, showSizeChanger: false }}
                locale={{ emptyText: t("care.empty") }}
              />
            ),
          },
        ]}
      />
    </Page>
  )
}

export default DuesPage
