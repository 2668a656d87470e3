import { useQuery, useQueryClient } from "@tanstack/react-query"
import { App, Button, Form, Input, Select, Tag } from "antd"
import type { ColumnsType } from "antd/es/table"
import { useState } from "react"
import { FormModal } from "../../components/FormModal"
import { useProblemForm } from "../../components/useProblemForm"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import { useSession } from "../../shell/auth"
import { Page } from "../../shell/Page"
import { ErrorState, Loading } from "../../shell/states"
import { appraisalApi, type CaseView } from "./api"

const steps = ["criticism", "reminder", "correction", "persuasion", "removal"] as const
interface StepForm {
  step: string
  decidedOn: string
  meetingId: string
  dueBy?: string
  helpMeasures?: string
}

const AddStep = ({ of, onClose }: { of: CaseView | undefined; onClose: () => void }) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<StepForm>()
  const step = Form.useWatch("step", form)
  const save = useProblemForm({
    form,
    fields: ["step", "decidedOn", "meetingId", "dueBy", "helpMeasures"] as const,
    onClose: () => {
      form.resetFields()
      onClose()
    },
    send: (v: StepForm) =>
      appraisalApi.step(of?.id ?? "", {
        step: v.step,
        decidedOn: v.decidedOn,
        meetingId: v.meetingId,
        ...(v.dueBy ? { dueBy: v.dueBy } : {}),
        ...(v.helpMeasures ? { helpMeasures: v.helpMeasures } : {}),
      }),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["appraisal", "cases"] })
      message.success(t("appraisal.saved"))
    },
  })
  return (
    <FormModal
      state={save}
      open={of !== undefined}
      title={`${t("appraisal.addStep")} · ${of?.memberName ?? ""}`}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="step" label={t("appraisal.step")} rules={[{ required: true }]}>
          <Select options={steps.map((s) => ({ value: s, label: t(`appraisal.step.${s}`) }))} />
        </Form.Item>
        <Form.Item name="decidedOn" label={t("appraisal.decidedOn")} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="meetingId"
          label={t("appraisal.meeting")}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        {step === "correction" && (
          <>
            <Form.Item name="dueBy" label={t("appraisal.dueBy")} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item
              name="helpMeasures"
              label={t("appraisal.helpMeasures")}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} />
            </Form.Item>
          </>
        )}
      </Form>
    </FormModal>
  )
}

/** 不合格党员处置: each case's ladder, the meetings that decided each step, and what is due next. */
const CasesPage = () => {
  const { t } = useI18n()
  const { session } = useSession()
  const cases = useQuery({ queryKey: ["appraisal", "cases"], queryFn: () => appraisalApi.cases({}) })
  const [adding, setAdding] = useState<CaseView | undefined>()
  const columns: ColumnsType<CaseView> = [
    { title: t("appraisal.name"), dataIndex: "memberName" },
    { title: t("appraisal.org"), dataIndex: "orgName" },
    { title: t("appraisal.openedOn"), dataIndex: "openedOn" },
    {
      title: t("appraisal.step"),
      render: (_: unknown, c) =>
        c.steps.map((s) => (
          <div key={s.step}>
            {t(`appraisal.step.${s.step}` as "appraisal.step.criticism")} · {s.decidedOn} · {s.meetingId}
          </div>
        )),
    },
    {
      title: t("appraisal.status"),
      render: (_: unknown, c) => (
        <Tag color={c.status.status === "overdue" ? "red" : c.status.status === "ok" ? "green" : "orange"}>
          {c.status.message}
        </Tag>
      ),
    },
    ...(session?.user.role !== "auditor"
      ? [
          {
            title: "",
            render: (_: unknown, c: CaseView) =>
              c.closedOn === null ? (
                <Button size="small" onClick={() => setAdding(c)}>
                  {t("appraisal.addStep")}
                </Button>
              ) : null,
          },
        ]
      : []),
  ]
  return (
    <Page title={t("appraisal.cases")}>
      {cases.isLoading ? (
        <Loading />
      ) : cases.isError ? (
        <ErrorState error={cases.error} />
      ) : (
        <XfTable<CaseView>
          rowKey="id"
          columns={columns}
          dataSource={[...(cases.data?.items ?? [])]}
          pagination={false}
        />
      )}
      <AddStep of={adding} onClose={() => setAdding(undefined)} />
    </Page>
  )
}

export default CasesPage
