import { useQuery, useQueryClient } from "@tanstack/react-query"
import type { DrawView, FindingBody, FindingView, OrderView } from "@xianfeng/api/contract/discipline"
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Select,
  Space,
  Tag,
} from "antd"
import type { ColumnsType } from "antd/es/table"
import { useState } from "react"
import { useSearchParams } from "react-router-dom"
import { FormModal } from "../../components/FormModal"
import { OrgPicker } from "../../components/OrgPicker"
import { useProblemForm } from "../../components/useProblemForm"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import type { MessageKey } from "../../i18n/messages"
import { useSession } from "../../shell/auth"
import { Page } from "../../shell/Page"
import { problemMessage } from "../../shell/states"
import { type DrawForm, disciplineApi, ledgerUrls } from "./api"
import { ExportButton } from "./ExportButton"

const stateColor = { open: "orange", submitted: "blue", closed: "green" } as const
const severityColor = { minor: "default", serious: "orange", critical: "red" } as const

/** Every obligation a finding may name (the API's `obligationIds`). */
const obligations = [
  "general-meeting",
  "committee-meeting",
  "group-meeting",
  "party-lecture",
  "theme-day",
  "org-life-meeting",
  "democratic-appraisal",
  "talk:committee-committee",
  "talk:committee-member",
  "talk:member-member",
] as const

/** The current quarter and the seven before it, newest first (`2026-Q4`…). */
const recentQuarters = (now: Date): string[] => {
  let y = now.getFullYear()
  let q = Math.floor(now.getMonth() / 3) + 1
  const out: string[] = []
  for (let i = 0; i < 8; i++) {
    out.push(`${y}-Q${q}`)
    q -= 1
    if (q === 0) {
      q = 4
      y -= 1
    }
  }
  return out
}

const obligationKey = (o: string) => `discipline.obligation.${o}` as MessageKey

/** The orders an inspection of `orgId` re-checks: those of the branch not yet closed. */
const Recheck = ({ orgId }: { readonly orgId: string | undefined }) => {
  const { t } = useI18n()
  const recheck = useQuery({
    queryKey: ["discipline", "recheck", orgId],
    queryFn: () => disciplineApi.recheck(orgId ?? ""),
    enabled: orgId !== undefined,
  })
  if (orgId === undefined || recheck.data === undefined) return null
  return (
    <Card
      size="small"
      title={t("discipline.recheck")}
      data-testid="finding-recheck"
      style={{ marginBottom: 12 }}
    >
      {recheck.data.items.length === 0 ? (
        t("discipline.recheckNone")
      ) : (
        <List
          size="small"
          dataSource={[...recheck.data.items]}
          renderItem={(o) => (
            <List.Item>
              {o.owner} · {t("discipline.deadline")} {o.deadline}{" "}
              <Tag color={stateColor[o.state]}>{t(`discipline.order.${o.state}` as MessageKey)}</Tag>
              {o.overdue && <Tag color="red">{t("discipline.status.overdue")}</Tag>}
            </List.Item>
          )}
        />
      )}
    </Card>
  )
}

