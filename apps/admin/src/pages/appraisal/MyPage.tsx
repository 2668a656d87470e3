import { useQuery, useQueryClient } from "@tanstack/react-query"
import { Alert, App, Button, Card, Empty, Input, List, Radio, Space, Tag, Typography } from "antd"
import { useState } from "react"
import { ProblemError } from "../../api/problem"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import { Page } from "../../shell/Page"
import { ErrorState, Loading } from "../../shell/states"
import { appraisalApi, type MyRecord, type ViewersView } from "./api"
import { gradeColor, gradeList } from "./grades"
import { selfProblem } from "./self-problem"

type Cycle = MyRecord["cycles"][number]

const SelfForm = ({ cycle }: { cycle: Cycle }) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  // Unanswered until the member chooses: a grade shown before anything is saved would read as given.
  const [grade, setGrade] = useState<string | undefined>(cycle.selfGrade ?? undefined)
  const [text, setText] = useState(cycle.selfText ?? "")
  // The API's refusal, on the field it names (the grade or the text), else above the button.
  const [problem, setProblem] = useState<{ field: "grade" | "text" | undefined; message: string }>()
  const [saving, setSaving] = useState(false)
  const open = cycle.state === "open"
  const on = (f: "grade" | "text") => (problem?.field === f ? problem.message : undefined)
  return (
    <Card size="small" title={t("appraisal.my.selfTitle")} style={{ marginBottom: 12 }}>
      <Space direction="vertical" style={{ width: "100%" }}>
        <Radio.Group
          value={grade}
          disabled={!open}
          onChange={(e) => setGrade(e.target.value)}
          optionType="button"
          data-testid="self-grade"
          options={gradeList.map((g) => ({ value: g, label: t(`appraisal.grade.${g}`) }))}
        />
        {on("grade") && (
          <Typography.Text type="danger" data-testid="self-grade-problem">
            {on("grade")}
          </Typography.Text>
        )}
        <Input.TextArea
          value={text}
          disabled={!open}
          onChange={(e) => setText(e.target.value)}
          placeholder={t("appraisal.my.selfText")}
          autoSize={{ minRows: 3 }}
          maxLength={2000}
          status={on("text") ? "error" : ""}
          data-testid="self-text"
        />
        {on("text") && (
          <Typography.Text type="danger" data-testid="self-text-problem">
            {on("text")}
          </Typography.Text>
        )}
        {problem !== undefined && problem.field === undefined && (
          <Alert type="error" showIcon message={problem.message} data-testid="self-problem" />
        )}
        {open && grade === undefined && (
          <Typography.Text type="secondary">{t("appraisal.my.chooseGrade")}</Typography.Text>
        )}
        {open && (
          <Button
            type="primary"
            data-testid="save-self"
            disabled={grade === undefined}
            loading={saving}
            onClick={async () => {
              if (grade === undefined) return
              setProblem(undefined)
              setSaving(true)
              try {
                await appraisalApi.self(cycle.cycleId, grade, text)
                await queryClient.invalidateQueries({ queryKey: ["appraisal", "me"] })
                message.success(t("appraisal.saved"))
              } catch (e) {
                setProblem(selfProblem(e))
              } finally {
                setSaving(false)
              }
            }}
          >
            {t("appraisal.my.saveSelf")}
          </Button>
        )}
      </Space>
    </Card>
  )
}

/** One peer to rate: four big buttons, a phone's thumb-sized target; a rating is final once sent. */
const PeerRow = ({ cycle, peer }: { cycle: Cycle; peer: Cycle["peers"][number] }) => {
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const [problem, setProblem] = useState<string | undefined>()
  const done = peer.myGrade !== null
  return (
    <List.Item data-testid={`peer-${peer.memberId}`}>
      <Space direction="vertical" style={{ width: "100%" }} size={6}>
        <Space>
          <Typography.Text strong>{peer.name}</Typography.Text>
          {done && <Tag color={gradeColor(peer.myGrade ?? "")}>{t("appraisal.my.rated")}</Tag>}
          {peer.recused && <Tag>{t("appraisal.my.recused")}</Tag>}
        </Space>
        {!peer.recused && (
          <Radio.Group
            value={peer.myGrade ?? undefined}
            disabled={done || cycle.state !== "open"}
            optionType="button"
            buttonStyle="solid"
            size="large"
            style={{ display: "flex", flexWrap: "wrap", gap: 4 }}
            onChange={async (e) => {
              setProblem(undefined)
              try {
                await appraisalApi.rate(cycle.cycleId, peer.memberId, e.target.value)
              } catch (err) {
                setProblem(err instanceof ProblemError ? err.problem.detail : String(err))
              }
              await queryClient.invalidateQueries({ queryKey: ["appraisal", "me"] })
            }}
            options={gradeList.map((g) => ({ value: g, label: t(`appraisal.grade.${g}`) }))}
          />
        )}
        {problem && <Alert type="error" message={problem} showIcon />}
      </Space>
    </List.Item>
  )
}

