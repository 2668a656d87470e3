import { PlusOutlined } from "@ant-design/icons"
import { useQuery, useQueryClient } from "@tanstack/react-query"
import { App, Button, Card, Form, Input, InputNumber, List, Tag, Typography } from "antd"
import { useState } from "react"
import { FormModal } from "../../components/FormModal"
import { useProblemForm } from "../../components/useProblemForm"
import { useI18n } from "../../i18n/I18nProvider"
import { Page } from "../../shell/Page"
import { calendarApi } from "./api"

interface YearForm {
  year: number
  notice: string
  /** One line a day: `2027-01-01 元旦`. */
  holidays: string
  /** One date a line. */
  makeUpWorkdays: string
}

const fields = ["year", "notice", "holidays", "makeUpWorkdays"] as const

const linesOf = (text: string) =>
  text
    .split(/\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "")

/**
 * The years of the official working calendar the district loaded itself: each November the State Council
 * publishes the next year's holidays; until a release bundles them, the district enters them here (until then
 * the year's working-day deadlines stay "unknown").
 */
const CalendarPage = () => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const years = useQuery({ queryKey: ["calendar", "years"], queryFn: calendarApi.years })
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm<YearForm>()
  const save = useProblemForm({
    form,
    fields,
    fieldFor: (f) =>
      f.startsWith("holidays") ? "holidays" : f.startsWith("makeUpWorkdays") ? "makeUpWorkdays" : f,
    onClose: () => {
      form.resetFields()
      setOpen(false)
    },
    send: (v: YearForm) =>
      calendarApi.save(v.year, {
        notice: v.notice.trim(),
        holidays: Object.fromEntries(
          linesOf(v.holidays).map((l) => {
            const [day, ...name] = l.split(/\s+/)
            return [day ?? "", name.join(" ")]
          }),
        ),
        makeUpWorkdays: linesOf(v.makeUpWorkdays ?? ""),
      }),
    onSaved: async () => {
      await queryClient.invalidateQueries({ queryKey: ["calendar", "years"] })
      message.success(t("calendar.saved"))
    },
  })
  return (
    <Page
      title={t("calendar.title")}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setOpen(true)}
          data-testid="calendar-add"
        >
          {t("calendar.add")}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t("calendar.hint")}</Typography.Paragraph>
      <List
        dataSource={years.data ?? []}
        loading={years.isLoading}
        locale={{ emptyText: t("calendar.empty") }}
        renderItem={(y) => (
          <List.Item>
            <Card size="small" style={{ width: "100%" }} title={`${y.year} · ${y.notice}`}>
              <div>
                {Object.entries(y.holidays).map(([d, n]) => (
                  <Tag key={d} color="red" style={{ marginBottom: 4 }}>
                    {d} {n}
                  </Tag>
                ))}
              </div>
              <div>
                {y.makeUpWorkdays.map((d) => (
                  <Tag key={d} style={{ marginBottom: 4 }}>
                    {d} {t("calendar.workday")}
                  </Tag>
                ))}
              </div>
            </Card>
          </List.Item>
        )}
      />
      <FormModal state={save} open={open} title={t("calendar.add")}>
        <Form<YearForm>
          form={form}
          layout="vertical"
          requiredMark
          initialValues={{ year: new Date().getFullYear() + 1 }}
        >
          <Form.Item name="year" label={t("calendar.year")} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item
            name="notice"
            label={t("calendar.notice")}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={100} placeholder="国办发明电〔2026〕…号" />
          </Form.Item>
          <Form.Item
            name="holidays"
            label={t("calendar.holidays")}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea autoSize={{ minRows: 4 }} placeholder={"2027-01-01 元旦\n2027-02-06 春节"} />
          </Form.Item>
          <Form.Item name="makeUpWorkdays" label={t("calendar.makeUpWorkdays")}>
            <Input.TextArea autoSize={{ minRows: 2 }} placeholder="2027-02-14" />
          </Form.Item>
        </Form>
      </FormModal>
    </Page>
  )
}

export default CalendarPage
