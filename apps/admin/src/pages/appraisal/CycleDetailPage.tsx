import { useQuery, useQueryClient } from "@tanstack/react-query"
import { Alert, App, Button, Descriptions, Input, Select, Space, Tag, Tooltip } from "antd"
import type { ColumnsType } from "antd/es/table"
import { useEffect, useState } from "react"
import { useParams } from "react-router-dom"
import { ProblemError } from "../../api/problem"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import { useSession } from "../../shell/auth"
import { Page } from "../../shell/Page"
import { ErrorState, Loading } from "../../shell/states"
import { appraisalApi, type CycleDetail } from "./api"
import { gradeColor, gradeList } from "./grades"

type Participant = CycleDetail["participants"][number]
type Draft = Record<string, { grade: string; reason: string }>

const CycleDetailPage = () => {
  const { id = "" } = useParams()
  const { t } = useI18n()
  const { message } = App.useApp()
  const { session } = useSession()
  const queryClient = useQueryClient()
  const detail = useQuery({ queryKey: ["appraisal", "cycle", id], queryFn: () => appraisalApi.cycle(id) })
  const [draft, setDraft] = useState<Draft>({})
  const [problem, setProblem] = useState<string | undefined>()
  const data = detail.data
  const role = session?.user.role
  const canPropose = data?.cycle.state === "open" && role !== "auditor"
  const canConfirm =
    data?.cycle.state === "proposed" &&
    (role === "district-admin" || role === "committee-officer") &&
    session?.user.orgId !== data.cycle.orgId

  useEffect(() => {
    if (!data) return
    setDraft(
      Object.fromEntries(
        data.participants
          .filter((p) => p.graded)
          .map((p) => [
            p.memberId,
            { grade: p.confirmed ?? p.proposed ?? p.suggested ?? "qualified", reason: "" },
          ]),
      ),
    )
  }, [data])

  if (detail.isLoading) return <Loading />
  if (detail.isError || !data) return <ErrorState error={detail.error} />
  const editing = canPropose || canConfirm
  const grade = (g: string | null) =>
    g ? <Tag color={gradeColor(g)}>{t(`appraisal.grade.${g}` as "appraisal.grade.excellent")}</Tag> : "—"
  const excellentNow = Object.values(draft).filter((d) => d.grade === "excellent").length
  const columns: ColumnsType<Participant> = [
    { title: t("appraisal.name"), dataIndex: "name" },
    {
      title: t("appraisal.stage"),
      dataIndex: "stage",
      render: (s: string) => t(`appraisal.stage.${s}` as "appraisal.stage.full"),
    },
    { title: t("appraisal.self"), dataIndex: "selfGrade", render: grade },
    { title: t("appraisal.raters"), dataIndex: "raters" },
    {
      title: t("appraisal.score"),
      dataIndex: "score",
      render: (s: number | null) => (s === null ? "—" : s.toFixed(1)),
    },
    {
      title: t("appraisal.suggested"),
      render: (_: unknown, p) =>
        p.graded ? (
          <Tooltip title={p.explanation.map((v) => v.message).join("；")}>
            <span>{grade(p.suggested)}</span>
          </Tooltip>
        ) : (
          t("appraisal.notGraded")
        ),
    },
    {
      title: editing
        ? canConfirm
          ? t("appraisal.confirmed")
          : t("appraisal.proposed")
        : t("appraisal.proposed"),
      render: (_: unknown, p) => {
        if (!p.graded) return "—"
        if (!editing) return grade(p.proposed)
        const d = draft[p.memberId]
        return (
          <Space direction="vertical" size={4} style={{ width: "100%" }}>
            <Select
              size="small"
              style={{ minWidth: 120 }}
              value={d?.grade ?? null}
              data-testid={`grade-${p.memberId}`}
              onChange={(g: string) =>
                setDraft({ ...draft, [p.memberId]: { grade: g, reason: d?.reason ?? "" } })
              }
              options={gradeList.map((g) => ({ value: g, label: t(`appraisal.grade.${g}`) }))}
            />
            <Input
              size="small"
              placeholder={t("appraisal.reason")}
              value={d?.reason}
              onChange={(e) =>
                setDraft({
                  ...draft,
                  [p.memberId]: { grade: d?.grade ?? "qualified", reason: e.target.value },
                })
              }
            />
          </Space>
        )
      },
    },
    { title: t("appraisal.confirmed"), dataIndex: "confirmed", render: grade },
    {
      title: t("appraisal.explanation"),
      render: (_: unknown, p) => (
        <span style={{ fontSize: 12 }}>{p.explanation.map((v) => v.message).join("；")}</span>
      ),
    },
  ]
  const submit = async () => {
    setProblem(undefined)
    const grades = Object.entries(draft).map(([memberId, d]) => ({
      memberId,
      grade: d.grade,
      ...(d.reason.trim() ? { reason: d.reason.trim() } : {}),
    }))
    try {
      await (canConfirm ? appraisalApi.confirm(id, grades) : appraisalApi.propose(id, grades))
      await queryClient.invalidateQueries({ queryKey: ["appraisal"] })
      message.success(t("appraisal.saved"))
    } catch (e) {
      setProblem(e instanceof ProblemError ? e.problem.detail : String(e))
    }
  }
  const p = data.policy
  return (
    <Page
      title={`${data.cycle.orgName} · ${data.cycle.year}`}
      extra={
        editing && (
          <Button
            type="primary"
            onClick={submit}
            data-testid={canConfirm ? "confirm-grades" : "propose-grades"}
          >
            {canConfirm ? t("appraisal.confirm") : t("appraisal.propose")}
          </Button>
        )
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t("appraisal.status")}>
          {t(`appraisal.state.${data.cycle.state}` as "appraisal.state.open")}
        </Descriptions.Item>
        <Descriptions.Item label={t("appraisal.participants")}>
          {t("appraisal.progress", {
            self: data.cycle.selfDone,
            raters: data.cycle.ratersDone,
            n: data.cycle.participants,
          })}
        </Descriptions.Item>
        <Descriptions.Item label={t("appraisal.cap")}>
          <span data-testid="cap-rule">
            {t("appraisal.capRule", {
              num: p.capNumerator,
              den: p.capDenominator,
              rounding: t(`appraisal.rounding.${p.rounding}` as "appraisal.rounding.floor"),
              graded: data.cycle.graded,
              cap: data.cycle.excellentCap,
            })}
            {editing && ` · ${excellentNow}/${data.cycle.excellentCap}`}
          </span>
        </Descriptions.Item>
      </Descriptions>
      {problem && (
        <Alert
          type="error"
          showIcon
          message={problem}
          style={{ marginBottom: 12 }}
          data-testid="grades-problem"
        />
      )}
      <XfTable<Participant>
        rowKey="memberId"
        columns={columns}
        dataSource={[...data.participants]}
        pagination={false}
      />
    </Page>
  )
}

export default CycleDetailPage
