import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import type { LedgerEntryView, SurveyView } from "@xianfeng/api/contract/care"
import { App, Button, Card, Popconfirm, Progress, Select, Space, Tag, Typography } from "antd"
import type { ColumnsType } from "antd/es/table"
import { useState } from "react"
import { ProblemError } from "../../api/problem"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import type { MessageKey } from "../../i18n/messages"
import { useSession } from "../../shell/auth"
import { Page } from "../../shell/Page"
import { ErrorState, Loading } from "../../shell/states"
import { AddEntry } from "./AddEntry"
import { careApi } from "./api"
import { StartSurvey } from "./OrganizeForms"

const today = () => new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" })
const dayBefore = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}
const problemText = (e: unknown) =>
  e instanceof ProblemError ? (e.problem.detail ?? e.problem.title) : String(e)

type Branch = SurveyView["branches"][number]

/** A branch's part of the survey: each entry open at the start confirmed or closed, then the branch confirms. */
const BranchReview = ({ survey, branch }: { readonly survey: SurveyView; readonly branch: Branch }) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [adding, setAdding] = useState(false)
  const start = useQuery({
    queryKey: ["care", "ledger", branch.orgId, dayBefore(survey.startsOn)],
    queryFn: () => careApi.ledger({ orgId: branch.orgId, asOf: dayBefore(survey.startsOn) }),
  })
  const now = useQuery({
    queryKey: ["care", "ledger", branch.orgId, "now"],
    queryFn: () => careApi.ledger({ orgId: branch.orgId }),
  })
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["care"] })
  const review = useMutation({
    mutationFn: (v: { entry: LedgerEntryView; kind: "confirmed" | "closed" }) =>
      careApi.ledgerEvent({
        entryId: v.entry.entryId,
        orgId: v.entry.orgId,
        kind: v.kind,
        onDate: today(),
        reason: t(v.kind === "confirmed" ? "care.reviewReason" : "care.close"),
        surveyId: survey.id,
      }),
    onSuccess: refresh,
    onError: (e) => message.error(problemText(e)),
  })
  const confirm = useMutation({
    mutationFn: () => careApi.confirmSurvey(survey.id, branch.orgId),
    onSuccess: async () => {
      await refresh()
      message.success(t("care.branchConfirmed"))
    },
    onError: (e) => message.error(problemText(e)),
  })
  const current = new Map((now.data?.items ?? []).map((e) => [e.entryId, e]))
  const reviewedOn = (e: LedgerEntryView) => {
    const c = current.get(e.entryId)
    if (c === undefined) return "closed"
    return c.confirmedOn !== null && c.confirmedOn >= survey.startsOn ? "confirmed" : undefined
  }
  const columns: ColumnsType<LedgerEntryView> = [
    { title: t("care.name"), dataIndex: "name", width: 110 },
    {
      title: t("care.category"),
      dataIndex: "category",
      render: (c: string) => t(`care.cat.${c}` as MessageKey),
    },
    {
      title: t("care.toReview"),
      key: "review",
      render: (_: unknown, e) => {
        const done = reviewedOn(e)
        if (done !== undefined)
          return (
            <Tag color={done === "closed" ? "default" : "green"}>{t(`care.kind.${done}` as MessageKey)}</Tag>
          )
        if (branch.confirmedOn !== null) return null
        return (
          <Space wrap>
            <Button
              size="small"
              data-testid={`care-holds-${e.entryId}`}
              loading={review.isPending}
              onClick={() => review.mutate({ entry: e, kind: "confirmed" })}
            >
              {t("care.stillHolds")}
            </Button>
            <Popconfirm
              title={t("care.closeReason")}
              onConfirm={() => review.mutate({ entry: e, kind: "closed" })}
            >
              <Button size="small" danger>
                {t("care.close")}
              </Button>
            </Popconfirm>
          </Space>
        )
      },
    },
  ]
  return (
    <Card
      size="small"
      title={`${branch.orgName}：${t("care.reviewed")} ${branch.reviewed} / ${branch.entries}`}
      extra={
        branch.confirmedOn !== null ? (
          <Tag color="green">
            {t("care.branchConfirmed")} {branch.confirmedOn}
          </Tag>
        ) : (
          <Space wrap>
            <Button onClick={() => setAdding(true)}>{t("care.addEntry")}</Button>
            <Button
              type="primary"
              data-testid="care-confirm-branch"
              loading={confirm.isPending}
              onClick={() => confirm.mutate()}
            >
              {t("care.confirmBranch")}
            </Button>
          </Space>
        )
      }
    >
      {start.isLoading ? (
        <Loading />
      ) : start.error ? (
        <ErrorState error={start.error} />
      ) : (
        <XfTable<LedgerEntryView>
          rowKey="entryId"
          columns={columns}
          dataSource={start.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t("care.empty") }}
        />
      )}
      <AddEntry orgId={branch.orgId} surveyId={survey.id} open={adding} onClose={() => setAdding(false)} />
    </Card>
  )
}