/** Records what an inspection found: the organization, the obligation, the period and the evidence. */
const RecordFinding = ({
  open,
  orgId: initialOrg,
  onClose,
}: {
  readonly open: boolean
  /** The organization the page was opened for (`?orgId=`), preselected. */
  readonly orgId: string | undefined
  readonly onClose: () => void
}) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<FindingBody>()
  const orgId: string | undefined = Form.useWatch("orgId", form)
  const save = useProblemForm({
    form,
    fields: ["orgId", "obligation", "period", "evidence", "severity"],
    onClose: () => {
      form.resetFields()
      onClose()
    },
    send: (v: FindingBody) => disciplineApi.recordFinding(v),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["discipline"] })
      message.success(t("discipline.findingRecorded"))
    },
  })
  return (
    <FormModal state={save} open={open} title={t("discipline.recordFinding")} okTestId="finding-save">
      <Form<FindingBody>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{ severity: "minor", ...(initialOrg ? { orgId: initialOrg } : {}) }}
      >
        <Form.Item
          name="orgId"
          label={t("discipline.org")}
          rules={[{ required: true, message: t("discipline.required") }]}
        >
          <OrgPicker testId="finding-org" />
        </Form.Item>
        <Recheck orgId={orgId} />
        <Form.Item
          name="obligation"
          label={t("discipline.obligationCol")}
          rules={[{ required: true, message: t("discipline.required") }]}
        >
          <Select
            data-testid="finding-obligation"
            options={obligations.map((o) => ({ value: o, label: t(obligationKey(o)) }))}
          />
        </Form.Item>
        <Form.Item
          name="period"
          label={t("discipline.period")}
          extra={t("discipline.periodHint")}
          rules={[{ required: true, message: t("discipline.required") }]}
        >
          <Input data-testid="finding-period" placeholder="2026-Q3" maxLength={10} />
        </Form.Item>
        <Form.Item
          name="evidence"
          label={t("discipline.evidence")}
          rules={[{ required: true, whitespace: true, message: t("discipline.required") }]}
        >
          <Input.TextArea data-testid="finding-evidence" rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="severity" label={t("discipline.severity")}>
          <Radio.Group>
            {(["minor", "serious", "critical"] as const).map((s) => (
              <Radio key={s} value={s}>
                {t(`discipline.severity.${s}` as MessageKey)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
      </Form>
    </FormModal>
  )
}

/** Issues an order for a finding: its owner; the deadline follows from the severity (district policy). */
const IssueOrder = ({
  finding,
  onClose,
}: {
  readonly finding: FindingView | undefined
  readonly onClose: () => void
}) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ owner: string }>()
  const save = useProblemForm({
    form,
    fields: ["owner"],
    onClose: () => {
      form.resetFields()
      onClose()
    },
    send: (v: { owner: string }) =>
      disciplineApi.issueOrder({ findingId: finding?.id ?? "", owner: v.owner }),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["discipline"] })
      message.success(t("discipline.orderIssued"))
    },
  })
  return (
    <FormModal
      state={save}
      open={finding !== undefined}
      title={t("discipline.issueOrder")}
      okTestId="order-issue-save"
      intro={
        finding ? `${finding.orgName} · ${t(obligationKey(finding.obligation))} · ${finding.period}` : null
      }
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{ owner: t("discipline.ownerDefault") }}
      >
        <Form.Item
          name="owner"
          label={t("discipline.owner")}
          rules={[{ required: true, whitespace: true, message: t("discipline.required") }]}
        >
          <Input data-testid="order-owner" maxLength={200} />
        </Form.Item>
      </Form>
    </FormModal>
  )
}

type Step = { readonly kind: "evidence" | "verify"; readonly order: OrderView }

