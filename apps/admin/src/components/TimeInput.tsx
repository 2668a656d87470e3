import { TimePicker } from "antd"
import dayjs, { type Dayjs } from "dayjs"
import type { CSSProperties } from "react"

const FORMAT = "HH:mm"

/**
 * A clock time (`HH:MM`, as the API takes it) picked on antd's TimePicker in the interface's language (the
 * app's ConfigProvider and dayjs locale), like `DateInput`: a browser's own `<input type="time">` shows the
 * browser's locale and its 12-hour clock instead. Minutes in steps of `minuteStep` (5 by default: meetings are
 * recorded to the minute but begin on the quarter hour or so); any minute may still be typed.
 */
export const TimeInput = ({
  value,
  onChange,
  style,
  minuteStep = 5,
  ...rest
}: {
  readonly value?: string | undefined
  readonly onChange?: (value: string) => void
  readonly style?: CSSProperties
  readonly minuteStep?: 1 | 5 | 10 | 15
  readonly id?: string
  readonly "aria-label"?: string
  readonly "data-testid"?: string
}) => {
  const parsed: Dayjs | null = value ? dayjs(value, FORMAT) : null
  return (
    <TimePicker
      {...rest}
      value={parsed?.isValid() ? parsed : null}
      format={FORMAT}
      minuteStep={minuteStep}
      allowClear={false}
      needConfirm={false}
      style={{ width: "100%", maxWidth: 160, ...style }}
      onChange={(d) => onChange?.(d ? d.format(FORMAT) : "")}
    />
  )
}
