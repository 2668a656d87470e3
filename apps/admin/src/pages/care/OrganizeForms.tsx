import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons"
import { useQueryClient } from "@tanstack/react-query"
import { App, Button, Form, Input, InputNumber, Select, Space } from "antd"
import { DateInput } from "../../components/DateInput"
import { FormModal } from "../../components/FormModal"
import { MemberSelect } from "../../components/MemberSelect"
import { OrgPicker } from "../../components/OrgPicker"
import { useProblemForm } from "../../components/useProblemForm"
import { fenOfChecked, yuanMessages, yuanRule } from "../../components/yuan"
import { useI18n } from "../../i18n/I18nProvider"
import type { MessageKey } from "../../i18n/messages"
import { careApi, yuan } from "./api"

const today = () => new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" })
const thisYear = () => Number(today().slice(0, 4))

interface SurveyForm {
  orgId: string
  year: number
  title: string
  startsOn: string
  deadline: string
}

/** 发起摸底调查: the annual survey over every branch of an organization's subtree, with its deadline. */
export const StartSurvey = ({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<SurveyForm>()
  const save = useProblemForm({
    form,
    fields: ["orgId", "year", "title", "startsOn", "deadline"],
    onClose: () => {
      form.resetFields()
      onClose()
    },
    send: (v: SurveyForm) => careApi.startSurvey({ ...v, title: v.title.trim() }),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["care"] })
      message.success(t("care.surveyStarted"))
    },
  })
  return (
    <FormModal state={save} open={open} title={t("care.startSurvey")} okTestId="care-survey-save">
      <Form<SurveyForm>
        form={form}
        layout="vertical"
        initialValues={{
          year: thisYear(),
          title: `${thisYear()}年党内关怀对象摸底调查`,
          startsOn: today(),
        }}
      >
        <Form.Item
          name="orgId"
          label={t("care.org")}
          rules={[{ required: true, message: t("care.required") }]}
        >
          <OrgPicker testId="care-survey-org" />
        </Form.Item>
        <Form.Item
          name="year"
          label={t("care.year")}
          rules={[{ required: true, message: t("care.required") }]}
        >
          <InputNumber min={2000} max={2099} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t("care.surveyTitle")}
          rules={[{ required: true, whitespace: true, message: t("care.required") }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="startsOn"
            label={t("care.startsOn")}
            rules={[{ required: true, message: t("care.required") }]}
          >
            <DateInput />
          </Form.Item>
          <Form.Item
            name="deadline"
            label={t("care.surveyDeadline")}
            rules={[{ required: true, message: t("care.required") }]}
          >
            <DateInput data-testid="care-survey-deadline" />
          </Form.Item>
        </Space>
      </Form>
    </FormModal>
  )
}

interface PlanForm {
  orgId: string
  festival: "new-year" | "spring-festival" | "july-1" | "custom"
  year: number
  title: string
  festivalOn?: string
  /** As typed (InputNumber in string mode): parsed to fen exactly by `fenOfChecked`. */
  budgetYuan: string
  fundSource?: string
  leaders?: { orgId?: string; name?: string }[]
}

/**
 * 制定走访计划: a festival's visit plan of an organization (the people to visit are taken from the ledger and the
 * policy's categories by the API), its budget and fund source, and the leader assigned to each branch.
 */
