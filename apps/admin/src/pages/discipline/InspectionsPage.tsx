import { useQuery, useQueryClient } from "@tanstack/react-query"
import type { DrawView, OrderView } from "@xianfeng/api/contract/discipline"
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Space, Table, Tag } from "antd"
import type { ColumnsType } from "antd/es/table"
import { useState } from "react"
import { useI18n } from "../../i18n/I18nProvider"
import type { MessageKey } from "../../i18n/messages"
import { Page } from "../../shell/Page"
import { problemMessage } from "../../shell/states"
import { type DrawForm, disciplineApi } from "./api"

const stateColor = { open: "orange", submitted: "blue", closed: "green" } as const

/** The draw (preview as often as one likes; publish stores seed and sample) and the rectification orders. */
const InspectionsPage = () => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<DrawForm>()
  const [preview, setPreview] = useState<DrawView | undefined>()
  const orders = useQuery({ queryKey: ["discipline", "orders"], queryFn: disciplineApi.orders })
  const draws = useQuery({ queryKey: ["discipline", "draws"], queryFn: disciplineApi.draws })
  const act = async (f: () => Promise<unknown>) => {
    try {
      await f()
      await queryClient.invalidateQueries({ queryKey: ["discipline"] })
    } catch (e) {
      message.error(problemMessage(e, t("discipline.failed")))
    }
  }
  const columns: ColumnsType<OrderView> = [
    { title: t("discipline.org"), dataIndex: "orgId", width: 100 },
    { title: t("discipline.owner"), dataIndex: "owner" },
    { title: t("discipline.deadline"), dataIndex: "deadline", width: 120 },
    {
      title: t("discipline.status"),
      dataIndex: "state",
      render: (s: OrderView["state"], o) => (
        <Space>
          <Tag color={stateColor[s]} data-testid={`order-state-${o.id}`}>
            {t(`discipline.order.${s}` as MessageKey)}
          </Tag>
          {o.overdue && <Tag color="red">{t("discipline.status.overdue")}</Tag>}
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
              onClick={() =>
                act(() =>
                  disciplineApi.submitEvidence(o.id, {
                    text: t("discipline.evidenceDefault"),
                    version: o.version,
                  }),
                )
              }
            >
              {t("discipline.submitEvidence")}
            </Button>
          )}
          {o.state === "submitted" && (
            <Button
              size="small"
              type="primary"
              data-testid={`order-verify-${o.id}`}
              onClick={() => act(() => disciplineApi.verify(o.id, { accept: true, version: o.version }))}
            >
              {t("discipline.verifyClose")}
            </Button>
          )}
          {o.state !== "closed" && o.overdue && (
            <Button
              size="small"
              danger
              onClick={() => act(() => disciplineApi.escalate(o.id, { version: o.version }))}
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
        </Form>
        {preview && (
          <p data-testid="draw-sample" style={{ marginTop: 12 }}>
            {t("discipline.sample")}: {preview.sample.join("、")}（{preview.algorithm}）
          </p>
        )}
        <p>
          {t("discipline.published")}: {draws.data?.items.length ?? 0}
        </p>
      </Card>
      <Card title={t("discipline.orders")} size="small" style={{ marginTop: 16 }}>
        <Table<OrderView>
          pagination={false}
          rowKey="id"
          size="small"
          loading={orders.isLoading}
          columns={columns}
          dataSource={orders.data?.items ?? []}
        />
      </Card>
    </Page>
  )
}

export default InspectionsPage
