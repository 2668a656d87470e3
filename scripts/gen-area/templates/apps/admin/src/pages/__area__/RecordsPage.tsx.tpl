import { PlusOutlined } from "@ant-design/icons"
import { useQueryClient } from "@tanstack/react-query"
import type { __AreaPascal__RecordView } from "@xianfeng/api/contract/__area__"
import { App, Button, Form, Input } from "antd"
import type { ColumnsType } from "antd/es/table"
import { useState } from "react"
import { FormModal } from "../../components/FormModal"
import { OrgPicker } from "../../components/OrgPicker"
import { QueryTable } from "../../components/QueryTable"
import { useProblemForm } from "../../components/useProblemForm"
import { useI18n } from "../../i18n/I18nProvider"
import { Page } from "../../shell/Page"
import { __areaCamel__Api } from "./api"

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
    send: (values: NewRecord) => __areaCamel__Api.create({ ...values, title: values.title.trim() }),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["__area__", "records"] })
      message.success(t("__areaCamel__.created"))
    },
  })
  return (
    <FormModal state={save} open={open} title={t("__areaCamel__.create")}>
      <Form<NewRecord> form={form} layout="vertical" requiredMark>
        <Form.Item name="orgId" label={t("__areaCamel__.org")} rules={[{ required: true, message: t("__areaCamel__.orgRequired") }]}>
          <OrgPicker />
        </Form.Item>
        <Form.Item
          name="title"
          label={t("__areaCamel__.recordTitle")}
          rules={[{ required: true, whitespace: true, message: t("__areaCamel__.titleRequired") }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="onDate" label={t("__areaCamel__.onDate")} rules={[{ required: true, message: t("__areaCamel__.dateRequired") }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="note" label={t("__areaCamel__.note")}>
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
  const columns: ColumnsType<__AreaPascal__RecordView> = [
    { title: t("__areaCamel__.onDate"), dataIndex: "onDate", width: 120 },
    { title: t("__areaCamel__.recordTitle"), dataIndex: "title" },
    { title: t("__areaCamel__.org"), dataIndex: "orgName", ellipsis: true },
  ]
  return (
    <Page
      title={t("__areaCamel__.title")}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t("__areaCamel__.create")}
        </Button>
      }
    >
      <QueryTable<__AreaPascal__RecordView>
        rowKey="id"
        columns={columns}
        queryKey={["__area__", "records", page]}
        queryFn={() => __areaCamel__Api.records(page)}
        page={page.page}
        pageSize={page.pageSize}
        pageSizes={[20, 50, 100]}
        onPage={(p, s) => setPage({ page: p, pageSize: s })}
        emptyText={t("__areaCamel__.empty")}
      />
      <CreateRecord open={creating} onClose={() => setCreating(false)} />
    </Page>
  )
}

export default RecordsPage
