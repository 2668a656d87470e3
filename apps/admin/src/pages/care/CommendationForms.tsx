import { useQuery, useQueryClient } from "@tanstack/react-query"
import type { CampaignView, NominationView } from "@xianfeng/api/contract/care"
import { App, Button, Form, Input, InputNumber, Select, Space } from "antd"
import { useState } from "react"
import { endpoints } from "../../api/endpoints"
import { ProblemError } from "../../api/problem"
import { DateInput } from "../../components/DateInput"
import { FormModal } from "../../components/FormModal"
import { OrgPicker } from "../../components/OrgPicker"
import { useProblemForm } from "../../components/useProblemForm"
import { useI18n } from "../../i18n/I18nProvider"
import type { MessageKey } from "../../i18n/messages"
import { careApi } from "./api"

const thisYear = () =>
  Number(new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" }).slice(0, 4))
const today = () => new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" })

interface CampaignForm {
  orgId: string
  year: number
  title: string
}

/** 发起评选: a July-1 campaign of an organization; each child organization gets the policy's share as its quota. */
export const StartCampaign = ({
  open,
  onClose,
}: {
  readonly open: boolean
  readonly onClose: () => void
}) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<CampaignForm>()
  const save = useProblemForm({
    form,
    fields: ["orgId", "year", "title"],
    onClose: () => {
      form.resetFields()
      onClose()
    },
    send: (v: CampaignForm) => careApi.startCampaign({ orgId: v.orgId, year: v.year, title: v.title.trim() }),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["care", "campaigns"] })
      message.success(t("care.campaignStarted"))
    },
  })
  return (
    <FormModal state={save} open={open} title={t("care.startCampaign")} okTestId="care-campaign-save">
      <Form<CampaignForm>
        form={form}
        layout="vertical"
        initialValues={{ year: thisYear() + 1, title: `${thisYear() + 1}年“两优一先”评选表彰` }}
      >
        <Form.Item
          name="orgId"
          label={t("care.org")}
          rules={[{ required: true, message: t("care.required") }]}
        >
          <OrgPicker testId="care-campaign-org" />
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
          label={t("care.campaignTitle")}
          extra={t("care.quotaHint")}
          rules={[{ required: true, whitespace: true, message: t("care.required") }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </FormModal>
  )
}

interface NominationForm {
  orgId: string
  title: "outstanding-member" | "party-worker" | "advanced-org"
  memberId?: string
  grade?: "excellent" | "qualified" | "basically-qualified" | "unqualified"
  partyWorkYears?: number
  deeds: string
}

/**
 * 推荐人选: a nomination by an organization holding a quota. The API refuses one over the quota (422 naming
 * `orgId`), an ineligible member (the field at fault): the answer shows under the field.
 */
export const Nominate = ({
  campaign,
  open,
  onClose,
}: {
  readonly campaign: CampaignView
  readonly open: boolean
  readonly onClose: () => void
}) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<NominationForm>()
  const orgId = Form.useWatch("orgId", form)
  const title = Form.useWatch("title", form)
  const [search, setSearch] = useState("")
  const members = useQuery({
    queryKey: ["care", "nominees", orgId, search],
    queryFn: () => endpoints.members({ orgId, q: search || undefined, stage: "full", page: 1, pageSize: 50 }),
    enabled: open && orgId !== undefined && title !== "advanced-org",
  })
  const gradeYear = String(campaign.year - 1)
  const save = useProblemForm({
    form,
    fields: ["orgId", "title", "memberId", "grades", "partyWorkYears", "deeds"],
    fieldFor: (f) => (f.startsWith("grades") ? "grade" : f),
    onClose: () => {
      form.resetFields()
      onClose()
    },
    send: (v: NominationForm) =>
      careApi.nominate(campaign.id, {
        orgId: v.orgId,
        title: v.title,
        ...(v.title !== "advanced-org" && v.memberId ? { memberId: v.memberId } : {}),
        ...(v.grade ? { grades: { [gradeYear]: v.grade } } : {}),
        ...(v.title === "party-worker" && v.partyWorkYears !== undefined
          ? { partyWorkYears: v.partyWorkYears }
          : {}),
        deeds: v.deeds.trim(),
      }),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["care"] })
      message.success(t("care.nominated"))
    },
  })
  return (
    <FormModal state={save} open={open} title={t("care.nominate")} okTestId="care-nomination-save">
      <Form<NominationForm> form={form} layout="vertical" initialValues={{ title: "outstanding-member" }}>
        <Form.Item
          name="orgId"
          label={t("care.quotaHolder")}
          rules={[{ required: true, message: t("care.required") }]}
        >
          <Select
            data-testid="care-nomination-org"
            options={campaign.quotas.map((q) => ({
              value: q.orgId,
              label: `${q.orgName}（${q.used}/${q.quota}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t("care.commendTitle")} rules={[{ required: true }]}>
          <Select
            options={(["outstanding-member", "party-worker", "advanced-org"] as const).map((x) => ({
              value: x,
              label: t(`care.title.${x}` as MessageKey),
            }))}
          />
        </Form.Item>
        {title === "advanced-org" ? null : (
          <Form.Item
            name="memberId"
            label={t("care.member")}
            rules={[{ required: true, message: t("care.required") }]}
          >
            <Select
              data-testid="care-nomination-member"
              showSearch
              filterOption={false}
              onSearch={setSearch}
              loading={members.isLoading}
              disabled={orgId === undefined}
              options={(members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="grade" label={t("care.gradeOf", { year: gradeYear })}>
          <Select
            allowClear
            options={(["excellent", "qualified", "basically-qualified", "unqualified"] as const).map((g) => ({
              value: g,
              label: t(`care.grade.${g}` as MessageKey),
            }))}
          />
        </Form.Item>
        {title === "party-worker" ? (
          <Form.Item name="partyWorkYears" label={t("care.partyWorkYears")}>
            <InputNumber min={0} max={80} style={{ width: "100%" }} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="deeds"
          label={t("care.deeds")}
          rules={[{ required: true, whitespace: true, message: t("care.required") }]}
        >
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </FormModal>
  )
}

/** The next steps of a nomination (审查 → 公示 → 批准, or withdrawn), each a button; a refusal says why. */
export const NominationSteps = ({ nomination }: { readonly nomination: NominationView }) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [pending, setPending] = useState(false)
  const next: Readonly<Record<string, readonly NominationView["stage"][]>> = {
    nominated: ["vetted", "withdrawn"],
    vetted: ["noticed", "withdrawn"],
    noticed: ["approved", "withdrawn"],
  }
  const move = async (stage: NominationView["stage"]) => {
    setPending(true)
    try {
      await careApi.moveNomination(nomination.id, { stage, version: nomination.version })
      await queryClient.invalidateQueries({ queryKey: ["care"] })
      message.success(t(`care.stage.${stage}` as MessageKey))
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e
      message.error(e.problem.errors?.map((x) => x.message).join("；") || e.problem.detail || e.problem.title)
    } finally {
      setPending(false)
    }
  }
  return (
    <Space size={4} wrap>
      {(next[nomination.stage] ?? []).map((s) => (
        <Button
          key={s}
          size="small"
          type={s === "withdrawn" ? "text" : "link"}
          danger={s === "withdrawn"}
          disabled={pending}
          data-testid={`care-step-${s}-${nomination.id}`}
          onClick={() => move(s)}
        >
          {t(`care.step.${s}` as MessageKey)}
        </Button>
      ))}
    </Space>
  )
}

/** 开始公示: the campaign's public notice from a day; it ends after the policy's working days. */
export const StartNotice = ({ campaign }: { readonly campaign: CampaignView }) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [startsOn, setStartsOn] = useState(today())
  const [pending, setPending] = useState(false)
  const start = async () => {
    setPending(true)
    try {
      await careApi.startNotice(campaign.id, { startsOn })
      await queryClient.invalidateQueries({ queryKey: ["care", "campaigns"] })
      message.success(t("care.noticeStarted"))
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e
      message.error(e.problem.errors?.map((x) => x.message).join("；") || e.problem.detail || e.problem.title)
    } finally {
      setPending(false)
    }
  }
  return (
    <Space.Compact>
      <DateInput
        value={startsOn}
        onChange={setStartsOn}
        aria-label={t("care.notice")}
        style={{ width: 150 }}
        data-testid="care-notice-start"
      />
      <Button onClick={start} disabled={pending || startsOn === ""} data-testid="care-start-notice">
        {t("care.startNotice")}
      </Button>
    </Space.Compact>
  )
}

/** 颁发纪念章: records the award for an eligible member; the API refuses anyone else (422 naming memberId). */
export const AwardMedal = ({ memberId, year }: { readonly memberId: string; readonly year: number }) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [pending, setPending] = useState(false)
  const award = async () => {
    setPending(true)
    try {
      await careApi.awardMedal({ memberId, year })
      await queryClient.invalidateQueries({ queryKey: ["care", "medal"] })
      message.success(t("care.awarded"))
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e
      message.error(e.problem.errors?.map((x) => x.message).join("；") || e.problem.detail || e.problem.title)
    } finally {
      setPending(false)
    }
  }
  return (
    <Button
      size="small"
      type="link"
      disabled={pending}
      onClick={award}
      data-testid={`care-award-${memberId}`}
    >
      {t("care.award")}
    </Button>
  )
}
