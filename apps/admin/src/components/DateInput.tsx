import { DatePicker } from "antd"
import dayjs, { type Dayjs } from "dayjs"
import type { CSSProperties } from "react"

const FORMAT = "YYYY-MM-DD"

/**
 * A civil date (`YYYY-MM-DD`, as the API takes it) picked on antd's calendar, which follows the interface's
 * language (the app's ConfigProvider and dayjs locale): a browser's own `<input type="date">` shows the
 * browser's locale instead (11/30/2026 in a Chinese interface on an English browser). The field shows the
 * date as ISO, the same in both languages; `max` is the last day that may be picked.
 */
export const DateInput = ({
  value,
  onChange,
  max,
  style,
  disabled,
  allowClear = false,
  ...rest
}: {
  readonly value?: string | undefined
  readonly onChange?: (value: string) => void
  readonly max?: string | undefined
  readonly style?: CSSProperties
  readonly disabled?: boolean
  readonly allowClear?: boolean
  readonly "aria-label"?: string
  readonly "data-testid"?: string
}) => {
  const parsed: Dayjs | null = value ? dayjs(value, FORMAT) : null
  const last = max ? dayjs(max, FORMAT) : undefined
  return (
    <DatePicker
      {...rest}
      value={parsed?.isValid() ? parsed : null}
      format={FORMAT}
      allowClear={allowClear}
      disabled={disabled === true}
      style={{ width: "100%", maxWidth: 220, ...style }}
      {...(last === undefined ? {} : { disabledDate: (d: Dayjs) => d.isAfter(last, "day") })}
      onChange={(d) => onChange?.(d ? d.format(FORMAT) : "")}
    />
  )
}
