import { useQuery } from "@tanstack/react-query"
import type { LedgerEntryView } from "@xianfeng/api/contract/care"
import { Drawer, Space, Tag, Timeline, Typography } from "antd"
import type { ColumnsType } from "antd/es/table"
import { useState } from "react"
import { useSearchParams } from "react-router-dom"
import { DateInput } from "../../components/DateInput"
import { OrgPicker } from "../../components/OrgPicker"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import type { MessageKey } from "../../i18n/messages"
import { Page } from "../../shell/Page"
import { ErrorState } from "../../shell/states"
import { careApi, careExports } from "./api"
import { ReasonExport } from "./ReasonExport"

const History = ({
  entry,
  onClose,
}: {
  readonly entry: LedgerEntryView | undefined
  readonly onClose: () => void
}) => {
  const { t } = useI18n()
  const history = useQuery({
    queryKey: ["care", "history", entry?.entryId],
    queryFn: () => careApi.ledgerHistory(entry?.entryId as string),
    enabled: entry !== undefined,
  })
  return (
    <Drawer
      open={entry !== undefined}
      onClose={onClose}
      title={`${t("care.history")}：${entry?.name ?? ""}`}
      width="min(480px, 100vw)"
    >
      <Timeline
        items={(history.data?.items ?? []).map((e) => ({
          children: (
            <Space direction="vertical" size={0}>
              <Typography.Text strong>
                {e.onDate} {t(`care.kind.${e.kind}` as MessageKey)}
              </Typography.Text>
              <Typography.Text>{e.reason}</Typography.Text>
              {e.detail ? <Typography.Text type="secondary">{e.detail}</Typography.Text> : null}
            </Space>
          ),
        }))}
      />
    </Drawer>
  )
}

/** 关怀台账: the ledger as of any day (a replay of its events), each entry's history, and the export. */
const LedgerPage = () => {
  const { t } = useI18n()
  const [params, setParams] = useSearchParams()
  const orgId = params.get("orgId") ?? undefined
  const asOf = params.get("asOf") ?? undefined
  const [open, setOpen] = useState<LedgerEntryView | undefined>()
  const ledger = useQuery({
    queryKey: ["care", "ledger", orgId, asOf],
    queryFn: () => careApi.ledger({ orgId, asOf }),
  })
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params)
    if (v === undefined || v === "") next.delete(k)
    else next.set(k, v)
    setParams(next, { replace: true })
  }
  const columns: ColumnsType<LedgerEntryView> = [
    { title: t("care.name"), dataIndex: "name", width: 110 },
    { title: t("care.org"), dataIndex: "orgName", ellipsis: true },
    {
      title: t("care.category"),
      dataIndex: "category",
      render: (c: string) => <Tag>{t(`care.cat.${c}` as MessageKey)}</Tag>,
    },
    { title: t("care.openedOn"), dataIndex: "openedOn", width: 110 },
    { title: t("care.confirmedOn"), dataIndex: "confirmedOn", width: 110 },
    {
      title: t("care.detail"),
      dataIndex: "detail",
      render: (d: string | null) =>
        d ??
        (ledger.data?.detailShown ? (
          ""
        ) : (
          <Typography.Text type="secondary">{t("care.detailHidden")}</Typography.Text>
        )),
    },
  ]
  return (
    <Page
      title={t("care.ledger")}
      extra={
        <ReasonExport
          path={(reason) => careExports.ledger(reason, asOf, orgId)}
          fallback="care-ledger.xlsx"
        />
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
        <DateInput
          aria-label={t("care.asOf")}
          value={asOf}
          onChange={(v) => set("asOf", v)}
          allowClear
          data-testid="care-as-of"
          style={{ width: 170 }}
        />
        <Typography.Text type="secondary">{t("care.asOfHint")}</Typography.Text>
      </Space>
      {ledger.error ? (
        <ErrorState error={ledger.error} onRetry={() => ledger.refetch()} />
      ) : (
        <XfTable<LedgerEntryView>
          rowKey="entryId"
          columns={columns}
          dataSource={ledger.data?.items ?? []}
          loading={ledger.isLoading}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          onRow={(r) => ({ onClick: () => setOpen(r) })}
          locale={{ emptyText: t("care.empty") }}
          data-testid="care-ledger"
        />
      )}
      <History entry={open} onClose={() => setOpen(undefined)} />
    </Page>
  )
}

export default LedgerPage
