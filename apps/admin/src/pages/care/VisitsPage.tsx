import { useQuery, useQueryClient } from "@tanstack/react-query"
import type { VisitPlanSummary, VisitTargetView } from "@xianfeng/api/contract/care"
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Progress,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Tag,
  Typography,
} from "antd"
import type { ColumnsType } from "antd/es/table"
import { useState } from "react"
import { DateInput } from "../../components/DateInput"
import { FormModal } from "../../components/FormModal"
import { useProblemForm } from "../../components/useProblemForm"
import { useServerPages } from "../../components/useServerPages"
import { XfTable } from "../../components/XfTable"
import { fenOfChecked, yuanMessages, yuanRule } from "../../components/yuan"
import { useI18n } from "../../i18n/I18nProvider"
import type { MessageKey } from "../../i18n/messages"
import { useSession } from "../../shell/auth"
import { Page } from "../../shell/Page"
import { ErrorState, Loading } from "../../shell/states"
import { careApi, careExports, download, yuan } from "./api"
import "./care.css"
import { MonthCalendar } from "./MonthCalendar"
import { CreateVisitPlan } from "./OrganizeForms"

interface VisitForm {
  visitedOn: string
  visitors: string
  help?: string
  amountYuan: string
}

const today = () => new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" })

/** Whom the targets table lists: everyone, those still to visit, or those visited (the API's `visited`). */
type VisitFilter = "all" | "left" | "visited"
const visitedOf = (f: VisitFilter): boolean | undefined => (f === "all" ? undefined : f === "visited")

const RecordVisit = ({
  planId,
  target,
  onClose,
}: {
  readonly planId: string
  readonly target: VisitTargetView | undefined
  readonly onClose: () => void
}) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<VisitForm>()
  const save = useProblemForm({
    form,
    fields: ["visitedOn", "visitors", "help", "amountYuan"],
    fieldFor: (f) => (f === "amountFen" ? "amountYuan" : f),
    onClose: () => {
      form.resetFields()
      onClose()
    },
    send: (v: VisitForm) =>
      careApi.recordVisit(planId, {
        targetId: target?.id ?? "",
        visitedOn: v.visitedOn,
        visitors: v.visitors
          .split(/[,，、]/)
          .map((s) => s.trim())
          .filter((s) => s !== ""),
        ...(v.help ? { help: v.help } : {}),
        // Yuan to fen exactly; a third decimal was refused by the field's rule, never rounded away.
        amountFen: fenOfChecked(v.amountYuan),
      }),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["care"] })
      message.success(t("care.visitSaved"))
    },
  })
  return (
    <FormModal
      state={save}
      open={target !== undefined}
      title={`${t("care.recordVisit")}：${target?.personName ?? ""}`}
      okTestId="care-visit-save"
    >
      <Form<VisitForm>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{ visitedOn: today(), amountYuan: "0" }}
      >
        <Form.Item
          name="visitedOn"
          label={t("care.visitedOn")}
          rules={[{ required: true, message: t("care.required") }]}
        >
          <DateInput />
        </Form.Item>
        <Form.Item
          name="visitors"
          label={t("care.visitors")}
          extra={t("care.visitorsHint")}
          rules={[{ required: true, whitespace: true, message: t("care.required") }]}
        >
          <Input maxLength={200} data-testid="care-visitors" />
        </Form.Item>
        <Form.Item
          name="amountYuan"
          label={t("care.amountYuan")}
          rules={[
            { required: true, message: t("care.required") },
            yuanRule(yuanMessages(t, t("care.amountYuan"))),
          ]}
        >
          <InputNumber stringMode min="0" step={100} style={{ width: "100%" }} data-testid="care-amount" />
        </Form.Item>
        <Form.Item name="help" label={t("care.help")}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </FormModal>
  )
}

