import { useQuery, useQueryClient } from "@tanstack/react-query"
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Input,
  List,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
} from "antd"
import type { ColumnsType } from "antd/es/table"
import { type ReactNode, useEffect, useState } from "react"
import { useParams } from "react-router-dom"
import { ProblemError } from "../../api/problem"
import { useScreens } from "../../components/screens"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import { useSession } from "../../shell/auth"
import { Page } from "../../shell/Page"
import { ErrorState, Loading } from "../../shell/states"
import { appraisalApi, type CycleDetail } from "./api"
import { Hinted, useCycleFigures } from "./figures"
import { gradeColor, gradeList } from "./grades"

type Participant = CycleDetail["participants"][number]
/** The grade being chosen per member; `grade` undefined: not yet graded (待评), never counted as any grade. */
type Draft = Record<string, { grade: string | undefined; reason: string }>

/** The grade a secretary (or the committee) is choosing, and the reason a departure needs. */
const GradeInput = ({
  p,
  draft,
  setDraft,
}: {
  p: Participant
  draft: Draft
  setDraft: (d: Draft) => void
}) => {
  const { t } = useI18n()
  const d = draft[p.memberId]
  return (
    <Space direction="vertical" size={4} style={{ width: "100%" }}>
      <Select
        size="small"
        style={{ minWidth: 120 }}
        value={d?.grade ?? null}
        placeholder={t("appraisal.toGrade")}
        data-testid={`grade-${p.memberId}`}
        onChange={(g: string) => setDraft({ ...draft, [p.memberId]: { grade: g, reason: d?.reason ?? "" } })}
        options={gradeList.map((g) => ({ value: g, label: t(`appraisal.grade.${g}`) }))}
      />
      <Input
        size="small"
        placeholder={t("appraisal.reason")}
        value={d?.reason}
        onChange={(e) => setDraft({ ...draft, [p.memberId]: { grade: d?.grade, reason: e.target.value } })}
      />
    </Space>
  )
}

/** 回避: whom this participant neither rates nor is rated by, set while the cycle is open. */
const Recusals = ({ cycleId, p, others }: { cycleId: string; p: Participant; others: Participant[] }) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [chosen, setChosen] = useState<string[]>([...p.recusals])
  const [problem, setProblem] = useState<string | undefined>()
  const [saving, setSaving] = useState(false)
  useEffect(() => setChosen([...p.recusals]), [p.recusals])
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="recusals">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("appraisal.recusalsHint")}
      </Typography.Text>
      <Select
        mode="multiple"
        style={{ width: "100%" }}
        value={chosen}
        onChange={setChosen}
        optionFilterProp="label"
        data-testid="recusals-select"
        options={others.map((o) => ({ value: o.memberId, label: o.name }))}
      />
      {problem && <Alert type="error" showIcon message={problem} />}
      <Button
        loading={saving}
        data-testid="recusals-save"
        onClick={async () => {
          setProblem(undefined)
          setSaving(true)
          try {
            await appraisalApi.recusals(cycleId, p.memberId, chosen)
            await queryClient.invalidateQueries({ queryKey: ["appraisal"] })
            message.success(t("appraisal.saved"))
          } catch (e) {
            setProblem(e instanceof ProblemError ? e.problem.detail : String(e))
          } finally {
            setSaving(false)
          }
        }}
      >
        {t("appraisal.recusalsSave")}
      </Button>
    </Space>
  )
}

