import { DownloadOutlined, PlusOutlined } from "@ant-design/icons"
import { useQuery, useQueryClient } from "@tanstack/react-query"
import { App, Button, Checkbox, Form, Input, InputNumber, Space, Tag, Typography } from "antd"
import type { ColumnsType } from "antd/es/table"
import { useState } from "react"
import { FormModal } from "../../components/FormModal"
import { OrgPicker } from "../../components/OrgPicker"
import { useProblemForm } from "../../components/useProblemForm"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import { useSession } from "../../shell/auth"
import { Page } from "../../shell/Page"
import { ErrorState, Loading } from "../../shell/states"
import { appraisalApi, type SecretaryView } from "./api"
import { indicatorList, tierList } from "./grades"

interface Entry {
  orgId: string
  secretaryName: string
  reportSubmitted: boolean
  comments?: string
  votes: Record<(typeof tierList)[number], number>
  indicators: Record<(typeof indicatorList)[number], number | null>
}

const Enter = ({ open, onClose, year }: { open: boolean; onClose: () => void; year: number }) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Entry>()
  const [notRecorded, setNotRecorded] = useState<string[]>(["studyHours", "visits"])
  const save = useProblemForm({
    form,
    fields: ["orgId", "secretaryName", "reportSubmitted", "comments", "votes", "indicators"] as const,
    onClose: () => {
      form.resetFields()
      onClose()
    },
    send: (v: Entry) =>
      appraisalApi.saveSecretary({
        orgId: v.orgId,
        year,
        secretaryName: v.secretaryName.trim(),
        reportSubmitted: v.reportSubmitted ?? false,
        comments: (v.comments ?? "")
          .split("\n")
          .map((c) => c.trim())
          .filter((c) => c !== ""),
        votes: Object.fromEntries(tierList.map((k) => [k, v.votes?.[k] ?? 0])),
        indicators: Object.fromEntries(indicatorList.map((k) => [k, v.indicators?.[k] ?? null])),
      }),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["appraisal", "secretaries"] })
      message.success(t("appraisal.saved"))
    },
  })
  return (
    <FormModal state={save} open={open} title={`${t("appraisal.enter")} · ${year}`}>
      <Form form={form} layout="vertical" initialValues={{ reportSubmitted: true }}>
        <Form.Item name="orgId" label={t("appraisal.org")} rules={[{ required: true }]}>
          <OrgPicker />
        </Form.Item>
        <Button
          size="small"
          style={{ marginBottom: 12 }}
          onClick={async () => {
            const orgId = form.getFieldValue("orgId") as string | undefined
            if (!orgId) return
            const p = await appraisalApi.prefill(orgId, year)
            setNotRecorded(p.notRecorded)
            form.setFieldsValue({
              indicators: {
                ...form.getFieldValue("indicators"),
                ...Object.fromEntries(Object.entries(p.indicators).filter(([, v]) => v !== null)),
              },
            })
          }}
        >
          {t("appraisal.prefill")}
        </Button>
        <Form.Item
          name="secretaryName"
          label={t("appraisal.secretaryName")}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="reportSubmitted" valuePropName="checked">
          <Checkbox>{t("appraisal.report")}</Checkbox>
        </Form.Item>
        <Form.Item name="comments" label={t("appraisal.comments")}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Typography.Text strong>{t("appraisal.votes")}</Typography.Text>
        <Space wrap style={{ margin: "8px 0 12px" }}>
          {tierList.map((k) => (
            <Form.Item
              key={k}
              name={["votes", k]}
              label={t(`appraisal.tier.${k}`)}
              style={{ marginBottom: 0 }}
            >
              <InputNumber min={0} max={10000} />
            </Form.Item>
          ))}
        </Space>
        <Typography.Text strong>{t("appraisal.indicators")}</Typography.Text>
        {indicatorList.map((k) => (
          <Form.Item
            key={k}
            name={["indicators", k]}
            label={t(`appraisal.indicator.${k}`)}
            extra={notRecorded.includes(k) ? t("appraisal.notRecorded") : undefined}
          >
            <InputNumber min={0} max={100} />
          </Form.Item>
        ))}
      </Form>
    </FormModal>
  )
}

/** 抓基层党建述职评议考核: the year's secretaries, their tiers under the cap, and next year's rectification list. */
const SecretariesPage = () => {
  const { t } = useI18n()
  const { session } = useSession()
  const [year, setYear] = useState(new Date().getFullYear() - 1)
  const [entering, setEntering] = useState(false)
  const list = useQuery({
    queryKey: ["appraisal", "secretaries", year],
    queryFn: () => appraisalApi.secretaries({ year }),
  })
  const canEnter = session?.user.role === "district-admin" || session?.user.role === "committee-officer"
  const columns: ColumnsType<SecretaryView> = [
    { title: t("appraisal.org"), dataIndex: "orgName" },
    { title: t("appraisal.secretaryName"), dataIndex: "secretaryName" },
    {
      title: t("appraisal.score"),
      dataIndex: "score",
      render: (s: number | null) => (s === null ? "—" : s.toFixed(1)),
    },
    {
      title: t("appraisal.tier"),
      dataIndex: "tier",
      render: (tier: string | null) =>
        tier ? (
          <Tag color={tier === "good" ? "red" : tier === "poor" ? "default" : "blue"}>
            {t(`appraisal.tier.${tier}` as "appraisal.tier.good")}
          </Tag>
        ) : (
          "—"
        ),
    },
    {
      title: t("appraisal.explanation"),
      render: (_: unknown, s) => (
        <span style={{ fontSize: 12 }}>{s.verdicts.map((v) => v.message).join("；")}</span>
      ),
    },
    {
      title: t("appraisal.rectification"),
      render: (_: unknown, s) =>
        s.rectification.map((r) => <div key={r.indicator}>{`${r.label} ${r.value}/${r.target}`}</div>),
    },
  ]
  return (
    <Page
      title={t("appraisal.secretaries")}
      extra={
        <Space wrap>
          <InputNumber
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => v && setYear(v)}
            aria-label={t("appraisal.year")}
          />
          <Button icon={<DownloadOutlined />} href={appraisalApi.secretariesXlsx(year)}>
            {t("appraisal.export")}
          </Button>
          {canEnter && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEntering(true)}>
              {t("appraisal.enter")}
            </Button>
          )}
        </Space>
      }
    >
      {list.data && (
        <Typography.Paragraph type="secondary">
          {t("appraisal.goodCap", { cap: list.data.goodCap })}
        </Typography.Paragraph>
      )}
      {list.isLoading ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} />
      ) : (
        <XfTable<SecretaryView>
          rowKey="id"
          columns={columns}
          dataSource={[...(list.data?.items ?? [])]}
          pagination={false}
        />
      )}
      <Enter open={entering} onClose={() => setEntering(false)} year={year} />
    </Page>
  )
}

export default SecretariesPage