export const PlanProgress = ({ plan }: { readonly plan: VisitPlanSummary }) => {
  const { t } = useI18n()
  return (
    <Row gutter={[12, 12]} data-testid="care-plan-progress">
      <Col xs={24} md={8}>
        <Typography.Text type="secondary">{t("care.progress")}</Typography.Text>
        <Progress
          percent={plan.targets === 0 ? 100 : Math.round((plan.visited / plan.targets) * 100)}
          {...(plan.verdict.status === "overdue" ? { status: "exception" as const } : {})}
        />
        <Typography.Text data-testid="care-plan-count">
          {plan.visited} / {plan.targets}
        </Typography.Text>
        {plan.scope === "part" ? (
          <Typography.Text type="secondary"> {t("care.ofYourScope")}</Typography.Text>
        ) : null}
      </Col>
      {plan.scope === "whole" ? (
        <>
          <Col xs={8} md={5}>
            <Statistic title={t("care.budget")} value={yuan(plan.budgetFen)} valueStyle={{ fontSize: 16 }} />
          </Col>
          <Col xs={8} md={5}>
            <Statistic title={t("care.spent")} value={yuan(plan.spentFen)} valueStyle={{ fontSize: 16 }} />
          </Col>
          <Col xs={8} md={6}>
            <Statistic
              title={t("care.remaining")}
              value={yuan(plan.remainingFen ?? 0)}
              valueStyle={{ fontSize: 16 }}
            />
          </Col>
        </>
      ) : (
        // A plan run from above: the subtree's own visits and spending, and the budget named as the plan's.
        <>
          <Col xs={12} md={8}>
            <Statistic
              title={t("care.spentHere")}
              value={yuan(plan.spentFen)}
              valueStyle={{ fontSize: 16 }}
              data-testid="care-spent-here"
            />
          </Col>
          <Col xs={12} md={8}>
            <Statistic
              title={t("care.planBudget", { org: plan.orgName })}
              value={yuan(plan.budgetFen)}
              valueStyle={{ fontSize: 16, color: "rgba(0,0,0,0.45)" }}
            />
          </Col>
        </>
      )}
      <Col span={24}>
        <Typography.Text type={plan.verdict.status === "overdue" ? "danger" : "secondary"}>
          {plan.verdict.message}
        </Typography.Text>
      </Col>
    </Row>
  )
}

