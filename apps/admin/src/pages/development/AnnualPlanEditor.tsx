import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { Alert, App, Button, Card, Flex, InputNumber, Space, Tag, Typography } from "antd"
import { useEffect, useState } from "react"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import { ErrorState, Loading, problemMessage } from "../../shell/states"
import { devApi } from "./api"
import { devKeys } from "./queries"
import type { AnnualPlan } from "./types"

type Allocation = AnnualPlan["allocations"][number]

/**
 * 年度发展计划: a total for the year, the API's proposal per organization (weighted to the priority
 * groups, never more than an organization's candidates for membership) and manual changes to it. 建议分配 asks
 * the API for the split of the typed total as a dry run; only 保存 writes.
 */
export const AnnualPlanEditor = ({ year }: { readonly year: number }) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const query = useQuery({ queryKey: devKeys.annualPlan(year), queryFn: () => devApi.annualPlan(year) })
  const [total, setTotal] = useState<number>(0)
  const [edits, setEdits] = useState<ReadonlyMap<string, number>>(new Map())
  const [proposal, setProposal] = useState<AnnualPlan | undefined>(undefined)
  useEffect(() => {
    if (query.data) {
      setTotal(query.data.total)
      setEdits(new Map())
      setProposal(undefined)
    }
  }, [query.data])

  const propose = useMutation({
    mutationFn: () => devApi.proposeAnnualPlan(year, total),
    onSuccess: (plan) => {
      setProposal(plan)
      setEdits(new Map())
    },
    onError: (e) => message.error(problemMessage(e, String(e))),
  })

  const save = useMutation({
    mutationFn: (overrides: readonly { orgId: string; quota: number }[]) =>
      devApi.saveAnnualPlan({ year, total, ...(overrides.length > 0 ? { overrides: [...overrides] } : {}) }),
    onSuccess: (plan) => {
      queryClient.setQueryData(devKeys.annualPlan(year), plan)
      message.success(t("dev.annual.saved"))
    },
    onError: (e) => message.error(problemMessage(e, String(e))),
  })

  if (query.error) return <ErrorState error={query.error} onRetry={() => query.refetch()} />
  if (!query.data) return <Loading />
  const plan = proposal ?? query.data
  const quotaOf = (a: Allocation) => edits.get(a.orgId) ?? a.quota
  const sum = plan.allocations.reduce((s, a) => s + quotaOf(a), 0)
  const overrides = plan.allocations
    .filter((a) => edits.has(a.orgId) && edits.get(a.orgId) !== a.quota)
    .map((a) => ({ orgId: a.orgId, quota: quotaOf(a) }))

  return (
    <Card size="small" title={t("dev.annual.title")} data-testid="annual-plan">
      <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
        <span>{t("dev.annual.total")}</span>
        <InputNumber
          min={0}
          max={100000}
          precision={0}
          value={total}
          onChange={(v) => setTotal(v ?? 0)}
          data-testid="annual-total"
        />
        <Button onClick={() => propose.mutate()} loading={propose.isPending} data-testid="annual-propose">
          {t("dev.annual.propose")}
        </Button>
        <Button
          type="primary"
          onClick={() => save.mutate(overrides)}
          loading={save.isPending}
          data-testid="annual-save"
        >
          {t("dev.annual.save")}
        </Button>
        <Tag color={sum === total ? "green" : "orange"} data-testid="annual-sum">
          {t("dev.annual.sum", { sum, total })}
        </Tag>
        <Typography.Text type="secondary">
          {proposal
            ? t("dev.annual.proposed")
            : plan.updatedAt
              ? t("dev.annual.updatedAt", { at: new Date(plan.updatedAt).toLocaleString() })
              : t("dev.annual.notSaved")}
        </Typography.Text>
      </Flex>
      {sum !== total ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="annual-gap"
          // The tag above already shows "已分配 x / y": the alert says what to do about the difference.
          message={
            sum < total
              ? t("dev.annual.unallocated", { rest: total - sum, total })
              : t("dev.annual.overAllocated", { over: sum - total, total })
          }
        />
      ) : null}
      <XfTable<Allocation>
        size="small"
        rowKey="orgId"
        dataSource={[...plan.allocations]}
        pagination={plan.allocations.length > 15 ? { pageSize: 15, showSizeChanger: false } : false}
        columns={[
          { title: t("dev.annual.org"), dataIndex: "orgName" },
          {
            title: t("dev.annual.priorityShare"),
            dataIndex: "priorityShare",
            width: 140,
            render: (v: number) => `${Math.round(v * 1000) / 10}%`,
          },
          { title: t("dev.annual.objects"), dataIndex: "developmentObjects", width: 130 },
          {
            title: t("dev.annual.quota"),
            dataIndex: "quota",
            width: 200,
            render: (_: number, a) => (
              <Space>
                <InputNumber
                  min={0}
                  precision={0}
                  size="small"
                  value={quotaOf(a)}
                  onChange={(v) => setEdits((m) => new Map(m).set(a.orgId, v ?? 0))}
                  data-testid={`quota-${a.orgId}`}
                />
                {edits.has(a.orgId) && edits.get(a.orgId) !== a.quota ? (
                  <Tag color="blue">{t("dev.annual.edited")}</Tag>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  )
}
