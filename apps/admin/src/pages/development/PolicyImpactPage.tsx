import { useMutation } from "@tanstack/react-query"
import { Alert, Button, Card, Flex, Form, Input, InputNumber, Space, Table, Tag, Typography } from "antd"
import { useState } from "react"
import { useI18n } from "../../i18n/I18nProvider"
import type { MessageKey } from "../../i18n/messages"
import { Page } from "../../shell/Page"
import { problemMessage } from "../../shell/states"
import { devApi } from "./api"
import { type Fields, overlayOf } from "./policyImpact"
import type { PolicyImpact } from "./types"

type Group = PolicyImpact["groups"][number]
type Sample = Group["sample"][number]

/**
 * 政策调整影响预览: "what happens to my people if I set training to 40 hours?" The API judges the district's
 * pipeline under the stored policy and under the proposed one; nothing is saved.
 */
const PolicyImpactPage = () => {
  const { t } = useI18n()
  const [form] = Form.useForm<Fields>()
  const [badJson, setBadJson] = useState(false)
  const preview = useMutation({
    mutationFn: (overlay: Record<string, unknown>) => devApi.policyImpact({ overlay }),
  })
  const run = (f: Fields) => {
    const overlay = overlayOf(f)
    setBadJson(overlay === undefined)
    if (overlay !== undefined) preview.mutate(overlay)
  }
  const kind = (k: Group["kind"]) => t(`dev.impact.kind.${k}` as MessageKey)
  const r = preview.data
  const samples = (r?.groups ?? []).flatMap((g) =>
    g.sample.map((s, i) => ({ ...s, g, key: `${g.rule}/${g.kind}/${i}` })),
  )
  return (
    <Page title={t("dev.impact.title")}>
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        <Card size="small">
          <Typography.Paragraph type="secondary">{t("dev.impact.hint")}</Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={run} data-testid="impact-form">
            <Flex wrap gap={16}>
              <Form.Item name="trainingMinDays" label={t("dev.impact.trainingMinDays")}>
                <InputNumber min={1} max={60} precision={0} data-testid="impact-days" />
              </Form.Item>
              <Form.Item name="trainingMinHours" label={t("dev.impact.trainingMinHours")}>
                <InputNumber min={1} max={500} precision={0} data-testid="impact-hours" />
              </Form.Item>
            </Flex>
            <Form.Item name="other" label={t("dev.impact.other")}>
              <Input.TextArea rows={3} placeholder='{ "activistMinWait": { "months": 6 } }' />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={preview.isPending} data-testid="impact-run">
              {t("dev.impact.run")}
            </Button>
          </Form>
        </Card>
        {badJson && <Alert type="error" showIcon message={t("dev.impact.badJson")} />}
        {preview.error && (
          <Alert type="error" showIcon message={problemMessage(preview.error, String(preview.error))} />
        )}
        {r && (
          <Card size="small" data-testid="impact-report">
            <Alert
              type={r.changedVerdicts === 0 ? "success" : "warning"}
              showIcon
              style={{ marginBottom: 12 }}
              message={
                r.changedVerdicts === 0
                  ? t("dev.impact.none")
                  : t("dev.impact.summary", {
                      people: r.people,
                      affected: r.affectedPeople,
                      verdicts: r.changedVerdicts,
                      asOf: r.asOf,
                    })
              }
            />
            <Table<Group>
              size="small"
              rowKey={(g) => `${g.rule}/${g.kind}`}
              dataSource={[...r.groups]}
              pagination={false}
              columns={[
                { title: t("dev.impact.rule"), dataIndex: "rule" },
                {
                  title: t("dev.impact.kind"),
                  dataIndex: "kind",
                  render: (k: Group["kind"]) => <Tag>{kind(k)}</Tag>,
                },
                { title: t("dev.impact.verdicts"), dataIndex: "verdicts", align: "right" },
                { title: t("dev.impact.people"), dataIndex: "people", align: "right" },
              ]}
            />
            {samples.length > 0 && (
              <Table<Sample & { g: Group; key: string }>
                size="small"
                style={{ marginTop: 12 }}
                rowKey="key"
                dataSource={samples}
                pagination={{ pageSize: 20 }}
                scroll={{ x: true }}
                columns={[
                  { title: t("dev.impact.rule"), render: (_, s) => s.g.rule },
                  { title: t("dev.impact.kind"), render: (_, s) => kind(s.g.kind) },
                  { title: t("dev.impact.name"), dataIndex: "name" },
                  { title: t("dev.impact.idNumber"), dataIndex: "idNumber" },
                  { title: t("dev.impact.org"), dataIndex: "org" },
                  { title: t("dev.impact.step"), dataIndex: "slot" },
                  { title: t("dev.impact.before"), dataIndex: "before" },
                  { title: t("dev.impact.after"), dataIndex: "after" },
                ]}
              />
            )}
          </Card>
        )}
      </Space>
    </Page>
  )
}

export default PolicyImpactPage