/** 走访慰问: the festival plans, who must be visited and who has been, the funds, and the lunar calendar. */
const VisitsPage = () => {
  const { t, locale } = useI18n()
  const { message } = App.useApp()
  const plans = useQuery({ queryKey: ["care", "plans"], queryFn: careApi.plans })
  const [chosen, setChosen] = useState<string | undefined>()
  const planId = chosen ?? plans.data?.items[0]?.id
  // The targets come a page at a time (a province's plan names 139,665 people), filtered on the server.
  const [filter, setFilter] = useState<VisitFilter>("all")
  const pages = useServerPages()
  const { page, pageSize } = pages
  const plan = useQuery({
    queryKey: ["care", "plan", planId, filter, page, pageSize],
    queryFn: () => careApi.plan(planId as string, { page, pageSize, visited: visitedOf(filter) }),
    enabled: planId !== undefined,
    // The page on screen stays while the next page or filter loads, as QueryTable's do; another plan's does not.
    placeholderData: (previous) => (previous?.plan.id === planId ? previous : undefined),
  })
  // A visit recorded from the last page of those left can empty it: go back to the page that is now the last.
  if (!plan.isPlaceholderData) pages.keepWithin(plan.data?.total)
  const [recording, setRecording] = useState<VisitTargetView | undefined>()
  const [creating, setCreating] = useState(false)
  const { session } = useSession()
  const organizer = session?.user.role === "district-admin" || session?.user.role === "committee-officer"
  const [month, setMonth] = useState<string | undefined>()
  const shownMonth = month ?? plan.data?.plan.festivalOn.slice(0, 7) ?? today().slice(0, 7)
  const columns: ColumnsType<VisitTargetView> = [
    { title: t("care.name"), dataIndex: "personName", width: 110 },
    { title: t("care.org"), dataIndex: "orgName", ellipsis: true },
    {
      title: t("care.category"),
      dataIndex: "categories",
      render: (cs: string[]) => cs.map((c) => <Tag key={c}>{t(`care.cat.${c}` as MessageKey)}</Tag>),
    },
    { title: t("care.leader"), dataIndex: "leader", width: 100 },
    {
      title: t("care.visited"),
      key: "visit",
      render: (_: unknown, r) =>
        r.visit === null ? (
          <Button
            size="small"
            type="primary"
            data-testid={`care-visit-${r.id}`}
            onClick={() => setRecording(r)}
          >
            {t("care.recordVisit")}
          </Button>
        ) : (
          <Space direction="vertical" size={0}>
            <Tag color="green">{t("care.visited")}</Tag>
            <Typography.Text type="secondary">
              {r.visit.visitedOn} · {r.visit.visitors.join("、")} · ¥{yuan(r.visit.amountFen)}
            </Typography.Text>
          </Space>
        ),
    },
  ]
  if (plans.isLoading) return <Loading />
  if (plans.error) return <ErrorState error={plans.error} onRetry={() => plans.refetch()} />
  const p = plan.data?.plan
  return (
    <Page
      title={t("care.visits")}
      extra={
        <Space wrap>
          {organizer ? (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="care-create-plan">
              {t("care.createPlan")}
            </Button>
          ) : null}
          {planId === undefined ? null : (
            <Button
              onClick={async () => {
                try {
                  const name = await download(careExports.plan(planId), locale, "visits.xlsx")
                  message.success(`${t("care.exported")}：${name}`)
                } catch (e) {
                  message.error(String((e as Error).message))
                }
              }}
            >
              {t("care.export")}
            </Button>
          )}
        </Space>
      }
    >
      <Space direction="vertical" size={16} style={{ width: "100%" }}>
        <Select
          style={{ width: "100%", maxWidth: 480 }}
          value={planId}
          onChange={(v) => {
            setChosen(v)
            setMonth(undefined)
            pages.reset()
          }}
          options={(plans.data?.items ?? []).map((x) => ({
            value: x.id,
            label: `${x.title}（${x.festivalOn} ${x.festivalLunar}）`,
          }))}
          aria-label={t("care.plan")}
        />
        {p === undefined ? null : (
          <Card
            size="small"
            title={`${p.title} · ${t("care.festivalOn")} ${p.festivalOn}（${p.festivalLunar}） · ${t("care.deadline")} ${p.deadline}`}
          >
            <PlanProgress plan={p} />
          </Card>
        )}
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={16}>
            <Space direction="vertical" size={12} style={{ width: "100%" }}>
              <Segmented<VisitFilter>
                value={filter}
                onChange={(f) => {
                  setFilter(f)
                  pages.reset()
                }}
                options={[
                  { value: "all", label: t("care.filterAll") },
                  { value: "left", label: t("care.notVisited") },
                  { value: "visited", label: t("care.visited") },
                ]}
                aria-label={t("care.visitFilter")}
                data-testid="care-visit-filter"
              />
              {plan.error ? (
                <ErrorState error={plan.error} onRetry={() => plan.refetch()} />
              ) : (
                <XfTable<VisitTargetView>
                  rowKey="id"
                  columns={columns}
                  dataSource={[...(plan.data?.targets ?? [])]}
                  loading={plan.isFetching}
                  pagination={pages.pagination(plan.data?.total)}
                  locale={{ emptyText: plan.isLoading ? " " : t("care.empty") }}
                  data-testid="care-targets"
                />
              )}
            </Space>
          </Col>
          <Col xs={24} lg={8}>
            <MonthCalendar month={shownMonth} onMonth={setMonth} />
          </Col>
        </Row>
      </Space>
      <CreateVisitPlan open={creating} onClose={() => setCreating(false)} />
      {planId === undefined ? null : (
        <RecordVisit planId={planId} target={recording} onClose={() => setRecording(undefined)} />
      )}
    </Page>
  )
}

export default VisitsPage