const Received = ({ cycle }: { cycle: Cycle }) => {
  const { t } = useI18n()
  const v = cycle.peerView
  return (
    <Card
      size="small"
      title={t("appraisal.my.received")}
      style={{ marginBottom: 12 }}
      data-testid="peer-view"
    >
      {v.shown ? (
        t("appraisal.my.counts", { raters: v.raters, ...v.counts })
      ) : (
        <Typography.Text type="secondary">
          {v.reason === "open"
            ? t("appraisal.my.hiddenOpen")
            : t("appraisal.my.hiddenFew", { min: v.minimum })}
        </Typography.Text>
      )}
    </Card>
  )
}

const Viewers = () => {
  const { t, td } = useI18n()
  const viewers = useQuery({ queryKey: ["appraisal", "me", "viewers"], queryFn: appraisalApi.viewers })
  type Row = ViewersView["items"][number]
  return (
    <Card size="small" title={t("appraisal.my.viewers")} data-testid="record-viewers">
      <Typography.Paragraph type="secondary">{t("appraisal.my.viewersHint")}</Typography.Paragraph>
      {viewers.isLoading ? (
        <Loading />
      ) : (
        <XfTable<Row>
          rowKey={(r) => `${r.at}-${r.action}`}
          size="small"
          pagination={{ pageSize: 10 }}
          dataSource={[...(viewers.data?.items ?? [])]}
          locale={{ emptyText: t("appraisal.my.noViewers") }}
          columns={[
            {
              title: t("appraisal.my.when"),
              dataIndex: "at",
              render: (a: string) => new Date(a).toLocaleString(),
            },
            {
              title: t("appraisal.my.viewerRole"),
              dataIndex: "viewerRole",
              render: (r: string | null) => (r ? td(`role.${r}`, r) : "—"),
            },
            {
              title: t("appraisal.my.viewerOrg"),
              dataIndex: "viewerOrg",
              render: (o: string | null) => o ?? "—",
            },
            {
              title: t("appraisal.my.action"),
              dataIndex: "action",
              render: (a: string) => td(`appraisal.action.${a}`, a),
            },
          ]}
        />
      )}
    </Card>
  )
}

/** A member's own page: their appraisal (self-assessment, rating the others, what they may see) and who viewed them. */
const MyPage = () => {
  const { t } = useI18n()
  const me = useQuery({ queryKey: ["appraisal", "me"], queryFn: appraisalApi.me })
  if (me.isLoading) return <Loading />
  if (me.isError || !me.data) return <ErrorState error={me.error} />
  const cycles = me.data.cycles
  return (
    <Page title={`${t("appraisal.me")} · ${me.data.name}`}>
      {cycles.length === 0 && <Empty description={t("appraisal.my.none")} />}
      {cycles.map((c) => (
        <div key={c.cycleId} data-testid={`my-cycle-${c.year}`} style={{ marginBottom: 24 }}>
          <Typography.Title level={5}>
            {c.year} · {c.orgName} · {t(`appraisal.state.${c.state}` as "appraisal.state.open")}
          </Typography.Title>
          {c.state === "open" && <SelfForm cycle={c} />}
          {c.state === "open" && (
            <Card size="small" title={t("appraisal.my.rateTitle")} style={{ marginBottom: 12 }}>
              <Typography.Paragraph type="secondary">{t("appraisal.my.rateHint")}</Typography.Paragraph>
              <List dataSource={[...c.peers]} renderItem={(p) => <PeerRow cycle={c} peer={p} />} />
            </Card>
          )}
          <Received cycle={c} />
          {c.state === "confirmed" && (
            <Card size="small" title={t("appraisal.my.final")} style={{ marginBottom: 12 }}>
              {c.confirmed ? (
                <>
                  <Tag color={gradeColor(c.confirmed)}>
                    {t(`appraisal.grade.${c.confirmed}` as "appraisal.grade.excellent")}
                  </Tag>
                  <ul style={{ paddingLeft: 18, marginTop: 8 }}>
                    {c.explanation.map((v) => (
                      <li key={v.code}>
                        {v.message}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {" "}
                          {v.citations.join("；")}
                        </Typography.Text>
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                t(c.graded ? "appraisal.my.pending" : "appraisal.notGraded")
              )}
            </Card>
          )}
        </div>
      ))}
      <Viewers />
    </Page>
  )
}

export default MyPage
