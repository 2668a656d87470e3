import { Alert, Button, Modal } from "antd"
import type { ReactNode } from "react"
import { useI18n } from "../i18n/I18nProvider"
import type { ProblemFormState } from "./useProblemForm"

/** What the dialog says when a version-checked save was refused (409), and how to start again. */
export interface StaleNotice {
  readonly message: string
  readonly action: string
  /** Reload the record; the dialog closes, since what was typed rests on the old version. */
  readonly onRefresh: () => void
  readonly testId?: string
}

/**
 * The save/cancel dialog around a form: the problems that name no field above it, and after a 409
 * the stale-version alert with its refresh button (saving stays off until the record is reloaded).
 */
export const FormModal = ({
  state,
  open,
  title,
  stale,
  intro,
  width,
  okTestId,
  children,
}: {
  readonly state: ProblemFormState
  readonly open: boolean
  readonly title: ReactNode
  readonly stale?: StaleNotice
  /** Shown above the alerts, e.g. a hint on what happens after saving. */
  readonly intro?: ReactNode
  readonly width?: number
  readonly okTestId?: string
  readonly children: ReactNode
}) => {
  const { t } = useI18n()
  const isStale = state.stale && stale !== undefined
  return (
    <Modal
      open={open}
      title={title}
      onCancel={state.close}
      onOk={state.submit}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={{ disabled: isStale, ...(okTestId ? { "data-testid": okTestId } : {}) }}
      confirmLoading={state.pending}
      destroyOnHidden
      maskClosable={false}
      {...(width ? { width } : {})}
    >
      {intro}
      {isStale ? (
        <Alert
          type="warning"
          showIcon
          message={stale.message}
          style={{ marginBottom: 16 }}
          action={
            <Button
              size="small"
              {...(stale.testId ? { "data-testid": stale.testId } : {})}
              onClick={() => {
                stale.onRefresh()
                state.close()
              }}
            >
              {stale.action}
            </Button>
          }
        />
      ) : null}
      {state.error ? (
        <Alert type="error" showIcon message={state.error} style={{ marginBottom: 16 }} />
      ) : null}
      {children}
    </Modal>
  )
}