export const CreateVisitPlan = ({
  open,
  onClose,
}: {
  readonly open: boolean
  readonly onClose: () => void
}) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<PlanForm>()
  const festival = Form.useWatch("festival", form)
  const save = useProblemForm({
    form,
    fields: ["orgId", "festival", "year", "title", "festivalOn", "budgetYuan", "fundSource", "leaders"],
    fieldFor: (f) => (f === "budgetFen" ? "budgetYuan" : f),
    onClose: () => {
      form.resetFields()
      onClose()
    },
    send: (v: PlanForm) => {
      const leaders = Object.fromEntries(
        (v.leaders ?? [])
          .filter((l) => l.orgId !== undefined && (l.name ?? "").trim() !== "")
          .map((l) => [l.orgId as string, (l.name as string).trim()]),
      )
      return careApi.createPlan({
        orgId: v.orgId,
        festival: v.festival,
        year: v.year,
        title: v.title.trim(),
        ...(v.festival === "custom" && v.festivalOn ? { festivalOn: v.festivalOn } : {}),
        budgetFen: fenOfChecked(v.budgetYuan),
        ...(v.fundSource?.trim() ? { fundSource: v.fundSource.trim() } : {}),
        ...(Object.keys(leaders).length > 0 ? { leaders } : {}),
      })
    },
    onSaved: async (plan) => {
      await queryClient.invalidateQueries({ queryKey: ["care"] })
      message.success(`${t("care.planCreated")}：${plan.plan.title}（${plan.plan.targets}）`)
    },
  })
  return (
    <FormModal state={save} open={open} title={t("care.createPlan")} okTestId="care-plan-save" width={620}>
      <Form<PlanForm>
        form={form}
        layout="vertical"
        initialValues={{ festival: "spring-festival", year: thisYear() + 1, fundSource: "代中央管理党费" }}
      >
        <Form.Item
          name="orgId"
          label={t("care.org")}
          rules={[{ required: true, message: t("care.required") }]}
        >
          <OrgPicker testId="care-plan-org" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="festival" label={t("care.festival")} rules={[{ required: true }]}>
            <Select
              style={{ width: 160 }}
              options={(["spring-festival", "new-year", "july-1", "custom"] as const).map((f) => ({
                value: f,
                label: t(`care.festival.${f}` as MessageKey),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="year"
            label={t("care.year")}
            rules={[{ required: true, message: t("care.required") }]}
          >
            <InputNumber min={2000} max={2099} />
          </Form.Item>
          {festival === "custom" ? (
            <Form.Item
              name="festivalOn"
              label={t("care.festivalOn")}
              rules={[{ required: true, message: t("care.required") }]}
            >
              <DateInput />
            </Form.Item>
          ) : null}
        </Space>
        <Form.Item
          name="title"
          label={t("care.planTitle")}
          rules={[{ required: true, whitespace: true, message: t("care.required") }]}
        >
          <Input maxLength={200} data-testid="care-plan-title" />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="budgetYuan"
            label={t("care.budgetYuan")}
            rules={[
              { required: true, message: t("care.required") },
              yuanRule(yuanMessages(t, t("care.budgetYuan"))),
            ]}
          >
            <InputNumber stringMode min="0" style={{ width: 180 }} data-testid="care-plan-budget" />
          </Form.Item>
          <Form.Item name="fundSource" label={t("care.fundSource")}>
            <Input maxLength={200} style={{ width: 220 }} />
          </Form.Item>
        </Space>
        <Form.List name="leaders">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, "orgId"]} label={t("care.branches")}>
                    <OrgPicker testId={`care-leader-org-${f.name}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, "name"]} label={t("care.leader")}>
                    <Input maxLength={200} style={{ width: 160 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t("care.remove")} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                {t("care.assignLeader")}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </FormModal>
  )
}

const duesCategoryIds = ["salaried", "annual-salary", "self-employed", "retiree", "farmer", "relief"] as const

interface AssessmentForm {
  memberId: string
  year: number
  category: (typeof duesCategoryIds)[number]
  baseYuan?: string
}

/**
 * 核定党费: a member's monthly amount for a year from the base and the bracket (the API applies the rate to the
 * whole base, or the policy's fixed amount for farmers, students and those out of work).
 */
export const SetAssessment = ({
  orgId,
  year,
  open,
  onClose,
}: {
  /** Whose members are offered: the page's organization, or the caller's whole scope. */
  readonly orgId: string | undefined
  readonly year: number
  readonly open: boolean
  readonly onClose: () => void
}) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<AssessmentForm>()
  const save = useProblemForm({
    form,
    fields: ["memberId", "year", "category", "baseYuan"],
    fieldFor: (f) => (f === "baseFen" ? "baseYuan" : f),
    onClose: () => {
      form.resetFields()
      onClose()
    },
    send: (v: AssessmentForm) =>
      careApi.assess({
        memberId: v.memberId,
        year: v.year,
        category: v.category,
        baseFen: fenOfChecked(v.baseYuan ?? "0"),
      }),
    onSaved: async (a) => {
      await queryClient.invalidateQueries({ queryKey: ["care"] })
      message.success(`${t("care.assessed")}：¥${yuan(a.monthlyFen)}`)
    },
  })
  return (
    <FormModal state={save} open={open} title={t("care.assess")} okTestId="care-assess-save">
      <Form<AssessmentForm> form={form} layout="vertical" initialValues={{ year, category: "salaried" }}>
        <Form.Item
          name="memberId"
          label={t("care.member")}
          rules={[{ required: true, message: t("care.required") }]}
        >
          <MemberSelect orgId={orgId} testId="care-assess-member" />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="year"
            label={t("care.year")}
            rules={[{ required: true, message: t("care.required") }]}
          >
            <InputNumber min={1950} max={2099} />
          </Form.Item>
          <Form.Item name="category" label={t("care.duesCategory")} rules={[{ required: true }]}>
            <Select
              style={{ width: 180 }}
              options={duesCategoryIds.map((c) => ({
                value: c,
                label: t(`care.duesCat.${c}` as MessageKey),
              }))}
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="baseYuan"
          label={t("care.baseYuan")}
          extra={t("care.baseHint")}
          rules={[yuanRule(yuanMessages(t, t("care.baseYuan")))]}
        >
          <InputNumber stringMode style={{ width: "100%" }} data-testid="care-assess-base" />
        </Form.Item>
      </Form>
    </FormModal>
  )
}

interface ReductionForm {
  memberId: string
  fromMonth: string
  toMonth: string
  monthlyYuan: string
  approvalRef: string
}

/** 党费减免: a reduction or exemption for months, recorded with the approval that granted it (支部研究、上级批准). */
export const RecordReduction = ({
  orgId,
  open,
  onClose,
}: {
  /** Whose members are offered: the page's organization, or the caller's whole scope. */
  readonly orgId: string | undefined
  readonly open: boolean
  readonly onClose: () => void
}) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<ReductionForm>()
  const save = useProblemForm({
    form,
    fields: ["memberId", "fromMonth", "toMonth", "monthlyYuan", "approvalRef"],
    fieldFor: (f) => (f === "monthlyFen" ? "monthlyYuan" : f),
    onClose: () => {
      form.resetFields()
      onClose()
    },
    send: (v: ReductionForm) =>
      careApi.reduce({
        memberId: v.memberId,
        fromMonth: v.fromMonth,
        toMonth: v.toMonth,
        monthlyFen: fenOfChecked(v.monthlyYuan),
        approvalRef: v.approvalRef.trim(),
      }),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["care"] })
      message.success(t("care.reduced"))
    },
  })
  return (
    <FormModal state={save} open={open} title={t("care.reduce")} okTestId="care-reduce-save">
      <Form<ReductionForm> form={form} layout="vertical" initialValues={{ monthlyYuan: "0" }}>
        <Form.Item
          name="memberId"
          label={t("care.member")}
          rules={[{ required: true, message: t("care.required") }]}
        >
          <MemberSelect orgId={orgId} testId="care-reduce-member" />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="fromMonth"
            label={t("care.fromMonth")}
            rules={[{ required: true, message: t("care.required") }]}
          >
            <Input type="month" />
          </Form.Item>
          <Form.Item
            name="toMonth"
            label={t("care.toMonth")}
            rules={[{ required: true, message: t("care.required") }]}
          >
            <Input type="month" />
          </Form.Item>
        </Space>
        <Form.Item
          name="monthlyYuan"
          label={t("care.reducedTo")}
          extra={t("care.reducedToHint")}
          rules={[
            { required: true, message: t("care.required") },
            yuanRule(yuanMessages(t, t("care.reducedTo"))),
          ]}
        >
          <InputNumber stringMode min="0" style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item
          name="approvalRef"
          label={t("care.approvalRef")}
          rules={[{ required: true, whitespace: true, message: t("care.required") }]}
        >
          <Input maxLength={200} placeholder={t("care.approvalRefHint")} />
        </Form.Item>
      </Form>
    </FormModal>
  )
}
