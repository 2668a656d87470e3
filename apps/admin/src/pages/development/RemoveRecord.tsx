import { useQueryClient } from "@tanstack/react-query"
import { App, Form, Input, Typography } from "antd"
import { FormModal } from "../../components/FormModal"
import { useProblemForm } from "../../components/useProblemForm"
import { useI18n } from "../../i18n/I18nProvider"
import { devApi } from "./api"
import { devKeys } from "./queries"
import type { Timeline } from "./types"

/** The record being removed: its id, and the step's name and date for the dialog's title. */
export interface RemovalTarget {
  readonly id: string
  readonly stepName: string
  readonly onDate: string
}

/**
 * Removes a development record entered in error, with a reason. Nothing is deleted: the API keeps the record
 * as removed, judges the history again without it and writes an audit row. A 409 means the person's records
 * changed since the page was read: the dialog offers a refresh.
 */
export const RemoveRecord = ({
  timeline,
  target,
  onClose,
}: {
  readonly timeline: Timeline
  readonly target: RemovalTarget | undefined
  readonly onClose: () => void
}) => {
  const { t } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ reason: string }>()
  const memberId = timeline.member.id
  const save = useProblemForm({
    form,
    onClose,
    fields: ["reason"] as const,
    onConflict: "stale",
    send: (v: { reason: string }) =>
      devApi.removeRecord(memberId, target?.id ?? "", v.reason.trim(), timeline.member.version),
    onSaved: async (updated: Timeline) => {
      queryClient.setQueryData(devKeys.timeline(memberId), updated)
      void queryClient.invalidateQueries({ queryKey: ["development", "plan", memberId] })
      void queryClient.invalidateQueries({ queryKey: ["development", "pipeline"] })
      void queryClient.invalidateQueries({ queryKey: ["member", memberId] })
      void queryClient.invalidateQueries({ queryKey: ["members"] })
      message.success(t("dev.remove.done", { step: target?.stepName ?? "" }))
    },
  })
  return (
    <FormModal
      state={save}
      open={target !== undefined}
      title={t("dev.remove.title", { step: target?.stepName ?? "", date: target?.onDate ?? "" })}
      okTestId="remove-submit"
      intro={<Typography.Paragraph type="secondary">{t("dev.remove.explain")}</Typography.Paragraph>}
      stale={{
        message: t("dev.remove.stale"),
        action: t("dev.remove.refresh"),
        onRefresh: () => {
          void queryClient.invalidateQueries({ queryKey: devKeys.timeline(memberId) })
          onClose()
        },
      }}
    >
      <Form form={form} layout="vertical" requiredMark name="remove">
        <Form.Item
          name="reason"
          label={t("dev.remove.reason")}
          rules={[
            { required: true, whitespace: true, message: t("dev.remove.reasonRequired") },
            { min: 2, message: t("dev.remove.reasonRequired") },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="remove-reason" />
        </Form.Item>
      </Form>
    </FormModal>
  )
}