/** 摸底调查: the annual survey's progress per branch; a branch reviews its entries and confirms. */
const SurveyPage = () => {
  const { t } = useI18n()
  const { session } = useSession()
  const surveys = useQuery({ queryKey: ["care", "surveys"], queryFn: careApi.surveys })
  const [chosenBranch, setChosenBranch] = useState<string | undefined>()
  const [starting, setStarting] = useState(false)
  const organizer = session?.user.role === "district-admin" || session?.user.role === "committee-officer"
  const start = organizer ? (
    <>
      <Button onClick={() => setStarting(true)} data-testid="care-start-survey">
        {t("care.startSurvey")}
      </Button>
      <StartSurvey open={starting} onClose={() => setStarting(false)} />
    </>
  ) : null
  if (surveys.isLoading) return <Loading />
  if (surveys.error) return <ErrorState error={surveys.error} onRetry={() => surveys.refetch()} />
  const survey = surveys.data?.items[0]
  if (survey === undefined)
    return (
      <Page title={t("care.survey")} extra={start}>
        <Typography.Text type="secondary">{t("care.empty")}</Typography.Text>
      </Page>
    )
  const own = survey.branches.find((b) => b.orgId === session?.user.orgId)
  const branch = own ?? survey.branches.find((b) => b.orgId === chosenBranch)
  const columns: ColumnsType<Branch> = [
    { title: t("care.branches"), dataIndex: "orgName", ellipsis: true },
    {
      title: t("care.reviewed"),
      key: "r",
      width: 120,
      render: (_: unknown, b) => `${b.reviewed} / ${b.entries}`,
    },
    {
      title: t("care.branchConfirmed"),
      key: "c",
      render: (_: unknown, b) => (
        <Tag color={b.verdict.status === "overdue" ? "red" : b.confirmedOn ? "green" : "default"}>
          {b.verdict.message}
        </Tag>
      ),
    },
  ]
  return (
    <Page title={survey.title} extra={start}>
      <Space direction="vertical" size={16} style={{ width: "100%" }}>
        <Card size="small" data-testid="care-survey-progress">
          <Typography.Text>
            {t("care.surveyDeadline")} {survey.deadline} · {t("care.confirmedBranches")}{" "}
            {survey.progress.confirmed} / {survey.progress.branches}
          </Typography.Text>
          <Progress
            percent={
              survey.progress.branches === 0
                ? 0
                : Math.round((survey.progress.confirmed / survey.progress.branches) * 100)
            }
          />
        </Card>
        {own === undefined ? (
          <Select
            showSearch
            optionFilterProp="label"
            style={{ width: "100%", maxWidth: 420 }}
            placeholder={t("care.branches")}
            value={chosenBranch}
            onChange={setChosenBranch}
            options={survey.branches.map((b) => ({ value: b.orgId, label: b.orgName }))}
          />
        ) : null}
        {branch === undefined ? null : <BranchReview survey={survey} branch={branch} />}
        {own === undefined ? (
          <XfTable<Branch>
            rowKey="orgId"
            columns={columns}
            dataSource={survey.branches}
            pagination={{ pageSize: 20, showSizeChanger: false }}
          />
        ) : null}
      </Space>
    </Page>
  )
}

export default SurveyPage