/** Submits evidence (the owner) or verifies it (accept and close, or return with a reason). */
const OrderStep = ({ step, onClose }: { readonly step: Step | undefined; readonly onClose: () => void }) => {
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ text?: string; accept?: boolean; reason?: string }>()
  const accept: boolean = Form.useWatch("accept", form) ?? true
  const save = useProblemForm({
    form,
    fields: ["text", "reason"],
    onConflict: "stale",
    onClose: () => {
      form.resetFields()
      onClose()
    },
    send: (v: { text?: string; accept?: boolean; reason?: string }) => {
      const o = step?.order
      if (o === undefined) return Promise.reject(new Error("no order"))
      return step?.kind === "evidence"
        ? disciplineApi.submitEvidence(o.id, { text: v.text ?? "", version: o.version })
        : disciplineApi.verify(o.id, {
            accept: v.accept ?? true,
            ...(v.accept === false ? { reason: v.reason ?? "" } : {}),
            version: o.version,
          })
    },
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["discipline"] })
    },
  })
  return (
    <FormModal
      state={save}
      open={step !== undefined}
      title={t(step?.kind === "evidence" ? "discipline.submitEvidence" : "discipline.verify")}
      okTestId="order-step-save"
      stale={{
        message: t("discipline.orderStale"),
        action: t("discipline.reload"),
        onRefresh: () => {
          void queryClient.invalidateQueries({ queryKey: ["discipline"] })
          form.resetFields()
          onClose()
        },
      }}
    >
      {step?.kind === "verify" && (
        <List
          size="small"
          header={t("discipline.evidence")}
          dataSource={[...step.order.evidence]}
          renderItem={(e) => (
            <List.Item>
              {e.on} {e.by}：{e.text}
            </List.Item>
          )}
        />
      )}
      <Form form={form} layout="vertical" initialValues={{ accept: true, text: "" }}>
        {step?.kind === "evidence" ? (
          <Form.Item
            name="text"
            label={t("discipline.evidence")}
            rules={[{ required: true, whitespace: true, message: t("discipline.required") }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="order-evidence-text" />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="accept">
              <Radio.Group data-testid="order-verify-decision">
                <Radio value={true}>{t("discipline.accept")}</Radio>
                <Radio value={false}>{t("discipline.return")}</Radio>
              </Radio.Group>
            </Form.Item>
            {!accept && (
              <Form.Item
                name="reason"
                label={t("discipline.returnReason")}
                rules={[{ required: true, whitespace: true, message: t("discipline.required") }]}
              >
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            )}
          </>
        )}
      </Form>
    </FormModal>
  )
}

/**
 * Inspections: the draw (preview as often as one likes; publish stores seed and sample), the findings and the
 * rectification orders through evidence, verification and escalation.
 */
const InspectionsPage = () => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const { session } = useSession()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<DrawForm>()
  const [preview, setPreview] = useState<DrawView | undefined>()
  const [recording, setRecording] = useState(false)
  const [issuing, setIssuing] = useState<FindingView | undefined>()
  const [step, setStep] = useState<Step | undefined>()
  const [mine, setMine] = useState(false)
  const [params] = useSearchParams()
  const quarters = recentQuarters(new Date())
  const [quarter, setQuarter] = useState(quarters[1] ?? quarters[0] ?? "")
  const myOrg = session?.user.orgId
  const orders = useQuery({
    queryKey: ["discipline", "orders", mine ? myOrg : undefined],
    queryFn: () => disciplineApi.orders(mine ? { followedBy: myOrg } : {}),
  })
  const findings = useQuery({ queryKey: ["discipline", "findings"], queryFn: disciplineApi.findings })
  const draws = useQuery({ queryKey: ["discipline", "draws"], queryFn: disciplineApi.draws })
  const inspector = session?.user.role === "district-admin" || session?.user.role === "committee-officer"
  const act = async (f: () => Promise<unknown>) => {
    try {
      await f()
      await queryClient.invalidateQueries({ queryKey: ["discipline"] })
    } catch (e) {
      message.error(problemMessage(e, t("discipline.failed")))
    }
  }
  const findingColumns: ColumnsType<FindingView> = [
    { title: t("discipline.org"), dataIndex: "orgName" },
    {
      title: t("discipline.obligationCol"),
      dataIndex: "obligation",
      render: (o: string) => t(obligationKey(o)),
    },
    { title: t("discipline.period"), dataIndex: "period", width: 100 },
    {
      title: t("discipline.severity"),
      dataIndex: "severity",
      width: 90,
      render: (s: FindingView["severity"]) => (
        <Tag color={severityColor[s]}>{t(`discipline.severity.${s}` as MessageKey)}</Tag>
      ),
    },
    { title: t("discipline.evidence"), dataIndex: "evidence" },
    { title: t("discipline.foundOn"), dataIndex: "foundOn", width: 110 },
    {
      title: "",
      width: 120,
      render: (_, f) =>
        inspector && (
          <Button size="small" data-testid={`finding-issue-${f.id}`} onClick={() => setIssuing(f)}>
            {t("discipline.issueOrder")}
          </Button>
        ),
    },
  ]
  const columns: ColumnsType<OrderView> = [
    { title: t("discipline.org"), dataIndex: "orgName" },
    {
      title: t("discipline.obligationCol"),
      dataIndex: "obligation",
      render: (o: string) => t(obligationKey(o)),
    },
    { title: t("discipline.owner"), dataIndex: "owner" },
    { title: t("discipline.deadline"), dataIndex: "deadline", width: 110 },
    {
      title: t("discipline.status"),
      dataIndex: "state",
      render: (s: OrderView["state"], o) => (
        <Space wrap>
          <Tag color={stateColor[s]} data-testid={`order-state-${o.id}`}>
            {t(`discipline.order.${s}` as MessageKey)}
          </Tag>
          {o.overdue && <Tag color="red">{t("discipline.status.overdue")}</Tag>}
          {o.escalations.length > 0 && (
            <Tag color="purple" data-testid={`order-escalated-${o.id}`}>
              {t("discipline.escalatedTo", { org: o.followedByName })}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: "",
      render: (_, o) => (
        <Space wrap>
          {o.state === "open" && (
            <Button
              size="small"
              data-testid={`order-submit-${o.id}`}
              onClick={() => setStep({ kind: "evidence", order: o })}
            >
              {t("discipline.submitEvidence")}
            </Button>
          )}
          {o.state === "submitted" && inspector && (
            <Button
              size="small"
              type="primary"
              data-testid={`order-verify-${o.id}`}
              onClick={() => setStep({ kind: "verify", order: o })}
            >
              {t("discipline.verifyClose")}
            </Button>
          )}
          {o.state !== "closed" && o.overdue && inspector && (
            <Button
              size="small"
              danger
              data-testid={`order-escalate-${o.id}`}
              onClick={() =>
                Modal.confirm({
                  title: t("discipline.escalateConfirm"),
                  okText: t("discipline.escalate"),
                  cancelText: t("common.cancel"),
                  onOk: () => act(() => disciplineApi.escalate(o.id, { version: o.version })),
                })
              }
            >
              {t("discipline.escalate")}
            </Button>
          )}
        </Space>
      ),
    },
  ]
  return (
    <Page title={t("discipline.inspections")}>
      {inspector && (
        <Card title={t("discipline.draw")} size="small">
          <Form<DrawForm>
            form={form}
            layout="inline"
            initialValues={{ size: 5, stratify: true, title: t("discipline.drawTitle") }}
          >
            <Form.Item name="title" rules={[{ required: true }]}>
              <Input placeholder={t("discipline.drawTitle")} />
            </Form.Item>
            <Form.Item name="seed" rules={[{ required: true, message: t("discipline.seedRequired") }]}>
              <Input placeholder={t("discipline.seed")} data-testid="draw-seed" />
            </Form.Item>
            <Form.Item name="size" rules={[{ required: true }]}>
              <InputNumber min={1} max={1000} data-testid="draw-size" />
            </Form.Item>
            <Form.Item name="stratify" valuePropName="checked">
              <Checkbox>{t("discipline.stratify")}</Checkbox>
            </Form.Item>
            <Space wrap>
              <Button
                data-testid="draw-preview"
                onClick={async () =>
                  act(async () => setPreview(await disciplineApi.previewDraw(await form.validateFields())))
                }
              >
                {t("discipline.preview")}
              </Button>
              <Button
                type="primary"
                data-testid="draw-publish"
                onClick={async () =>
                  act(async () => setPreview(await disciplineApi.publishDraw(await form.validateFields())))
                }
              >
                {t("discipline.publish")}
              </Button>
            </Space>
          </Form>
          {preview && (
            <p data-testid="draw-sample" style={{ marginTop: 12, overflowWrap: "anywhere" }}>
              {t("discipline.sample")}: {preview.sample.join("、")}（{preview.algorithm}）
            </p>
          )}
          <p>
            {t("discipline.published")}: {draws.data?.items.length ?? 0}
          </p>
        </Card>
      )}
      <Card title={t("discipline.findings")} size="small" style={{ marginTop: 16 }}>
        {inspector && (
          <Space wrap style={{ marginBottom: 12 }}>
            <Button
              type="primary"
              size="small"
              data-testid="record-finding"
              onClick={() => setRecording(true)}
            >
              {t("discipline.recordFinding")}
            </Button>
            <Select<string>
              size="small"
              value={quarter}
              onChange={setQuarter}
              options={quarters.map((q) => ({
                value: q,
                label: t("discipline.quarterLabel", { year: q.slice(0, 4), q: q.slice(6) }),
              }))}
              style={{ width: 130 }}
              aria-label={t("discipline.quarter")}
            />
            <ExportButton
              path={ledgerUrls.inspections(quarter)}
              fallbackName={`inspections-${quarter}.xlsx`}
              label={t("discipline.exportInspections")}
              testId="export-inspections"
            />
          </Space>
        )}
        <XfTable<FindingView>
          rowKey="id"
          size="small"
          pagination={{ pageSize: 10 }}
          loading={findings.isLoading}
          columns={findingColumns}
          dataSource={findings.data?.items ?? []}
          data-testid="finding-list"
        />
      </Card>
      <Card title={t("discipline.orders")} size="small" style={{ marginTop: 16 }}>
        <Space wrap style={{ marginBottom: 12 }}>
          <ExportButton
            path={ledgerUrls.rectification()}
            fallbackName="rectification.xlsx"
            label={t("discipline.exportRectification")}
            testId="export-rectification"
          />
          <Radio.Group
            size="small"
            value={mine}
            onChange={(e) => setMine(e.target.value as boolean)}
            data-testid="orders-filter"
          >
            <Radio.Button value={false}>{t("discipline.ordersAll")}</Radio.Button>
            <Radio.Button value={true}>{t("discipline.ordersFollowed")}</Radio.Button>
          </Radio.Group>
        </Space>
        <XfTable<OrderView>
          pagination={{ pageSize: 20 }}
          rowKey="id"
          size="small"
          loading={orders.isLoading}
          columns={columns}
          dataSource={orders.data?.items ?? []}
          data-testid="order-list"
        />
      </Card>
      <RecordFinding
        open={recording}
        orgId={params.get("orgId") ?? undefined}
        onClose={() => setRecording(false)}
      />
      <IssueOrder finding={issuing} onClose={() => setIssuing(undefined)} />
      <OrderStep step={step} onClose={() => setStep(undefined)} />
    </Page>
  )
}

export default InspectionsPage
