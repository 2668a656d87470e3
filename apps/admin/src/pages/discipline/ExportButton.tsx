import { DownloadOutlined } from "@ant-design/icons"
import { App, Button } from "antd"
import { useState } from "react"
import { useI18n } from "../../i18n/I18nProvider"
import { problemMessage } from "../../shell/states"
import { downloadLedger } from "./api"

/** A button that downloads one of the area's ledgers and says what was saved (or why not). */
export const ExportButton = ({
  path,
  fallbackName,
  label,
  testId,
  disabled,
}: {
  readonly path: string
  readonly fallbackName: string
  readonly label: string
  readonly testId: string
  readonly disabled?: boolean
}) => {
  const { t, locale } = useI18n()
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      disabled={disabled === true}
      data-testid={testId}
      onClick={async () => {
        setBusy(true)
        try {
          message.success(
            t("discipline.exported", { name: await downloadLedger(path, locale, fallbackName) }),
          )
        } catch (e) {
          message.error(problemMessage(e, t("discipline.failed")))
        } finally {
          setBusy(false)
        }
      }}
    >
      {label}
    </Button>
  )
}
