import { PlusOutlined } from "@ant-design/icons"
import { useQueryClient } from "@tanstack/react-query"
import type { AppraisalRecordView } from "@xianfeng/api/contract/appraisal"
import { App, Button, Form, Input } from "antd"
import type { ColumnsType } from "antd/es/table"
import { useState } from "react"
import { FormModal } from "../../components/FormModal"
import { OrgPicker } from "../../components/OrgPicker"
import { QueryTable } from "../../components/QueryTable"
import { useProblemForm } from "../../components/useProblemForm"
import { useI18n } from "../../i18n/I18nProvider"
import { Page } from "../../shell/Page"
import { appraisalApi } from "./api"

interface NewRecord {
  orgId: string
  title: string
  onDate: string
  note?: string
}

const fields = ["orgId", "title", "onDate", "note"] as const

const CreateRecord = ({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<NewRecord>()
  // Field errors from the API land on their form items; a rule's refusal (422) shows above the form.
  const save = useProblemForm({
    form,
    fields,
    onClose: () => {
      form.resetFields()
      onClose()
    },
    send: (values: NewRecord) => appraisalApi.create({ ...values, title: values.title.trim() }),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["appraisal", "records"] })
      message.success(t("appraisal.created"))
    },
  })
  return (
    <FormModal state={save} open={open} title={t("appraisal.create")}>
      <Form<NewRecord> form={form} layout="vertical" requiredMark>
        <Form.Item
          name="orgId"
          label={t("appraisal.org")}
          rules={[{ required: true, message: t("appraisal.orgRequired") }]}
        >
          <OrgPicker />
        </Form.Item>
        <Form.Item
          name="title"
          label={t("appraisal.recordTitle")}
          rules={[{ required: true, whitespace: true, message: t("appraisal.titleRequired") }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="onDate"
          label={t("appraisal.onDate")}
          rules={[{ required: true, message: t("appraisal.dateRequired") }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="note" label={t("appraisal.note")}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </FormModal>
  )
}

const RecordsPage = () => {
  const { t } = useI18n()
  const [page, setPage] = useState({ page: 1, pageSize: 20 })
  const [creating, setCreating] = useState(false)
  const columns: ColumnsType<AppraisalRecordView> = [
    { title: t("appraisal.onDate"), dataIndex: "onDate", width: 120 },
    { title: t("appraisal.recordTitle"), dataIndex: "title" },
    { title: t("appraisal.org"), dataIndex: "orgName", ellipsis: true },
  ]
  return (
    <Page
      title={t("appraisal.title")}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t("appraisal.create")}
        </Button>
      }
    >
      <QueryTable<AppraisalRecordView>
        rowKey="id"
        columns={columns}
        queryKey={["appraisal", "records", page]}
        queryFn={() => appraisalApi.records(page)}
        page={page.page}
        pageSize={page.pageSize}
        pageSizes={[20, 50, 100]}
        onPage={(p, s) => setPage({ page: p, pageSize: s })}
        emptyText={t("appraisal.empty")}
      />
      <CreateRecord open={creating} onClose={() => setCreating(false)} />
    </Page>
  )
}

export default RecordsPage