const CycleDetailPage = () => {
  const { id = "" } = useParams()
  const { t } = useI18n()
  const { message } = App.useApp()
  const { session } = useSession()
  const queryClient = useQueryClient()
  const screens = useScreens()
  const phone = screens.md === false
  const figures = useCycleFigures()
  const detail = useQuery({ queryKey: ["appraisal", "cycle", id], queryFn: () => appraisalApi.cycle(id) })
  const [draft, setDraft] = useState<Draft>({})
  const [problem, setProblem] = useState<string | undefined>()
  const [shownId, setShownId] = useState<string | undefined>()
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
          // A member nobody has rated and who has not self-assessed has no suggestion: the draft leaves them
          // ungraded (待评) until the branch chooses, instead of reading as 合格 and counting as one.
          .map((p) => [
            p.memberId,
            { grade: p.confirmed ?? p.proposed ?? p.suggested ?? undefined, reason: "" },
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
  const ungraded = data.participants.filter((x) => x.graded && draft[x.memberId]?.grade === undefined).length
  const ratedBy = (p: Participant) =>
    t("appraisal.ratedByCell", { raters: p.raters, possible: p.ratersPossible })
  const score = (s: number | null) => (s === null ? "—" : s.toFixed(1))
  const nameLink = (p: Participant) => (
    <Typography.Link onClick={() => setShownId(p.memberId)} data-testid={`participant-${p.memberId}`}>
      {p.name}
    </Typography.Link>
  )
  const columns: ColumnsType<Participant> = [
    { title: t("appraisal.name"), dataIndex: "name", render: (_: string, p) => nameLink(p) },
    {
      title: t("appraisal.stage"),
      dataIndex: "stage",
      render: (s: string) => t(`appraisal.stage.${s}` as "appraisal.stage.full"),
    },
    { title: t("appraisal.self"), dataIndex: "selfGrade", render: grade },
    {
      title: <Hinted label="appraisal.ratedBy" hint="appraisal.ratedByHint" />,
      render: (_: unknown, p) => ratedBy(p),
    },
    { title: t("appraisal.score"), dataIndex: "score", render: score },
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
      title: canConfirm ? t("appraisal.confirmed") : t("appraisal.proposed"),
      render: (_: unknown, p) => {
        if (!p.graded) return "—"
        if (!editing) return grade(p.proposed)
        return <GradeInput p={p} draft={draft} setDraft={setDraft} />
      },
    },
    { title: t("appraisal.confirmed"), dataIndex: "confirmed", render: grade },
  ]
  const submit = async () => {
    setProblem(undefined)
    if (ungraded > 0) {
      setProblem(t("appraisal.ungradedLeft", { n: ungraded }))
      return
    }
    const grades = Object.entries(draft).flatMap(([memberId, d]) =>
      d.grade === undefined
        ? []
        : [
            {
              memberId,
              grade: d.grade,
              ...(d.reason.trim() ? { reason: d.reason.trim() } : {}),
            },
          ],
    )
    try {
      await (canConfirm ? appraisalApi.confirm(id, grades) : appraisalApi.propose(id, grades))
      await queryClient.invalidateQueries({ queryKey: ["appraisal"] })
      message.success(t("appraisal.saved"))
    } catch (e) {
      setProblem(e instanceof ProblemError ? e.problem.detail : String(e))
    }
  }
  const p = data.policy
  const shown = data.participants.find((x) => x.memberId === shownId)
  // The grade a row shows at a glance: what is being chosen, else what was decided, else the suggestion.
  const glance = (x: Participant) => {
    if (!x.graded) return null
    const g = draft[x.memberId]?.grade ?? x.confirmed ?? x.proposed ?? x.suggested
    return g ? grade(g) : <Tag data-testid="to-grade">{t("appraisal.toGrade")}</Tag>
  }
  const field = (label: ReactNode, value: ReactNode) => (
    <Descriptions.Item label={label}>{value}</Descriptions.Item>
  )
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
        <Descriptions.Item label={<Hinted label="appraisal.participants" hint="appraisal.progressHint" />}>
          <span data-testid="cycle-progress">{figures.progress(data.cycle)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={<Hinted label="appraisal.cap" hint="appraisal.capHint" />}>
          <span data-testid="cap-rule">
            {t("appraisal.capRule", {
              num: p.capNumerator,
              den: p.capDenominator,
              rounding: t(`appraisal.rounding.${p.rounding}` as "appraisal.rounding.floor"),
              graded: data.cycle.graded,
              cap: data.cycle.excellentCap,
            })}
            {" · "}
            {/* Both figures, labelled: what this page's draft would make excellent, and what is decided. */}
            <span data-testid="cap-draft">
              {t("appraisal.capDraft", {
                n: editing ? excellentNow : data.cycle.draftExcellent,
                cap: data.cycle.excellentCap,
              })}
            </span>
            {" · "}
            <span data-testid="cap-use">{figures.cap(data.cycle)}</span>
            {ungraded > 0 && editing ? (
              <>
                {" · "}
                <Typography.Text type="warning" data-testid="cap-ungraded">
                  {t("appraisal.ungradedCount", { n: ungraded })}
                </Typography.Text>
              </>
            ) : null}
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
      {phone ? (
        // A phone gets one line per member (a card each would be a page of sixty cards); the rest is a tap away.
        <List<Participant>
          size="small"
          bordered
          data-testid="participants"
          dataSource={[...data.participants]}
          rowKey="memberId"
          renderItem={(x) => (
            <List.Item
              onClick={() => setShownId(x.memberId)}
              style={{ cursor: "pointer", padding: "6px 12px" }}
              data-testid={`participant-row-${x.memberId}`}
              extra={glance(x)}
            >
              <Space size={6} wrap>
                <Typography.Text strong>{x.name}</Typography.Text>
                {x.stage === "probationary" && <Tag>{t("appraisal.stage.probationary")}</Tag>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {ratedBy(x)} · {score(x.score)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <XfTable<Participant>
          rowKey="memberId"
          size="small"
          columns={columns}
          dataSource={[...data.participants]}
          pagination={false}
          data-testid="participants"
        />
      )}
      <Drawer
        open={shown !== undefined}
        onClose={() => setShownId(undefined)}
        title={shown ? t("appraisal.detailOf", { name: shown.name }) : ""}
        width={phone ? "100%" : 520}
        data-testid="participant-drawer"
        destroyOnHidden
      >
        {shown && (
          <Space direction="vertical" style={{ width: "100%" }} size="middle">
            <Descriptions size="small" column={1} bordered>
              {field(t("appraisal.stage"), t(`appraisal.stage.${shown.stage}` as "appraisal.stage.full"))}
              {field(t("appraisal.self"), grade(shown.selfGrade))}
              {field(
                t("appraisal.selfText"),
                shown.selfText ? (
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }}>
                    {shown.selfText}
                  </Typography.Paragraph>
                ) : (
                  <Typography.Text type="secondary">{t("appraisal.selfMissing")}</Typography.Text>
                ),
              )}
              {field(<Hinted label="appraisal.ratedBy" hint="appraisal.ratedByHint" />, ratedBy(shown))}
              {field(t("appraisal.score"), score(shown.score))}
              {field(
                t("appraisal.suggested"),
                shown.graded ? grade(shown.suggested) : t("appraisal.notGraded"),
              )}
              {shown.graded &&
                field(
                  canConfirm ? t("appraisal.confirmed") : t("appraisal.proposed"),
                  editing ? (
                    <GradeInput p={shown} draft={draft} setDraft={setDraft} />
                  ) : (
                    <>
                      {grade(shown.proposed)} {shown.proposedReason}
                    </>
                  ),
                )}
              {field(
                t("appraisal.confirmed"),
                <>
                  {grade(shown.confirmed)} {shown.confirmedReason}
                </>,
              )}
            </Descriptions>
            <div>
              <Typography.Title level={5}>{t("appraisal.explanation")}</Typography.Title>
              <List
                size="small"
                dataSource={[...shown.explanation]}
                renderItem={(v) => (
                  <List.Item>
                    <Space direction="vertical" size={0}>
                      <span>{v.message}</span>
                      {v.citations.length > 0 && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {v.citations.join("；")}
                        </Typography.Text>
                      )}
                    </Space>
                  </List.Item>
                )}
              />
            </div>
            <div>
              <Typography.Title level={5}>{t("appraisal.recusals")}</Typography.Title>
              {canPropose ? (
                <Recusals
                  cycleId={id}
                  p={shown}
                  others={data.participants.filter((o) => o.memberId !== shown.memberId)}
                />
              ) : (
                <span>
                  {shown.recusals.length === 0
                    ? t("appraisal.recusalsNone")
                    : shown.recusals
                        .map((r) => data.participants.find((o) => o.memberId === r)?.name ?? r)
                        .join("、")}
                </span>
              )}
            </div>
          </Space>
        )}
      </Drawer>
    </Page>
  )
}

export default CycleDetailPage
